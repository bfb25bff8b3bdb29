import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';

type Db = Kysely<Database>;

// "What is tagged with B?" for the shared taxonomy (modules/framework asks through its taxonomy
// service). Only what a signed-out visitor may see: published events, scheduled sessions, and only
// upcoming ones — a list of past sessions would not help anyone act on a benchmark.

/** A scheduled session on a published event's agenda, with what a link to it needs. */
export interface TaggedSession {
  id: number;
  title: string;
  starts_at: string;
  ends_at: string;
  event_slug: string;
  event_title: string;
  event_timezone: string;
}

export interface TaggedOptions {
  /** Only sessions and events that have not ended yet (default true). */
  upcoming?: boolean;
  limit?: number;
}

/** Upcoming sessions of published events carrying `tag`, soonest first. */
export function sessionsTaggedWith(db: Db, tag: string, opts: TaggedOptions = {}): Promise<TaggedSession[]> {
  let q = db
    .selectFrom('session_tags')
    .innerJoin('event_sessions', 'event_sessions.id', 'session_tags.session_id')
    .innerJoin('events', 'events.id', 'event_sessions.event_id')
    .select(['event_sessions.id', 'event_sessions.title', 'event_sessions.starts_at', 'event_sessions.ends_at', 'events.slug as event_slug', 'events.title as event_title', 'events.timezone as event_timezone'])
    .where('session_tags.tag', '=', tag)
    .where('events.status', '=', 'published')
    .where('event_sessions.status', '=', 'scheduled');
  if (opts.upcoming !== false) q = q.where('event_sessions.ends_at', '>', nowIso());
  return q.orderBy('event_sessions.starts_at').orderBy('event_sessions.id').limit(opts.limit ?? 20).execute();
}

/** Upcoming published events carrying `tag` themselves, soonest first. */
export function eventsTaggedWith(db: Db, tag: string, opts: TaggedOptions = {}): Promise<CoalitionEvent[]> {
  let q = db
    .selectFrom('events')
    .selectAll('events')
    .where('events.status', '=', 'published')
    .where((eb) => eb.exists(eb.selectFrom('event_tags').select('event_tags.event_id').whereRef('event_tags.event_id', '=', 'events.id').where('event_tags.tag', '=', tag)));
  if (opts.upcoming !== false) q = q.where('events.ends_at', '>', nowIso());
  return q.orderBy('events.starts_at').orderBy('events.id').limit(opts.limit ?? 20).execute();
}
