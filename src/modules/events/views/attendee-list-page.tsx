import type { CoalitionEvent } from '../../../db/schema.ts';
import { Pagination } from '../../../platform/ui/components/pagination.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { AttendeeQuery } from '../attendees.schemas.ts';
import type { AttendeeList } from '../attendees.service.ts';
import { CheckInTime } from './check-in-parts.tsx';
import { OrganiserLayout } from './organiser-layout.tsx';

/** The query string of the list's filters (for pages, the CSV and badges). */
export function attendeeQueryString(q: AttendeeQuery, page?: number): string {
  const params = new URLSearchParams();
  if (q.q) params.set('q', q.q);
  if (q.state && q.state !== 'all') params.set('state', q.state);
  if (q.type) params.set('type', String(q.type));
  if (page && page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

function Counts({ ctx, list }: { ctx: ViewContext; list: AttendeeList }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="counts-heading" class="margin-bottom-3">
      <h2 id="counts-heading" class="usa-sr-only">{t('attendees:list.countsHeading')}</h2>
      <p class="font-sans-lg">{t('attendees:list.counts', { sold: list.counts.sold, checkedIn: list.counts.checkedIn })}</p>
      {list.counts.byType.length > 0 && (
        <table class="usa-table usa-table--borderless usa-table--compact">
          <caption>{t('attendees:list.byType')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('attendees:list.ticketType')}</th>
              <th scope="col">{t('attendees:list.sold')}</th>
              <th scope="col">{t('attendees:list.checkedIn')}</th>
            </tr>
          </thead>
          <tbody>
            {list.counts.byType.map((r) => (
              <tr>
                <th scope="row">{r.name}</th>
                <td>{r.sold}</td>
                <td>{r.checked_in}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Filters({ ctx, q, types, action }: { ctx: ViewContext; q: AttendeeQuery; types: { id: number; name: string }[]; action: string }) {
  const { t } = ctx;
  return (
    <form method="get" action={action} class="usa-form usa-form--large margin-bottom-3" role="search" aria-label={t('attendees:list.searchLabel')}>
      <label class="usa-label" for="attendee-q">{t('attendees:list.search')}</label>
      <input class="usa-input" id="attendee-q" name="q" type="search" value={q.q ?? ''} maxLength={200} />
      <label class="usa-label" for="attendee-state">{t('attendees:list.state')}</label>
      <select class="usa-select" id="attendee-state" name="state">
        {(['all', 'in', 'out'] as const).map((s) => <option value={s} selected={(q.state ?? 'all') === s}>{t(`attendees:list.states.${s}`)}</option>)}
      </select>
      <label class="usa-label" for="attendee-type">{t('attendees:list.ticketType')}</label>
      <select class="usa-select" id="attendee-type" name="type">
        <option value="">{t('attendees:list.allTypes')}</option>
        {types.map((ty) => <option value={String(ty.id)} selected={q.type === ty.id}>{ty.name}</option>)}
      </select>
      <button type="submit" class="usa-button margin-top-2">{t('attendees:list.apply')}</button>
    </form>
  );
}

/** /events/:slug/attendees — who is coming, checked in or not, with the CSV and badges. */
export function AttendeeListPage(props: { ctx: ViewContext; event: CoalitionEvent; list: AttendeeList; q: AttendeeQuery; types: { id: number; name: string }[] }) {
  const { ctx, event, list, q } = props;
  const { t } = ctx;
  const base = `/events/${event.slug}`;
  const title = t('attendees:list.title');
  return (
    <OrganiserLayout ctx={ctx} event={event} title={title}>
      <h1>{title}</h1>
      <Counts ctx={ctx} list={list} />
      <ul class="usa-button-group margin-bottom-3">
        <li class="usa-button-group__item"><a class="usa-button usa-button--outline" href={`${base}/attendees.csv${attendeeQueryString(q)}`}>{t('attendees:list.csv')}</a></li>
        <li class="usa-button-group__item"><a class="usa-button usa-button--outline" href={`${base}/badges${q.type ? `?type=${q.type}` : ''}`}>{t('attendees:list.badges')}</a></li>
        <li class="usa-button-group__item"><a class="usa-button usa-button--outline" href={`${base}/check-in`}>{t('attendees:list.door')}</a></li>
      </ul>
      <Filters ctx={ctx} q={q} types={props.types} action={`${base}/attendees`} />
      {list.items.length === 0 ? (
        <p>{t('attendees:list.none')}</p>
      ) : (
        <table class="usa-table usa-table--borderless usa-table--stacked width-full">
          <caption>{t('attendees:list.caption', { count: list.total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('attendees:list.attendee')}</th>
              <th scope="col">{t('attendees:list.ticketType')}</th>
              <th scope="col">{t('attendees:list.order')}</th>
              <th scope="col">{t('attendees:list.organisation')}</th>
              <th scope="col">{t('attendees:list.checkedIn')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((a) => (
              <tr>
                <th scope="row" data-label={t('attendees:list.attendee')}>
                  <a class="usa-link" href={`${base}/check-in/${encodeURIComponent(a.code)}`}>{a.attendee_name}</a>
                  <br />
                  <span class="text-base-dark">{a.attendee_email}</span>
                </th>
                <td data-label={t('attendees:list.ticketType')}>{a.ticket_type_name}</td>
                <td data-label={t('attendees:list.order')}>
                  {a.order_reference}
                  {a.order_status === 'pending' && <span class="usa-tag bg-gold text-ink margin-left-1">{t('attendees:door.pendingTag')}</span>}
                </td>
                <td data-label={t('attendees:list.organisation')}>{a.organisation ?? '—'}</td>
                <td data-label={t('attendees:list.checkedIn')}>{a.checked_in_at ? <CheckInTime ctx={ctx} event={event} iso={a.checked_in_at} /> : t('attendees:list.notYet')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination ctx={ctx} page={list.page} perPage={list.perPage} total={list.total} hrefFor={(p) => `${base}/attendees${attendeeQueryString(q, p)}`} />
    </OrganiserLayout>
  );
}
