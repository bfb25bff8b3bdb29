import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Database, OrganisationTable } from '../../db/schema.ts';

// Batch reads and writes for the school import: one query per batch of rows, never one per row.

type Db = Kysely<Database>;

const COMPARED = ['id', 'slug', 'name', 'nces_id', 'address_line1', 'city', 'state', 'postal_code', 'grade_low', 'grade_high', 'enrolment', 'latitude', 'longitude'] as const;

/** Organisations holding any of these NCES IDs. */
export function findByNcesIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organisations').select(COMPARED).where('nces_id', 'in', ids).execute();
}

/** Schools without an NCES ID with one of these names (re-importing a simple sheet matches by name, city and state). */
export function findUnidentifiedSchoolsByName(db: Db, names: readonly string[]) {
  if (names.length === 0) return Promise.resolve([]);
  // Matched without regard to case (the caller's keys are lower-cased); lower(name) has its own index.
  const lowered = [...new Set(names.map((n) => n.toLowerCase()))];
  return db.selectFrom('organisations').select(COMPARED).where('kind', '=', 'school').where('nces_id', 'is', null).where(sql`lower(name)`, 'in', lowered).execute();
}

/** Which of these slugs are taken. */
export async function findTakenSlugs(db: Db, slugs: readonly string[]): Promise<Set<string>> {
  if (slugs.length === 0) return new Set();
  const rows = await db.selectFrom('organisations').select('slug').where('slug', 'in', slugs).execute();
  return new Set(rows.map((r) => r.slug));
}

/** Inserts many organisations in one statement (callers keep batches under the bind-parameter limits). */
export async function insertOrganisations(db: Db, rows: Insertable<OrganisationTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('organisations').values(rows).execute();
}

export async function updateOrganisationColumns(db: Db, id: number, changes: Updateable<OrganisationTable>): Promise<void> {
  await db.updateTable('organisations').set(changes).where('id', '=', id).execute();
}

export type ExistingSchool = Awaited<ReturnType<typeof findByNcesIds>>[number];
