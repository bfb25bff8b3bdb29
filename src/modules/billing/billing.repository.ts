import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database, InvoiceLineTable, InvoiceState, InvoiceTable, PaymentTable } from '../../db/schema.ts';
import { ilike, isPostgres, likePattern } from '../../db/dialect.ts';

type Db = Kysely<Database>;

/**
 * Claims the next value of a named sequence, creating it at 1 when missing. The increment is one
 * UPDATE … RETURNING, so on PostgreSQL its row lock is held until the caller's transaction ends:
 * a concurrent claimant waits, then re-reads the committed value (no duplicate), and a claim
 * rolled back with its invoice returns its number to the pool (no gap). SQLite runs one writer
 * at a time, which gives the same guarantees.
 */
export async function claimSequenceValue(db: Db, name: string): Promise<number> {
  await db.insertInto('number_sequences').values({ name, next_value: 1 }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await db
    .updateTable('number_sequences')
    .set({ next_value: sql`next_value + 1` })
    .where('name', '=', name)
    .returning('next_value')
    .executeTakeFirstOrThrow();
  return Number(row.next_value) - 1;
}

export function insertInvoice(db: Db, row: Insertable<InvoiceTable>) {
  return db.insertInto('invoices').values(row).returningAll().executeTakeFirstOrThrow();
}

export function insertInvoiceLines(db: Db, rows: Insertable<InvoiceLineTable>[]) {
  return db.insertInto('invoice_lines').values(rows).execute();
}

export function findInvoiceById(db: Db, id: number) {
  return db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findInvoiceByNumber(db: Db, number: string) {
  return db.selectFrom('invoices').selectAll().where('number', '=', number).executeTakeFirst();
}

/** Reads an invoice and, on PostgreSQL, locks it until commit, so payments against it are applied one at a time. */
export function lockInvoice(db: Db, id: number) {
  const q = db.selectFrom('invoices').selectAll().where('id', '=', id);
  return (isPostgres(db) ? q.forUpdate() : q).executeTakeFirst();
}

export function findInvoiceLines(db: Db, invoiceId: number) {
  return db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', invoiceId).orderBy('position').execute();
}

export function findPayments(db: Db, invoiceId: number) {
  return db.selectFrom('payments').selectAll().where('invoice_id', '=', invoiceId).orderBy('received_on').orderBy('id').execute();
}

/** The sum of payments recorded against an invoice. */
export async function sumPayments(db: Db, invoiceId: number): Promise<number> {
  const row = await db
    .selectFrom('payments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('paid'))
    .where('invoice_id', '=', invoiceId)
    .executeTakeFirstOrThrow();
  return Number(row.paid);
}

/**
 * Inserts a payment. A card payment carries the provider's payment id, which is unique: a second
 * insert of the same payment does nothing and this answers undefined.
 */
/** Everything paid on all the invoices issued for one thing (a registration reissued after a change has several). */
export async function sumPaymentsOfPurpose(db: Db, purpose: string, purposeId: number): Promise<number> {
  const row = await db
    .selectFrom('payments')
    .innerJoin('invoices', 'invoices.id', 'payments.invoice_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('payments.amount_cents'), eb.lit(0)).as('paid'))
    .where('invoices.purpose', '=', purpose)
    .where('invoices.purpose_id', '=', purposeId)
    .executeTakeFirstOrThrow();
  return Number(row.paid);
}

export function insertPayment(db: Db, row: Insertable<PaymentTable>) {
  return db
    .insertInto('payments')
    .values(row)
    .onConflict((oc) => oc.column('provider_payment_id').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/**
 * The paid transition, guarded: only an open invoice becomes paid, so of two transactions that
 * both see the total reached, exactly one changes the row (and runs the purpose's handler).
 */
export async function markInvoicePaid(db: Db, id: number, at: string): Promise<boolean> {
  const result = await db.updateTable('invoices').set({ state: 'paid', paid_at: at, updated_at: at }).where('id', '=', id).where('state', '=', 'open').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Voids an open invoice (guarded the same way); false when it was not open. */
export async function markInvoiceVoid(db: Db, id: number, at: string, notes: string | null): Promise<boolean> {
  const result = await db.updateTable('invoices').set({ state: 'void', voided_at: at, updated_at: at, notes }).where('id', '=', id).where('state', '=', 'open').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function setPoNumber(db: Db, id: number, poNumber: string, at: string) {
  return db.updateTable('invoices').set({ po_number: poNumber, updated_at: at }).where('id', '=', id).where('state', '=', 'open').executeTakeFirst();
}

/** Invoices billed to a person or to any of some organisations, newest first. */
export function findInvoicesFor(db: Db, holder: { personId?: number; organisationIds?: number[] }) {
  const orgIds = holder.organisationIds ?? [];
  if (holder.personId === undefined && orgIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('invoices')
    .selectAll()
    .where((eb) => {
      const terms = [];
      if (holder.personId !== undefined) terms.push(eb('person_id', '=', holder.personId));
      if (orgIds.length > 0) terms.push(eb('organisation_id', 'in', orgIds));
      return eb.or(terms);
    })
    .orderBy('issued_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export interface InvoiceFilters {
  state?: InvoiceState;
  purpose?: string;
  /** Open invoices whose due date is before this day (YYYY-MM-DD). */
  overdueBefore?: string;
  q?: string;
  /** Limit to invoices billed to this person or these organisations (a non-admin's own). */
  holder?: { personId?: number; organisationIds?: number[] };
}

function filtered(db: Db, f: InvoiceFilters) {
  let q = db.selectFrom('invoices');
  if (f.state) q = q.where('state', '=', f.state);
  if (f.purpose) q = q.where('purpose', '=', f.purpose);
  if (f.overdueBefore) q = q.where('state', '=', 'open').where('due_on', '<', f.overdueBefore);
  if (f.q) {
    const pattern = likePattern(f.q);
    const op = sql.raw(ilike(db));
    q = q.where((eb) =>
      eb.or([sql<boolean>`${sql.ref('number')} ${op} ${pattern} escape '\\'`, sql<boolean>`${sql.ref('bill_to_name')} ${op} ${pattern} escape '\\'`]),
    );
  }
  if (f.holder) {
    const { personId, organisationIds = [] } = f.holder;
    if (personId === undefined && organisationIds.length === 0) return q.where(sql<boolean>`1 = 0`);
    q = q.where((eb) => {
      const terms = [];
      if (personId !== undefined) terms.push(eb('person_id', '=', personId));
      if (organisationIds.length > 0) terms.push(eb('organisation_id', 'in', organisationIds));
      return eb.or(terms);
    });
  }
  return q;
}

/** A page of invoices matching the filters, newest first, each with what has been paid so far. */
export function findInvoicesPage(db: Db, f: InvoiceFilters, page: { limit: number; offset: number }) {
  return filtered(db, f)
    .selectAll('invoices')
    .select((eb) =>
      eb
        .selectFrom('payments')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('payments.amount_cents'), e.lit(0)).as('s'))
        .whereRef('payments.invoice_id', '=', 'invoices.id')
        .as('paid_cents'),
    )
    .orderBy('invoices.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countInvoices(db: Db, f: InvoiceFilters): Promise<number> {
  const row = await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Purposes in use, for the admin filter. */
export async function findPurposes(db: Db): Promise<string[]> {
  return (await db.selectFrom('invoices').select('purpose').distinct().orderBy('purpose').execute()).map((r) => r.purpose);
}
