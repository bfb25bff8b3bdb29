import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Kysely, KyselyPlugin } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/helpers/database.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson } from '../../../test/factories/people.ts';
import { systemActor } from '../audit/audit.service.ts';
import { getOrganisationsByIds, organisationUsage } from '../organisations/organisations.service.ts';
import { countPeopleAtOrganisation } from './people.service.ts';
import { lockNetworkAdminRoles } from './roles.repository.ts';
import { assertAdminRemains, grantRole, organisationsById, revokeRole } from './roles.service.ts';

type AdminRow = { id: number; person_id: number; disabled_at: string | null };

/**
 * Removes an admin role the way revokeRole does, with the read of the admins swappable and a pause
 * after it, so a test can line two removals up: both read, then both decide.
 */
function removeAdminRole(db: Kysely<Database>, roleId: number, readAdmins: (trx: Kysely<Database>) => Promise<AdminRow[]>, pause: () => Promise<void>) {
  return db.transaction().execute(async (trx) => {
    const admins = (await readAdmins(trx)).filter((a) => !a.disabled_at);
    await pause();
    if (!admins.some((a) => a.id !== roleId)) return 'refused';
    await trx.deleteFrom('roles').where('id', '=', roleId).execute();
    return 'removed';
  });
}

/** Resolves once `n` callers have arrived, or after `ms` (a caller blocked on a lock never arrives). */
function barrier(n: number, ms: number): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return () => {
    if (++arrived === n) release();
    return Promise.race([all, new Promise<void>((resolve) => setTimeout(resolve, ms))]);
  };
}

const unlockedRead = (trx: Kysely<Database>) =>
  trx.selectFrom('roles').innerJoin('people', 'people.id', 'roles.person_id').select(['roles.id', 'roles.person_id', 'people.disabled_at']).where('roles.role', '=', 'network_admin').execute();

/** The same database, counting the statements sent through it. */
function countingQueries(db: Kysely<Database>): { db: Kysely<Database>; count: () => number } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      n += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), count: () => n };
}

describe('module boundaries', () => {
  it('nothing in the organisations module imports the people roles service (the two used to import each other)', async () => {
    const dir = new URL('../organisations/', import.meta.url);
    const files = (await readdir(dir, { recursive: true })).filter((f) => /\.tsx?$/.test(f));
    assert.ok(files.includes('organisations.service.ts'), 'the scan reads the right folder');
    const offenders: string[] = [];
    for (const file of files) if (/from '[./]*people\/roles\.(service|repository)\.ts'/.test(await readFile(new URL(file, dir), 'utf8'))) offenders.push(file);
    assert.deepEqual(offenders, []);
  });
});

for (const dialect of testDialects()) {
  describe(`roles service (${dialect})`, () => {
    let database: TestDatabase;
    let db: Kysely<Database>;
    let officeId: number;
    const actor = systemActor('test');
    const adminRoleIds = async () => (await db.selectFrom('roles').select('id').where('role', '=', 'network_admin').orderBy('id').execute()).map((r) => r.id);
    const twoAdmins = async () => {
      await db.deleteFrom('roles').where('role', '=', 'network_admin').execute();
      for (let i = 0; i < 2; i++) await createPerson(db, { roles: [['network_admin', officeId]] });
      return adminRoleIds();
    };

    before(async () => {
      database = await createTestDatabase(dialect);
      db = database.db;
      officeId = (await createOrganisation(db, { kind: 'national_office' })).id;
    });
    after(() => database.drop());

    it('two admins removed at the same moment: the lock leaves one of them an admin', async () => {
      const [a, b] = await twoAdmins();
      const pause = barrier(2, 300);
      const outcomes = await Promise.all([a!, b!].map((id) => removeAdminRole(db, id, lockNetworkAdminRoles, pause)));
      assert.deepEqual(outcomes.sort(), ['refused', 'removed']);
      assert.equal((await adminRoleIds()).length, 1);
    });

    it('negative control: the same race with an unlocked read leaves no admin at all (PostgreSQL), which the lock prevents', async (t) => {
      // SQLite runs one write transaction at a time, so there the second removal always sees the
      // first one's result: there is no race to lose, with or without the lock.
      if (dialect === 'sqlite') return t.skip('SQLite serialises write transactions');
      const [a, b] = await twoAdmins();
      const pause = barrier(2, 300);
      const outcomes = await Promise.all([a!, b!].map((id) => removeAdminRole(db, id, unlockedRead, pause)));
      assert.deepEqual(outcomes, ['removed', 'removed']);
      assert.equal((await adminRoleIds()).length, 0);
    });

    it('revokeRole and assertAdminRemains guard only changes that take away an enabled admin', async () => {
      const [a, b] = await twoAdmins();
      await revokeRole(db, actor, a!);
      await assert.rejects(revokeRole(db, actor, b!), (err: { status?: number }) => err.status === 409);
      // Disabling someone who is not an admin is never blocked by the rule, even with no admin left.
      const plain = await createPerson(db);
      await db.transaction().execute((trx) => assertAdminRemains(trx, { personId: plain.id }));
      await assert.rejects(
        db.transaction().execute((trx) => assertAdminRemains(trx, { roleId: b! })),
        (err: { messageKey?: string }) => err.messageKey === 'people:errors.lastAdmin',
      );
    });

    it('grantRole refuses a role that does not fit the organisation (400) and a duplicate (409)', async () => {
      const school = await createOrganisation(db, { kind: 'school' });
      const person = await createPerson(db);
      await assert.rejects(grantRole(db, actor, { personId: person.id, organisation: school, role: 'center_coach' }), (err: { status?: number }) => err.status === 400);
      await grantRole(db, actor, { personId: person.id, organisation: school, role: 'school_staff' });
      await assert.rejects(grantRole(db, actor, { personId: person.id, organisation: school, role: 'school_staff' }), (err: { status?: number }) => err.status === 409);
      const rows = await db.selectFrom('roles').select('role').where('person_id', '=', person.id).execute();
      assert.deepEqual(rows.map((r) => r.role), ['school_staff']);
    });

    it('countPeopleAtOrganisation counts people, not roles, and only at that organisation', async () => {
      const school = await createOrganisation(db, { kind: 'school' });
      const other = await createOrganisation(db, { kind: 'school' });
      assert.equal(await countPeopleAtOrganisation(db, school.id), 0);
      await createPerson(db, { roles: [['school_leader', school.id], ['school_staff', school.id]] });
      await createPerson(db, { roles: [['school_staff', school.id], ['school_staff', other.id]] });
      await createPerson(db, { roles: [['school_staff', other.id]] });
      const count = await countPeopleAtOrganisation(db, school.id);
      assert.equal(count, 2, 'two people holding three roles');
      assert.equal(typeof count, 'number');
      assert.deepEqual(await organisationUsage(db, school.id), { people: 2, members: 0 }, 'the organisations module counts through it');
    });

    it('organisationsById reads any number of organisations in one query, each once, skipping unknown ids', async () => {
      const orgs = [await createOrganisation(db, { kind: 'school' }), await createOrganisation(db, { kind: 'partner' }), await createOrganisation(db, { kind: 'affiliate_center' })];
      const ids = orgs.map((o) => o.id);
      const counted = countingQueries(db);
      const found = await organisationsById(counted.db, [...ids, ids[0]!, 999_999]);
      assert.equal(counted.count(), 1, 'one query, not one per organisation');
      assert.deepEqual([...found.keys()].sort((a, b) => a - b), ids);
      assert.equal(found.get(ids[1]!)?.kind, 'partner');
      // Control: the counter does see each query sent (one per id when looked up one by one).
      for (const id of ids) await getOrganisationsByIds(counted.db, [id]);
      assert.equal(counted.count(), 1 + ids.length);
      assert.deepEqual(await getOrganisationsByIds(counted.db, []), []);
      assert.equal(counted.count(), 1 + ids.length, 'no ids, no query');
    });
  });
}
