import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

/**
 * CONTRACT (used by registration for presenter tickets): whether the person presents a scheduled
 * session of the event. An accepted proposal is not asked about separately: accepting always makes
 * its session, and once that session is cancelled or the person taken off it, they no longer present.
 */
export async function isPresenterAt(db: Db, eventId: number, personId: number): Promise<boolean> {
  const presents = await db
    .selectFrom('session_presenters')
    .innerJoin('event_sessions', 'event_sessions.id', 'session_presenters.session_id')
    .select('session_presenters.id')
    .where('event_sessions.event_id', '=', eventId)
    .where('event_sessions.status', '=', 'scheduled')
    .where('session_presenters.person_id', '=', personId)
    .executeTakeFirst();
  return !!presents;
}
