import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, testDialects, type TestDatabase } from '../../test/helpers/database.ts';
import { createOrganisation } from '../../test/factories/organisations.ts';
import { createPerson } from '../../test/factories/people.ts';
import { startSession } from '../platform/auth/sessions.ts';
import { openDatabase, type DatabaseHandle } from './connection.ts';
import type { Watch } from './changes.ts';
import { tablesWrittenBy } from './write-watch.ts';

describe('tablesWrittenBy', () => {
  it('finds the tables a statement writes, however it was written', () => {
    assert.deepEqual(tablesWrittenBy('insert into "roles" ("person_id") values (?)'), [{ table: 'roles', op: 'insert' }]);
    assert.deepEqual(tablesWrittenBy('update "people" set "name" = $1 where "id" = $2'), [{ table: 'people', op: 'update' }]);
    assert.deepEqual(tablesWrittenBy('DELETE FROM sessions WHERE person_id = $1'), [{ table: 'sessions', op: 'delete' }]);
    assert.deepEqual(tablesWrittenBy('truncate table organisations'), [{ table: 'organisations', op: 'delete' }]);
    assert.deepEqual(
      tablesWrittenBy('with moved as (update "assessment_cycles" set revision = revision + 1 returning id) insert into audit_log select * from moved'),
      [{ table: 'assessment_cycles', op: 'update' }, { table: 'audit_log', op: 'insert' }],
    );
    assert.deepEqual(tablesWrittenBy('select "updated_at" from "people"'), [], 'a column named updated_at is not a write');
  });
});

/** Counts the resets a subscriber hears, per watch list. */
function listen(handle: DatabaseHandle, watches: Watch[]) {
  const heard = { count: 0 };
  handle.changes.subscribe(watches, () => heard.count++);
  return heard;
}

async function eventually(check: () => boolean, ms = 3_000) {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  return check();
}

for (const dialect of testDialects()) {
  describe(`database changes (${dialect})`, () => {
    let d: TestDatabase;
    before(async () => {
      d = await createTestDatabase(dialect);
    });
    after(() => d.drop());

    it('hears this process\'s writes once committed, not before, and never a rolled-back one', async () => {
      const roles = listen(d, [{ table: 'roles' }]);
      const school = await createOrganisation(d.db, { kind: 'school' });
      const person = await createPerson(d.db);
      const heardBefore = roles.count;
      await d.db.insertInto('roles').values({ person_id: person.id, organisation_id: school.id, role: 'school_staff', title: null, created_at: new Date().toISOString() }).execute();
      assert.equal(roles.count, heardBefore + 1, 'a statement outside a transaction is heard at once');

      await d.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('roles').where('person_id', '=', person.id).execute();
        assert.equal(roles.count, heardBefore + 1, 'not while the transaction is open: others still see the old rows');
      });
      assert.equal(roles.count, heardBefore + 2, 'heard after COMMIT');

      await assert.rejects(
        d.db.transaction().execute(async (trx) => {
          await trx.deleteFrom('roles').where('person_id', '=', person.id).execute();
          throw new Error('changed my mind');
        }),
      );
      assert.equal(roles.count, heardBefore + 2, 'a rolled-back write is not heard');
    });

    it('lets a watcher ignore kinds of write: a new session makes nothing stale', async () => {
      const ended = listen(d, [{ table: 'sessions', ops: ['delete'] }]);
      const person = await createPerson(d.db);
      await startSession(d.db, person.id, { days: 1 });
      assert.equal(ended.count, 0);
      await d.db.deleteFrom('sessions').where('person_id', '=', person.id).execute();
      assert.equal(ended.count, 1);
    });

    it('hears another connection\'s (another process\'s) commits', async () => {
      assert.ok(await eventually(() => d.changes.trusted()), 'the feed is trusted once it is set up');
      const people = listen(d, [{ table: 'people' }]);
      const other = openDatabase(d.location);
      try {
        const person = await createPerson(d.db);
        const heardBefore = people.count;
        await other.db.updateTable('people').set({ name: 'Renamed Elsewhere' }).where('id', '=', person.id).execute();
        if (dialect === 'sqlite') assert.equal(people.count, heardBefore, 'negative control: watching our own connection alone would miss it');
        // SQLite: seen on the next look at the database's change counter; PostgreSQL: the
        // trigger's notice arrives on the listening connection.
        assert.ok(await eventually(() => (d.changes.trusted(true), people.count > heardBefore)), 'the other connection\'s write is heard');
      } finally {
        await other.destroy();
      }
    });

    if (dialect === 'postgres') {
      it('negative control: without the trigger\'s notice another process\'s write goes unheard', async () => {
        const people = listen(d, [{ table: 'people' }]);
        const other = openDatabase(d.location);
        const person = await createPerson(d.db);
        await new Promise((r) => setTimeout(r, 200)); // the insert's own notice comes back too
        const heardBefore = people.count;
        await sql`alter table people disable trigger people_announce_change`.execute(d.db);
        try {
          await other.db.updateTable('people').set({ name: 'Renamed Quietly' }).where('id', '=', person.id).execute();
          assert.equal(await eventually(() => people.count > heardBefore, 300), false);
        } finally {
          await sql`alter table people enable trigger people_announce_change`.execute(d.db);
          await other.destroy();
        }
      });

      it('is not trusted while its listening connection is lost, and starts clean when it is back', async () => {
        assert.ok(await eventually(() => d.changes.trusted()));
        const people = listen(d, [{ table: 'people' }]);
        const heardBefore = people.count;
        await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'coalition-hub changes' and datname = current_database()`.execute(d.db);
        assert.ok(await eventually(() => !d.changes.trusted()), 'not trusted once the listener is gone');
        assert.ok(people.count > heardBefore, 'and everything kept was dropped');
        assert.ok(await eventually(() => d.changes.trusted(), 5_000), 'trusted again once it listens again');
      });
    }
  });
}
