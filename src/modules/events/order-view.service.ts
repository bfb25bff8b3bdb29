import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database, EventOrder, Ticket, TicketAudience } from '../../db/schema.ts';
import { bool } from '../../db/dialect.ts';
import { notFound } from '../../platform/errors.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { getInvoiceById } from '../billing/billing.service.ts';
import { cardPaymentOpen } from './order-payments.service.ts';
import { buyerCancelBlock, refundableNow, transfersOpen, type BuyerCancelBlock } from './registration-rules.ts';
import * as repo from './registration.repository.ts';
import * as admin from './ticket-admin.repository.ts';
import { checkInUrl, qrSvgDataUri } from './ticket-qr.ts';

type Db = Kysely<Database>;

/** How the viewer stands to an order: who bought it, the event's organisers, or someone holding one of its tickets. */
export type OrderRole = 'buyer' | 'organiser' | 'attendee';

export interface TicketView extends Ticket {
  typeName: string;
  audience: TicketAudience;
  isAddOn: boolean;
  /** The QR code (an SVG data: address) while the ticket is valid. */
  qr: string | null;
  /** Why the buyer may not cancel this ticket (with its add-ons) now, or null. */
  cancelBlock: BuyerCancelBlock | null;
}

export interface OrderPageData {
  event: CoalitionEvent;
  order: EventOrder;
  role: OrderRole;
  /** The viewer organises the event (they see the buyer and can record refunds). */
  organiser: boolean;
  tickets: TicketView[];
  invoice: { number: string; state: string } | null;
  transfersOpen: boolean;
  refundableNow: boolean;
  /** Why the buyer may not cancel the whole order now, or null (organisers may still). */
  cancelBlock: BuyerCancelBlock | null;
  /** The buyer may (still) pay this card order: its hold has not run out. */
  canPayByCard: boolean;
  /** A card hold whose time has passed, its seats about to be released. */
  holdOver: boolean;
}

/** Whether a ticket is this person's: theirs by account, or by a verified address. */
const holds = (p: Principal, t: Ticket) => (p.personId !== null && t.attendee_person_id === p.personId) || (p.emailVerified && !!p.email && t.attendee_email === p.email.toLowerCase());

/** The viewer's role for an order, or null (they are told it does not exist). */
export function orderRoleOf(p: Principal, order: EventOrder, tickets: Ticket[], organiser: boolean): OrderRole | null {
  if (p.personId !== null && order.buyer_person_id === p.personId) return 'buyer';
  if (organiser) return 'organiser';
  return tickets.some((t) => holds(p, t)) ? 'attendee' : null;
}

/** An order with its tickets, for the buyer, the organisers, or an attendee (their own tickets only); 404 for anyone else. */
export async function getOrderForViewer(db: Db, event: CoalitionEvent, reference: string, p: Principal, organiser: boolean): Promise<{ order: EventOrder; tickets: Ticket[]; role: OrderRole }> {
  const order = await repo.findOrderByReference(db, event.id, reference);
  if (!order) throw notFound();
  const all = await repo.findTicketsOfOrders(db, [order.id]);
  const role = orderRoleOf(p, order, all, organiser);
  if (!role) throw notFound();
  return { order, tickets: role === 'attendee' ? all.filter((t) => holds(p, t)) : all, role };
}

/** Everything the order page shows. */
export async function orderPageData(db: Db, event: CoalitionEvent, found: { order: EventOrder; tickets: Ticket[]; role: OrderRole }, organiser: boolean, now = new Date()): Promise<OrderPageData> {
  const { order, tickets, role } = found;
  const types = new Map((await admin.findTicketTypesByIds(db, [...new Set(tickets.map((t) => t.ticket_type_id))])).map((t) => [t.id, t]));
  const valid = order.status === 'confirmed';
  const invoice = order.invoice_id && role !== 'attendee' ? await getInvoiceById(db, order.invoice_id) : undefined;
  const active = tickets.filter((t) => t.status === 'active');
  const blockOf = (targets: Ticket[]) => buyerCancelBlock(event, order, invoice?.state ?? null, targets, now);
  const views: TicketView[] = [];
  for (const t of tickets) {
    const type = types.get(t.ticket_type_id);
    const qr = valid && t.status === 'active' ? await qrSvgDataUri(checkInUrl(event.slug, t.code)) : null;
    views.push({ ...t, typeName: type?.name ?? '', audience: type?.audience ?? 'anyone', isAddOn: bool(type?.is_add_on), qr, cancelBlock: blockOf(active.filter((x) => x.id === t.id || x.parent_ticket_id === t.id)) });
  }
  return {
    event,
    order,
    role,
    organiser,
    tickets: views,
    invoice: invoice ? { number: invoice.number, state: invoice.state } : null,
    transfersOpen: transfersOpen(event, now),
    refundableNow: refundableNow(event, now),
    cancelBlock: blockOf(active),
    canPayByCard: role === 'buyer' && cardPaymentOpen(order, invoice?.state ?? null, now),
    holdOver: order.status === 'pending' && !!order.hold_expires_at && order.hold_expires_at <= now.toISOString(),
  };
}

export interface MyRegistration {
  order: EventOrder;
  event: { slug: string; title: string; startsAt: string; endsAt: string; status: string };
  url: string;
}

/** A person's registrations, sorted into upcoming, past and cancelled. */
export async function listMyRegistrations(db: Db, p: Principal, now = new Date()): Promise<{ upcoming: MyRegistration[]; past: MyRegistration[]; cancelled: MyRegistration[] }> {
  if (p.personId === null) return { upcoming: [], past: [], cancelled: [] };
  const rows = await repo.findOrdersOfPerson(db, p.personId, p.emailVerified && p.email ? p.email.toLowerCase() : null);
  const out = { upcoming: [] as MyRegistration[], past: [] as MyRegistration[], cancelled: [] as MyRegistration[] };
  for (const r of rows) {
    const { event_slug, event_title, event_starts_at, event_ends_at, event_status, ...order } = r;
    const item = { order, event: { slug: event_slug, title: event_title, startsAt: event_starts_at, endsAt: event_ends_at, status: event_status }, url: `/events/${event_slug}/orders/${order.reference}` };
    if (order.status === 'cancelled' || event_status === 'cancelled') out.cancelled.push(item);
    else if (new Date(event_ends_at) < now) out.past.push(item);
    else out.upcoming.push(item);
  }
  out.upcoming.reverse();
  return out;
}
