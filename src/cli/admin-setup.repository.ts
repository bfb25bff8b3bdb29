import type { Insertable, Kysely } from 'kysely';
import type { Database, OrganisationTable, RoleKind } from '../db/schema.ts';

// The few queries the operator commands need before the organisations and people services offer
// them: finding or founding the national office, and granting a role idempotently.

type Db = Kysely<Database>;

/** The oldest national office: the network has one, and admins belong to it. */
export function findNationalOffice(db: Db) {
  return db.selectFrom('organisations').selectAll().where('kind', '=', 'national_office').orderBy('id').limit(1).executeTakeFirst();
}

export async function slugTaken(db: Db, slug: string): Promise<boolean> {
  return !!(await db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirst());
}

export function insertOrganisation(db: Db, row: Insertable<OrganisationTable>) {
  return db.insertInto('organisations').values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * Grants a role unless the person already holds it there. Returns the new role's id, or undefined
 * when it already existed (the unique index settles a race between two runs).
 */
export async function grantRoleIfAbsent(db: Db, row: { personId: number; organisationId: number; role: RoleKind; title?: string | null; now: string }) {
  const inserted = await db
    .insertInto('roles')
    .values({ person_id: row.personId, organisation_id: row.organisationId, role: row.role, title: row.title ?? null, created_at: row.now })
    .onConflict((oc) => oc.columns(['person_id', 'organisation_id', 'role']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}
