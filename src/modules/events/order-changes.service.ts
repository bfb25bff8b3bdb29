import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database, EventOrder, Ticket } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { getInvoiceById, voidInvoice } from '../billing/billing.service.ts';
import { getPersonByEmail } from '../people/people.service.ts';
import { refundForEventCancellation, settleCancellation } from './order-money.ts';
import { enqueueCancellationEmails, enqueueTransferEmails } from './registration-emails.ts';
import { buyerCancelBlock, refundableNow, transfersOpen } from './registration-rules.ts';
import * as repo from './registration.repository.ts';
import { releaseSeats } from './seats.ts';
import * as admin from './ticket-admin.repository.ts';
import { passFreedSeatsOn } from './waitlist.service.ts';
import { randomBytes } from 'node:crypto';

type Db = Kysely<Database>;

// What happens to an order after it is placed: cancelled (in whole or in part), a ticket given to
// a colleague, a refund made (payments and expiry are in order-payments.service.ts). Each is one
// transaction with a guarded status change, so doing it twice (two tabs) changes nothing the
// second time.

const newCode = (): string => randomBytes(16).toString('base64url');

/** Seats per pool of these tickets. */
const claimsOf = (tickets: Ticket[]) => tickets.map((t) => ({ poolId: t.pool_id, seats: 1 }));
const typeIdsOf = (tickets: Ticket[]) => [...new Set(tickets.map((t) => t.ticket_type_id))];

export interface CancelRequest {
  event: CoalitionEvent;
  order: EventOrder;
  /** One ticket (its add-ons go with it); the whole order when absent. */
  ticketId?: number;
  by: 'buyer' | 'organiser';
  now?: Date;
}

/**
 * Cancels an order, or one ticket of it, per the event's refund policy. Seats go back to their
 * pools and on to the waitlist in the same transaction; the money is settled by the rule in
 * order-money.ts. A buyer may not cancel once the event has started, a ticket that was used at
 * the door, or, after the refund cutoff, tickets still owed on an open invoice (the policy gives
 * no refunds then, so the debt stands: they transfer the ticket instead). Organisers cancelling
 * on someone's behalf are not bound by these: they decide case by case, and the audit says who.
 * Cancelling what is already cancelled is refused (409).
 */
export async function cancelOrder(db: Db, actor: Actor, req: CancelRequest): Promise<{ cancelled: Ticket[]; refundCents: number }> {
  const now = req.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const order = await repo.lockOrder(trx, req.order.id);
    if (!order) throw notFound();
    if (order.status !== 'pending' && order.status !== 'confirmed') throw conflict('registration:errors.alreadyCancelled');
    const all = await repo.findTicketsOfOrders(trx, [order.id]);
    let targets = all.filter((t) => t.status === 'active');
    if (req.ticketId !== undefined) {
      const one = all.find((t) => t.id === req.ticketId);
      if (!one) throw notFound();
      if (one.status !== 'active') throw conflict('registration:errors.alreadyCancelled');
      targets = targets.filter((t) => t.id === one.id || t.parent_ticket_id === one.id);
    }
    const invoice = order.invoice_id ? await getInvoiceById(trx, order.invoice_id) : undefined;
    if (req.by === 'buyer') {
      const block = buyerCancelBlock(req.event, order, invoice?.state ?? null, targets, now);
      if (block) throw conflict(`registration:errors.cancelBlocked.${block}`);
    }
    const at = nowIso();
    const cancelled = await repo.cancelTickets(trx, targets.map((t) => t.id), at);
    if (cancelled.length === 0) throw conflict('registration:errors.alreadyCancelled');
    await releaseSeats(trx, claimsOf(cancelled));
    const remaining = all.filter((t) => t.status === 'active' && !cancelled.some((c) => c.id === t.id));
    const money = await settleCancellation(trx, actor, { event: req.event, order, invoice, cancelled, remaining, refundable: refundableNow(req.event, now) });
    const changes: Parameters<typeof repo.updateOrder>[2] = { ...money.changes, updated_at: at };
    if (remaining.length === 0) {
      Object.assign(changes, { status: 'cancelled', cancelled_at: at, hold_expires_at: null });
      // The order no longer exists as a sale: its promo code use is free for someone else.
      if (order.promo_code_id !== null) await admin.releasePromoUse(trx, order.promo_code_id);
    }
    await repo.updateOrder(trx, order.id, changes);
    const refundCents = money.refundCents;
    await recordAudit(trx, actor, {
      action: remaining.length ? 'event_order.tickets_cancelled' : 'event_order.cancelled',
      subjectType: 'event_order',
      subjectId: order.id,
      organisationId: order.organisation_id,
      changes: { tickets: cancelled.map((t) => t.id), refund_cents: refundCents, by: req.by },
    });
    await passFreedSeatsOn(trx, typeIdsOf(cancelled));
    await enqueueCancellationEmails(trx, { event: req.event, order, cancelled, refundCents, byOrganiser: req.by === 'organiser' ? 'organiser' : null });
    return { cancelled, refundCents };
  });
}

/**
 * The organiser cancelled the event: every live order is cancelled, open invoices voided, and what
 * was actually paid refunded (whatever the policy: the organiser cancelled, not the attendee) up to
 * the price of the tickets this cancels; seats given back but not offered to the waitlist, and
 * every buyer and attendee emailed.
 */
export async function cancelAllOrdersOfEvent(trx: Db, actor: Actor, event: CoalitionEvent): Promise<number> {
  const at = nowIso();
  const orders = await repo.findLiveOrdersOfEvent(trx, event.id);
  for (const { id } of orders) {
    // Locked and read afresh: a buyer's cancel may have just changed its refund or status.
    const order = await repo.lockOrder(trx, id);
    if (!order || (order.status !== 'pending' && order.status !== 'confirmed')) continue;
    if ((await repo.updateOrderIfStatus(trx, order.id, ['pending', 'confirmed'], { status: 'cancelled', cancelled_at: at, hold_expires_at: null, updated_at: at })) !== 1) continue;
    const cancelled = await repo.cancelTickets(trx, (await repo.findTicketsOfOrders(trx, [order.id])).map((t) => t.id), at);
    await releaseSeats(trx, claimsOf(cancelled));
    if (order.promo_code_id !== null) await admin.releasePromoUse(trx, order.promo_code_id);
    const invoice = order.invoice_id ? await getInvoiceById(trx, order.invoice_id) : undefined;
    if (invoice?.state === 'open') await voidInvoice(trx, actor, invoice.id, `Event ${event.title} cancelled`);
    const { refundCents, changes } = await refundForEventCancellation(trx, order, cancelled);
    if (refundCents > 0) await repo.updateOrder(trx, order.id, changes);
    await recordAudit(trx, actor, { action: 'event_order.cancelled', subjectType: 'event_order', subjectId: order.id, organisationId: order.organisation_id, changes: { reason: 'event_cancelled', refund_cents: refundCents } });
    await enqueueCancellationEmails(trx, { event, order, cancelled, refundCents, byOrganiser: 'event' });
  }
  return orders.length;
}

/**
 * Gives a ticket to a colleague: new attendee, new code (the old QR code stops working), its
 * add-ons follow it; both people are emailed. Only while transfers are open and the ticket is
 * active and not yet used at the door.
 */
export async function transferTicket(db: Db, actor: Actor, req: { event: CoalitionEvent; order: EventOrder; ticketId: number; name: string; email: string; now?: Date }): Promise<Ticket> {
  const now = req.now ?? new Date();
  if (!transfersOpen(req.event, now)) throw conflict('registration:errors.transfersClosed');
  return db.transaction().execute(async (trx) => {
    const order = await repo.lockOrder(trx, req.order.id);
    if (!order) throw notFound();
    if (order.status !== 'confirmed') throw conflict('registration:errors.notConfirmed');
    const all = await repo.findTicketsOfOrders(trx, [order.id]);
    const before = all.find((t) => t.id === req.ticketId && t.parent_ticket_id === null);
    if (!before) throw notFound();
    if (before.status !== 'active') throw conflict('registration:errors.alreadyCancelled');
    if (before.checked_in_at) throw conflict('registration:errors.alreadyCheckedIn');
    const person = await getPersonByEmail(trx, req.email);
    const at = nowIso();
    const who = { attendee_person_id: person?.id ?? null, attendee_name: req.name, attendee_email: req.email, updated_at: at };
    const after = { ...before, ...who, code: newCode() };
    if ((await repo.updateTicketIfActive(trx, before.id, { ...who, code: after.code })) !== 1) throw conflict('registration:errors.alreadyCancelled');
    for (const child of all.filter((t) => t.parent_ticket_id === before.id && t.status === 'active')) await repo.updateTicketIfActive(trx, child.id, { ...who, code: newCode() });
    await recordAudit(trx, actor, { action: 'ticket.transferred', subjectType: 'ticket', subjectId: before.id, organisationId: order.organisation_id, changes: { attendee_email: [before.attendee_email, req.email] } });
    await enqueueTransferEmails(trx, { event: req.event, order, before, after });
    return after;
  });
}

/** Organisers record a refund made outside the site (with its reference): due → issued, once. */
export async function markRefundIssued(db: Db, actor: Actor, order: EventOrder, reference: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.setRefundIssued(trx, order.id, nowIso()))) throw conflict('registration-admin:errors.noRefundDue');
    await recordAudit(trx, actor, { action: 'event_order.refund_issued', subjectType: 'event_order', subjectId: order.id, organisationId: order.organisation_id, changes: { refund_cents: order.refund_cents, reference } });
  });
}
