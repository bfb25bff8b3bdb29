import type { CoalitionEvent } from '../../../db/schema.ts';
import { EVENT_KINDS } from '../../../db/schema.ts';
import { Alert } from '../../../platform/ui/components/alert.tsx';
import { Checkbox, CsrfField, Form, SelectField, SubmitButton, TextArea, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { CalendarEvent, Organisers } from '../calendar.service.ts';
import { tagChoices, tagLabel, type TagVocabulary } from '../event-tags.ts';
import { CancelledTag, EventWhen } from './event-parts.tsx';
import { OrganiserLayout } from './organiser-layout.tsx';

let zones: string[] | undefined;
const timeZones = () => (zones ??= Intl.supportedValuesOf('timeZone'));

/** /events/manage — the events this person may organise, drafts included. */
export function ManageEventsPage({ ctx, events, canCreate }: { ctx: ViewContext; events: CalendarEvent[]; canCreate: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('events-admin:manage.title')}>
      <h1>{t('events-admin:manage.title')}</h1>
      {canCreate && <p><a class="usa-button" href="/events/new">{t('events-admin:manage.new')}</a></p>}
      {events.length === 0 ? (
        <p>{t('events-admin:manage.none')}</p>
      ) : (
        <div class="usa-table-container--scrollable" tabIndex={0} role="region" aria-labelledby="manage-caption">
          <table class="usa-table usa-table--striped width-full">
            <caption id="manage-caption">{t('events-admin:manage.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('events-admin:manage.event')}</th>
                <th scope="col">{t('events-admin:manage.when')}</th>
                <th scope="col">{t('events-admin:manage.organiser')}</th>
                <th scope="col">{t('events-admin:manage.status')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr>
                  <th scope="row">
                    <a class="usa-link" href={`/events/${e.slug}/edit`}>{e.title}</a>
                  </th>
                  <td><EventWhen ctx={ctx} event={e} long={false} /></td>
                  <td>{e.organiser_name}</td>
                  <td>{t(`events-admin:status.${e.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

function TagChoices({ ctx, state, vocab }: { ctx: ViewContext; state: FormState; vocab: TagVocabulary }) {
  const { t } = ctx;
  const raw = state.values.tags;
  const chosen = new Set(Array.isArray(raw) ? raw.map(String) : raw ? [String(raw)] : []);
  return (
    <div id="field-tags" tabIndex={-1}>
      {state.errors.tags && <span class="usa-error-message" id="field-tags-error" role="alert">{state.errors.tags.map((m) => t(m)).join(' ')}</span>}
      {tagChoices(vocab, [...chosen]).filter(([, tags]) => tags.length > 0).map(([group, tags]) => (
        <fieldset class="usa-fieldset margin-top-3">
          <legend class="usa-legend">{t(`events:tagGroups.${group}`)}</legend>
          {tags.map((tag) => {
            const id = `field-tag-${tag.replace(':', '-')}`;
            return (
              <div class="usa-checkbox">
                <input class="usa-checkbox__input" id={id} type="checkbox" name="tags" value={tag} checked={chosen.has(tag)} />
                <label class="usa-checkbox__label" for={id}>{tagLabel(t, vocab, tag)}</label>
              </div>
            );
          })}
        </fieldset>
      ))}
    </div>
  );
}

/** The event form's fields (new and edit). */
function EventFields({ ctx, state, organisers, vocab }: { ctx: ViewContext; state: FormState; organisers: Organisers; vocab: TagVocabulary }) {
  const { t } = ctx;
  const f = (key: string) => t(`events-admin:form.${key}`);
  return (
    <>
      <TextField ctx={ctx} state={state} name="title" label={f('title')} required maxLength={200} />
      <TextField ctx={ctx} state={state} name="slug" label={f('slug')} hint={f('slugHint')} maxLength={80} />
      <TextField ctx={ctx} state={state} name="summary" label={f('summary')} hint={f('summaryHint')} required maxLength={300} />
      <TextArea ctx={ctx} state={state} name="description" label={f('description')} rows={8} />
      <SelectField ctx={ctx} state={state} name="kind" label={f('kind')} required options={EVENT_KINDS.map((k) => ({ value: k, label: t(`events:kinds.${k}`) }))} />
      <SelectField ctx={ctx} state={state} name="organiser_id" label={f('organiser')} required options={organisers.map((o) => ({ value: String(o.id), label: o.name }))} />
      <fieldset class="usa-fieldset margin-top-3">
        <legend class="usa-legend usa-legend--large">{f('whenLegend')}</legend>
        <SelectField ctx={ctx} state={state} name="timezone" label={f('timezone')} required options={timeZones().map((z) => ({ value: z, label: z }))} />
        <Checkbox ctx={ctx} state={state} name="all_day" label={f('allDay')} hint={f('allDayHint')} />
        <TextField ctx={ctx} state={state} name="start_date" type="date" label={f('startDate')} required />
        <TextField ctx={ctx} state={state} name="start_time" type="time" label={f('startTime')} hint={f('timeHint')} />
        <TextField ctx={ctx} state={state} name="end_date" type="date" label={f('endDate')} required />
        <TextField ctx={ctx} state={state} name="end_time" type="time" label={f('endTime')} hint={f('timeHint')} />
      </fieldset>
      <fieldset class="usa-fieldset margin-top-3">
        <legend class="usa-legend usa-legend--large">{f('whereLegend')}</legend>
        <Checkbox ctx={ctx} state={state} name="online" label={f('online')} />
        <TextField ctx={ctx} state={state} name="venue_name" label={f('venueName')} hint={f('venueHint')} maxLength={200} />
        <TextField ctx={ctx} state={state} name="venue_address" label={f('venueAddress')} maxLength={300} />
        <TextField ctx={ctx} state={state} name="online_url" type="url" label={f('onlineUrl')} hint={f('onlineUrlHint')} maxLength={500} />
      </fieldset>
      <fieldset class="usa-fieldset margin-top-3">
        <legend class="usa-legend usa-legend--large">{f('registrationLegend')}</legend>
        <Checkbox ctx={ctx} state={state} name="registration_enabled" label={f('registrationEnabled')} />
        <TextField ctx={ctx} state={state} name="refund_cutoff_days" type="number" inputMode="numeric" label={f('refundCutoff')} hint={f('refundCutoffHint')} />
        <TextArea ctx={ctx} state={state} name="refund_policy" label={f('refundPolicy')} rows={3} />
        <Checkbox ctx={ctx} state={state} name="transfers_allowed" label={f('transfersAllowed')} />
        <TextField ctx={ctx} state={state} name="contact_email" type="email" label={f('contactEmail')} hint={f('contactEmailHint')} />
      </fieldset>
      <fieldset class="usa-fieldset margin-top-3">
        <legend class="usa-legend usa-legend--large">{f('proposalsLegend')}</legend>
        <TextField ctx={ctx} state={state} name="proposals_open_at" type="datetime-local" label={f('proposalsOpen')} hint={f('proposalsHint')} />
        <TextField ctx={ctx} state={state} name="proposals_close_at" type="datetime-local" label={f('proposalsClose')} />
        <TextArea ctx={ctx} state={state} name="proposal_guidelines" label={f('proposalGuidelines')} rows={4} />
      </fieldset>
      <h2 class="margin-top-4">{f('tags')}</h2>
      <p class="usa-hint">{f('tagsHint')}</p>
      <TagChoices ctx={ctx} state={state} vocab={vocab} />
    </>
  );
}

/** /events/new — a new draft event. */
export function NewEventPage({ ctx, state, organisers, vocab }: { ctx: ViewContext; state: FormState; organisers: Organisers; vocab: TagVocabulary }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('events-admin:new.title')}>
      <p><a href="/events/manage">{t('events-admin:manage.back')}</a></p>
      <h1>{t('events-admin:new.title')}</h1>
      <p>{t('events-admin:new.lead')}</p>
      <Form ctx={ctx} action="/events/new" state={state}>
        <EventFields ctx={ctx} state={state} organisers={organisers} vocab={vocab} />
        <SubmitButton>{t('events-admin:new.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** /events/:slug/edit — the details of an event, with publish and cancel. */
export function EditEventPage({ ctx, event, state, organisers, vocab }: { ctx: ViewContext; event: CoalitionEvent; state: FormState; organisers: Organisers; vocab: TagVocabulary }) {
  const { t } = ctx;
  const base = `/events/${event.slug}`;
  return (
    <OrganiserLayout ctx={ctx} event={event} title={t('events-admin:edit.title')}>
      <h1>{t('events-admin:edit.title')} <CancelledTag ctx={ctx} event={event} /></h1>
      <p>{t('events-admin:edit.status', { status: t(`events-admin:status.${event.status}`), sequence: event.sequence })}</p>
      {event.status === 'draft' && (
        <Alert type="info" heading={t('events-admin:publish.heading')}>
          <p>{t('events-admin:publish.text')}</p>
          <form method="post" action={`${base}/publish`}>
            <CsrfField ctx={ctx} />
            <button type="submit" class="usa-button">{t('events-admin:publish.submit')}</button>
          </form>
        </Alert>
      )}
      <Form ctx={ctx} action={`${base}/edit`} state={state}>
        <EventFields ctx={ctx} state={state} organisers={organisers} vocab={vocab} />
        <SubmitButton>{t('events-admin:edit.submit')}</SubmitButton>
      </Form>
      {event.status === 'published' && (
        <section class="margin-top-5 border-top border-base-lighter padding-top-2" aria-labelledby="cancel-heading">
          <h2 id="cancel-heading">{t('events-admin:cancel.heading')}</h2>
          <p>{t('events-admin:cancel.lead')}</p>
          <a class="usa-button usa-button--secondary" href={`${base}/cancel`}>{t('events-admin:cancel.start')}</a>
        </section>
      )}
    </OrganiserLayout>
  );
}

/** /events/:slug/cancel — asks the organiser to confirm before cancelling. */
export function CancelEventPage({ ctx, event, state }: { ctx: ViewContext; event: CoalitionEvent; state: FormState }) {
  const { t } = ctx;
  return (
    <OrganiserLayout ctx={ctx} event={event} title={t('events-admin:cancel.heading')}>
      <h1>{t('events-admin:cancel.heading')}</h1>
      <Alert type="warning">{t('events-admin:cancel.warning')}</Alert>
      <Form ctx={ctx} action={`/events/${event.slug}/cancel`} state={state}>
        <Checkbox ctx={ctx} state={state} name="confirm" label={t('events-admin:cancel.confirm', { title: event.title })} />
        {state.errors.confirm && <span class="usa-error-message" id="field-confirm-error" role="alert">{state.errors.confirm.map((m) => t(m)).join(' ')}</span>}
        <SubmitButton variant="secondary">{t('events-admin:cancel.submit')}</SubmitButton>
      </Form>
    </OrganiserLayout>
  );
}
