import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { AffiliationStatus, AffiliationTable, AffiliationTermTable, Database } from '../../db/schema.ts';
import { ilike, isPostgres, likePattern } from '../../db/dialect.ts';

type Db = Kysely<Database>;
export type AffiliationRow = Selectable<AffiliationTable>;
export type TermRow = Selectable<AffiliationTermTable>;

export const findAffiliationById = (db: Db, id: number) => db.selectFrom('affiliations').selectAll().where('id', '=', id).executeTakeFirst();

/** Reads an affiliation and, on PostgreSQL, locks it until the transaction ends (SQLite has one writer at a time). */
export function lockAffiliation(db: Db, id: number) {
  const q = db.selectFrom('affiliations').selectAll().where('id', '=', id);
  return (isPostgres(db) ? q.forUpdate() : q).executeTakeFirst();
}

/**
 * Serialises applications by one holder: locks the holder's row (organisation or person) so two
 * simultaneous applications cannot both see "no live affiliation". SQLite needs no lock.
 */
export async function lockHolder(db: Db, holder: { organisationId: number | null; personId: number | null }): Promise<void> {
  if (!isPostgres(db)) return;
  if (holder.organisationId !== null) await db.selectFrom('organisations').select('id').where('id', '=', holder.organisationId).forUpdate().execute();
  else if (holder.personId !== null) await db.selectFrom('people').select('id').where('id', '=', holder.personId).forUpdate().execute();
}

/** Affiliations of a holder that were not declined or cancelled (candidates for "live"). */
export function findOpenAffiliationsOfHolder(db: Db, holder: { organisationId: number | null; personId: number | null }) {
  let q = db.selectFrom('affiliations').selectAll().where('decision', '!=', 'declined').where('cancelled_at', 'is', null);
  q = holder.organisationId !== null ? q.where('organisation_id', '=', holder.organisationId) : q.where('person_id', '=', holder.personId!).where('organisation_id', 'is', null);
  return q.execute();
}

export function findAffiliationsOfHolders(db: Db, holders: { organisationIds: number[]; personId: number | null }) {
  return db
    .selectFrom('affiliations')
    .selectAll()
    .where((eb) => {
      const ors = [];
      if (holders.organisationIds.length) ors.push(eb('organisation_id', 'in', holders.organisationIds));
      if (holders.personId !== null) ors.push(eb.and([eb('person_id', '=', holders.personId), eb('organisation_id', 'is', null)]));
      return ors.length ? eb.or(ors) : eb.val(false);
    })
    .orderBy('created_at', 'desc')
    .execute();
}

export const insertAffiliation = (db: Db, row: Insertable<AffiliationTable>) => db.insertInto('affiliations').values(row).returningAll().executeTakeFirstOrThrow();

export const updateAffiliation = (db: Db, id: number, row: Updateable<AffiliationTable>) =>
  db.updateTable('affiliations').set(row).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

/**
 * Moves an application from "applied" to a decision; false when someone else decided first or the
 * applicant withdrew it (a withdrawn application must never be approved and billed).
 */
export async function claimDecision(db: Db, id: number, row: Updateable<AffiliationTable>): Promise<boolean> {
  const r = await db.updateTable('affiliations').set(row).where('id', '=', id).where('decision', '=', 'applied').where('cancelled_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const findTermsOf = (db: Db, affiliationIds: number[]) =>
  affiliationIds.length === 0 ? Promise.resolve([] as TermRow[]) : db.selectFrom('affiliation_terms').selectAll().where('affiliation_id', 'in', affiliationIds).orderBy('starts_on').execute();

export const insertTerm = (db: Db, row: Insertable<AffiliationTermTable>) => db.insertInto('affiliation_terms').values(row).returningAll().executeTakeFirstOrThrow();

/** Removes an abandoned (unpaid, invoice voided) term. */
export const deleteTerm = (db: Db, termId: number) => db.deleteFrom('affiliation_terms').where('id', '=', termId).where('paid_at', 'is', null).execute();

export const setTermInvoice = (db: Db, termId: number, invoiceId: number) => db.updateTable('affiliation_terms').set({ invoice_id: invoiceId }).where('id', '=', termId).execute();

export const findTermByInvoice = (db: Db, invoiceId: number) => db.selectFrom('affiliation_terms').selectAll().where('invoice_id', '=', invoiceId).executeTakeFirst();

export const findTermStarting = (db: Db, affiliationId: number, startsOn: string) =>
  db.selectFrom('affiliation_terms').selectAll().where('affiliation_id', '=', affiliationId).where('starts_on', '=', startsOn).executeTakeFirst();

/** Marks a term paid, only if it is not yet: true when this call did it. */
export async function markTermPaid(db: Db, termId: number, paidAt: string, dates?: { starts_on: string; ends_on: string }): Promise<boolean> {
  const r = await db
    .updateTable('affiliation_terms')
    .set({ paid_at: paidAt, ...dates })
    .where('id', '=', termId)
    .where('paid_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Affiliations whose cached status was computed before `today` (the daily job's work list). */
export const findStaleAffiliationIds = (db: Db, today: string, limit: number) =>
  db.selectFrom('affiliations').select('id').where('status_on', '<', today).orderBy('id').limit(limit).execute();

/** Approved, uncancelled affiliations whose last paid term ends between two dates (reminder candidates). */
export function findEndingBetween(db: Db, fromDate: string, toDate: string) {
  return db
    .selectFrom('affiliations as a')
    .innerJoin(
      (eb) => eb.selectFrom('affiliation_terms').select(['affiliation_id', (e) => e.fn.max('ends_on').as('paid_through')]).where('paid_at', 'is not', null).groupBy('affiliation_id').as('t'),
      (j) => j.onRef('t.affiliation_id', '=', 'a.id'),
    )
    .selectAll('a')
    .select('t.paid_through')
    .where('a.decision', '=', 'approved')
    .where('a.cancelled_at', 'is', null)
    .where('t.paid_through', '>', fromDate)
    .where('t.paid_through', '<=', toDate)
    .execute();
}

/** Records that one reminder went out; false when it already had (the unique row decides). */
export async function insertReminderOnce(db: Db, row: { affiliation_id: number; term_ends_on: string; days_before: number; sent_at: string }): Promise<boolean> {
  const r = await db
    .insertInto('renewal_reminders')
    .values(row)
    .onConflict((oc) => oc.columns(['affiliation_id', 'term_ends_on', 'days_before']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Applications awaiting a decision, oldest first; only those naming one of `centerIds` unless all. */
export function findPendingApplications(db: Db, centerIds: number[] | 'all') {
  let q = db.selectFrom('affiliations').selectAll().where('decision', '=', 'applied').where('cancelled_at', 'is', null).orderBy('created_at').orderBy('id');
  if (centerIds !== 'all') q = centerIds.length ? q.where('center_id', 'in', centerIds) : q.where(sql<boolean>`1 = 0`);
  return q.limit(500).execute();
}

export interface ListFilters {
  status?: AffiliationStatus;
  planId?: number;
  holder?: string;
  centerId?: number;
  state?: string;
  renewalBy?: string;
  today: string;
  q?: string;
}

/**
 * The admin list's base query: affiliations with plan, holder names and paid-through date. The
 * status filter (and sort) use the cached column, which the daily job refreshes at 03:00 UTC; the
 * statuses shown are recomputed for today by the caller.
 */
export function listQuery(db: Db, f: ListFilters) {
  let q = db
    .selectFrom('affiliations as a')
    .innerJoin('affiliation_plans as p', 'p.id', 'a.plan_id')
    .leftJoin('organisations as o', 'o.id', 'a.organisation_id')
    .leftJoin('people as pe', 'pe.id', 'a.person_id')
    .leftJoin('organisations as c', 'c.id', 'a.center_id')
    .leftJoin(
      (eb) => eb.selectFrom('affiliation_terms').select(['affiliation_id', (e) => e.fn.max('ends_on').as('paid_through')]).where('paid_at', 'is not', null).groupBy('affiliation_id').as('t'),
      (j) => j.onRef('t.affiliation_id', '=', 'a.id'),
    );
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.planId) q = q.where('a.plan_id', '=', f.planId);
  if (f.holder) q = q.where('p.holder', '=', f.holder as never);
  if (f.centerId) q = q.where('a.center_id', '=', f.centerId);
  if (f.state) q = q.where('o.state', '=', f.state);
  if (f.renewalBy) q = q.where('t.paid_through', '>', f.today).where('t.paid_through', '<=', f.renewalBy);
  if (f.q) {
    const pattern = likePattern(f.q);
    q = q.where((eb) => eb.or([eb('o.name', ilike(db), pattern), eb('pe.name', ilike(db), pattern)]));
  }
  return q;
}

export const LIST_COLUMNS = [
  'a.id',
  'a.status',
  'a.decision',
  'a.cancelled_at',
  'a.created_at',
  'a.updated_at',
  'a.organisation_id',
  'a.person_id',
  'a.center_id',
  'p.name as plan_name',
  'p.holder',
  'p.grace_days',
  'o.name as organisation_name',
  'o.slug as organisation_slug',
  'o.state as state',
  'pe.name as person_name',
  'pe.email as person_email',
  'c.name as center_name',
  't.paid_through',
] as const;
