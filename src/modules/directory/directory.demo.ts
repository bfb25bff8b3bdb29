import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { DEMO_ORGANISATIONS } from '../../db/seeds/demo-network.data.ts';

/**
 * The directory's part of the demo: each demo school's principles focus (the demo network seed
 * writes the organisations; this adds what only the directory shows). Idempotent: it fills the
 * focus only where none is recorded, so an admin's later edit is never overwritten.
 */
export async function seedDemoDirectory(db: Kysely<Database>): Promise<void> {
  const byFocus = new Map<string, string[]>();
  for (const o of DEMO_ORGANISATIONS) if (o.principlesFocus) byFocus.set(o.principlesFocus, [...(byFocus.get(o.principlesFocus) ?? []), o.slug]);
  await db.transaction().execute(async (trx) => {
    for (const [focus, slugs] of byFocus) {
      await trx.updateTable('organisations').set({ principles_focus: focus }).where('slug', 'in', slugs).where('principles_focus', 'is', null).execute();
    }
  });
}
