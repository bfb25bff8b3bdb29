import type { CoalitionEvent } from '../../../db/schema.ts';
import { CsrfField } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { DoorTicket } from '../check-in.service.ts';

/** A check-in time as door staff read it: hours and minutes in the event's own time zone. */
export function CheckInTime({ ctx, event, iso }: { ctx: ViewContext; event: CoalitionEvent; iso: string }) {
  const text = new Intl.DateTimeFormat(ctx.locale, { hour: '2-digit', minute: '2-digit', timeZone: event.timezone }).format(new Date(iso));
  const day = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeZone: event.timezone }).format(new Date(iso));
  return <time dateTime={iso} title={day}>{text}</time>;
}

/** What a ticket's state means at the door, in a few words. */
export function DoorStateTag({ ctx, ticket }: { ctx: ViewContext; ticket: DoorTicket }) {
  const styles = { valid: 'bg-primary', checkedIn: 'bg-green', pending: 'bg-gold text-ink', invalid: 'bg-secondary-dark' } as const;
  return <span class={`usa-tag ${styles[ticket.state]}`}>{ctx.t(`attendees:door.states.${ticket.state}`)}</span>;
}

/** "Checked in at 10:02 by Ana Ruiz". */
export function CheckedInLine({ ctx, event, ticket }: { ctx: ViewContext; event: CoalitionEvent; ticket: DoorTicket }) {
  if (!ticket.checked_in_at) return null;
  return (
    <>
      {ctx.t('attendees:door.checkedInAt')} <CheckInTime ctx={ctx} event={event} iso={ticket.checked_in_at} />
      {ticket.checkedInByName && ` ${ctx.t('attendees:door.by', { name: ticket.checkedInByName })}`}
    </>
  );
}

/** The big "Check in" button (a plain POST: works on any phone, no script needed). */
export function CheckInButton({ ctx, event, ticket, q }: { ctx: ViewContext; event: CoalitionEvent; ticket: DoorTicket; q?: string }) {
  return (
    <form method="post" action={`/events/${event.slug}/check-in/${encodeURIComponent(ticket.code)}`}>
      <CsrfField ctx={ctx} />
      {q !== undefined && <input type="hidden" name="q" value={q} />}
      <button type="submit" class="usa-button usa-button--big width-full">
        {ctx.t('attendees:door.checkIn')}
        <span class="usa-sr-only">: {ticket.attendee_name}</span>
      </button>
    </form>
  );
}
