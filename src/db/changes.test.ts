import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, testDialects, type TestDatabase } from '../../test/helpers/database.ts';
import { createOrganisation } from '../../test/factories/organisations.ts';
import { createPerson } from '../../test/factories/people.ts';
import { startSession } from '../platform/auth/sessions.ts';
import { openDatabase, type DatabaseHandle } from './connection.ts';
import { ANNOUNCED, DatabaseChanges, PRINCIPAL_PEOPLE_COLUMNS, type Watch } from './changes.ts';
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
    assert.deepEqual(tablesWrittenBy('insert or replace into "roles" values (?)'), [{ table: 'roles', op: 'insert' }]);
    assert.deepEqual(tablesWrittenBy('replace into roles values (?)'), [{ table: 'roles', op: 'insert' }]);
    assert.deepEqual(
      tablesWrittenBy('insert into "people" ("email") values ($1) on conflict ("email") do update set "name" = excluded."name"').filter((w) => w.table === 'people'),
      [{ table: 'people', op: 'insert' }, { table: 'people', op: 'update' }],
      'an upsert may update what it finds',
    );
  });
});

describe('what a cache may watch', () => {
  it('only what other processes hear about', () => {
    const changes = new DatabaseChanges({ postgresUrl: 'postgres://unused.invalid/none' });
    const refused = (w: Watch) => assert.throws(() => changes.subscribe([w], () => undefined), /ANNOUNCED/, JSON.stringify(w));
    refused({ table: 'events' });
    refused({ table: 'sessions' }); // updates are not announced
    refused({ table: 'people' }); // nor updates of every column
    refused({ table: 'people', ops: ['update'], columns: ['last_sign_in_at'] });
    changes.subscribe([{ table: 'sessions', ops: ['delete'] }, { table: 'people', ops: ['update', 'delete'], columns: ['name'] }, { table: 'roles' }], () => undefined);
  });
});

/** What the session cache watches of people. */
const PEOPLE_NAMES: Watch = { table: 'people', ops: ['update', 'delete'], columns: PRINCIPAL_PEOPLE_COLUMNS };

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

    it('hears an update only when it sets a watched column (a sign-in empties no cache)', async () => {
      const principal = listen(d, [PEOPLE_NAMES]);
      const person = await createPerson(d.db);
      await d.db.updateTable('people').set({ last_sign_in_at: new Date().toISOString() }).where('id', '=', person.id).execute();
      assert.equal(principal.count, 0);
      await d.db.updateTable('people').set({ locale: 'es' }).where('id', '=', person.id).execute();
      assert.equal(principal.count, 1, 'negative control: a column the principal is made of');
      await sql`update people set last_sign_in_at = null where id = ${person.id}`.execute(d.db);
      assert.equal(principal.count, 2, 'hand-written SQL might set anything, so it counts');
    });

    it('hears another connection\'s (another process\'s) commits', async () => {
      assert.ok(await eventually(() => d.changes.trusted()), 'the feed is trusted once it is set up');
      const people = listen(d, [PEOPLE_NAMES]);
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

    if (dialect === 'sqlite') {
      it('answers nothing from memory while a transaction is open (SQLite\'s change counter stands still in one)', async () => {
        assert.ok(d.changes.trusted());
        await d.db.transaction().execute(async (trx) => {
          await trx.selectFrom('people').select('id').execute();
          assert.equal(d.changes.trusted(), false);
        });
        assert.ok(d.changes.trusted());
      });
    }

    if (dialect === 'postgres') {
      it('negative control: without the trigger\'s notice another process\'s write goes unheard', async () => {
        const people = listen(d, [PEOPLE_NAMES]);
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

      it('announces to other processes only the people columns a principal is made of', async () => {
        const people = listen(d, [PEOPLE_NAMES]);
        const other = openDatabase(d.location);
        try {
          const person = await createPerson(d.db);
          await new Promise((r) => setTimeout(r, 200));
          const heardBefore = people.count;
          await other.db.updateTable('people').set({ last_sign_in_at: new Date().toISOString() }).where('id', '=', person.id).execute();
          assert.equal(await eventually(() => people.count > heardBefore, 300), false, 'a sign-in elsewhere announces nothing');
          await other.db.updateTable('people').set({ name: 'Renamed Elsewhere' }).where('id', '=', person.id).execute();
          assert.ok(await eventually(() => people.count > heardBefore), 'a new name does');
        } finally {
          await other.destroy();
        }
      });

      it('has a trigger for every announced table', async () => {
        const rows = await sql<{ table: string }>`select c.relname as "table" from pg_trigger t join pg_class c on c.oid = t.tgrelid where t.tgname like '%_announce_change'`.execute(d.db);
        assert.deepEqual(rows.rows.map((r) => r.table).sort(), Object.keys(ANNOUNCED).sort());
      });

      it('stops trusting a listening connection that no longer hears its own notices', async () => {
        // A proxy in front of PostgreSQL that can go silent without closing, as a network can.
        let silent = false;
        const sockets: net.Socket[] = [];
        const proxy = net.createServer((client) => {
          const server = net.connect(Number(new URL(d.location.databaseUrl!).port || 5432), '127.0.0.1');
          sockets.push(client, server);
          client.on('data', (b) => silent || server.write(b));
          server.on('data', (b) => silent || client.write(b));
          client.on('error', () => undefined);
          server.on('error', () => undefined);
        });
        await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
        const url = new URL(d.location.databaseUrl!);
        url.host = `127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
        const changes = new DatabaseChanges({ postgresUrl: url.toString() }, { everyMs: 100, timeoutMs: 200 });
        try {
          assert.ok(await eventually(() => changes.trusted()), 'trusted once it has heard itself');
          silent = true;
          assert.ok(await eventually(() => !changes.trusted(), 2_000), 'not trusted once a notice goes unheard');
        } finally {
          await changes.close();
          for (const s of sockets) s.destroy();
          proxy.close();
        }
      });

      it('is not trusted while its listening connection is lost, and starts clean when it is back', async () => {
        assert.ok(await eventually(() => d.changes.trusted()));
        const people = listen(d, [PEOPLE_NAMES]);
        const heardBefore = people.count;
        await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'coalition-hub changes' and datname = current_database()`.execute(d.db);
        assert.ok(await eventually(() => !d.changes.trusted()), 'not trusted once the listener is gone');
        assert.ok(people.count > heardBefore, 'and everything kept was dropped');
        assert.ok(await eventually(() => d.changes.trusted(), 5_000), 'trusted again once it listens again');
      });
    }
  });
}
