import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, PersonTable } from '../../db/schema.ts';

// Queries on people. The accounts module reaches people only through people.service.ts.

type Db = Kysely<Database>;

export function findPersonById(db: Db, id: number) {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
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
