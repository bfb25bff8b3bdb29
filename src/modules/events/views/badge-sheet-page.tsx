import type { CoalitionEvent } from '../../../db/schema.ts';
import { Pagination } from '../../../platform/ui/components/pagination.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { Badge } from '../attendees.service.ts';

/** /events/:slug/badges — name badges to print: six to a sheet, each with the ticket's QR code. */
export function BadgeSheetPage(props: { ctx: ViewContext; event: CoalitionEvent; result: { badges: Badge[]; total: number; page: number; perPage: number }; type?: number; types: { id: number; name: string }[] }) {
  const { ctx, event, result } = props;
  const { t } = ctx;
  const base = `/events/${event.slug}`;
  const title = t('attendees:badges.title');
  return (
    <Layout ctx={ctx} title={`${title} · ${event.title}`}>
      <link rel="stylesheet" href="/assets/event-badges.css" />
      <div class="no-print">
        <p>
          <a class="usa-link" href={`${base}/attendees`}>{t('attendees:badges.back')}</a>
        </p>
        <h1>{title}</h1>
        <p>{t('attendees:badges.lead', { count: result.total })}</p>
        <form method="get" action={`${base}/badges`} class="usa-form margin-bottom-3">
          <label class="usa-label" for="badge-type">{t('attendees:list.ticketType')}</label>
          <select class="usa-select" id="badge-type" name="type">
            <option value="">{t('attendees:list.allTypes')}</option>
            {props.types.map((ty) => <option value={String(ty.id)} selected={props.type === ty.id}>{ty.name}</option>)}
          </select>
          <button type="submit" class="usa-button margin-top-2">{t('attendees:list.apply')}</button>
        </form>
        <p>{t('attendees:badges.printHint')}</p>
      </div>
      <ul class="event-badges" aria-label={t('attendees:badges.listLabel')}>
        {result.badges.map(({ attendee, qr }) => (
          <li class="event-badge">
            <p class="event-badge__event">{event.title}</p>
            <p class="event-badge__name">{attendee.attendee_name}</p>
            {attendee.organisation && <p class="event-badge__org">{attendee.organisation}</p>}
            <p class="event-badge__type">{attendee.ticket_type_name}</p>
            <img class="event-badge__qr" src={qr} alt={t('attendees:badges.qrAlt', { name: attendee.attendee_name })} width={96} height={96} />
          </li>
        ))}
      </ul>
      <div class="no-print">
        <Pagination ctx={ctx} page={result.page} perPage={result.perPage} total={result.total} hrefFor={(p) => `${base}/badges?${props.type ? `type=${props.type}&` : ''}page=${p}`} />
      </div>
    </Layout>
  );
}
