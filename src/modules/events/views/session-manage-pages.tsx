import type { CoalitionEvent } from '../../../db/schema.ts';
import { CsrfField, Form, SelectField, SubmitButton, TextArea, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { eventDays, formatDay, zoneName } from '../agenda-time.ts';
import type { AgendaSession } from '../agenda.service.ts';
import { OrganiserLayout } from './organiser-layout.tsx';
import type { TagVocabulary } from '../event-tags.ts';
import { PresenterList, SessionTime, selectedTags, TagCheckboxes } from './session-parts.tsx';

/** /events/:slug/agenda/manage — every session, with stars (demand) and cancel / restore. */
export function SessionManagePage(props: { ctx: ViewContext; event: CoalitionEvent; sessions: AgendaSession[]; stars: Map<number, number> }) {
  const { ctx, event } = props;
  const { t } = ctx;
  const base = `/events/${event.slug}/agenda/manage`;
  return (
    <OrganiserLayout ctx={ctx} event={event} title={t('proposals-admin:sessions.title')}>
      <h1>{t('proposals-admin:sessions.title')}</h1>
      <p>
        <a class="usa-button" href={`${base}/new`}>{t('proposals-admin:sessions.new')}</a>
        <a class="usa-link margin-left-2" href={`/events/${event.slug}/agenda`}>{t('proposals-admin:sessions.publicAgenda')}</a>
      </p>
      {props.sessions.length === 0 ? (
        <p>{t('proposals-admin:sessions.none')}</p>
      ) : (
        <table class="usa-table usa-table--borderless width-full">
          <caption class="usa-sr-only">{t('proposals-admin:sessions.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('proposals-admin:sessions.session')}</th>
              <th scope="col">{t('proposals-admin:sessions.when')}</th>
              <th scope="col">{t('proposals-admin:sessions.room')}</th>
              <th scope="col">{t('proposals-admin:sessions.stars')}</th>
              <th scope="col">{t('proposals-admin:sessions.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {props.sessions.map((s) => (
              <tr>
                <th scope="row">
                  <a class="usa-link" href={`${base}/${s.id}`}>{s.status === 'cancelled' ? <del>{s.title}</del> : s.title}</a>
                  {s.status === 'cancelled' && <span class="usa-tag bg-secondary-dark margin-left-1">{t('proposals-admin:sessions.cancelled')}</span>}
                  <div class="font-body-3xs"><PresenterList session={s} /></div>
                </th>
                <td><SessionTime ctx={ctx} event={event} session={s} showDay /></td>
                <td>{s.room ?? ''}{s.capacity ? ` (${t('proposals-admin:sessions.seats', { count: s.capacity })})` : ''}</td>
                <td>{props.stars.get(s.id) ?? 0}</td>
                <td>
                  <form method="post" action={`${base}/${s.id}/${s.status === 'cancelled' ? 'restore' : 'cancel'}`}>
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="usa-button usa-button--outline usa-button--small" aria-label={t(s.status === 'cancelled' ? 'proposals-admin:sessions.restoreLabel' : 'proposals-admin:sessions.cancelLabel', { title: s.title })}>
                      {t(s.status === 'cancelled' ? 'proposals-admin:sessions.restore' : 'proposals-admin:sessions.cancel')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </OrganiserLayout>
  );
}

/** The create / edit form of a session: day of the event, local times, room, presenters, tags. */
export function SessionFormPage(props: { ctx: ViewContext; vocab: TagVocabulary; event: CoalitionEvent; session: AgendaSession | null; state: FormState }) {
  const { ctx, event, state } = props;
  const { t } = ctx;
  const title = props.session ? t('proposals-admin:sessions.editTitle', { title: props.session.title }) : t('proposals-admin:sessions.newTitle');
  const action = `/events/${event.slug}/agenda/manage/${props.session ? props.session.id : 'new'}`;
  const zone = `${event.timezone} (${zoneName(event.starts_at, event.timezone, ctx.locale)})`;
  return (
    <OrganiserLayout ctx={ctx} event={event} title={title}>
      <h1>{title}</h1>
      <Form ctx={ctx} action={action} state={state}>
        {!props.session && <input type="hidden" name="submission_key" value={String(state.values.submission_key ?? '')} />}
        <TextField ctx={ctx} state={state} name="title" label={t('proposals-admin:sessions.fields.title')} required maxLength={200} />
        <TextArea ctx={ctx} state={state} name="description" label={t('proposals-admin:sessions.fields.description')} rows={4} />
        <SelectField ctx={ctx} state={state} name="day" label={t('proposals-admin:sessions.fields.day')} required options={eventDays(event).map((d) => ({ value: d, label: formatDay(d, ctx.locale) }))} />
        <TextField ctx={ctx} state={state} name="start_time" type="time" label={t('proposals-admin:sessions.fields.start')} hint={t('proposals-admin:sessions.fields.timeHint', { zone })} required />
        <TextField ctx={ctx} state={state} name="end_time" type="time" label={t('proposals-admin:sessions.fields.end')} hint={t('proposals-admin:sessions.fields.timeHint', { zone })} required />
        <TextField ctx={ctx} state={state} name="room" label={t('proposals-admin:sessions.fields.room')} maxLength={120} />
        <TextField ctx={ctx} state={state} name="capacity" type="number" inputMode="numeric" label={t('proposals-admin:sessions.fields.capacity')} hint={t('proposals-admin:sessions.fields.capacityHint')} />
        <TextArea ctx={ctx} state={state} name="presenters" label={t('proposals-admin:sessions.fields.presenters')} hint={t('proposals-admin:sessions.fields.presentersHint')} rows={4} />
        <TagCheckboxes ctx={ctx} vocab={props.vocab} name="tags" selected={selectedTags(state.values.tags)} legendKey="agenda:tagGroups" />
        <SubmitButton>{t('proposals-admin:sessions.save')}</SubmitButton>
      </Form>
    </OrganiserLayout>
  );
}
