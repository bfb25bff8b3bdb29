import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { parse } from 'csv-parse/sync';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { insertApiToken } from '../../../test/factories/people-network.ts';
import type { Database } from '../../db/schema.ts';
import type { PlanHolder } from '../../db/schema/affiliation.ts';
import { networkHealthReport } from './network-health.service.ts';

/** Test-only rows, inserted directly: this module reads affiliation tables, it does not write them. */
const fixture = (db: Kysely<Database>) => {
  const now = new Date().toISOString();
  let seq = 0;
  return {
    async plan(holder: PlanHolder, graceDays: number) {
      seq++;
      return db
        .insertInto('affiliation_plans')
        .values({ slug: `nh-plan-${holder}-${seq}`, name: `Plan ${seq}`, holder, term_kind: 'rolling', term_months: 12, grace_days: graceDays, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
    },
    async affiliation(planId: number, holder: { organisationId?: number; personId?: number; centerId?: number; cancelledAt?: string }, terms: [kind: 'join' | 'renewal', starts: string, ends: string, paid: boolean][]) {
      const a = await db
        .insertInto('affiliations')
        .values({
          plan_id: planId,
          organisation_id: holder.organisationId ?? null,
          person_id: holder.personId ?? null,
          center_id: holder.centerId ?? null,
          cancelled_at: holder.cancelledAt ?? null,
          decision: 'approved',
          status: 'current',
          status_on: now.slice(0, 10),
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [kind, starts_on, ends_on, paid] of terms) {
        await db.insertInto('affiliation_terms').values({ affiliation_id: a.id, kind, starts_on, ends_on, paid_at: paid ? `${starts_on}T09:00:00.000Z` : null, created_at: now }).execute();
      }
      return a;
    },
  };
};

const FOREVER = '2099-01-01';

for (const dialect of testDialects()) {
  describe(`network health (${dialect})`, () => {
    let t: TestApp;
    let centers: { north: number; south: number };
    let admin: number;
    let leader: number;
    let officeId: number;

    before(async () => {
      t = await createTestApp(dialect);
      const db = t.db;
      const f = fixture(db);
      const office = await createOrganisation(db, { kind: 'national_office' });
      officeId = office.id;
      const north = await createOrganisation(db, { kind: 'affiliate_center', name: 'North Center', state: 'MA' });
      const south = await createOrganisation(db, { kind: 'affiliate_center', name: 'South Center', state: 'GA' });
      centers = { north: north.id, south: south.id };
      const school = (o: { center_id?: number | null; state?: string | null }) => createOrganisation(db, { kind: 'school', ...o });
      const [s1, s2, s3, s4, s5, s6] = [
        await school({ center_id: north.id, state: 'CA' }),
        await school({ center_id: north.id, state: 'CA' }),
        await school({ state: 'NY' }),
        await school({ state: 'TX' }),
        await createOrganisation(db, { kind: 'partner', state: null }),
        await school({ center_id: north.id, state: 'CA' }),
      ];
      const schools = await f.plan('school', 30);
      const orgs = await f.plan('organisation', 30);
      const individuals = await f.plan('individual', 0);
      const person = await createPerson(db);
      admin = (await createPerson(db, { roles: [['network_admin', office.id]] })).id;
      leader = (await createPerson(db, { roles: [['school_leader', s1!.id]] })).id;

      // A1: joined Jan 2025, renewed Jan 2026, current ever since.
      await f.affiliation(schools.id, { organisationId: s1!.id }, [['join', '2025-01-01', '2026-01-01', true], ['renewal', '2026-01-01', FOREVER, true]]);
      // A2: joined Mar 2025, six months, never paid its renewal: lapses 30 days after 2025-09-10.
      await f.affiliation(schools.id, { organisationId: s2!.id }, [['join', '2025-03-10', '2025-09-10', true], ['renewal', '2025-09-10', '2026-09-10', false]]);
      // A3: school in no center; its application named the South Center.
      await f.affiliation(schools.id, { organisationId: s3!.id, centerId: south.id }, [['join', '2025-02-01', FOREVER, true]]);
      // A4: never paid: counts nowhere.
      await f.affiliation(schools.id, { organisationId: s4!.id }, [['join', '2025-04-01', FOREVER, false]]);
      // A5: an organisation, monthly terms, cancelled 20 Aug 2025 in the middle of its third.
      await f.affiliation(orgs.id, { organisationId: s5!.id, cancelledAt: '2025-08-20T12:00:00.000Z' }, [
        ['join', '2025-05-01', '2025-06-01', true],
        ['renewal', '2025-06-01', '2025-07-01', true],
        ['renewal', '2025-07-01', FOREVER, true],
      ]);
      // A6: an individual, no grace: lapses 2026-05-01.
      await f.affiliation(individuals.id, { personId: person.id }, [['join', '2025-11-01', '2026-05-01', true]]);
      // A8: renewed late but within grace: its first term's end is not a lapse.
      await f.affiliation(schools.id, { organisationId: s6!.id }, [['join', '2025-01-01', '2025-07-01', true], ['renewal', '2025-07-15', FOREVER, true]]);
    });
    after(() => t?.close());

    it('counts new, renewed, lapsed and current affiliations per month', async () => {
      const r = await networkHealthReport(t.db, { from: '2025-01', to: '2026-06' }, new Date('2026-06-15T12:00:00Z'));
      const col = (k: 'new' | 'renewed' | 'lapsed' | 'currentAtMonthEnd') => Object.fromEntries(r.months.filter((m) => m[k] !== 0).map((m) => [m.month, m[k]]));
      assert.equal(r.months.length, 18);
      assert.deepEqual(col('new'), { '2025-01': 2, '2025-02': 1, '2025-03': 1, '2025-05': 1, '2025-11': 1 });
      assert.deepEqual(col('renewed'), { '2025-06': 1, '2025-07': 2, '2026-01': 1 });
      assert.deepEqual(col('lapsed'), { '2025-10': 1, '2026-05': 1 });
      assert.deepEqual(
        r.months.map((m) => m.currentAtMonthEnd),
        [2, 3, 4, 4, 5, 5, 5, 4, 3, 3, 4, 4, 4, 4, 4, 4, 3, 3],
      );
      assert.deepEqual(r.byCenter, [
        { centerId: centers.north, centerName: 'North Center', current: 2 },
        { centerId: centers.south, centerName: 'South Center', current: 1 },
      ]);
      assert.deepEqual(r.byState, [{ state: 'CA', current: 2 }, { state: 'NY', current: 1 }]);
    });

    it('counts a lapse only once its day has come, and filters by holder', async () => {
      const april = await networkHealthReport(t.db, { from: '2026-01', to: '2026-06', holder: 'individual' }, new Date('2026-04-15T12:00:00Z'));
      assert.deepEqual(april.months.map((m) => m.lapsed), [0, 0, 0, 0, 0, 0], 'the 1 May lapse has not happened on 15 April');
      assert.deepEqual(april.months.map((m) => m.currentAtMonthEnd), [1, 1, 1, 1, 0, 0]);
      assert.deepEqual(april.byCenter, [{ centerId: null, centerName: null, current: 1 }]);
      assert.deepEqual(april.byState, [{ state: null, current: 1 }]);
      const june = await networkHealthReport(t.db, { from: '2026-01', to: '2026-06', holder: 'individual' }, new Date('2026-06-15T12:00:00Z'));
      assert.deepEqual(june.months.map((m) => m.lapsed), [0, 0, 0, 0, 1, 0], 'negative control: counted once the day has passed');
      const orgs = await networkHealthReport(t.db, { from: '2025-04', to: '2025-09', holder: 'organisation' }, new Date('2026-06-15T12:00:00Z'));
      assert.deepEqual(orgs.months.map((m) => [m.new, m.renewed, m.currentAtMonthEnd]), [[0, 0, 0], [1, 0, 1], [0, 1, 1], [0, 1, 1], [0, 0, 0], [0, 0, 0]]);
    });

    it('defaults to the 24 months up to this one, and refuses bad periods', async () => {
      const r = await networkHealthReport(t.db, {}, new Date('2026-06-15T12:00:00Z'));
      assert.equal(r.from, '2024-07');
      assert.equal(r.to, '2026-06');
      assert.equal(r.months.length, 24);
      await assert.rejects(networkHealthReport(t.db, { from: '2020-01', to: '2026-01' }), /bad_request/);
    });

    it('shows the page to network admins only, with each chart beside its table', async () => {
      const anon = await t.client().get('/admin/network-health');
      assert.equal(anon.statusCode, 303);
      assert.match(anon.headers.location ?? '', /^\/login\?next=/);
      const other = t.client();
      await signIn(t.db, other, leader);
      assert.equal((await other.get('/admin/network-health')).statusCode, 403);
      assert.equal((await other.get('/admin/network-health/months.csv')).statusCode, 403);
      const c = t.client();
      await signIn(t.db, c, admin);
      const page = await c.get('/admin/network-health?from=2025-01&to=2025-12');
      assert.equal(page.statusCode, 200, 'positive control: the admin sees it');
      assert.equal(page.body.match(/<svg[^>]*role="img"/g)?.length, 3);
      assert.equal(page.body.match(/<table class="usa-table/g)?.length, 3);
      assert.match(page.body, /<th scope="row">2025-10<\/th><td class="text-right">0<\/td><td class="text-right">0<\/td><td class="text-right">1<\/td><td class="text-right">3<\/td>/);
      assert.match(page.body, /href="\/admin\/network-health\/centers\.csv\?from=2025-01&amp;to=2025-12"/);
    });

    it('re-renders the filter with a message for a bad month (400)', async () => {
      const c = t.client();
      await signIn(t.db, c, admin);
      const bad = await c.get('/admin/network-health?from=2025-13&to=2025-01');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter a month as YYYY-MM/);
      assert.match(bad.body, /value="2025-13"/);
      const reversed = await c.get('/admin/network-health?from=2025-06&to=2025-01');
      assert.equal(reversed.statusCode, 400);
      assert.match(reversed.body, /must not be before the first/);
      assert.equal((await c.get('/admin/network-health/months.csv?from=nope')).statusCode, 400);
      assert.equal((await c.get('/admin/network-health/secrets.csv')).statusCode, 404);
    });

    it('downloads each table as CSV with the numbers on the page', async () => {
      const c = t.client();
      await signIn(t.db, c, admin);
      const res = await c.get('/admin/network-health/months.csv?from=2025-06&to=2025-08');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
      assert.equal(res.headers['content-disposition'], 'attachment; filename="network-health-months-2025-06-to-2025-08.csv"');
      assert.deepEqual(parse(res.body, { bom: true }), [
        ['Month', 'New', 'Renewed', 'Lapsed', 'Current'],
        ['2025-06', '0', '1', '0', '5'],
        ['2025-07', '0', '2', '0', '5'],
        ['2025-08', '0', '0', '0', '4'],
      ]);
      const states = parse((await c.get('/admin/network-health/states.csv')).body, { bom: true });
      assert.deepEqual(states, [['State', 'Current'], ['California', '2'], ['New York', '1']]);
    });

    it('answers the JSON API for admins (session or token) and 401/403 for others', async () => {
      const c = t.client();
      await signIn(t.db, c, admin);
      const res = await c.get('/api/v1/network-health?from=2025-01&to=2025-03&holder=school');
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.deepEqual(body.months, [
        { month: '2025-01', new: 2, renewed: 0, lapsed: 0, currentAtMonthEnd: 2 },
        { month: '2025-02', new: 1, renewed: 0, lapsed: 0, currentAtMonthEnd: 3 },
        { month: '2025-03', new: 1, renewed: 0, lapsed: 0, currentAtMonthEnd: 4 },
      ]);
      assert.equal(body.holder, 'school');
      const token = await insertApiToken(t.db, 'network_admin', officeId);
      assert.equal((await t.app.inject({ url: '/api/v1/network-health', headers: { authorization: `Bearer ${token}` } })).statusCode, 200);
      const bad = await c.get('/api/v1/network-health?from=2025-1');
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.json().error.fields?.from);
      assert.equal((await t.app.inject({ url: '/api/v1/network-health' })).statusCode, 401);
      const other = t.client();
      await signIn(t.db, other, leader);
      assert.equal((await other.get('/api/v1/network-health')).statusCode, 403);
    });
  });
}
