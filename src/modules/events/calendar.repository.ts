import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { CoalitionEvent, Database, EventTable } from '../../db/schema.ts';
import { ilike, likePattern } from '../../db/dialect.ts';

type Db = Kysely<Database>;

// The calendar's queries: public lists and feeds (published and cancelled events only), the
// organisers' lists, the event page's counts, and the private feed addresses. Only events tables:
// organisers' names come from the organisations service (calendar.service.ts attaches them).

const PUBLIC: CoalitionEvent['status'][] = ['published', 'cancelled'];

export interface PublicEventFilters {
  when?: 'upcoming' | 'past';
  now: string;
  organiserId?: number;
  kind?: CoalitionEvent['kind'];
  tag?: string;
  mode?: 'online' | 'in_person';
  q?: string;
  /** Events overlapping [from, to) (UTC instants), for the month grid and feeds. */
  from?: string;
  to?: string;
}

function filtered(db: Db, f: PublicEventFilters) {
  let q = db.selectFrom('events').where('events.status', 'in', PUBLIC);
  if (f.when === 'upcoming') q = q.where('events.ends_at', '>', f.now);
  if (f.when === 'past') q = q.where('events.ends_at', '<=', f.now);
  if (f.from) q = q.where('events.ends_at', '>', f.from);
  if (f.to) q = q.where('events.starts_at', '<', f.to);
  if (f.organiserId !== undefined) q = q.where('events.organiser_id', '=', f.organiserId);
  if (f.kind) q = q.where('events.kind', '=', f.kind);
  if (f.mode) q = q.where('events.online', '=', f.mode === 'online');
  if (f.tag) {
    const tag = f.tag;
    q = q.where((eb) => eb.exists(eb.selectFrom('event_tags').select('event_tags.event_id').whereRef('event_tags.event_id', '=', 'events.id').where('event_tags.tag', '=', tag)));
  }
  if (f.q) {
    // ESCAPE is spelled out because SQLite's LIKE has no default escape character.
    const pattern = likePattern(f.q);
    const op = sql.raw(ilike(db));
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`${sql.ref('events.title')} ${op} ${pattern} escape '\\'`,
        sql<boolean>`${sql.ref('events.summary')} ${op} ${pattern} escape '\\'`,
        sql<boolean>`${sql.ref('events.description')} ${op} ${pattern} escape '\\'`,
      ]),
    );
  }
  return q;
}

/** A page of public events matching the filters: upcoming soonest first, past most recent first. */
export function findPublicEvents(db: Db, f: PublicEventFilters, page: { limit: number; offset: number }): Promise<CoalitionEvent[]> {
  const dir = f.when === 'past' ? 'desc' : 'asc';
  return filtered(db, f)
    .selectAll('events')
    .orderBy('events.starts_at', dir)
    .orderBy('events.id', dir)
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countPublicEvents(db: Db, f: PublicEventFilters): Promise<number> {
  const row = await filtered(db, f).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Events of these organisers, drafts included, newest start first (the organisers' list). */
export function findEventsOfOrganisers(db: Db, organiserIds: number[] | 'all', limit = 200): Promise<CoalitionEvent[]> {
  let q = db.selectFrom('events').selectAll('events');
  if (organiserIds !== 'all') {
    if (organiserIds.length === 0) return Promise.resolve([]);
    q = q.where('events.organiser_id', 'in', organiserIds);
  }
  return q.orderBy('events.starts_at', 'desc').limit(limit).execute();
}

export async function countScheduledSessions(db: Db, eventId: number): Promise<number> {
  const row = await db.selectFrom('event_sessions').select((eb) => eb.fn.countAll<number | string>().as('n')).where('event_id', '=', eventId).where('status', '=', 'scheduled').executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Whether the person holds an active ticket of a live order (confirmed, or pending payment) for the event. */
export async function holdsActiveTicket(db: Db, eventId: number, personId: number): Promise<boolean> {
  const row = await db
    .selectFrom('tickets')
    .innerJoin('event_orders', 'event_orders.id', 'tickets.order_id')
    .select('tickets.id')
    .where('tickets.event_id', '=', eventId)
    .where('tickets.attendee_person_id', '=', personId)
    .where('tickets.status', '=', 'active')
    // Only a confirmed order: a card hold not yet paid must not hand out the join link.
    .where('event_orders.status', '=', 'confirmed')
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** Ticket types on sale or soon (not retired), for schema.org offers. */
export function findOfferedTicketTypes(db: Db, eventId: number) {
  return db
    .selectFrom('ticket_types')
    .select(['id', 'name', 'price_cents', 'sales_start_at', 'sales_end_at', 'audience', 'is_add_on'])
    .where('event_id', '=', eventId)
    .where('retired_at', 'is', null)
    .orderBy('position')
    .execute();
}

// ---- writes (the calendar owns events, event_tags and calendar_feeds)

export function insertEvent(db: Db, row: Insertable<EventTable>): Promise<CoalitionEvent> {
  return db.insertInto('events').values(row).returningAll().executeTakeFirstOrThrow();
}


/** Raises SEQUENCE by one in the database (never from a value read earlier, so two saves never share one). */
export function bumpEvent(db: Db, id: number, changes: Updateable<EventTable>): Promise<CoalitionEvent> {
  return db
    .updateTable('events')
    .set({ ...changes, sequence: sql<number>`sequence + 1` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Moves an event from one status to another (raising SEQUENCE), guarded: undefined when it was no
 * longer in `from`. The UPDATE takes the row's lock, the one orders in flight share-lock, so it
 * waits for them (and they for it), and two cancels cannot both run the cascade.
 */
export function bumpEventIfStatus(db: Db, id: number, from: CoalitionEvent['status'], changes: Updateable<EventTable>): Promise<CoalitionEvent | undefined> {
  return db
    .updateTable('events')
    .set({ ...changes, sequence: sql<number>`sequence + 1` })
    .where('id', '=', id)
    .where('status', '=', from)
    .returningAll()
    .executeTakeFirst();
}

export async function replaceEventTags(db: Db, eventId: number, tags: string[]): Promise<void> {
  await db.deleteFrom('event_tags').where('event_id', '=', eventId).execute();
  if (tags.length) await db.insertInto('event_tags').values([...new Set(tags)].map((tag) => ({ event_id: eventId, tag }))).execute();
}

export async function slugTaken(db: Db, slug: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom('events').select('id').where('slug', '=', slug);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
}

export async function findSlugsLike(db: Db, base: string): Promise<string[]> {
  const rows = await db.selectFrom('events').select('slug').where('slug', 'like', `${base.replace(/[\\%_]/g, '')}%`).execute();
  return rows.map((r) => r.slug);
}

// ---- private feeds

export function findFeedOfPerson(db: Db, personId: number) {
  return db.selectFrom('calendar_feeds').selectAll().where('person_id', '=', personId).executeTakeFirst();
}

export function findFeedByToken(db: Db, token: string) {
  return db.selectFrom('calendar_feeds').selectAll().where('token', '=', token).executeTakeFirst();
}

/** Sets the person's feed token (a new row, or the old token replaced: the old address stops working). */
export async function saveFeedToken(db: Db, personId: number, token: string, now: string): Promise<void> {
  const updated = await db.updateTable('calendar_feeds').set({ token, created_at: now }).where('person_id', '=', personId).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('calendar_feeds').values({ person_id: personId, token, created_at: now }).execute();
}

/** Public events the person holds an active ticket of a confirmed order for, recent and future. */
export function findTicketedEvents(db: Db, personId: number, since: string): Promise<CoalitionEvent[]> {
  return db
    .selectFrom('events')
    .selectAll('events')
    .where('events.status', 'in', PUBLIC)
    .where('events.ends_at', '>', since)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('tickets')
          .innerJoin('event_orders', 'event_orders.id', 'tickets.order_id')
          .select('tickets.id')
          .whereRef('tickets.event_id', '=', 'events.id')
          .where('tickets.attendee_person_id', '=', personId)
          .where('tickets.status', '=', 'active')
          // Only a confirmed order, as on the event page: a card hold not yet paid is not a registration.
          .where('event_orders.status', '=', 'confirmed'),
      ),
    )
    .orderBy('events.starts_at')
    .limit(500)
    .execute();
}

/**
 * Sessions the person starred, of public events, with their event's zone, address, status, and its
 * sequence and last change (a session entry changes when its event does: cancelled, moved venue).
 */
export function findStarredSessions(db: Db, personId: number, since: string) {
  return db
    .selectFrom('session_stars')
    .innerJoin('event_sessions', 'event_sessions.id', 'session_stars.session_id')
    .innerJoin('events', 'events.id', 'event_sessions.event_id')
    .select([
      'event_sessions.id',
      'event_sessions.uid',
      'event_sessions.sequence',
      'event_sessions.title',
      'event_sessions.description',
      'event_sessions.starts_at',
      'event_sessions.ends_at',
      'event_sessions.room',
      'event_sessions.status',
      'event_sessions.updated_at',
      'events.slug as event_slug',
      'events.title as event_title',
      'events.timezone',
      'events.venue_name',
      'events.status as event_status',
      'events.sequence as event_sequence',
      'events.updated_at as event_updated_at',
    ])
    .where('session_stars.person_id', '=', personId)
    .where('events.status', 'in', PUBLIC)
    .where('event_sessions.ends_at', '>', since)
    .orderBy('event_sessions.starts_at')
    .limit(1000)
    .execute();
}
