import type { ComponentChildren } from 'preact';
import type { CoalitionEvent } from '../../../db/schema.ts';
import { Alert } from '../../../platform/ui/components/alert.tsx';
import { CsrfField } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { DoorTicket } from '../check-in.service.ts';
import { CheckedInLine, CheckInButton, DoorStateTag } from './check-in-parts.tsx';
import { DoorScanner } from './check-in-scanner.tsx';

// The door works on a phone held in one hand: the search comes first, buttons are full width, and
// nothing needs JavaScript (a phone's camera app opens the QR code's address, this page answers;
// where the browser can read QR codes itself, the search page also offers an in-page scanner).
// So these pages use the plain layout with one link back, not the organisers' side navigation,
// which would push the search below the fold on a small screen.

function DoorLayout(props: { ctx: ViewContext; event: CoalitionEvent; title: string; children: ComponentChildren }) {
  const { ctx, event } = props;
  return (
    <Layout ctx={ctx} title={`${props.title} · ${event.title}`}>
      <p class="margin-y-1">
        <a class="usa-link" href={`/events/${event.slug}/check-in`}>{ctx.t('attendees:door.searchAgain')}</a>
        {' · '}
        <a class="usa-link" href={`/events/${event.slug}/attendees`}>{ctx.t('attendees:door.list')}</a>
      </p>
      {props.children}
    </Layout>
  );
}

function SearchForm({ ctx, event, q }: { ctx: ViewContext; event: CoalitionEvent; q: string }) {
  const { t } = ctx;
  return (
    <form method="get" action={`/events/${event.slug}/check-in`} class="margin-bottom-3" role="search" aria-label={t('attendees:door.searchLabel')}>
      <label class="usa-label" for="door-q">{t('attendees:door.search')}</label>
      <div class="usa-hint" id="door-q-hint">{t('attendees:door.searchHint')}</div>
      <input class="usa-input maxw-full" id="door-q" name="q" type="search" value={q} maxLength={200} autocomplete="off" aria-describedby="door-q-hint" />
      <button type="submit" class="usa-button usa-button--big width-full margin-top-2">{t('attendees:door.find')}</button>
    </form>
  );
}

/** /events/:slug/check-in — search by name, email, order reference or ticket code, and check in. */
export function CheckInSearchPage(props: { ctx: ViewContext; event: CoalitionEvent; q: string; results: DoorTicket[] | null; counts: { sold: number; checkedIn: number } }) {
  const { ctx, event, q } = props;
  const { t } = ctx;
  const title = t('attendees:door.title');
  return (
    <DoorLayout ctx={ctx} event={event} title={title}>
      <h1>{title}</h1>
      <p class="text-bold">{event.title}</p>
      <p>{t('attendees:list.counts', { sold: props.counts.sold, checkedIn: props.counts.checkedIn })}</p>
      <SearchForm ctx={ctx} event={event} q={q} />
      <DoorScanner ctx={ctx} event={event} />
      {props.results !== null && (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">{t('attendees:door.results', { count: props.results.length })}</h2>
          <ul class="usa-list usa-list--unstyled">
            {props.results.map((ticket) => (
              <li class="margin-bottom-3 padding-2 border-1px border-base-lighter radius-md">
                <h3 class="margin-top-0 margin-bottom-1">
                  <a class="usa-link" href={`/events/${event.slug}/check-in/${encodeURIComponent(ticket.code)}`}>{ticket.attendee_name}</a>
                </h3>
                <p class="margin-y-1">
                  <DoorStateTag ctx={ctx} ticket={ticket} /> {ticket.ticket_type_name} · {ticket.order_reference}
                </p>
                <p class="margin-y-1 text-base-dark">{ticket.attendee_email}</p>
                {ticket.state === 'valid' && <CheckInButton ctx={ctx} event={event} ticket={ticket} q={q} />}
                {ticket.state === 'checkedIn' && <p class="margin-y-1"><CheckedInLine ctx={ctx} event={event} ticket={ticket} /></p>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </DoorLayout>
  );
}

/** /events/:slug/check-in/:code — the page the ticket's QR code opens. */
export function TicketDoorPage(props: { ctx: ViewContext; event: CoalitionEvent; ticket: DoorTicket; notice: 'already' | null; error: string | null; canUndo: boolean }) {
  const { ctx, event, ticket } = props;
  const { t } = ctx;
  const path = `/events/${event.slug}/check-in/${encodeURIComponent(ticket.code)}`;
  return (
    <DoorLayout ctx={ctx} event={event} title={ticket.attendee_name}>
      <h1>{ticket.attendee_name}</h1>
      <p class="font-sans-lg margin-top-0">
        <DoorStateTag ctx={ctx} ticket={ticket} /> {ticket.ticket_type_name}
      </p>
      {props.error && <Alert type="error">{t(props.error)}</Alert>}
      {ticket.state === 'checkedIn' && (
        <Alert type={props.notice === 'already' ? 'warning' : 'success'} heading={t(props.notice === 'already' ? 'attendees:door.alreadyHeading' : 'attendees:door.inHeading')}>
          <CheckedInLine ctx={ctx} event={event} ticket={ticket} />
        </Alert>
      )}
      {ticket.state === 'invalid' && <Alert type="error" heading={t('attendees:door.notValidHeading')}>{t('attendees:door.notValid')}</Alert>}
      {ticket.state === 'pending' && <Alert type="warning">{t('attendees:door.paymentPending')}</Alert>}
      <dl>
        <dt class="text-bold">{t('attendees:list.order')}</dt>
        <dd class="margin-left-0 margin-bottom-1">{ticket.order_reference}</dd>
        <dt class="text-bold">{t('attendees:door.email')}</dt>
        <dd class="margin-left-0 margin-bottom-1">{ticket.attendee_email}</dd>
        <dt class="text-bold">{t('attendees:door.event')}</dt>
        <dd class="margin-left-0 margin-bottom-1">{event.title}</dd>
      </dl>
      {ticket.state === 'valid' && <CheckInButton ctx={ctx} event={event} ticket={ticket} />}
      {ticket.state === 'checkedIn' && props.canUndo && (
        <form method="post" action={`${path}/undo`} class="margin-top-3">
          <CsrfField ctx={ctx} />
          <button type="submit" class="usa-button usa-button--outline width-full">{t('attendees:door.undo')}</button>
        </form>
      )}
    </DoorLayout>
  );
}

/** A code this event has no ticket for (mistyped, another event's, or replaced by a transfer). */
export function UnknownTicketPage(props: { ctx: ViewContext; event: CoalitionEvent }) {
  const { ctx, event } = props;
  const title = ctx.t('attendees:door.unknownTitle');
  return (
    <DoorLayout ctx={ctx} event={event} title={title}>
      <h1>{title}</h1>
      <Alert type="error">{ctx.t('attendees:door.unknown', { event: event.title })}</Alert>
    </DoorLayout>
  );
}
