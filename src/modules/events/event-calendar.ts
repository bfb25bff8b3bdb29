import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

/** CONTRACT (calendar owner implements): the event as a one-event iCalendar file (the `.ics` download and the confirmation email's attachment). */
export async function icsForEvent(_db: Db, _event: CoalitionEvent): Promise<string> {
  return '';
}
