import type { ComponentChildren } from 'preact';
import type { Flash, ViewContext } from '../view-context.ts';

/** A USWDS alert. `slim` for one-line notices. */
export function Alert(props: { type: Flash['type']; heading?: string; children?: ComponentChildren; slim?: boolean }) {
  const role = props.type === 'error' ? 'alert' : 'status';
  return (
    <div class={`usa-alert usa-alert--${props.type}${props.slim ? ' usa-alert--slim' : ''} margin-bottom-3`} role={role}>
      <div class="usa-alert__body">
        {props.heading && <h2 class="usa-alert__heading">{props.heading}</h2>}
        <div class="usa-alert__text">{props.children}</div>
      </div>
    </div>
  );
}

export function FlashAlert({ ctx, flash }: { ctx: ViewContext; flash: Flash }) {
  return (
    <Alert type={flash.type} slim>
      {ctx.t(flash.message)}
    </Alert>
  );
}
