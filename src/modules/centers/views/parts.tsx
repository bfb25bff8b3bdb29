import type { ServiceRequestStatus } from '../../../db/schema.ts';
import { CsrfField } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';

/** A request's status as a tag. */
export function StatusTag({ ctx, status }: { ctx: ViewContext; status: ServiceRequestStatus }) {
  const colour = status === 'open' ? 'bg-secondary-dark' : status === 'in_progress' ? 'bg-accent-warm-dark' : status === 'answered' ? 'bg-primary-dark' : 'bg-base-dark';
  return <span class={`usa-tag ${colour}`}>{ctx.t(`centers:status.${status}`)}</span>;
}

/** A file input with its label, limit hint and any message. */
export function FileField(props: { ctx: ViewContext; name: string; label: string; hint: string; error?: string }) {
  const id = `field-${props.name}`;
  return (
    <div class={`usa-form-group${props.error ? ' usa-form-group--error' : ''}`}>
      <label class={`usa-label${props.error ? ' usa-label--error' : ''}`} for={id}>
        {props.label}
      </label>
      <div class="usa-hint" id={`${id}-hint`}>
        {props.hint}
      </div>
      {props.error && (
        <span class="usa-error-message" id={`${id}-error`} role="alert">
          {props.error}
        </span>
      )}
      <input class="display-block margin-top-1" id={id} name={props.name} type="file" aria-describedby={`${id}-hint${props.error ? ` ${id}-error` : ''}`} />
    </div>
  );
}

/** A one-button POST form (retire, move, delete…): works without JavaScript. */
export function ActionButton(props: { ctx: ViewContext; action: string; label: string; fields?: Record<string, string>; variant?: string }) {
  return (
    <form method="post" action={props.action} class="display-inline-block margin-right-1">
      <CsrfField ctx={props.ctx} />
      {Object.entries(props.fields ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class={`usa-button usa-button--unstyled${props.variant ? ` ${props.variant}` : ''}`}>
        {props.label}
      </button>
    </form>
  );
}
