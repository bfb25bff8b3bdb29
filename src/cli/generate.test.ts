import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, testDialects, type TestDatabase } from '../../test/helpers/database.ts';
import { generateNetwork, GENERATED_PASSWORD, SCALES } from '../../bench/generate.ts';
import { bool } from '../db/dialect.ts';
import { OrganisationInput, ORGANISATION_FIELDS } from '../modules/organisations/organisations.schemas.ts';
import { verifyPassword } from '../platform/auth/passwords.ts';
import { createCliTarget, runCli } from './testing/cli-harness.ts';

type Db = TestDatabase['db'];

const count = async (db: Db, table: 'organisations' | 'people' | 'roles') =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** A fingerprint of the generated content, to compare two runs. */
async function fingerprint(db: Db): Promise<string> {
  const orgs = await db.selectFrom('organisations').select(['id', 'slug', 'name', 'city', 'nces_id', 'center_id']).orderBy('id').execute();
  const people = await db.selectFrom('people').select(['id', 'email', 'name']).orderBy('id').execute();
  const roles = await db.selectFrom('roles').select(['person_id', 'organisation_id', 'role', 'title']).orderBy('id').execute();
  return createHash('sha256').update(JSON.stringify([orgs, people, roles])).digest('hex');
}

for (const dialect of testDialects()) {
  describe(`generate --scale small (${dialect})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await createTestDatabase(dialect);
      await generateNetwork(t.db, { scale: 'small', seed: 42 });
    });
    after(() => t.drop());

    it('writes exactly the organisations, people and roles of the scale', async () => {
      const s = SCALES.small;
      assert.equal(await count(t.db, 'organisations'), s.organisations);
      assert.equal(await count(t.db, 'people'), s.people);
      assert.equal(await count(t.db, 'roles'), s.people);
      const kinds = await t.db.selectFrom('organisations').select(['kind', (eb) => eb.fn.countAll().as('n')]).groupBy('kind').execute();
      const byKind = Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)]));
      assert.equal(byKind.national_office, 1);
      assert.equal(byKind.affiliate_center, s.centers);
      assert.equal((byKind.partner ?? 0) + (byKind.other ?? 0), s.partners);
      assert.equal(byKind.school, s.organisations - 1 - s.centers - s.partners);
    });

    it('attaches every school to a center, with a leader, and keeps centers in their regions', async () => {
      const orphans = await t.db
        .selectFrom('organisations as s')
        .leftJoin('organisations as c', 'c.id', 's.center_id')
        .select('s.id')
        .where('s.kind', '=', 'school')
        .where((eb) => eb.or([eb('c.id', 'is', null), eb('c.kind', '!=', 'affiliate_center')]))
        .execute();
      assert.equal(orphans.length, 0);
      const leaders = await t.db.selectFrom('roles').select((eb) => eb.fn.count('organisation_id').distinct().as('n')).where('role', '=', 'school_leader').executeTakeFirstOrThrow();
      assert.equal(Number(leaders.n), SCALES.small.organisations - 1 - SCALES.small.centers - SCALES.small.partners);
      const regions = await t.db.selectFrom('organisations').select('region').distinct().where('kind', '=', 'affiliate_center').execute();
      assert.equal(regions.length, SCALES.small.regions);
      const admin = await t.db
        .selectFrom('roles')
        .innerJoin('people', 'people.id', 'roles.person_id')
        .select('people.password_hash')
        .where('roles.role', '=', 'network_admin')
        .executeTakeFirstOrThrow();
      assert.equal(await verifyPassword(admin.password_hash!, GENERATED_PASSWORD), true);
    });

    it('writes organisations that the organisation form itself would accept', async () => {
      for (const org of await t.db.selectFrom('organisations').selectAll().execute()) {
        const input = Object.fromEntries(ORGANISATION_FIELDS.map((f) => [f, f === 'contact_public' ? bool(org[f]) : org[f]]));
        const parsed = OrganisationInput.safeParse(input);
        assert.ok(parsed.success, `${org.slug}: ${JSON.stringify(parsed.error?.issues)}`);
      }
    });

    it('leaves the id sequences past the generated rows, so the app can add more', async () => {
      const now = new Date().toISOString();
      const row = await t.db.insertInto('organisations').values({ slug: 'added-later', name: 'Added Later', kind: 'partner', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
      assert.equal(row.id, SCALES.small.organisations + 1);
    });

    it('is deterministic: the same seed gives the same network, another seed a different one', async () => {
      const same = await createTestDatabase(dialect);
      const other = await createTestDatabase(dialect);
      try {
        await generateNetwork(same.db, { scale: 'small', seed: 42 });
        await generateNetwork(other.db, { scale: 'small', seed: 43 });
        await t.db.deleteFrom('organisations').where('slug', '=', 'added-later').execute();
        assert.equal(await fingerprint(t.db), await fingerprint(same.db));
        assert.notEqual(await fingerprint(t.db), await fingerprint(other.db));
      } finally {
        await same.drop();
        await other.drop();
      }
    });

    it('refuses a database that already has organisations', async () => {
      await assert.rejects(generateNetwork(t.db, { scale: 'small', seed: 1 }), /empty database/);
      assert.equal(await count(t.db, 'organisations'), SCALES.small.organisations);
    });
  });
}

describe('coalition generate', () => {
  let t: Awaited<ReturnType<typeof createCliTarget>>;
  before(async () => {
    t = await createCliTarget('sqlite');
  });
  after(() => t.close());

  it('prints progress and the totals, and refuses to run twice', async () => {
    const run = await runCli(['generate', '--scale', 'small', '--seed', '5'], { env: t.env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /people \+ roles: 2,000 at [\d,]+\/s/);
    assert.match(run.stdout, /Done in [\d.]+ s \([\d,]+ rows\/s\): 500 organisations, 2,000 people, 2,000 roles/);
    assert.equal(await count(t.db, 'people'), 2000);
    const again = await runCli(['generate', '--scale', 'small'], { env: t.env });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already holds 500 organisations/);
  });

  it('rejects an unknown scale or a bad seed', async () => {
    const scale = await runCli(['generate', '--scale', 'galactic'], { env: t.env });
    assert.equal(scale.code, 1);
    assert.match(scale.stderr, /choose one of national, regional, small/);
    const seed = await runCli(['generate', '--scale', 'small', '--seed', '-3'], { env: t.env });
    assert.equal(seed.code, 1);
    assert.match(seed.stderr, /whole number/);
  });
});
