import type { ComponentChildren, VNode } from 'preact';
import type { FieldErrors } from '../../errors.ts';
import type { ViewContext } from '../view-context.ts';

/** What a form shows: the values the person typed and the messages beside each field. */
export interface FormState {
  values: Record<string, unknown>;
  errors: FieldErrors;
  /** A message for the whole form (for example "Email or password is wrong"): a catalogue key. */
  formError?: string;
  /** Values for the placeholders of `formError` (for example a size limit). */
  formErrorParams?: Record<string, unknown>;
}

export const emptyForm = (values: Record<string, unknown> = {}): FormState => ({ values, errors: {} });

export function CsrfField({ ctx }: { ctx: ViewContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrf()} />;
}

/**
 * A POST form with its CSRF token, and an error summary at the top when there are errors. The token
 * comes first, which a multipart form (`enctype`) relies on: the server reads it before any file.
 */
export function Form(props: { ctx: ViewContext; action: string; state?: FormState; children: ComponentChildren; class?: string; id?: string; enctype?: 'multipart/form-data' }) {
  const { ctx, state } = props;
  return (
    <form method="post" action={props.action} enctype={props.enctype} class={props.class ?? 'usa-form usa-form--large'} id={props.id} noValidate>
      <CsrfField ctx={ctx} />
      {state && <ErrorSummary ctx={ctx} state={state} labels={collectLabels(props.children)} />}
      {props.children}
    </form>
  );
}

/**
 * The label of each field among a form's children, found by walking the element tree, so the error
 * summary can say "Email address: This field is required." without every form repeating its labels.
 */
function collectLabels(children: ComponentChildren, found: Record<string, string> = {}): Record<string, string> {
  for (const child of Array.isArray(children) ? children.flat(Infinity as 1) : [children]) {
    if (!child || typeof child !== 'object' || !('props' in child)) continue;
    const props = (child as VNode<{ name?: unknown; label?: unknown; children?: ComponentChildren }>).props;
    if (typeof props.name === 'string' && typeof props.label === 'string') found[props.name] = props.label;
    if (props.children) collectLabels(props.children, found);
  }
  return found;
}

function ErrorSummary({ ctx, state, labels }: { ctx: ViewContext; state: FormState; labels: Record<string, string> }) {
  const fields = Object.entries(state.errors);
  if (fields.length === 0 && !state.formError) return null;
  return (
    <div class="usa-alert usa-alert--error margin-bottom-3" role="alert" tabIndex={-1}>
      <div class="usa-alert__body">
        <h2 class="usa-alert__heading">{ctx.t('common:form.fixErrors')}</h2>
        {state.formError && <p class="usa-alert__text">{ctx.t(state.formError, state.formErrorParams)}</p>}
        {fields.length > 0 && (
          <ul class="usa-list">
            {fields.map(([name, messages]) => (
              <li>
                <a href={`#field-${name}`}>
                  {labels[name] ? `${labels[name]}: ` : ''}
                  {messages.map((m) => ctx.t(m)).join(' ')}
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

interface FieldProps {
  ctx: ViewContext;
  state?: FormState;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
}

function FieldGroup(props: FieldProps & { children: ComponentChildren }) {
  const messages = props.state?.errors[props.name];
  const id = `field-${props.name}`;
  return (
    <div class={`usa-form-group${messages ? ' usa-form-group--error' : ''}`}>
      <label class={`usa-label${messages ? ' usa-label--error' : ''}`} for={id}>
        {props.label}
        {props.required && (
          <>
            {' '}
            <abbr title={props.ctx.t('common:form.required')} class="usa-hint usa-hint--required">*</abbr>
          </>
        )}
      </label>
      {props.hint && (
        <div class="usa-hint" id={`${id}-hint`}>
          {props.hint}
        </div>
      )}
      {messages && (
        <span class="usa-error-message" id={`${id}-error`} role="alert">
          {messages.map((m) => props.ctx.t(m)).join(' ')}
        </span>
      )}
      {props.children}
    </div>
  );
}

function describedBy(props: FieldProps): string | undefined {
  const ids = [props.hint && `field-${props.name}-hint`, props.state?.errors[props.name] && `field-${props.name}-error`].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

const valueOf = (state: FormState | undefined, name: string): string => {
  const v = state?.values[name];
  return v === undefined || v === null ? '' : String(v);
};

export function TextField(props: FieldProps & { type?: string; autocomplete?: string; maxLength?: number; inputMode?: string }) {
  const invalid = !!props.state?.errors[props.name];
  return (
    <FieldGroup {...props}>
      <input
        class={`usa-input${invalid ? ' usa-input--error' : ''}`}
        id={`field-${props.name}`}
        name={props.name}
        type={(props.type ?? 'text') as 'text'}
        value={props.type === 'password' ? '' : valueOf(props.state, props.name)}
        autocomplete={props.autocomplete}
        maxLength={props.maxLength}
        inputMode={props.inputMode as never}
        required={props.required}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      />
    </FieldGroup>
  );
}

export function TextArea(props: FieldProps & { rows?: number }) {
  const invalid = !!props.state?.errors[props.name];
  return (
    <FieldGroup {...props}>
      <textarea
        class={`usa-textarea${invalid ? ' usa-input--error' : ''}`}
        id={`field-${props.name}`}
        name={props.name}
        rows={props.rows ?? 5}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {valueOf(props.state, props.name)}
      </textarea>
    </FieldGroup>
  );
}

export function SelectField(props: FieldProps & { options: { value: string; label: string }[]; blank?: string }) {
  const invalid = !!props.state?.errors[props.name];
  const current = valueOf(props.state, props.name);
  return (
    <FieldGroup {...props}>
      <select
        class={`usa-select${invalid ? ' usa-input--error' : ''}`}
        id={`field-${props.name}`}
        name={props.name}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.blank !== undefined && <option value="">{props.blank}</option>}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldGroup>
  );
}

export function Checkbox(props: { ctx: ViewContext; state?: FormState; name: string; label: string; hint?: string }) {
  const v = props.state?.values[props.name];
  const checked = v === true || v === 'on' || v === 'true' || v === 1;
  return (
    <div class="usa-checkbox margin-y-2">
      <input class="usa-checkbox__input" id={`field-${props.name}`} type="checkbox" name={props.name} value="on" checked={checked} />
      <label class="usa-checkbox__label" for={`field-${props.name}`}>
        {props.label}
        {props.hint && <span class="usa-checkbox__label-description">{props.hint}</span>}
      </label>
    </div>
  );
}

export function SubmitButton(props: { children: ComponentChildren; variant?: 'secondary' | 'outline' }) {
  return (
    <button type="submit" class={`usa-button${props.variant ? ` usa-button--${props.variant}` : ''}`}>
      {props.children}
    </button>
  );
}
