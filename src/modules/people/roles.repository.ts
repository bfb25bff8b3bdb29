import type { Insertable, Kysely } from 'kysely';
import type { Database, RoleKind, RoleTable } from '../../db/schema.ts';
import { isPostgres } from '../../db/dialect.ts';

// Queries on roles (who holds which role at which organisation).

type Db = Kysely<Database>;

export function insertRole(db: Db, row: Insertable<RoleTable>) {
  return db.insertInto('roles').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findRoleById(db: Db, id: number) {
  return db.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findRole(db: Db, personId: number, organisationId: number, role: RoleKind) {
  return db
    .selectFrom('roles')
    .selectAll()
    .where('person_id', '=', personId)
    .where('organisation_id', '=', organisationId)
    .where('role', '=', role)
    .executeTakeFirst();
}

export function deleteRole(db: Db, id: number) {
  return db.deleteFrom('roles').where('id', '=', id).executeTakeFirst();
}

/** Every role of the given people, oldest first. */
export function findRolesOfPeople(db: Db, personIds: number[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('roles').selectAll().where('person_id', 'in', personIds).orderBy('created_at').orderBy('id').execute();
}

/** How many different people hold at least one role at an organisation. */
export async function countPeopleAt(db: Db, organisationId: number): Promise<number> {
  const row = await db
    .selectFrom('roles')
    .select((eb) => eb.fn.count<number | string>('person_id').distinct().as('n'))
    .where('organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The people holding roles at one organisation, with the role rows, by name. */
export function findPeopleAtOrganisation(db: Db, organisationId: number) {
  return db
    .selectFrom('roles')
    .innerJoin('people', 'people.id', 'roles.person_id')
    .select([
      'roles.id as role_id',
      'roles.role',
      'roles.title',
      'roles.created_at as role_created_at',
      'people.id as person_id',
      'people.name',
      'people.email',
      'people.email_verified_at',
      'people.disabled_at',
      'people.last_sign_in_at',
      'people.password_hash',
      'people.locale',
      'people.created_at',
    ])
    .where('roles.organisation_id', '=', organisationId)
    .orderBy('people.name')
    .orderBy('roles.role')
    .execute();
}

/**
 * Every network_admin role with whether its holder is disabled, locked on PostgreSQL until the
 * transaction ends, so two admins removing each other at once cannot both see "one left".
 * (SQLite already runs one write transaction at a time.)
 */
export function lockNetworkAdminRoles(db: Db) {
  const q = db
    .selectFrom('roles')
    .innerJoin('people', 'people.id', 'roles.person_id')
    .select(['roles.id', 'roles.person_id', 'people.disabled_at'])
    .where('roles.role', '=', 'network_admin');
  return (isPostgres(db) ? q.forUpdate() : q).execute();
}
