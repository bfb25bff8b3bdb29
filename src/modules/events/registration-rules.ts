import type { CoalitionEvent, EventOrder, Ticket, TicketType } from '../../db/schema.ts';
import { bool } from '../../db/dialect.ts';

// When a ticket type can be bought: the event's state and the type's own sale window. Shared by
// the order service (which refuses) and the event page's panel (which explains).

export type SaleState = 'on_sale' | 'not_yet' | 'ended' | 'retired';

/** Whether the event takes registrations here at all right now. */
export function eventTakesRegistrations(event: CoalitionEvent, now: Date): boolean {
  return event.status === 'published' && bool(event.registration_enabled) && new Date(event.ends_at) > now;
}

/** Where a ticket type stands in its sale window (sales close when the event ends, if not before). */
export function saleState(type: TicketType, event: CoalitionEvent, now: Date): SaleState {
  if (type.retired_at) return 'retired';
  if (type.sales_start_at && new Date(type.sales_start_at) > now) return 'not_yet';
  if ((type.sales_end_at && new Date(type.sales_end_at) <= now) || new Date(event.ends_at) <= now) return 'ended';
  return 'on_sale';
}

/** Whether transfers are open for this event now (allowed, and before it starts). */
export function transfersOpen(event: CoalitionEvent, now: Date): boolean {
  return bool(event.transfers_allowed) && event.status !== 'cancelled' && new Date(event.starts_at) > now;
}

/**
 * What a cancellation now gives back, per the event's policy: everything until `refund_cutoff_days`
 * before the start, nothing after; no policy (null) means no refunds.
 */
export function refundableNow(event: CoalitionEvent, now: Date): boolean {
  if (event.refund_cutoff_days === null) return false;
  const cutoff = new Date(event.starts_at).getTime() - event.refund_cutoff_days * 86_400_000;
  return now.getTime() <= cutoff;
}

/** Why a buyer may not cancel these tickets now. */
export type BuyerCancelBlock = 'started' | 'checkedIn' | 'unpaidAfterCutoff';

/**
 * Why the buyer may not cancel these tickets of their order now, or null. Once the event has
 * started, or a ticket was used at the door, the registration was used. After the refund cutoff
 * the policy gives nothing back, so tickets still owed on an open invoice stay owed: cancelling
 * them would wipe the debt (the buyer transfers them instead). Card holds not yet paid owe nothing
 * and may still be let go. Organisers acting on someone's behalf are not bound by this.
 */
export function buyerCancelBlock(event: CoalitionEvent, order: Pick<EventOrder, 'status'>, invoiceState: string | null, targets: Pick<Ticket, 'checked_in_at' | 'price_cents'>[], now: Date): BuyerCancelBlock | null {
  if (new Date(event.starts_at) <= now) return 'started';
  if (targets.some((t) => t.checked_in_at)) return 'checkedIn';
  if (order.status === 'confirmed' && invoiceState === 'open' && !refundableNow(event, now) && targets.some((t) => t.price_cents > 0)) return 'unpaidAfterCutoff';
  return null;
}
