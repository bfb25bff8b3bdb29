import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';
import { AppError, conflict } from '../../platform/errors.ts';
import { PaymentProviderError, type PaymentEvent, type PaymentProvider } from '../../platform/payments/payment-provider.ts';
import { recordAudit, systemActor } from '../audit/audit.service.ts';
import * as repo from './billing.repository.ts';
import { getInvoiceView, settleInvoice, type Invoice } from './billing.service.ts';
import * as payments from './payments.repository.ts';
import { paymentOnVoidInvoice } from './void-payments.ts';

type Db = Kysely<Database>;

/**
 * A purpose's limit on card checkouts for its invoices, wherever they are opened (its own pages or
 * the invoice page): when the checkout must stop taking payment; it throws an AppError (a conflict
 * saying why) when none may be opened now. A registration's card hold is one: money is only wanted
 * while the seats are held.
 */
export type CardCheckoutWindow = (db: Db, invoice: Invoice, now: Date) => Promise<{ expiresAt?: Date }>;
const cardWindows = new Map<string, CardCheckoutWindow>();

export function registerCardCheckoutWindow(purpose: string, window: CardCheckoutWindow): void {
  cardWindows.set(purpose, window);
}

/**
 * Opens a card checkout for what is still due on an open invoice and answers its URL. Each
 * attempt has its own idempotency key (invoice, attempt number): a double-click computes the same
 * key and the provider answers with the same checkout rather than making a second one. An
 * `expiresAt` bounds how long the checkout takes payment (the provider may lengthen it to its own
 * minimum); without it the provider's default applies.
 */
export async function startCardCheckout(
  db: Db,
  provider: PaymentProvider,
  invoice: Invoice,
  opts: { successUrl: string; cancelUrl: string; balanceLabel: string; expiresAt?: Date },
): Promise<string> {
  const view = await getInvoiceView(db, invoice);
  if (invoice.state !== 'open' || view.balanceCents <= 0) throw conflict('billing:errors.notOpen');
  const window = cardWindows.get(invoice.purpose);
  const limit = window ? await window(db, invoice, new Date()) : {};
  const expiresAt = opts.expiresAt ?? limit.expiresAt;
  const attempt = (await payments.countCheckouts(db, invoice.id)) + 1;
  const idempotencyKey = `invoice-${invoice.id}-attempt-${attempt}`;
  // Paid in part already (a check, say): charge the balance as one line rather than the full lines.
  const lines =
    view.paidCents === 0
      ? view.lines.map((l) => ({ description: l.description, quantity: l.quantity, unitCents: l.unit_cents }))
      : [{ description: opts.balanceLabel, quantity: 1, unitCents: view.balanceCents }];
  let session;
  try {
    session = await provider.createCheckout({
      invoice: { number: invoice.number, currency: invoice.currency, lines, customerEmail: invoice.bill_to_email },
      successUrl: opts.successUrl,
      cancelUrl: opts.cancelUrl,
      idempotencyKey,
      ...(expiresAt && { expiresAt }),
    });
  } catch (err) {
    if (err instanceof PaymentProviderError) throw new AppError(502, 'payment_provider_unavailable', 'billing:errors.providerUnavailable', { report: true });
    throw err;
  }
  const now = nowIso();
  await payments.insertCheckout(db, { invoice_id: invoice.id, provider: provider.name, session_id: session.sessionId, idempotency_key: idempotencyKey, state: 'open', created_at: now, updated_at: now });
  return session.url;
}

/** What became of a webhook delivery, as stored on its payment_events row. */
export type EventOutcome =
  | 'duplicate_event'
  | 'applied'
  | 'duplicate_payment'
  | 'flagged_void_invoice'
  | 'flagged_already_paid'
  | 'flagged_overpaid'
  | 'flagged_unknown_invoice'
  | 'flagged_refund'
  | 'awaiting_payment'
  | 'payment_failed'
  | 'checkout_expired'
  | 'stale_expired'
  | 'ignored';

const webhookActor = (provider: string) => systemActor(`${provider} webhook`);

/**
 * Applies one verified provider event, exactly once. The event row is claimed first through its
 * unique (provider, event id): a replayed or concurrently duplicated delivery finds it taken and
 * changes nothing. A payment is keyed by the provider's payment id, so two different events about
 * one payment record it once. An "expired" only expires a checkout that is still open, so one
 * arriving after "completed" undoes nothing. Money arriving for a void or already paid invoice is
 * recorded and flagged for staff (in the invoice's history), never applied silently.
 */
export async function handlePaymentEvent(db: Db, event: PaymentEvent): Promise<EventOutcome> {
  return db.transaction().execute(async (trx) => {
    const eventRowId = await payments.insertPaymentEvent(trx, {
      provider: event.provider,
      event_id: event.eventId,
      type: event.type,
      object_id: event.objectId,
      provider_created: event.created,
      received_at: nowIso(),
      outcome: null,
      payload: event.payload,
    });
    if (eventRowId === undefined) return 'duplicate_event';
    const outcome = await applyEvent(trx, event);
    await payments.setPaymentEventOutcome(trx, eventRowId, outcome);
    return outcome;
  });
}

async function applyEvent(trx: Db, event: PaymentEvent): Promise<EventOutcome> {
  const at = nowIso();
  switch (event.kind) {
    case 'payment_succeeded':
      return applyCardPayment(trx, event);
    case 'payment_pending':
      return 'awaiting_payment';
    case 'payment_failed':
      return 'payment_failed';
    case 'checkout_expired':
      if (!event.sessionId) return 'ignored';
      return (await payments.expireCheckout(trx, event.provider, event.sessionId, at)) ? 'checkout_expired' : 'stale_expired';
    case 'refunded': {
      // Refunds are made in the provider's dashboard; here they are noted for staff, who decide
      // what the refund means for the affiliation or registration.
      const payment = event.paymentId ? await payments.findPaymentByProviderId(trx, event.paymentId) : undefined;
      if (payment) {
        const invoice = await repo.findInvoiceById(trx, payment.invoice_id);
        await recordAudit(trx, webhookActor(event.provider), {
          action: 'invoice.refund_noted',
          subjectType: 'invoice',
          subjectId: payment.invoice_id,
          organisationId: invoice?.organisation_id ?? null,
          changes: { payment_id: payment.id, refunded_cents: event.amountCents, event_id: event.eventId },
        });
      }
      return 'flagged_refund';
    }
    default:
      return 'ignored';
  }
}

/** The invoice a payment event is for: by the number we put in its metadata, else by our checkout row. */
async function invoiceOfEvent(trx: Db, event: PaymentEvent): Promise<Invoice | undefined> {
  let invoiceId: number | undefined;
  if (event.invoiceNumber) invoiceId = (await repo.findInvoiceByNumber(trx, event.invoiceNumber))?.id;
  if (invoiceId === undefined && event.sessionId) invoiceId = (await payments.findCheckoutBySession(trx, event.provider, event.sessionId))?.invoice_id;
  return invoiceId === undefined ? undefined : repo.lockInvoice(trx, invoiceId);
}

async function applyCardPayment(trx: Db, event: PaymentEvent): Promise<EventOutcome> {
  const invoice = await invoiceOfEvent(trx, event);
  if (!invoice || event.amountCents === null) return 'flagged_unknown_invoice';
  const paymentId = event.paymentId ?? event.sessionId ?? event.eventId;
  const at = nowIso();
  if (event.sessionId) await payments.completeCheckout(trx, event.provider, event.sessionId, at);
  const payment = await repo.insertPayment(trx, {
    invoice_id: invoice.id,
    method: 'card',
    provider: event.provider,
    reference: paymentId,
    provider_payment_id: paymentId,
    amount_cents: event.amountCents,
    received_on: new Date(event.created * 1000).toISOString().slice(0, 10),
    recorded_by: null,
    created_at: at,
  });
  if (!payment) return 'duplicate_payment';
  const actor = webhookActor(event.provider);
  const paid = await repo.sumPayments(trx, invoice.id);
  let outcome: EventOutcome = 'applied';
  if (invoice.state === 'void') outcome = 'flagged_void_invoice';
  else if (invoice.state === 'paid') outcome = 'flagged_already_paid';
  else if (paid > invoice.total_cents) outcome = 'flagged_overpaid';
  await recordAudit(trx, actor, {
    action: outcome === 'applied' ? 'invoice.payment_recorded' : 'invoice.payment_flagged',
    subjectType: 'invoice',
    subjectId: invoice.id,
    organisationId: invoice.organisation_id,
    changes: { payment_id: payment.id, method: 'card', amount_cents: event.amountCents, reference: paymentId, outcome },
  });
  if (invoice.state === 'open' && paid >= invoice.total_cents) await settleInvoice(trx, actor, invoice);
  if (invoice.state === 'void') await paymentOnVoidInvoice(trx, invoice, event.amountCents);
  return outcome;
}
