import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.ts';

// On PostgreSQL, every statement that changes one of these tables announces it on the channel
// `hub_changes` (delivered at COMMIT, to every listening app process), so each process can drop
// what it keeps in memory from them (src/db/changes.ts). Statement triggers, not row triggers: one
// notice per statement, and PostgreSQL folds repeats within a transaction into one.
// SQLite needs nothing here: its other connections' commits show in `PRAGMA data_version`.
// The list is written out (not imported) so this migration never changes after it has run; it
// matches ANNOUNCED in src/db/changes.ts (a test checks). `people`: updates only of the columns a
// signed-in person's principal is read from, so a sign-in (last_sign_in_at) announces nothing.
const ANNOUNCING = [
  { table: 'sessions', events: 'delete or truncate' },
  { table: 'people', events: 'update of name, email, locale, email_verified_at, disabled_at or delete or truncate' },
  { table: 'roles', events: 'insert or update or delete or truncate' },
  { table: 'organisations', events: 'insert or update or delete or truncate' },
  { table: 'assessment_cycles', events: 'insert or update or delete or truncate' },
  { table: 'frameworks', events: 'insert or update or delete or truncate' },
  { table: 'framework_groups', events: 'insert or update or delete or truncate' },
  { table: 'framework_principles', events: 'insert or update or delete or truncate' },
  { table: 'framework_benchmarks', events: 'insert or update or delete or truncate' },
];

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`
    create function hub_announce_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('hub_changes', tg_table_name);
      return null;
    end $$`.execute(db);
  for (const { table, events } of ANNOUNCING) {
    await sql`create trigger ${sql.id(`${table}_announce_change`)} after ${sql.raw(events)} on ${sql.table(table)} for each statement execute function hub_announce_change()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const { table } of ANNOUNCING) await sql`drop trigger if exists ${sql.id(`${table}_announce_change`)} on ${sql.table(table)}`.execute(db);
  await sql`drop function if exists hub_announce_change()`.execute(db);
}
