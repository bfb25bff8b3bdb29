import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database, EventOrder, Ticket } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { recordAudit, systemActor, type Actor } from '../audit/audit.service.ts';
import { createInvoice, getInvoiceById, voidInvoice, type Invoice } from '../billing/billing.service.ts';
import { getPersonByEmail } from '../people/people.service.ts';
import { findEventById } from './events.repository.ts';
import { enqueueCancellationEmails, enqueueConfirmationEmails, enqueueTransferEmails } from './registration-emails.ts';
import { refundableNow, transfersOpen } from './registration-rules.ts';
import * as repo from './registration.repository.ts';
import { releaseSeats } from './seats.ts';
import * as admin from './ticket-admin.repository.ts';
import { passFreedSeatsOn } from './waitlist.service.ts';
import { DEFAULT_LOCALE } from '../../platform/i18n/i18n.ts';
import { randomBytes } from 'node:crypto';

type Db = Kysely<Database>;

// What happens to an order after it is placed: paid, expired, cancelled (in whole or in part),
// a ticket given to a colleague, a refund made. Each is one transaction with a guarded status
// change, so doing it twice (two tabs, a retried webhook) changes nothing the second time.

const newCode = (): string => randomBytes(16).toString('base64url');

async function typeNamesOf(db: Db, tickets: Ticket[]): Promise<Map<number, string>> {
  return new Map((await admin.findTicketTypesByIds(db, [...new Set(tickets.map((t) => t.ticket_type_id))])).map((t) => [t.id, t.name]));
}

/** Seats per pool of these tickets. */
const claimsOf = (tickets: Ticket[]) => tickets.map((t) => ({ poolId: t.pool_id, seats: 1 }));
const typeIdsOf = (tickets: Ticket[]) => [...new Set(tickets.map((t) => t.ticket_type_id))];

/** Voids an open invoice; a paid or void one is left alone (the caller decides what that means). */
async function voidIfOpen(trx: Db, actor: Actor, invoice: Invoice | undefined, reason: string): Promise<boolean> {
  if (!invoice || invoice.state !== 'open') return false;
  await voidInvoice(trx, actor, invoice.id, reason);
  return true;
}

/**
 * Card holds past their time: the order expires, its tickets are cancelled, its seats go back to
 * the pools (and on to the waitlist), and its invoice is voided so a late payment is flagged for
 * staff rather than confirming an order that no longer holds seats. Returns how many expired.
 */
export async function expireHolds(db: Db, now: Date, opts: { eventId?: number } = {}): Promise<number> {
  const actor = systemActor('card hold expiry');
  let n = 0;
  for (const { id } of await repo.findExpiredHolds(db, now.toISOString(), 200, opts.eventId)) {
    n += await db.transaction().execute(async (trx) => {
      const order = await repo.lockOrder(trx, id);
      if (!order || order.status !== 'pending') return 0;
      if ((await repo.updateOrderIfStatus(trx, id, ['pending'], { status: 'expired', hold_expires_at: null, updated_at: nowIso() })) !== 1) return 0;
      const tickets = await repo.cancelTickets(trx, (await repo.findTicketsOfOrders(trx, [id])).map((t) => t.id), nowIso());
      await releaseSeats(trx, claimsOf(tickets));
      if (order.invoice_id) await voidIfOpen(trx, actor, await getInvoiceById(trx, order.invoice_id), `Registration ${order.reference}: card payment not completed in time`);
      await recordAudit(trx, actor, { action: 'event_order.expired', subjectType: 'event_order', subjectId: id, changes: { seats: tickets.length } });
      await passFreedSeatsOn(trx, typeIdsOf(tickets));
      return 1;
    });
  }
  return n;
}

/**
 * The 'event' invoice purpose's paid handler. A pending card order becomes confirmed (and is
 * emailed). An order already confirmed (an invoice paid later) needs nothing. Money for an order
 * that was cancelled or expired meanwhile confirms nothing: it is noted as a refund due.
 */
export async function eventInvoicePaid(trx: Db, invoice: Invoice): Promise<void> {
  if (invoice.purpose_id === null) return;
  const order = await repo.lockOrder(trx, invoice.purpose_id);
  if (!order || order.invoice_id !== invoice.id) return;
  const actor = systemActor('payment');
  const at = nowIso();
  if (order.status === 'pending') {
    await repo.updateOrderIfStatus(trx, order.id, ['pending'], { status: 'confirmed', confirmed_at: at, hold_expires_at: null, updated_at: at });
    await recordAudit(trx, actor, { action: 'event_order.confirmed', subjectType: 'event_order', subjectId: order.id, changes: { invoice: invoice.number } });
    const event = await findEventById(trx, order.event_id);
    const tickets = await repo.findTicketsOfOrders(trx, [order.id]);
    if (event) await enqueueConfirmationEmails(trx, { event, order: { ...order, status: 'confirmed' }, tickets, typeNames: await typeNamesOf(trx, tickets), buyerLocale: DEFAULT_LOCALE });
  } else if (order.status === 'cancelled' || order.status === 'expired') {
    await repo.updateOrder(trx, order.id, { refund_state: 'due', refund_cents: invoice.total_cents, updated_at: at });
    await recordAudit(trx, actor, { action: 'event_order.paid_after_close', subjectType: 'event_order', subjectId: order.id, changes: { invoice: invoice.number, refund_cents: invoice.total_cents } });
  }
}

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
 * pools and on to the waitlist in the same transaction. An unpaid invoice is voided; after a
 * partial cancellation a new one is issued for the tickets that remain (simplest correct: the
 * school pays exactly what it keeps). A paid one gets a refund due for the cancelled tickets'
 * price, if the policy still refunds. Cancelling what is already cancelled is refused (409).
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
    const at = nowIso();
    const cancelled = await repo.cancelTickets(trx, targets.map((t) => t.id), at);
    if (cancelled.length === 0) throw conflict('registration:errors.alreadyCancelled');
    await releaseSeats(trx, claimsOf(cancelled));
    const remaining = all.filter((t) => t.status === 'active' && !cancelled.some((c) => c.id === t.id));
    const changes: Parameters<typeof repo.updateOrder>[2] = { updated_at: at };
    if (remaining.length === 0) Object.assign(changes, { status: 'cancelled', cancelled_at: at, hold_expires_at: null });
    const invoice = order.invoice_id ? await getInvoiceById(trx, order.invoice_id) : undefined;
    let refundCents = 0;
    if (invoice?.state === 'open') {
      await voidIfOpen(trx, actor, invoice, `Registration ${order.reference}: ${remaining.length ? 'tickets cancelled, reissued' : 'cancelled'}`);
      const keep = remaining.reduce((s, t) => s + t.price_cents, 0);
      if (keep > 0) {
        const next = await reissueInvoice(trx, actor, req.event, order, invoice, remaining);
        Object.assign(changes, { invoice_id: next.id, total_cents: keep });
      } else Object.assign(changes, { total_cents: 0 });
    } else if (invoice?.state === 'paid' && refundableNow(req.event, now)) {
      refundCents = cancelled.reduce((s, t) => s + t.price_cents, 0);
      if (refundCents > 0) Object.assign(changes, { refund_state: 'due', refund_cents: order.refund_cents + refundCents });
    }
    await repo.updateOrder(trx, order.id, changes);
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

/** A new invoice for the tickets an order keeps, one line per ticket type and price. */
async function reissueInvoice(trx: Db, actor: Actor, event: CoalitionEvent, order: EventOrder, old: Invoice, remaining: Ticket[]): Promise<Invoice> {
  const names = await typeNamesOf(trx, remaining);
  const groups = new Map<string, { description: string; quantity: number; unitCents: number }>();
  for (const t of remaining.filter((x) => x.price_cents > 0)) {
    const k = `${t.ticket_type_id}:${t.price_cents}`;
    const g = groups.get(k) ?? { description: `${event.title}: ${names.get(t.ticket_type_id) ?? ''}`, quantity: 0, unitCents: t.price_cents };
    g.quantity += 1;
    groups.set(k, g);
  }
  return createInvoice(trx, actor, {
    purpose: 'event',
    purposeId: order.id,
    organisationId: old.organisation_id,
    personId: old.person_id,
    billToName: old.bill_to_name,
    billToAddress: old.bill_to_address,
    billToEmail: old.bill_to_email,
    dueOn: old.due_on,
    lines: [...groups.values()],
    notes: `${old.notes ?? order.reference} · replaces ${old.number}`,
  });
}

/**
 * The organiser cancelled the event: every live order is cancelled, open invoices voided, paid ones
 * refunded in full (whatever the policy: the organiser cancelled, not the attendee), seats given
 * back but not offered to the waitlist, and every buyer and attendee emailed.
 */
export async function cancelAllOrdersOfEvent(trx: Db, actor: Actor, event: CoalitionEvent): Promise<number> {
  const at = nowIso();
  const orders = await repo.findLiveOrdersOfEvent(trx, event.id);
  for (const order of orders) {
    if ((await repo.updateOrderIfStatus(trx, order.id, ['pending', 'confirmed'], { status: 'cancelled', cancelled_at: at, hold_expires_at: null, updated_at: at })) !== 1) continue;
    const cancelled = await repo.cancelTickets(trx, (await repo.findTicketsOfOrders(trx, [order.id])).map((t) => t.id), at);
    await releaseSeats(trx, claimsOf(cancelled));
    const invoice = order.invoice_id ? await getInvoiceById(trx, order.invoice_id) : undefined;
    let refundCents = 0;
    if (!(await voidIfOpen(trx, actor, invoice, `Event ${event.title} cancelled`)) && invoice?.state === 'paid') {
      refundCents = Math.max(0, order.total_cents - order.refund_cents);
      if (refundCents > 0) await repo.updateOrder(trx, order.id, { refund_state: 'due', refund_cents: order.refund_cents + refundCents });
    }
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
    await enqueueTransferEmails(trx, { event: req.event, order, before, after, typeNames: await typeNamesOf(trx, [before]) });
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
