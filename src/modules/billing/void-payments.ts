import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Invoice } from './billing.service.ts';

type Db = Kysely<Database>;

// Money can still arrive on a void invoice: a card checkout opened before the invoice was voided
// (a registration's hold expired, an order was cancelled) is completed afterwards. Billing records
// and flags the payment; the purpose that voided the invoice decides what it owes back, in the
// same transaction, so the money is never just a line in an audit log.

type VoidPaymentHandler = (trx: Db, invoice: Invoice, amountCents: number) => Promise<void>;
const handlers = new Map<string, VoidPaymentHandler>();

/** Registers what a purpose does when a payment lands on one of its void invoices (e.g. note a refund due). */
export function registerInvoiceVoidPaymentHandler(purpose: string, handler: VoidPaymentHandler): void {
  handlers.set(purpose, handler);
}

/** Runs the purpose's handler for money that landed on a void invoice; purposes without one only get the flag. */
export async function paymentOnVoidInvoice(trx: Db, invoice: Invoice, amountCents: number): Promise<void> {
  await handlers.get(invoice.purpose)?.(trx, invoice, amountCents);
}
