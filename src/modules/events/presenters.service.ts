import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

/** CONTRACT (agenda owner implements): whether the person presents a scheduled session of the event, or has an accepted proposal there. */
export async function isPresenterAt(_db: Db, _eventId: number, _personId: number): Promise<boolean> {
  return false;
}
