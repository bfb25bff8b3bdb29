import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/helpers/database.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import { OrganisationInput, ORGANISATION_FIELDS } from '../../modules/organisations/organisations.schemas.ts';
import { bool } from '../dialect.ts';
import { DEMO_ACCOUNTS, DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_PEOPLE } from './demo-network.data.ts';
import { hasDemoAccounts, seedDemoNetwork } from './demo-network.ts';

async function counts(db: TestDatabase['db']) {
  const n = async (table: 'organisations' | 'people' | 'roles' | 'audit_events') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { organisations: await n('organisations'), people: await n('people'), roles: await n('roles'), audit: await n('audit_events') };
}

for (const dialect of testDialects()) {
  describe(`demo network seed (${dialect})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await createTestDatabase(dialect);
    });
    after(() => t.drop());

    it('loads a whole network into an empty database, and a second run adds nothing', async () => {
      assert.equal(await hasDemoAccounts(t.db), false);
      await seedDemoNetwork(t.db);
      const first = await counts(t.db);
      assert.equal(first.organisations, DEMO_ORGANISATIONS.length);
      assert.equal(first.people, DEMO_PEOPLE.length);
      assert.equal(first.roles, DEMO_PEOPLE.reduce((sum, p) => sum + p.roles.length, 0));
      assert.ok(first.organisations >= 300 && first.people >= 55, 'a realistic size: several hundred schools, ~60 people');
      assert.equal(first.audit, first.organisations + first.people + first.roles, 'every organisation, person and role is audited');

      await seedDemoNetwork(t.db);
      assert.deepEqual(await counts(t.db), first);
      assert.equal(await hasDemoAccounts(t.db), true);
    });

    it('has the national office, a dozen centers in different regions, several hundred schools and partners', async () => {
      const orgs = await t.db.selectFrom('organisations').selectAll().execute();
      const byKind = (k: string) => orgs.filter((o) => o.kind === k);
      assert.equal(byKind('national_office').length, 1);
      const centers = byKind('affiliate_center');
      assert.equal(centers.length, 12);
      assert.equal(new Set(centers.map((c) => c.region)).size, 12);
      const schools = byKind('school');
      assert.ok(schools.length >= 300 && schools.length <= 340, `${schools.length} schools`);
      assert.ok(byKind('partner').length + byKind('other').length >= 4);
      const centerIds = new Set(centers.map((c) => c.id));
      for (const s of schools) {
        assert.ok(s.center_id && centerIds.has(s.center_id), `${s.name} belongs to a center`);
        assert.match(s.postal_code ?? '', /^\d{5}$/);
        assert.match(s.state ?? '', /^[A-Z]{2}$/);
        assert.ok(s.grade_low && s.grade_high && s.enrolment && s.enrolment > 100);
      }
      const withNces = schools.filter((s) => s.nces_id);
      assert.ok(withNces.length >= 10 && withNces.length < schools.length, 'some schools, not all, have an NCES ID');
      for (const s of withNces) assert.match(s.nces_id!, /^\d{12}$/);
      assert.ok(schools.some((s) => bool(s.contact_public)) && schools.some((s) => !bool(s.contact_public)));
      const bayArea = centers.find((c) => c.slug === 'bay-area-coalition-of-essential-small-schools')!;
      assert.match(bayArea.description ?? '', /coaching, technical assistance and professional development focused on equity, inquiry and achievement/);
    });

    it('holds only organisations that the organisation form itself would accept', async () => {
      // An admin who opens a demo school's edit form and saves must not meet errors in our data.
      for (const org of await t.db.selectFrom('organisations').selectAll().execute()) {
        const input = Object.fromEntries(ORGANISATION_FIELDS.map((f) => [f, f === 'contact_public' ? bool(org[f]) : org[f]]));
        const parsed = OrganisationInput.safeParse(input);
        assert.ok(parsed.success, `${org.slug}: ${JSON.stringify(parsed.error?.issues)}`);
      }
    });

    it('gives the documented demo accounts the documented password and roles, with verified emails', async () => {
      const people = await t.db.selectFrom('people').selectAll().execute();
      assert.ok(people.every((p) => p.email_verified_at));
      const admin = people.find((p) => p.email === DEMO_ACCOUNTS[0].email)!;
      assert.equal(await verifyPassword(admin.password_hash!, DEMO_PASSWORD), true);
      assert.equal(await verifyPassword(admin.password_hash!, 'not-the-demo-password'), false, 'negative control: a wrong password fails');
      const roleOf = async (email: string) =>
        t.db
          .selectFrom('roles')
          .innerJoin('people', 'people.id', 'roles.person_id')
          .innerJoin('organisations', 'organisations.id', 'roles.organisation_id')
          .select(['roles.role', 'organisations.kind', 'organisations.slug'])
          .where('people.email', '=', email)
          .execute()
          .then((rows) => rows.map((r) => ({ ...r }))); // node:sqlite rows have a null prototype
      assert.deepEqual(await roleOf('admin@demo.coalition.invalid'), [{ role: 'network_admin', kind: 'national_office', slug: 'national-office' }]);
      assert.deepEqual(await roleOf('leader@demo.coalition.invalid'), [{ role: 'school_leader', kind: 'school', slug: 'mission-hill-academy' }]);
      assert.deepEqual(await roleOf('coach@demo.coalition.invalid'), [
        { role: 'center_coach', kind: 'affiliate_center', slug: 'bay-area-coalition-of-essential-small-schools' },
      ]);
      for (const account of DEMO_ACCOUNTS) assert.equal((await roleOf(account.email)).length, 1, account.email);
    });

    it('with force, adds only what is missing and never duplicates', async () => {
      const before = await counts(t.db);
      assert.deepEqual(await seedDemoNetwork(t.db), { organisations: 0, people: 0, roles: 0 });
      assert.deepEqual(await counts(t.db), before);

      await t.db.deleteFrom('people').where('email', '=', 'partner@demo.coalition.invalid').execute(); // its role goes too
      assert.deepEqual(await seedDemoNetwork(t.db), { organisations: 0, people: 1, roles: 1 });
      const after = await counts(t.db);
      assert.equal(after.people, before.people);
      assert.equal(after.roles, before.roles);
    });

    it('two processes seeding at once end with one copy of everything', async () => {
      const fresh = await createTestDatabase(dialect);
      try {
        const [a, b] = await Promise.all([seedDemoNetwork(fresh.db), seedDemoNetwork(fresh.db)]);
        assert.equal(a.organisations + b.organisations, DEMO_ORGANISATIONS.length);
        assert.equal(a.people + b.people, DEMO_PEOPLE.length);
        const c = await counts(fresh.db);
        assert.equal(c.organisations, DEMO_ORGANISATIONS.length);
        assert.equal(c.people, DEMO_PEOPLE.length);
      } finally {
        await fresh.drop();
      }
    });
  });
}
