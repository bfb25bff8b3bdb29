import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Database, PersonTable, RoleKind } from '../../db/schema.ts';
import { ilike, likePattern } from '../../db/dialect.ts';

// Queries on people. The accounts module reaches people only through people.service.ts.

type Db = Kysely<Database>;

export function findPersonById(db: Db, id: number) {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The people with these ids (unknown ids are skipped), in one query: who they are, never their credentials. */
export function findPeopleByIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('people').select(['id', 'name', 'email', 'locale']).where('id', 'in', ids).execute();
}

/** Emails are stored lower-cased, so this lookup is exact. */
export function findPersonByEmail(db: Db, email: string) {
  return db.selectFrom('people').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export function insertPerson(db: Db, row: Insertable<PersonTable>) {
  return db.insertInto('people').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updatePerson(db: Db, id: number, changes: Updateable<PersonTable>) {
  return db.updateTable('people').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
}

/** What the admin list filters by. Text matches name or email anywhere, case-insensitively. */
export interface PeopleFilters {
  text?: string;
  role?: RoleKind;
  organisationId?: number;
}

function filteredPeople(db: Db, f: PeopleFilters) {
  let q = db.selectFrom('people');
  if (f.text) {
    // LIKE's escape character must be named for SQLite; PostgreSQL accepts the same clause.
    const pattern = likePattern(f.text);
    const op = sql.raw(ilike(db));
    q = q.where((eb) => eb.or([sql<boolean>`people.name ${op} ${pattern} escape '\\'`, sql<boolean>`people.email ${op} ${pattern} escape '\\'`]));
  }
  if (f.role || f.organisationId !== undefined) {
    q = q.where((eb) => {
      let roles = eb.selectFrom('roles').select('roles.id').whereRef('roles.person_id', '=', 'people.id');
      if (f.role) roles = roles.where('roles.role', '=', f.role);
      if (f.organisationId !== undefined) roles = roles.where('roles.organisation_id', '=', f.organisationId);
      return eb.exists(roles);
    });
  }
  return q;
}

/** One page of people matching the filters, by name. */
export function searchPeople(db: Db, f: PeopleFilters & { limit: number; offset: number }) {
  return filteredPeople(db, f).selectAll().orderBy('people.name').orderBy('people.id').limit(f.limit).offset(f.offset).execute();
}

/** How many people match the filters. */
export async function countPeople(db: Db, f: PeopleFilters): Promise<number> {
  const row = await filteredPeople(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** People in all, and how many have confirmed their email address. */
export function countPeopleVerified(db: Db) {
  return db
    .selectFrom('people')
    .select([(eb) => eb.fn.countAll<number>().as('total'), (eb) => eb.fn.count<number>('email_verified_at').as('verified')])
    .executeTakeFirstOrThrow();
}
