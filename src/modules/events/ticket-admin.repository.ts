import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import { isPostgres } from '../../db/dialect.ts';
import type { CapacityPool, Database, PromoCode, PromoCodeTable, TicketType, TicketTypeTable } from '../../db/schema.ts';

type Db = Kysely<Database>;

// Pools, ticket types and promo codes: what organisers set up and the order flow reads.

export function findPoolsOfEvent(db: Db, eventId: number): Promise<CapacityPool[]> {
  return db.selectFrom('capacity_pools').selectAll().where('event_id', '=', eventId).orderBy('id').execute();
}

export function findPool(db: Db, eventId: number, id: number) {
  return db.selectFrom('capacity_pools').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}

export function insertPool(db: Db, row: { event_id: number; name: string; capacity: number }) {
  return db.insertInto('capacity_pools').values({ ...row, sold: 0 }).returningAll().executeTakeFirstOrThrow();
}

/** Renames a pool and sets its capacity, guarded so capacity never goes below what is sold: 0 rows when it would. */
export async function updatePoolIfFits(db: Db, id: number, name: string, capacity: number): Promise<number> {
  const r = await db.updateTable('capacity_pools').set({ name, capacity }).where('id', '=', id).where(sql<boolean>`sold <= ${capacity}`).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function findTicketTypesOfEvent(db: Db, eventId: number): Promise<TicketType[]> {
  return db.selectFrom('ticket_types').selectAll().where('event_id', '=', eventId).orderBy('position').orderBy('id').execute();
}

export function findTicketType(db: Db, eventId: number, id: number) {
  return db.selectFrom('ticket_types').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}

export function findTicketTypesByIds(db: Db, ids: number[]): Promise<TicketType[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('ticket_types').selectAll().where('id', 'in', ids).execute();
}

export function insertTicketType(db: Db, row: Insertable<TicketTypeTable>) {
  return db.insertInto('ticket_types').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateTicketType(db: Db, id: number, changes: Updateable<TicketTypeTable>): Promise<void> {
  await db.updateTable('ticket_types').set(changes).where('id', '=', id).execute();
}

export function findTicketTypeIdsOfPool(db: Db, poolId: number): Promise<number[]> {
  return db.selectFrom('ticket_types').select('id').where('pool_id', '=', poolId).execute().then((rows) => rows.map((r) => r.id));
}

/** Seats on active tickets per ticket type, for the organisers' table. */
export async function countSeatsByType(db: Db, eventId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('tickets')
    .innerJoin('event_orders', 'event_orders.id', 'tickets.order_id')
    .select(['tickets.ticket_type_id', sql<number | string>`count(*)`.as('n')])
    .where('tickets.event_id', '=', eventId)
    .where('tickets.status', '=', 'active')
    .where('event_orders.status', 'in', ['pending', 'confirmed'])
    .groupBy('tickets.ticket_type_id')
    .execute();
  return new Map(rows.map((r) => [r.ticket_type_id, Number(r.n)]));
}

export function findPromoCodesOfEvent(db: Db, eventId: number): Promise<PromoCode[]> {
  return db.selectFrom('promo_codes').selectAll().where('event_id', '=', eventId).orderBy('code').execute();
}

export function findPromoCodeByCode(db: Db, eventId: number, code: string) {
  return db.selectFrom('promo_codes').selectAll().where('event_id', '=', eventId).where('code', '=', code.toUpperCase()).executeTakeFirst();
}

export function findPromoCode(db: Db, eventId: number, id: number) {
  return db.selectFrom('promo_codes').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}

export function insertPromoCode(db: Db, row: Insertable<PromoCodeTable>) {
  return db.insertInto('promo_codes').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updatePromoCode(db: Db, id: number, changes: Updateable<PromoCodeTable>): Promise<void> {
  await db.updateTable('promo_codes').set(changes).where('id', '=', id).execute();
}

/**
 * Whether anything was sold or promised in this ticket type's terms: a ticket (of any status: its
 * order's history is in those terms) or a waiting or offered waitlist entry (whose held seats are
 * counted, and will be released, by the type's seats per ticket and pool).
 */
export async function ticketTypeInUse(db: Db, typeId: number): Promise<boolean> {
  const ticket = await db.selectFrom('tickets').select('id').where('ticket_type_id', '=', typeId).limit(1).executeTakeFirst();
  if (ticket) return true;
  const entry = await db.selectFrom('waitlist_entries').select('id').where('ticket_type_id', '=', typeId).where('status', 'in', ['waiting', 'offered']).limit(1).executeTakeFirst();
  return !!entry;
}

/** The pool's row, locked on PostgreSQL until the transaction ends (orders and offers claim through this row). */
export function lockPool(db: Db, poolId: number) {
  const q = db.selectFrom('capacity_pools').select(['id']).where('id', '=', poolId);
  return (isPostgres(db) ? q.forUpdate() : q).executeTakeFirst();
}

/** Gives back one use of a promo code (its order expired or was cancelled in full); never below 0. */
export async function releasePromoUse(db: Db, id: number): Promise<void> {
  await db.updateTable('promo_codes').set({ used: sql<number>`CASE WHEN used > 0 THEN used - 1 ELSE 0 END` }).where('id', '=', id).execute();
}

/** Counts one use of a promo code, guarded like seats: false when it has no uses left. */
export async function tryUsePromoCode(db: Db, id: number): Promise<boolean> {
  const r = await db
    .updateTable('promo_codes')
    .set({ used: sql<number>`used + 1` })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('max_uses', 'is', null), eb('used', '<', eb.ref('max_uses'))]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
