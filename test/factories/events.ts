import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CapacityPool, CoalitionEvent, Database, EventTable, TicketType, TicketTypeTable } from '../../src/db/schema.ts';

let seq = 0;
type Columns<T> = { [K in keyof T]?: T[K] extends infer V ? (V extends import('kysely').ColumnType<infer S, any, any> ? S : V) : never };

/**
 * Inserts a published, in-person, timed event a month from now (two hours long, New York time),
 * organised by `organiserId`; override any column (and `tags`).
 */
export async function createEvent(db: Kysely<Database>, organiserId: number, overrides: Columns<EventTable> & { tags?: string[] } = {}): Promise<CoalitionEvent> {
  seq += 1;
  const { tags = [], ...columns } = overrides;
  const start = new Date(Date.now() + 30 * 86_400_000);
  start.setUTCHours(15, 0, 0, 0);
  const end = new Date(start.getTime() + 2 * 3_600_000);
  const now = new Date().toISOString();
  const title = columns.title ?? `Test Event ${process.pid}-${seq}`;
  const event = await db
    .insertInto('events')
    .values({
      slug: title.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      uid: `${randomUUID()}@events.test`,
      sequence: 0,
      title,
      summary: 'A test event.',
      description: 'What happens at the test event.',
      kind: 'workshop',
      organiser_id: organiserId,
      status: 'published',
      online: false,
      venue_name: 'Test Hall',
      venue_address: '1 Main St, Oakland, CA',
      online_url: null,
      timezone: 'America/New_York',
      all_day: false,
      starts_at: start.toISOString(),
      ends_at: end.toISOString(),
      start_date: start.toISOString().slice(0, 10),
      end_date: end.toISOString().slice(0, 10),
      registration_enabled: true,
      refund_cutoff_days: 7,
      refund_policy: 'Full refund until a week before.',
      transfers_allowed: true,
      proposals_open_at: null,
      proposals_close_at: null,
      proposal_guidelines: null,
      contact_email: 'events@example.org',
      created_by: null,
      published_at: now,
      cancelled_at: null,
      created_at: now,
      updated_at: now,
      ...columns,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (tags.length) await db.insertInto('event_tags').values(tags.map((tag) => ({ event_id: event.id, tag }))).execute();
  return event;
}

/** A pool of seats for an event. */
export async function createPool(db: Kysely<Database>, eventId: number, capacity: number, name = 'General admission'): Promise<CapacityPool> {
  return db.insertInto('capacity_pools').values({ event_id: eventId, name, capacity, sold: 0 }).returningAll().executeTakeFirstOrThrow();
}

/** A ticket type on sale now (in a new pool of `capacity` seats unless `pool_id` is given). */
export async function createTicketType(db: Kysely<Database>, eventId: number, overrides: Columns<TicketTypeTable> & { capacity?: number } = {}): Promise<TicketType> {
  const { capacity = 100, ...columns } = overrides;
  const poolId = columns.pool_id ?? (await createPool(db, eventId, capacity)).id;
  const now = new Date().toISOString();
  return db
    .insertInto('ticket_types')
    .values({
      event_id: eventId,
      pool_id: poolId,
      name: 'Standard',
      description: null,
      audience: 'anyone',
      price_cents: 10_000,
      member_discount: true,
      seats_per_unit: 1,
      is_add_on: false,
      max_per_order: 10,
      sales_start_at: null,
      sales_end_at: null,
      position: 1,
      retired_at: null,
      created_at: now,
      updated_at: now,
      ...columns,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
