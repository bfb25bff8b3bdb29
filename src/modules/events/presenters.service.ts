import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

/**
 * CONTRACT (used by registration for presenter tickets): whether the person presents a scheduled
 * session of the event, or has an accepted proposal there (accepted before the session is placed,
 * they may already buy a presenter ticket).
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
  if (presents) return true;
  const accepted = await db
    .selectFrom('session_proposals')
    .select('id')
    .where('event_id', '=', eventId)
    .where('submitter_person_id', '=', personId)
    .where('status', '=', 'accepted')
    .executeTakeFirst();
  return !!accepted;
}
