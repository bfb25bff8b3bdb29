import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database, WaitlistEntry, WaitlistEntryTable } from '../../db/schema.ts';
import { isPostgres } from '../../db/dialect.ts';

type Db = Kysely<Database>;

// The waitlist's queries. Seats held by an offer are counted in the pool like sold seats; this file
// has its own small guarded claim/release (the same SQL as the registration's seats.ts) so the
// waitlist does not depend on that file's timing.

/** A ticket type with its pool's figures, as the waitlist needs them. */
export interface TicketTypeSeats {
  id: number;
  event_id: number;
  name: string;
  pool_id: number;
  seats_per_unit: number;
  max_per_order: number;
  retired_at: string | null;
  capacity: number;
  sold: number;
}

function ticketTypesWithPools(db: Db) {
  return db
    .selectFrom('ticket_types as tt')
    .innerJoin('capacity_pools as p', 'p.id', 'tt.pool_id')
    .select(['tt.id', 'tt.event_id', 'tt.name', 'tt.pool_id', 'tt.seats_per_unit', 'tt.max_per_order', 'tt.retired_at', 'p.capacity', 'p.sold']);
}

export function findTicketTypesOfEvent(db: Db, eventId: number): Promise<TicketTypeSeats[]> {
  return ticketTypesWithPools(db).where('tt.event_id', '=', eventId).orderBy('tt.position').orderBy('tt.id').execute();
}

export function findTicketTypesByIds(db: Db, ids: number[]): Promise<TicketTypeSeats[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return ticketTypesWithPools(db).where('tt.id', 'in', ids).execute();
}

/** The ticket types that share a pool: they share one queue too. */
export function findTicketTypesOfPool(db: Db, poolId: number): Promise<TicketTypeSeats[]> {
  return ticketTypesWithPools(db).where('tt.pool_id', '=', poolId).execute();
}

/**
 * The pool's row, locked on PostgreSQL until the transaction ends, so offers of one pool are made
 * one process at a time (SQLite has one writer anyway). Taken *before* the availability check.
 */
export function lockPool(db: Db, poolId: number) {
  const q = db.selectFrom('capacity_pools').select(['id', 'capacity', 'sold']).where('id', '=', poolId);
  return (isPostgres(db) ? q.forUpdate() : q).executeTakeFirst();
}

/** Holds `seats` in the pool: false (and nothing changed) when they are not free. */
export async function claimSeats(db: Db, poolId: number, seats: number): Promise<boolean> {
  const res = await db
    .updateTable('capacity_pools')
    .set({ sold: sql`sold + ${seats}` })
    .where('id', '=', poolId)
    .where(sql<boolean>`sold + ${seats} <= capacity`)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Gives `seats` back to the pool (never below zero). */
export async function releaseSeats(db: Db, poolId: number, seats: number): Promise<boolean> {
  const res = await db.updateTable('capacity_pools').set({ sold: sql`sold - ${seats}` }).where('id', '=', poolId).where('sold', '>=', seats).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function insertEntry(db: Db, row: Insertable<WaitlistEntryTable>): Promise<WaitlistEntry> {
  return db.insertInto('waitlist_entries').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findEntry(db: Db, id: number): Promise<WaitlistEntry | undefined> {
  return db.selectFrom('waitlist_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findEntryByToken(db: Db, token: string): Promise<WaitlistEntry | undefined> {
  return db.selectFrom('waitlist_entries').selectAll().where('offer_token', '=', token).executeTakeFirst();
}

/** A person's live (waiting or offered) entries at an event. */
export function findLiveEntriesOfPerson(db: Db, eventId: number, personId: number): Promise<WaitlistEntry[]> {
  return db.selectFrom('waitlist_entries').selectAll().where('event_id', '=', eventId).where('person_id', '=', personId).where('status', 'in', ['waiting', 'offered']).orderBy('id').execute();
}

/** The ticket type's row, locked on PostgreSQL, so two joins by one person cannot both insert. */
export async function lockTicketType(db: Db, ticketTypeId: number): Promise<void> {
  if (isPostgres(db)) await db.selectFrom('ticket_types').select('id').where('id', '=', ticketTypeId).forUpdate().execute();
}

/** Waiting entries ahead of `entryId` in the queue of these ticket types (one pool). */
export async function countWaitingAhead(db: Db, ticketTypeIds: number[], entryId: number): Promise<number> {
  const row = await db
    .selectFrom('waitlist_entries')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('ticket_type_id', 'in', ticketTypeIds)
    .where('status', '=', 'waiting')
    .where('id', '<', entryId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The first waiting entry of the queue of these ticket types (one pool), in the order people joined. */
export function findNextWaiting(db: Db, ticketTypeIds: number[]): Promise<WaitlistEntry | undefined> {
  return db.selectFrom('waitlist_entries').selectAll().where('ticket_type_id', 'in', ticketTypeIds).where('status', '=', 'waiting').orderBy('id').limit(1).executeTakeFirst();
}

/** waiting → offered, guarded: false when someone else already changed the entry. */
export async function markOffered(db: Db, id: number, offer: { token: string; at: string; expiresAt: string }): Promise<boolean> {
  const res = await db
    .updateTable('waitlist_entries')
    .set({ status: 'offered', offer_token: offer.token, offered_at: offer.at, offer_expires_at: offer.expiresAt, updated_at: offer.at })
    .where('id', '=', id)
    .where('status', '=', 'waiting')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Changes an entry's status only if it is still in one of `from`: the guard every transition goes through. */
export async function moveEntry(db: Db, id: number, from: WaitlistEntry['status'][], to: WaitlistEntry['status'], at: string, extra: { personId?: number } = {}): Promise<boolean> {
  let q = db.updateTable('waitlist_entries').set({ status: to, updated_at: at }).where('id', '=', id).where('status', 'in', from);
  if (extra.personId !== undefined) q = q.where('person_id', '=', extra.personId);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** A new quantity for a waiting entry (its place in the queue stays). */
export async function setWaitingQuantity(db: Db, id: number, quantity: number, at: string): Promise<void> {
  await db.updateTable('waitlist_entries').set({ quantity, updated_at: at }).where('id', '=', id).where('status', '=', 'waiting').execute();
}

/** offered → claimed for the offer's own person (or email, for an entry without a person), if not yet expired. */
export async function claimOffer(db: Db, token: string, who: { personId: number | null; email: string }, now: string): Promise<WaitlistEntry | undefined> {
  return db
    .updateTable('waitlist_entries')
    .set({ status: 'claimed', updated_at: now })
    .where('offer_token', '=', token)
    .where('status', '=', 'offered')
    .where('offer_expires_at', '>', now)
    .where((eb) =>
      who.personId !== null
        ? eb('person_id', '=', who.personId)
        : eb.and([eb('person_id', 'is', null), eb(eb.fn('lower', ['email']), '=', who.email.toLowerCase())]),
    )
    .returningAll()
    .executeTakeFirst();
}

export async function setClaimedOrder(db: Db, id: number, orderId: number, at: string): Promise<void> {
  await db.updateTable('waitlist_entries').set({ claimed_order_id: orderId, updated_at: at }).where('id', '=', id).where('status', '=', 'claimed').execute();
}

/** Offers whose time ran out (oldest first), for the expiry job. */
export function findDueOffers(db: Db, now: string, limit: number) {
  return db.selectFrom('waitlist_entries').select(['id']).where('status', '=', 'offered').where('offer_expires_at', '<=', now).orderBy('offer_expires_at').limit(limit).execute();
}

/** offered → expired, guarded on the status and the deadline, so a claimed offer is never expired and two runs expire it once. */
export async function expireOffer(db: Db, id: number, now: string): Promise<boolean> {
  const res = await db.updateTable('waitlist_entries').set({ status: 'expired', updated_at: now }).where('id', '=', id).where('status', '=', 'offered').where('offer_expires_at', '<=', now).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Every live or recent entry of an event, in queue order, for the organisers' page. */
export function findEntriesOfEvent(db: Db, eventId: number, statuses: WaitlistEntry['status'][]): Promise<WaitlistEntry[]> {
  return db.selectFrom('waitlist_entries').selectAll().where('event_id', '=', eventId).where('status', 'in', statuses).orderBy('id').execute();
}
