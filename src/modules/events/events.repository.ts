import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

// Lookups every part of the events module shares. The calendar's own queries (lists, filters,
// feeds) live in calendar.repository.ts.

export function findEventBySlug(db: Db, slug: string): Promise<CoalitionEvent | undefined> {
  return db.selectFrom('events').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function findEventById(db: Db, id: number): Promise<CoalitionEvent | undefined> {
  return db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findTagsOfEvents(db: Db, eventIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (eventIds.length === 0) return out;
  const rows = await db.selectFrom('event_tags').select(['event_id', 'tag']).where('event_id', 'in', eventIds).orderBy('tag').execute();
  for (const r of rows) out.set(r.event_id, [...(out.get(r.event_id) ?? []), r.tag]);
  return out;
}
