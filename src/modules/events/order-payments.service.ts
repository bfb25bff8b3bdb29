import type { Kysely } from 'kysely';
import type { Database, EventOrder } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';
import { conflict } from '../../platform/errors.ts';
import { DEFAULT_LOCALE } from '../../platform/i18n/i18n.ts';
import { recordAudit, systemActor } from '../audit/audit.service.ts';
import { getInvoiceById, voidInvoice, type Invoice } from '../billing/billing.service.ts';
import { startCardCheckout } from '../billing/card-payments.service.ts';
import type { PaymentProvider } from '../../platform/payments/payment-provider.ts';
import type { CoalitionEvent } from '../../db/schema.ts';
import { enqueueConfirmationEmails, orderPath } from './registration-emails.ts';
import * as repo from './registration.repository.ts';
import { releaseSeats } from './seats.ts';
import * as admin from './ticket-admin.repository.ts';
import { passFreedSeatsOn } from './waitlist.service.ts';

type Db = Kysely<Database>;

// Payment's side of an order: card holds that run out, invoices paid, and money that arrives
// after the order closed. Each is one transaction with a guarded change, so a retried webhook or
// a second job run changes nothing.

/**
 * Whether the buyer may (still) open a card checkout for this order: a card order awaiting
 * payment, its invoice open, and its hold not yet run out. A checkout the provider expired (or the
 * buyer abandoned) does not end the hold: the buyer may try again until the hold's time, and only
 * then are the seats released (by the hourly job, or by the next order for the event). Once the
 * hold is over no new checkout is opened, since money paid into it would only become a refund due.
 */
export function cardPaymentOpen(order: Pick<EventOrder, 'status' | 'payment_method' | 'hold_expires_at'>, invoiceState: string | null, now: Date): boolean {
  return order.status === 'pending' && order.payment_method === 'card' && invoiceState === 'open' && !!order.hold_expires_at && order.hold_expires_at > now.toISOString();
}

/**
 * Opens a card checkout for an order the buyer may still pay (cardPaymentOpen) and answers its
 * URL; the provider sends the buyer back to the order page. Undefined when there is nothing to pay
 * by card. Throws the billing 502 when the provider cannot be reached (the order keeps its hold).
 *
 * The checkout expires at the hold's end, so money cannot arrive for seats the hold has given
 * back. Stripe will not expire a checkout sooner than 30 minutes after opening it: at placement the
 * hold (CARD_HOLD_MINUTES, longer than that) ends first anyway; when the buyer pays again with less
 * than 30 minutes of hold left, the checkout outlives the hold by a few minutes at most. A payment
 * landing in that window finds the order expired and becomes a refund due (eventVoidInvoicePaid),
 * as every late payment did before, but the window is minutes instead of Stripe's default 24 hours.
 */
export async function openOrderCheckout(
  db: Db,
  provider: PaymentProvider,
  event: CoalitionEvent,
  order: EventOrder,
  opts: { baseUrl: string; balanceLabel: string; now?: Date },
): Promise<string | undefined> {
  if (order.invoice_id === null) return undefined;
  const invoice = await getInvoiceById(db, order.invoice_id);
  if (!invoice || !cardPaymentOpen(order, invoice.state, opts.now ?? new Date())) return undefined;
  const page = `${opts.baseUrl}${orderPath(event, order)}`;
  return startCardCheckout(db, provider, invoice, {
    successUrl: `${page}?checkout=success`,
    cancelUrl: `${page}?checkout=cancelled`,
    balanceLabel: opts.balanceLabel,
    expiresAt: new Date(order.hold_expires_at!),
  });
}

/**
 * The 'event' purpose's card-checkout window (registerCardCheckoutWindow), for checkouts opened
 * from the invoice page: a pending card order's invoice may be paid by card only while its hold
 * lasts, by a checkout that ends with it. Other orders' invoices (an invoice order paid by card
 * later) have no limit.
 */
export async function eventCardCheckoutWindow(db: Db, invoice: Invoice, now: Date): Promise<{ expiresAt?: Date }> {
  const order = invoice.purpose_id === null ? undefined : await repo.findOrderById(db, invoice.purpose_id);
  if (!order || order.invoice_id !== invoice.id || order.payment_method !== 'card' || order.status !== 'pending') return {};
  if (!cardPaymentOpen(order, invoice.state, now)) throw conflict('registration:order.holdOver');
  return { expiresAt: new Date(order.hold_expires_at!) };
}

/**
 * Card holds past their time: the order expires, its tickets are cancelled, its seats go back to
 * the pools (and on to the waitlist), its promo code's use is given back, and its invoice is voided
 * so a late payment becomes a refund due rather than confirming an order that no longer holds
 * seats. Returns how many expired.
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
      await releaseSeats(trx, tickets.map((t) => ({ poolId: t.pool_id, seats: 1 })));
      if (order.promo_code_id !== null) await admin.releasePromoUse(trx, order.promo_code_id);
      const invoice = order.invoice_id ? await getInvoiceById(trx, order.invoice_id) : undefined;
      if (invoice?.state === 'open') await voidInvoice(trx, actor, invoice.id, `Registration ${order.reference}: card payment not completed in time`);
      await recordAudit(trx, actor, { action: 'event_order.expired', subjectType: 'event_order', subjectId: id, changes: { seats: tickets.length } });
      await passFreedSeatsOn(trx, [...new Set(tickets.map((t) => t.ticket_type_id))]);
      return 1;
    });
  }
  return n;
}

/**
 * The 'event' invoice purpose's paid handler. A pending card order becomes confirmed (and is
 * emailed). An order already confirmed (an invoice paid later) needs nothing. Money for an order
 * that was cancelled or expired meanwhile confirms nothing: it is added to the refund due.
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
    const tickets = await repo.findTicketsOfOrders(trx, [order.id]);
    // The job reads the buyer's language from their account when it runs (ticket-emails.ts).
    await enqueueConfirmationEmails(trx, { order: { ...order, status: 'confirmed' }, tickets, buyerLocale: DEFAULT_LOCALE });
  } else if (order.status === 'cancelled' || order.status === 'expired') {
    await owe(trx, order.id, invoice, invoice.total_cents);
  }
}

/**
 * The 'event' purpose's handler for money landing on one of its void invoices (a card checkout
 * completed after the hold expired or the order was cancelled or reissued): whatever the order's
 * state, that money was not asked for, so all of it is a refund due.
 */
export async function eventVoidInvoicePaid(trx: Db, invoice: Invoice, amountCents: number): Promise<void> {
  if (invoice.purpose_id === null || amountCents <= 0) return;
  await owe(trx, invoice.purpose_id, invoice, amountCents);
}

async function owe(trx: Db, orderId: number, invoice: Invoice, cents: number): Promise<void> {
  const order = await repo.lockOrder(trx, orderId);
  if (!order) return;
  await repo.updateOrder(trx, order.id, { refund_state: 'due', refund_cents: order.refund_cents + cents, updated_at: nowIso() });
  await recordAudit(trx, systemActor('payment'), { action: 'event_order.paid_after_close', subjectType: 'event_order', subjectId: order.id, organisationId: order.organisation_id, changes: { invoice: invoice.number, refund_cents: cents } });
}
