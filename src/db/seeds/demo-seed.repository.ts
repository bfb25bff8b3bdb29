import type { Insertable, Kysely } from 'kysely';
import type { Database, OrganisationTable, PersonTable, RoleTable } from '../schema.ts';

// Insert-if-absent writes for the demo seed. Each returns the new row's id, or undefined when a
// row with the same natural key (slug, email, person+organisation+role) is already there, so
// seeding twice — or two processes seeding at once — never duplicates anything.

type Db = Kysely<Database>;

export async function countOrganisations(db: Db): Promise<number> {
  const row = await db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertOrganisationIfAbsent(db: Db, row: Insertable<OrganisationTable>): Promise<number | undefined> {
  const inserted = await db.insertInto('organisations').values(row).onConflict((oc) => oc.column('slug').doNothing()).returning('id').executeTakeFirst();
  return inserted?.id;
}

export async function findOrganisationIdsBySlug(db: Db, slugs: string[]): Promise<Map<string, number>> {
  const rows = await db.selectFrom('organisations').select(['id', 'slug']).where('slug', 'in', slugs).execute();
  return new Map(rows.map((r) => [r.slug, r.id]));
}

export async function insertPersonIfAbsent(db: Db, row: Insertable<PersonTable>): Promise<number | undefined> {
  const inserted = await db.insertInto('people').values(row).onConflict((oc) => oc.column('email').doNothing()).returning('id').executeTakeFirst();
  return inserted?.id;
}

export async function findPersonIdByEmail(db: Db, email: string): Promise<number | undefined> {
  return (await db.selectFrom('people').select('id').where('email', '=', email).executeTakeFirst())?.id;
}

export async function insertRoleIfAbsent(db: Db, row: Insertable<RoleTable>): Promise<number | undefined> {
  const inserted = await db
    .insertInto('roles')
    .values(row)
    .onConflict((oc) => oc.columns(['person_id', 'organisation_id', 'role']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}
