import type { EngagementStatus, Organisation } from '../../../db/schema.ts';
import { ENGAGEMENT_STATUSES, SESSION_MODALITIES } from '../../../db/schema.ts';
import { Checkbox, Form, SelectField, SubmitButton, TextArea, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { TaxonomyTerm } from '../../framework/taxonomy.service.ts';
import { STEP_ROWS } from '../coaching.schemas.ts';
import type { CenterSummary, EngagementChoices, EngagementView, PersonRef, SessionView } from '../coaching.service.ts';
import { hours, StatusTag } from './parts.tsx';
import { Paragraphs } from '../../../platform/ui/components/paragraphs.tsx';

const base = (center: { slug: string }) => `/centers/${center.slug}/engagements`;

/** The benchmark names for focus tags. */
const focusNames = (tags: string[], terms: readonly TaxonomyTerm[]) => tags.map((tag) => terms.find((t) => t.tag === tag)?.name ?? tag).join('; ');

/** /centers/:slug/engagements — the center's engagements, filtered by status. */
export function EngagementListPage(props: { ctx: ViewContext; center: Organisation; engagements: EngagementView[]; status?: EngagementStatus; terms: readonly TaxonomyTerm[]; canSummary: boolean }) {
  const { ctx, center } = props;
  const { t } = ctx;
  const title = t('coaching:list.title', { name: center.name });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        <a class="usa-button" href={`${base(center)}/new`}>{t('coaching:list.new')}</a>
        {props.canSummary && <a class="usa-button usa-button--outline" href={`${base(center)}?view=summary`}>{t('coaching:summary.link')}</a>}
      </p>
      <form method="get" action={base(center)} class="usa-form margin-bottom-3">
        <label class="usa-label" for="status-filter">{t('coaching:list.filter')}</label>
        <div class="display-flex flex-align-end">
          <select class="usa-select margin-right-1" id="status-filter" name="status">
            <option value="">{t('coaching:list.allStatuses')}</option>
            {ENGAGEMENT_STATUSES.map((s) => (
              <option value={s} selected={s === props.status}>{t(`coaching:status.${s}`)}</option>
            ))}
          </select>
          <button type="submit" class="usa-button usa-button--outline">{t('coaching:list.apply')}</button>
        </div>
      </form>
      {props.engagements.length === 0 ? <p>{t('coaching:list.none')}</p> : <EngagementTable ctx={ctx} engagements={props.engagements} terms={props.terms} caption={title} />}
    </Layout>
  );
}

/** A table of engagements (list pages and the caseload). */
export function EngagementTable(props: { ctx: ViewContext; engagements: EngagementView[]; terms: readonly TaxonomyTerm[]; caption: string }) {
  const { t } = props.ctx;
  return (
    <table class="usa-table usa-table--borderless width-full">
      <caption class="usa-sr-only">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('coaching:fields.title')}</th>
          <th scope="col">{t('coaching:fields.school')}</th>
          <th scope="col">{t('coaching:fields.focus')}</th>
          <th scope="col">{t('coaching:fields.coaches')}</th>
          <th scope="col">{t('coaching:fields.status')}</th>
          <th scope="col">{t('coaching:fields.starts_on')}</th>
        </tr>
      </thead>
      <tbody>
        {props.engagements.map((e) => (
          <tr>
            <th scope="row">
              <a class="usa-link" href={`${base(e.center)}/${e.id}`}>{e.title}</a>
            </th>
            <td>{e.school.name}</td>
            <td>{focusNames(e.focus, props.terms)}</td>
            <td>{e.coaches.map((c) => c.name).join(', ')}</td>
            <td><StatusTag ctx={props.ctx} status={e.status} /></td>
            <td>{e.starts_on}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** /centers/:slug/engagements?view=summary — a director's view: every engagement, hours by school and by benchmark. */
export function CenterSummaryPage(props: { ctx: ViewContext; center: Organisation; summary: CenterSummary; terms: readonly TaxonomyTerm[] }) {
  const { ctx, center, summary } = props;
  const { t } = ctx;
  const title = t('coaching:summary.title', { name: center.name });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p><a class="usa-link" href={base(center)}>{t('coaching:summary.back')}</a></p>
      <h2>{t('coaching:summary.bySchool')}</h2>
      {summary.bySchool.length === 0 ? (
        <p>{t('coaching:list.none')}</p>
      ) : (
        <table class="usa-table usa-table--borderless">
          <caption class="usa-sr-only">{t('coaching:summary.bySchool')}</caption>
          <thead><tr><th scope="col">{t('coaching:fields.school')}</th><th scope="col">{t('coaching:summary.engagements')}</th><th scope="col">{t('coaching:summary.hours')}</th></tr></thead>
          <tbody>
            {summary.bySchool.map((r) => (
              <tr><th scope="row">{r.school}</th><td>{r.engagements}</td><td>{hours(r.minutes)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('coaching:summary.byBenchmark')}</h2>
      <p class="usa-hint">{t('coaching:summary.benchmarkHint')}</p>
      {summary.byBenchmark.length === 0 ? (
        <p>{t('coaching:summary.noFocus')}</p>
      ) : (
        <table class="usa-table usa-table--borderless">
          <caption class="usa-sr-only">{t('coaching:summary.byBenchmark')}</caption>
          <thead><tr><th scope="col">{t('coaching:fields.benchmark')}</th><th scope="col">{t('coaching:summary.engagements')}</th><th scope="col">{t('coaching:summary.hours')}</th></tr></thead>
          <tbody>
            {summary.byBenchmark.map((r) => (
              <tr><th scope="row">{r.name}</th><td>{r.engagements}</td><td>{hours(r.minutes)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('coaching:summary.all')}</h2>
      {summary.engagements.length === 0 ? <p>{t('coaching:list.none')}</p> : <EngagementTable ctx={ctx} engagements={summary.engagements} terms={props.terms} caption={t('coaching:summary.all')} />}
    </Layout>
  );
}

function PeopleChecks(props: { ctx: ViewContext; state: FormState; name: string; legend: string; people: PersonRef[]; empty: string }) {
  const chosen = new Set(([] as unknown[]).concat(props.state.values[props.name] ?? []).map(String));
  const messages = props.state.errors[props.name];
  return (
    <fieldset id={`field-${props.name}`} tabIndex={-1} class={`usa-fieldset margin-top-3${messages ? ' usa-form-group usa-form-group--error' : ''}`}>
      <legend class="usa-legend">{props.legend}</legend>
      {messages && <span class="usa-error-message" id={`field-${props.name}-error`} role="alert">{messages.map((m) => props.ctx.t(m)).join(' ')}</span>}
      {props.people.length === 0 && <p class="usa-hint">{props.empty}</p>}
      {props.people.map((p) => {
        const id = `field-${props.name}-${p.id}`;
        return (
          <div class="usa-checkbox">
            <input class="usa-checkbox__input" id={id} type="checkbox" name={props.name} value={String(p.id)} checked={chosen.has(String(p.id))} />
            <label class="usa-checkbox__label" for={id}>{p.name}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** New and edit forms for an engagement. */
export function EngagementFormPage(props: { ctx: ViewContext; center: Organisation; choices: EngagementChoices; state: FormState; engagement?: EngagementView; conflict?: boolean; fromRequest?: { id: number; service: string } }) {
  const { ctx, center, choices, state, engagement } = props;
  const { t } = ctx;
  // A benchmark a later framework version dropped stays offered (and kept) on an engagement focused on it.
  const retired = (engagement?.focus ?? []).filter((tag) => !choices.benchmarks.some((b) => b.tag === tag));
  const title = engagement ? t('coaching:form.editTitle', { title: engagement.title }) : t('coaching:form.newTitle');
  const action = engagement ? `${base(center)}/${engagement.id}/edit` : `${base(center)}/new`;
  const schoolId = Number(state.values.school_id);
  const contacts = choices.schoolPeople.get(schoolId) ?? [...choices.schoolPeople.values()].flat();
  const chosenFocus = new Set(([] as unknown[]).concat(state.values.focus ?? []).map(String));
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {props.fromRequest && <p class="usa-intro">{t('coaching:form.fromRequest', { service: props.fromRequest.service })}</p>}
      {props.conflict && engagement && <SavedEngagement ctx={ctx} e={engagement} benchmarks={choices.benchmarks} />}
      <Form ctx={ctx} action={action} state={state}>
        {engagement && <input type="hidden" name="updated_at" value={String(state.values.updated_at ?? engagement.updated_at)} />}
        {props.fromRequest && <input type="hidden" name="service_request_id" value={String(props.fromRequest.id)} />}
        <SelectField ctx={ctx} state={state} name="school_id" label={t('coaching:fields.school')} required blank={t('coaching:form.chooseSchool')} options={choices.schools.map((s) => ({ value: String(s.id), label: s.name }))} />
        <TextField ctx={ctx} state={state} name="title" label={t('coaching:fields.title')} required maxLength={200} />
        <TextArea ctx={ctx} state={state} name="goals" label={t('coaching:fields.goals')} rows={5} />
        <SelectField ctx={ctx} state={state} name="status" label={t('coaching:fields.status')} options={ENGAGEMENT_STATUSES.map((s) => ({ value: s, label: t(`coaching:status.${s}`) }))} />
        <TextField ctx={ctx} state={state} type="date" name="starts_on" label={t('coaching:fields.starts_on')} required />
        <TextField ctx={ctx} state={state} type="date" name="ends_on" label={t('coaching:fields.ends_on')} hint={t('coaching:form.endsHint')} />
        <fieldset id="field-focus" tabIndex={-1} class={`usa-fieldset margin-top-3${state.errors.focus ? ' usa-form-group usa-form-group--error' : ''}`}>
          <legend class="usa-legend">{t('coaching:fields.focus')}</legend>
          {state.errors.focus && <span class="usa-error-message" role="alert">{state.errors.focus.map((m) => t(m)).join(' ')}</span>}
          {choices.benchmarks.length === 0 && <p class="usa-hint">{t('coaching:form.noBenchmarks')}</p>}
          {choices.benchmarks.map((b) => {
            const id = `field-focus-${b.key}`;
            return (
              <div class="usa-checkbox">
                <input class="usa-checkbox__input" id={id} type="checkbox" name="focus" value={b.tag} checked={chosenFocus.has(b.tag)} />
                <label class="usa-checkbox__label" for={id}>{b.name}</label>
              </div>
            );
          })}
          {retired.map((tag) => {
            const id = `field-focus-${tag.replace(/^benchmark:/, '')}`;
            return (
              <div class="usa-checkbox">
                <input class="usa-checkbox__input" id={id} type="checkbox" name="focus" value={tag} checked={chosenFocus.has(tag)} />
                <label class="usa-checkbox__label" for={id}>{t('coaching:form.retiredBenchmark', { tag: tag.replace(/^benchmark:/, '') })}</label>
              </div>
            );
          })}
        </fieldset>
        <PeopleChecks ctx={ctx} state={state} name="coaches" legend={t('coaching:fields.coaches')} people={choices.staff} empty={t('coaching:form.noStaff')} />
        <PeopleChecks ctx={ctx} state={state} name="contacts" legend={t('coaching:fields.contacts')} people={contacts} empty={t('coaching:form.contactsAfterSchool')} />
        <SubmitButton>{t('coaching:form.save')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** After a conflict: the engagement as saved now, above the form that keeps what was typed. */
function SavedEngagement({ ctx, e, benchmarks }: { ctx: ViewContext; e: EngagementView; benchmarks: readonly TaxonomyTerm[] }) {
  const { t } = ctx;
  const names = (people: PersonRef[]) => people.map((p) => p.name).join('; ') || '—';
  return (
    <section class="usa-summary-box margin-bottom-3" aria-labelledby="saved-version">
      <div class="usa-summary-box__body">
        <h2 class="usa-summary-box__heading" id="saved-version">{t('coaching:form.savedVersion')}</h2>
        <ul class="usa-list usa-list--unstyled">
          <li><span class="text-bold">{t('coaching:fields.title')}:</span> {e.title}</li>
          <li><span class="text-bold">{t('coaching:fields.status')}:</span> {t(`coaching:status.${e.status}`)}</li>
          <li><span class="text-bold">{t('coaching:fields.starts_on')}:</span> {e.starts_on}</li>
          <li><span class="text-bold">{t('coaching:fields.ends_on')}:</span> {e.ends_on ?? '—'}</li>
          <li><span class="text-bold">{t('coaching:fields.focus')}:</span> {focusNames(e.focus, benchmarks) || '—'}</li>
          <li><span class="text-bold">{t('coaching:fields.coaches')}:</span> {names(e.coaches)}</li>
          <li><span class="text-bold">{t('coaching:fields.contacts')}:</span> {names(e.contacts)}</li>
        </ul>
        <Paragraphs text={e.goals} />
      </div>
    </section>
  );
}

function SessionEntry(props: { ctx: ViewContext; s: SessionView; forStaff: boolean; doneAction?: (stepId: number) => string; editUrl?: string }) {
  const { ctx, s } = props;
  const { t } = ctx;
  return (
    <li class="margin-bottom-3">
      <h3 class="margin-bottom-05">
        {s.held_on} · {t(`coaching:modality.${s.modality}`)} · {t('coaching:session.minutes', { count: s.minutes })}
      </h3>
      {props.forStaff && <p class="margin-y-05 text-base-dark">{s.shareable ? t('coaching:session.isShared') : t('coaching:session.isPrivate')}</p>}
      {props.editUrl && <p class="margin-y-05"><a class="usa-link" href={props.editUrl}>{t('coaching:session.edit', { date: s.held_on })}</a></p>}
      {s.participants && <p class="margin-y-05"><span class="text-bold">{t('coaching:fields.participants')}:</span> {s.participants}</p>}
      <Paragraphs text={s.notes} />
      {s.steps.length > 0 && (
        <>
          <h4>{t('coaching:session.nextSteps')}</h4>
          <ul class="usa-list">
            {s.steps.map((step) => (
              <li>
                {step.description} — {step.owner_name}, {t('coaching:session.due', { date: step.due_on })}{' '}
                {step.done_at ? (
                  <span class="usa-tag bg-base-dark">{t('coaching:session.done')}</span>
                ) : (
                  props.doneAction && (
                    <form method="post" action={props.doneAction(step.id)} class="display-inline">
                      <input type="hidden" name="_csrf" value={ctx.csrf()} />
                      <button type="submit" class="usa-button usa-button--unstyled" aria-label={t('coaching:session.markDoneOf', { step: step.description })}>{t('coaching:session.markDone')}</button>
                    </form>
                  )
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}

/** /centers/:slug/engagements/:id — the case; the center's staff also log sessions and close next steps. */
export function EngagementPage(props: { ctx: ViewContext; engagement: EngagementView; sessions: SessionView[]; terms: readonly TaxonomyTerm[]; canManage: boolean; state: FormState }) {
  const { ctx, engagement: e, state } = props;
  const { t } = ctx;
  const members = [...e.coaches, ...e.contacts];
  const url = `${base(e.center)}/${e.id}`;
  return (
    <Layout ctx={ctx} title={e.title}>
      <h1>{e.title}</h1>
      <p><StatusTag ctx={ctx} status={e.status} /> {e.school.name} · {e.center.name}</p>
      {props.canManage && <p><a class="usa-link" href={`${url}/edit`}>{t('coaching:engagement.edit')}</a></p>}
      <dl>
        <dt class="text-bold">{t('coaching:fields.dates')}</dt>
        <dd class="margin-left-0 margin-bottom-1">{e.ends_on ? t('coaching:engagement.fromTo', { from: e.starts_on, to: e.ends_on }) : t('coaching:engagement.from', { from: e.starts_on })}</dd>
        <dt class="text-bold">{t('coaching:fields.focus')}</dt>
        <dd class="margin-left-0 margin-bottom-1">{e.focus.length ? focusNames(e.focus, props.terms) : t('coaching:engagement.noFocus')}</dd>
        <dt class="text-bold">{t('coaching:fields.coaches')}</dt>
        <dd class="margin-left-0 margin-bottom-1">{e.coaches.map((c) => c.name).join(', ') || '—'}</dd>
        <dt class="text-bold">{t('coaching:fields.contacts')}</dt>
        <dd class="margin-left-0 margin-bottom-1">{e.contacts.map((c) => c.name).join(', ') || '—'}</dd>
      </dl>
      <h2>{t('coaching:fields.goals')}</h2>
      {e.goals ? <Paragraphs text={e.goals} /> : <p>{t('coaching:engagement.noGoals')}</p>}
      <h2>{props.canManage ? t('coaching:engagement.sessions') : t('coaching:engagement.sharedSessions')}</h2>
      {props.sessions.length === 0 ? (
        <p>{t('coaching:engagement.noSessions')}</p>
      ) : (
        <ul class="usa-list usa-list--unstyled">
          {props.sessions.map((s) => (
            <SessionEntry ctx={ctx} s={s} forStaff={props.canManage} doneAction={props.canManage ? (id) => `${url}/steps/${id}/done` : undefined} editUrl={props.canManage ? `${url}/sessions/${s.id}/edit` : undefined} />
          ))}
        </ul>
      )}
      {props.canManage && (
        <section class="margin-top-4" aria-labelledby="log-session">
          <h2 id="log-session">{t('coaching:session.logHeading')}</h2>
          <Form ctx={ctx} action={`${url}/sessions`} state={state}>
            <TextField ctx={ctx} state={state} type="date" name="held_on" label={t('coaching:fields.held_on')} required />
            <TextField ctx={ctx} state={state} type="number" inputMode="numeric" name="minutes" label={t('coaching:fields.minutes')} hint={t('coaching:session.minutesHint')} required />
            <SelectField ctx={ctx} state={state} name="modality" label={t('coaching:fields.modality')} options={SESSION_MODALITIES.map((m) => ({ value: m, label: t(`coaching:modality.${m}`) }))} />
            <TextField ctx={ctx} state={state} name="participants" label={t('coaching:fields.participants')} maxLength={1000} />
            <TextArea ctx={ctx} state={state} name="notes" label={t('coaching:fields.notes')} rows={6} />
            <Checkbox ctx={ctx} state={state} name="shareable" label={t('coaching:fields.shareable')} hint={t('coaching:session.shareableHint')} />
            {Array.from({ length: STEP_ROWS }, (_, i) => (
              <fieldset class="usa-fieldset margin-top-3">
                <legend class="usa-legend">{t('coaching:session.stepLegend', { n: i + 1 })}</legend>
                <TextField ctx={ctx} state={state} name={`step${i + 1}_description`} label={t('coaching:fields.stepDescription')} maxLength={500} />
                <SelectField ctx={ctx} state={state} name={`step${i + 1}_owner`} label={t('coaching:fields.owner')} blank={t('coaching:session.ownerOther')} options={members.map((m) => ({ value: String(m.id), label: m.name }))} />
                <TextField ctx={ctx} state={state} name={`step${i + 1}_owner_name`} label={t('coaching:fields.ownerName')} hint={t('coaching:session.ownerNameHint')} maxLength={200} />
                <TextField ctx={ctx} state={state} type="date" name={`step${i + 1}_due`} label={t('coaching:fields.due')} />
              </fieldset>
            ))}
            <SubmitButton>{t('coaching:session.save')}</SubmitButton>
          </Form>
        </section>
      )}
    </Layout>
  );
}
