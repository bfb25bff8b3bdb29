import type { Insertable, Kysely } from 'kysely';
import type { Database, PaymentCheckoutTable, PaymentEventTable } from '../../db/schema.ts';

type Db = Kysely<Database>;

/**
 * Stores a provider event unless one with the same (provider, event id) is there already. Answers
 * the new row's id, or undefined for a replay. On PostgreSQL a concurrent duplicate waits on the
 * unique index until the first commits, then inserts nothing.
 */
export async function insertPaymentEvent(db: Db, row: Insertable<PaymentEventTable>): Promise<number | undefined> {
  const inserted = await db
    .insertInto('payment_events')
    .values(row)
    .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

export function setPaymentEventOutcome(db: Db, id: number, outcome: string) {
  return db.updateTable('payment_events').set({ outcome }).where('id', '=', id).execute();
}

export function findCheckoutBySession(db: Db, provider: string, sessionId: string) {
  return db.selectFrom('payment_checkouts').selectAll().where('provider', '=', provider).where('session_id', '=', sessionId).executeTakeFirst();
}

export async function countCheckouts(db: Db, invoiceId: number): Promise<number> {
  const row = await db.selectFrom('payment_checkouts').select((eb) => eb.fn.countAll<number>().as('n')).where('invoice_id', '=', invoiceId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function insertCheckout(db: Db, row: Insertable<PaymentCheckoutTable>) {
  return db.insertInto('payment_checkouts').values(row).onConflict((oc) => oc.column('idempotency_key').doNothing()).execute();
}

/** Marks a checkout completed, whatever it was before (a late "expired" is then ignored). */
export function completeCheckout(db: Db, provider: string, sessionId: string, at: string) {
  return db.updateTable('payment_checkouts').set({ state: 'completed', updated_at: at }).where('provider', '=', provider).where('session_id', '=', sessionId).execute();
}

/** Expires a checkout only while it is open: an "expired" arriving after "completed" changes nothing. */
export async function expireCheckout(db: Db, provider: string, sessionId: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('payment_checkouts')
    .set({ state: 'expired', updated_at: at })
    .where('provider', '=', provider)
    .where('session_id', '=', sessionId)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function findPaymentByProviderId(db: Db, providerPaymentId: string) {
  return db.selectFrom('payments').selectAll().where('provider_payment_id', '=', providerPaymentId).executeTakeFirst();
}

export function findCheckoutsForInvoice(db: Db, invoiceId: number) {
  return db.selectFrom('payment_checkouts').selectAll().where('invoice_id', '=', invoiceId).orderBy('id').execute();
}
