import { SESSION_MODALITIES } from '../../../db/schema.ts';
import { Checkbox, Form, SelectField, SubmitButton, TextArea, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import { Paragraphs } from '../../../platform/ui/components/paragraphs.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { STEP_ROWS } from '../coaching.schemas.ts';
import type { EngagementView, PersonRef, SessionView } from '../coaching.service.ts';

/** The edit form's first values: the session as saved, its open next steps, and the token. */
export function sessionFormValues(s: SessionView): Record<string, unknown> {
  const values: Record<string, unknown> = {
    held_on: s.held_on,
    minutes: String(s.minutes),
    modality: s.modality,
    participants: s.participants,
    notes: s.notes,
    shareable: s.shareable,
    updated_at: s.updated_at,
  };
  for (const step of s.steps.filter((x) => !x.done_at)) {
    Object.assign(values, {
      [`open${step.id}_description`]: step.description,
      [`open${step.id}_due`]: step.due_on,
      ...(step.owner_person_id !== null ? { [`open${step.id}_owner`]: String(step.owner_person_id) } : { [`open${step.id}_owner_name`]: step.owner_name }),
    });
  }
  return values;
}

/** The fields of one next step, named `<prefix>_<field>`. */
export function StepFields(props: { ctx: ViewContext; state: FormState; prefix: string; legend: string; owners: PersonRef[] }) {
  const { ctx, state, prefix } = props;
  const { t } = ctx;
  return (
    <fieldset class="usa-fieldset margin-top-3">
      <legend class="usa-legend">{props.legend}</legend>
      <TextField ctx={ctx} state={state} name={`${prefix}_description`} label={t('coaching:fields.stepDescription')} maxLength={500} />
      <SelectField ctx={ctx} state={state} name={`${prefix}_owner`} label={t('coaching:fields.owner')} blank={t('coaching:session.ownerOther')} options={props.owners.map((m) => ({ value: String(m.id), label: m.name }))} />
      <TextField ctx={ctx} state={state} name={`${prefix}_owner_name`} label={t('coaching:fields.ownerName')} hint={t('coaching:session.ownerNameHint')} maxLength={200} />
      <TextField ctx={ctx} state={state} type="date" name={`${prefix}_due`} label={t('coaching:fields.due')} />
    </fieldset>
  );
}

/**
 * /centers/:slug/engagements/:id/sessions/:sessionId/edit — a session's fields, its open next
 * steps and new ones. After a conflict (`conflict`) the saved version is shown above the form,
 * which keeps what was typed.
 */
export function SessionEditPage(props: { ctx: ViewContext; engagement: EngagementView; session: SessionView; state: FormState; conflict?: boolean }) {
  const { ctx, engagement: e, session: s, state } = props;
  const { t } = ctx;
  const url = `/centers/${e.center.slug}/engagements/${e.id}`;
  const title = t('coaching:sessionEdit.title', { date: s.held_on });
  const members = [...e.coaches, ...e.contacts];
  // Someone who has left the engagement keeps the steps they own until those are given to another.
  const ownersFor = (ownerId: number | null): PersonRef[] =>
    ownerId !== null && !members.some((m) => m.id === ownerId) ? [...members, { id: ownerId, name: s.steps.find((x) => x.owner_person_id === ownerId)?.owner_name ?? '?' }] : members;
  const open = s.steps.filter((x) => !x.done_at);
  const done = s.steps.filter((x) => x.done_at);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        <a class="usa-link" href={url}>{t('coaching:sessionEdit.back', { title: e.title })}</a>
      </p>
      {props.conflict && (
        <section class="usa-summary-box margin-bottom-3" aria-labelledby="saved-version">
          <div class="usa-summary-box__body">
            <h2 class="usa-summary-box__heading" id="saved-version">{t('coaching:sessionEdit.savedVersion')}</h2>
            <p>{s.held_on} · {t(`coaching:modality.${s.modality}`)} · {t('coaching:session.minutes', { count: s.minutes })} · {s.shareable ? t('coaching:session.isShared') : t('coaching:session.isPrivate')}</p>
            <Paragraphs text={s.notes} />
          </div>
        </section>
      )}
      <Form ctx={ctx} action={`${url}/sessions/${s.id}/edit`} state={state}>
        <input type="hidden" name="updated_at" value={String(state.values.updated_at ?? s.updated_at)} />
        <TextField ctx={ctx} state={state} type="date" name="held_on" label={t('coaching:fields.held_on')} required />
        <TextField ctx={ctx} state={state} type="number" inputMode="numeric" name="minutes" label={t('coaching:fields.minutes')} hint={t('coaching:session.minutesHint')} required />
        <SelectField ctx={ctx} state={state} name="modality" label={t('coaching:fields.modality')} options={SESSION_MODALITIES.map((m) => ({ value: m, label: t(`coaching:modality.${m}`) }))} />
        <TextField ctx={ctx} state={state} name="participants" label={t('coaching:fields.participants')} maxLength={1000} />
        <TextArea ctx={ctx} state={state} name="notes" label={t('coaching:fields.notes')} rows={8} />
        <Checkbox ctx={ctx} state={state} name="shareable" label={t('coaching:fields.shareable')} hint={t('coaching:session.shareableHint')} />
        {open.length > 0 && <h2>{t('coaching:sessionEdit.openSteps')}</h2>}
        {open.map((step, i) => (
          <>
            <input type="hidden" name={`open${step.id}_shown`} value="1" />
            <StepFields ctx={ctx} state={state} prefix={`open${step.id}`} legend={t('coaching:sessionEdit.openLegend', { n: i + 1 })} owners={ownersFor(step.owner_person_id)} />
          </>
        ))}
        {done.length > 0 && (
          <>
            <h2>{t('coaching:sessionEdit.doneSteps')}</h2>
            <ul class="usa-list">
              {done.map((step) => (
                <li>{step.description} — {step.owner_name}, {t('coaching:session.due', { date: step.due_on })}</li>
              ))}
            </ul>
          </>
        )}
        <h2>{t('coaching:sessionEdit.newSteps')}</h2>
        {Array.from({ length: STEP_ROWS }, (_, i) => (
          <StepFields ctx={ctx} state={state} prefix={`step${i + 1}`} legend={t('coaching:session.stepLegend', { n: i + 1 })} owners={members} />
        ))}
        <SubmitButton>{t('coaching:sessionEdit.save')}</SubmitButton>
      </Form>
    </Layout>
  );
}
