import type { Framework, FrameworkGroup, FrameworkPrinciple } from '../../../db/schema.ts';
import { Form, SelectField, SubmitButton, TextArea, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { AdminLayout } from '../../admin/views/admin-layout.tsx';
import type { PartKind } from '../framework-editing.schemas.ts';

function BackLink({ ctx, framework }: { ctx: ViewContext; framework: Framework }) {
  return (
    <nav class="margin-bottom-2" aria-label={ctx.t('framework-admin:breadcrumb')}>
      <a class="usa-link" href={`/admin/frameworks/${framework.slug}`}>{ctx.t('framework-admin:backTo', { name: framework.name })}</a>
    </nav>
  );
}

/** Which principles are ticked: the form's values hold one id or several. */
function ticked(state: FormState): Set<string> {
  const v = state.values.principle_ids;
  return new Set((Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String));
}

function PrincipleBoxes({ ctx, state, principles }: { ctx: ViewContext; state: FormState; principles: FrameworkPrinciple[] }) {
  const { t } = ctx;
  const on = ticked(state);
  const messages = state.errors.principle_ids;
  return (
    <fieldset class={`usa-fieldset margin-top-3${messages ? ' usa-form-group usa-form-group--error' : ''}`} id="field-principle_ids">
      <legend class="usa-legend">{t('framework-admin:fields.principles')}</legend>
      <span class="usa-hint">{t('framework-admin:fields.principlesHint')}</span>
      {messages && <span class="usa-error-message" role="alert">{messages.map((m) => t(m)).join(' ')}</span>}
      {principles.length === 0 && <p>{t('framework-admin:kinds.principles.none')}</p>}
      {principles.map((p) => (
        <div class="usa-checkbox">
          <input class="usa-checkbox__input" id={`principle-${p.id}`} type="checkbox" name="principle_ids" value={String(p.id)} checked={on.has(String(p.id))} />
          <label class="usa-checkbox__label" for={`principle-${p.id}`}>{`${p.key} — ${p.name}`}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** New or edit page of a principle, group, benchmark or level of the draft. */
export function PartFormPage(props: { ctx: ViewContext; framework: Framework; kind: PartKind; state: FormState; partId?: number; groups?: FrameworkGroup[]; principles?: FrameworkPrinciple[] }) {
  const { ctx, framework, kind, state, partId } = props;
  const { t } = ctx;
  const title = partId ? t(`framework-admin:kinds.${kind}.editTitle`) : t(`framework-admin:kinds.${kind}.add`);
  const base = `/admin/frameworks/${framework.slug}/${kind}`;
  const f = { ctx, state };
  return (
    <AdminLayout ctx={ctx} title={title}>
      <BackLink ctx={ctx} framework={framework} />
      <h1>{title}</h1>
      <Form ctx={ctx} action={partId ? `${base}/${partId}/edit` : `${base}/new`} state={state}>
        <TextField {...f} name="key" label={t('framework-admin:fields.key')} hint={t('framework-admin:fields.keyHint')} required maxLength={80} />
        <TextField {...f} name="name" label={t('framework-admin:fields.name')} required maxLength={200} />
        <TextArea {...f} name="description" label={t('framework-admin:fields.description')} rows={4} />
        {kind === 'benchmarks' && (
          <>
            <SelectField {...f} name="group_id" label={t('framework-admin:fields.group')} required blank={t('framework-admin:fields.chooseGroup')} options={(props.groups ?? []).map((g) => ({ value: String(g.id), label: g.name }))} />
            <PrincipleBoxes ctx={ctx} state={state} principles={props.principles ?? []} />
          </>
        )}
        <SubmitButton>{t('framework-admin:form.save')}</SubmitButton>
      </Form>
    </AdminLayout>
  );
}

/** Confirms a deletion, saying what goes with the part. */
export function DeletePartPage({ ctx, framework, kind, part }: { ctx: ViewContext; framework: Framework; kind: PartKind; part: { id: number; key: string; name: string } }) {
  const { t } = ctx;
  const title = t('framework-admin:delete.title', { name: part.name });
  return (
    <AdminLayout ctx={ctx} title={title}>
      <BackLink ctx={ctx} framework={framework} />
      <h1>{title}</h1>
      <p>{t(`framework-admin:delete.consequence.${kind}`)}</p>
      <Form ctx={ctx} action={`/admin/frameworks/${framework.slug}/${kind}/${part.id}/delete`} class="usa-form">
        <SubmitButton>{t('framework-admin:delete.submit')}</SubmitButton>
      </Form>
    </AdminLayout>
  );
}

/** Confirms throwing the draft away. */
export function DiscardDraftPage({ ctx, framework, number }: { ctx: ViewContext; framework: Framework; number: number }) {
  const { t } = ctx;
  const title = t('framework-admin:discard.link', { number });
  return (
    <AdminLayout ctx={ctx} title={title}>
      <BackLink ctx={ctx} framework={framework} />
      <h1>{title}</h1>
      <p>{t('framework-admin:discard.consequence')}</p>
      <Form ctx={ctx} action={`/admin/frameworks/${framework.slug}/discard`} class="usa-form">
        <SubmitButton>{t('framework-admin:discard.submit')}</SubmitButton>
      </Form>
    </AdminLayout>
  );
}

export { BackLink };
