import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, EventSession, EventSessionTable, SessionPresenter } from '../../db/schema.ts';
import { isPostgres } from '../../db/dialect.ts';

type Db = Kysely<Database>;

// The agenda's tables: sessions, their presenters, tags and stars.

export function findSessionsOfEvent(db: Db, eventId: number): Promise<EventSession[]> {
  return db.selectFrom('event_sessions').selectAll().where('event_id', '=', eventId).orderBy('starts_at').orderBy('room').orderBy('id').execute();
}

export function findSession(db: Db, eventId: number, id: number): Promise<EventSession | undefined> {
  return db.selectFrom('event_sessions').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}

/**
 * Takes the event's row lock (PostgreSQL; SQLite runs one write transaction at a time) for the rest
 * of the transaction. Every write that checks a room or a form key takes it first, so two saves at
 * once cannot both see the room free (or the key unused) and both insert.
 */
export async function lockEvent(db: Db, eventId: number): Promise<void> {
  if (isPostgres(db)) await db.selectFrom('events').select('id').where('id', '=', eventId).forUpdate().execute();
}

/** The session made by the new-session form carrying this one-time key, if any. */
export function findSessionByKey(db: Db, key: string): Promise<EventSession | undefined> {
  return db.selectFrom('event_sessions').selectAll().where('submission_key', '=', key).executeTakeFirst();
}

/** Scheduled sessions of the event in the same room (any case) overlapping [startsAt, endsAt), other than `exceptId`. */
export function findRoomClashes(db: Db, eventId: number, room: string, startsAt: string, endsAt: string, exceptId: number | null): Promise<EventSession[]> {
  let q = db
    .selectFrom('event_sessions')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('status', '=', 'scheduled')
    .where((eb) => eb(eb.fn('lower', ['room']), '=', room.toLowerCase()))
    .where('starts_at', '<', endsAt)
    .where('ends_at', '>', startsAt);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  return q.execute();
}

export function insertSession(db: Db, row: Insertable<EventSessionTable>): Promise<EventSession> {
  return db.insertInto('event_sessions').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Applies a change and raises SEQUENCE in the same statement, so calendars see every change. */
export async function updateSession(db: Db, id: number, changes: Updateable<EventSessionTable>): Promise<void> {
  await db.updateTable('event_sessions').set((eb) => ({ ...changes, sequence: eb('sequence', '+', 1) })).where('id', '=', id).execute();
}

export async function replacePresenters(db: Db, sessionId: number, presenters: { person_id: number | null; name: string; affiliation: string | null }[]): Promise<void> {
  await db.deleteFrom('session_presenters').where('session_id', '=', sessionId).execute();
  if (presenters.length) await db.insertInto('session_presenters').values(presenters.map((p, i) => ({ ...p, session_id: sessionId, position: i + 1 }))).execute();
}

export async function replaceTags(db: Db, sessionId: number, tags: string[]): Promise<void> {
  await db.deleteFrom('session_tags').where('session_id', '=', sessionId).execute();
  if (tags.length) await db.insertInto('session_tags').values([...new Set(tags)].map((tag) => ({ session_id: sessionId, tag }))).execute();
}

export async function findPresenters(db: Db, sessionIds: number[]): Promise<Map<number, SessionPresenter[]>> {
  const out = new Map<number, SessionPresenter[]>();
  if (!sessionIds.length) return out;
  const rows = await db.selectFrom('session_presenters').selectAll().where('session_id', 'in', sessionIds).orderBy('session_id').orderBy('position').execute();
  for (const r of rows) out.set(r.session_id, [...(out.get(r.session_id) ?? []), r]);
  return out;
}

export async function findTags(db: Db, sessionIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (!sessionIds.length) return out;
  const rows = await db.selectFrom('session_tags').select(['session_id', 'tag']).where('session_id', 'in', sessionIds).orderBy('tag').execute();
  for (const r of rows) out.set(r.session_id, [...(out.get(r.session_id) ?? []), r.tag]);
  return out;
}

/** The ids of the event's sessions this person starred. */
export async function findStarredIds(db: Db, eventId: number, personId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('session_stars')
    .innerJoin('event_sessions', 'event_sessions.id', 'session_stars.session_id')
    .select('session_stars.session_id')
    .where('event_sessions.event_id', '=', eventId)
    .where('session_stars.person_id', '=', personId)
    .execute();
  return new Set(rows.map((r) => r.session_id));
}

/** How many people starred each of the event's sessions (organisers plan rooms by it). */
export async function countStars(db: Db, eventId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('session_stars')
    .innerJoin('event_sessions', 'event_sessions.id', 'session_stars.session_id')
    .select(['session_stars.session_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('event_sessions.event_id', '=', eventId)
    .groupBy('session_stars.session_id')
    .execute();
  return new Map(rows.map((r) => [r.session_id, Number(r.n)]));
}

/** Stars a session; starring twice leaves the one row (the primary key refuses the second, which is ignored). */
export async function insertStar(db: Db, sessionId: number, personId: number, now: string): Promise<void> {
  await db.insertInto('session_stars').values({ session_id: sessionId, person_id: personId, created_at: now }).onConflict((oc) => oc.columns(['session_id', 'person_id']).doNothing()).execute();
}

export async function deleteStar(db: Db, sessionId: number, personId: number): Promise<void> {
  await db.deleteFrom('session_stars').where('session_id', '=', sessionId).where('person_id', '=', personId).execute();
}

/** The event's sessions this person presents (their id among the presenters). */
export async function findPresentedIds(db: Db, eventId: number, personId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('session_presenters')
    .innerJoin('event_sessions', 'event_sessions.id', 'session_presenters.session_id')
    .select('session_presenters.session_id')
    .where('event_sessions.event_id', '=', eventId)
    .where('session_presenters.person_id', '=', personId)
    .execute();
  return new Set(rows.map((r) => r.session_id));
}
