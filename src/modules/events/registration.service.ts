import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database, EventOrder, Organisation, Ticket } from '../../db/schema.ts';
import { bool, isUniqueViolation } from '../../db/dialect.ts';
import { badRequest, conflict } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { createInvoice } from '../billing/billing.service.ts';
import { todayUtc } from '../billing/invoice-format.ts';
import { splitCents, type OrderPrice } from './pricing.ts';
import { prepareOrder, type Prepared } from './registration-checks.ts';
import { eventTakesRegistrations } from './registration-rules.ts';
import { enqueueConfirmationEmails } from './registration-emails.ts';
import * as repo from './registration.repository.ts';
import type { OrderInput } from './registration.schemas.ts';
import { claimSeats, releaseSeats, type SeatClaim } from './seats.ts';
import * as admin from './ticket-admin.repository.ts';
import { linkOfferToOrder, passFreedSeatsOn, takeOffer, type TakenOffer } from './waitlist.service.ts';
import { expireHolds } from './order-payments.service.ts';

type Db = Kysely<Database>;

/**
 * How long a card order holds its seats while the buyer pays. A little longer than Stripe's
 * shortest checkout (30 minutes), so the checkout opened at placement can be made to expire at
 * the hold's end (openOrderCheckout in order-payments.service.ts) rather than live Stripe's
 * default 24 hours and take money for seats already given back.
 */
export const CARD_HOLD_MINUTES = 35;
/** Invoices for registrations are due this many days after issue. */
const INVOICE_DUE_DAYS = 30;

/** Who is buying: the signed-in person, and the schools they work at (for group orders). */
export interface Buyer {
  personId: number;
  name: string;
  email: string;
  locale: Locale;
  schools: Organisation[];
}

export interface PlaceOrderRequest {
  event: CoalitionEvent;
  buyer: Buyer;
  input: OrderInput;
  cardAvailable: boolean;
  now?: Date;
}

const REF_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

/** A short public reference such as FF-7KQ2M9XA: initials of the event's slug, then 8 random characters. */
export function newReference(slug: string): string {
  const initials = slug.split('-').map((w) => w[0] ?? '').join('').toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 4) || 'EV';
  const bytes = randomBytes(8);
  return `${initials}-${Array.from(bytes, (b) => REF_ALPHABET[b % REF_ALPHABET.length]).join('')}`;
}

/** A ticket's random, unguessable code (QR code and check-in). */
export const newTicketCode = (): string => randomBytes(16).toString('base64url');

/** The first order placed with this key, if it is this buyer's for this event (else a conflict). */
async function earlierOrder(db: Db, key: string, req: PlaceOrderRequest): Promise<EventOrder | undefined> {
  const found = await repo.findOrderByKey(db, key);
  if (!found) return undefined;
  if (found.event_id !== req.event.id || found.buyer_person_id !== req.buyer.personId) throw conflict('registration:errors.keyTaken');
  return found;
}

/**
 * Places an order in one transaction: the order row (its submission key is unique, so a double
 * submit finds the first order), a waitlist offer taken up, the promo code's use and every pool's
 * seats claimed by guarded updates, one ticket per seat, and the invoice. Any refusal rolls all of
 * it back. Free and invoiced orders are confirmed (and emailed) at once; card orders hold their
 * seats for CARD_HOLD_MINUTES while the buyer pays.
 */
export async function placeOrder(db: Db, actor: Actor, req: PlaceOrderRequest): Promise<{ order: EventOrder; created: boolean }> {
  const now = req.now ?? new Date();
  const key = req.input.submission_key ?? randomUUID();
  const first = await earlierOrder(db, key, req);
  if (first) return { order: first, created: false };
  // Stale card holds of this event give their seats back before anyone is told it is sold out.
  await expireHolds(db, now, { eventId: req.event.id });
  const p = await prepareOrder(db, req, now);
  try {
    const order = await db.transaction().execute((trx) => writeOrder(trx, actor, req, p, key, now));
    return { order, created: true };
  } catch (err) {
    if (isUniqueViolation(err)) {
      const found = await earlierOrder(db, key, req);
      if (found) return { order: found, created: false };
    }
    throw err;
  }
}

async function writeOrder(trx: Db, actor: Actor, req: PlaceOrderRequest, p: Prepared, key: string, now: Date): Promise<EventOrder> {
  const { buyer } = req;
  // The event as it is now, not as the checks read it: it may have been cancelled since.
  const event = await repo.lockEventForOrder(trx, req.event.id);
  if (!event || !eventTakesRegistrations(event, now)) throw conflict('registration:errors.closed');
  const at = now.toISOString();
  const confirmed = p.method !== 'card';
  let order = await repo.insertOrder(trx, {
    event_id: event.id,
    reference: newReference(event.slug),
    buyer_person_id: buyer.personId,
    buyer_name: buyer.name,
    buyer_email: buyer.email,
    organisation_id: p.school?.id ?? null,
    status: confirmed ? 'confirmed' : 'pending',
    payment_method: p.method,
    invoice_id: null,
    promo_code_id: p.promoId,
    subtotal_cents: p.price.subtotalCents,
    discount_cents: p.price.discountCents,
    total_cents: p.price.totalCents,
    refund_cents: 0,
    refund_state: 'none',
    submission_key: key,
    hold_expires_at: confirmed ? null : new Date(now.getTime() + CARD_HOLD_MINUTES * 60_000).toISOString(),
    confirmed_at: confirmed ? at : null,
    cancelled_at: null,
    created_at: at,
    updated_at: at,
  });
  const offer = req.input.offer ? await takeOffer(trx, req.input.offer, { personId: buyer.personId, email: buyer.email }) : null;
  if (p.promoId !== null && !(await admin.tryUsePromoCode(trx, p.promoId))) throw badRequest({ promo_code: ['registration:errors.promo.usedUp'] }, 'registration:errors.fixOrder');
  await claimSeats(trx, await seatClaimsBeyondOffer(trx, p, offer));
  const tickets = await issueTickets(trx, order, p, at);
  if (p.method !== 'free') {
    const invoice = await createInvoice(trx, actor, {
      purpose: 'event',
      purposeId: order.id,
      organisationId: p.school?.id ?? null,
      personId: buyer.personId,
      billToName: p.school?.name ?? buyer.name,
      billToEmail: p.school?.email ?? buyer.email,
      dueOn: todayUtc(new Date(now.getTime() + INVOICE_DUE_DAYS * 86_400_000)),
      lines: invoiceLines(event, p.price),
      notes: req.input.po_number ? `PO ${req.input.po_number} · ${order.reference}` : order.reference,
    });
    await repo.updateOrder(trx, order.id, { invoice_id: invoice.id });
    order = { ...order, invoice_id: invoice.id };
  }
  if (offer) await linkOfferToOrder(trx, offer.entryId, order.id);
  await recordAudit(trx, actor, {
    action: 'event_order.created',
    subjectType: 'event_order',
    subjectId: order.id,
    organisationId: p.school?.id ?? null,
    changes: { event: event.id, reference: order.reference, seats: tickets.length, total_cents: order.total_cents, method: p.method, ...(offer && { waitlist_entry: offer.entryId }) },
  });
  if (confirmed) await enqueueConfirmationEmails(trx, { order, tickets, buyerLocale: buyer.locale });
  return order;
}

/**
 * The seats to claim per pool, less those a waitlist offer already holds. Offer quantities count
 * units of the offered type; held seats the order does not use are given back (and passed on).
 */
async function seatClaimsBeyondOffer(trx: Db, p: Prepared, offer: TakenOffer | null): Promise<SeatClaim[]> {
  const claims = p.lines.map((l) => ({ poolId: l.type.pool_id, seats: l.units * l.type.seats_per_unit }));
  if (!offer) return claims;
  const line = p.lines.find((l) => l.type.id === offer.ticketTypeId);
  if (!line) throw badRequest({ [`qty_${offer.ticketTypeId}`]: ['registration:errors.offerType'] }, 'registration:errors.fixOrder');
  const used = Math.min(line.units, offer.quantity);
  const claim = claims.find((c) => c.poolId === line.type.pool_id)!;
  claim.seats -= used * line.type.seats_per_unit;
  const unused = (offer.quantity - used) * line.type.seats_per_unit;
  if (unused > 0) {
    await releaseSeats(trx, [{ poolId: line.type.pool_id, seats: unused }]);
    await passFreedSeatsOn(trx, [line.type.id]);
  }
  return claims;
}

async function issueTickets(trx: Db, order: EventOrder, p: Prepared, at: string): Promise<Ticket[]> {
  const out: Ticket[] = [];
  const mains: Ticket[] = [];
  const byType = new Map(p.price.lines.map((l) => [l.typeId, l]));
  const ordered = [...p.lines].sort((a, b) => Number(bool(a.type.is_add_on)) - Number(bool(b.type.is_add_on)));
  let nextAttendee = 0;
  let nextMain = 0;
  for (const { type } of ordered) {
    const priced = byType.get(type.id)!;
    const prices = splitCents(priced.totalCents, priced.seats);
    for (const price of prices) {
      const addOn = bool(type.is_add_on);
      const parent = addOn ? mains[nextMain++] : undefined;
      const who = addOn ? { personId: parent!.attendee_person_id, name: parent!.attendee_name, email: parent!.attendee_email } : p.attendees[nextAttendee++]!;
      const ticket = await repo.insertTicket(trx, {
        order_id: order.id,
        event_id: order.event_id,
        ticket_type_id: type.id,
        pool_id: type.pool_id,
        parent_ticket_id: parent?.id ?? null,
        attendee_person_id: who.personId,
        attendee_name: who.name,
        attendee_email: who.email,
        code: newTicketCode(),
        price_cents: price,
        status: 'active',
        checked_in_at: null,
        checked_in_by: null,
        created_at: at,
        updated_at: at,
      });
      if (!addOn) mains.push(ticket);
      out.push(ticket);
    }
  }
  return out;
}

/** Invoice lines per ticket type. Lines cannot be negative, so a promo is folded into its line's amount. */
function invoiceLines(event: CoalitionEvent, price: OrderPrice): { description: string; quantity: number; unitCents: number }[] {
  return price.lines
    .filter((l) => l.totalCents > 0)
    .map((l) =>
      l.promoDiscountCents === 0 ? { description: `${event.title}: ${l.name}`, quantity: l.units, unitCents: l.unitCents } : { description: `${event.title}: ${l.units} × ${l.name}`, quantity: 1, unitCents: l.totalCents },
    );
}
