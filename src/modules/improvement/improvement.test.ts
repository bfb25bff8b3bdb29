import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Framework, Organisation, Person } from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createEvent } from '../../../test/factories/events.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { seedDemoFrameworks } from '../framework/framework.demo.ts';
import { benchmarksOf, getFrameworkBySlug, getPublishedTree } from '../framework/framework-read.service.ts';
import * as assessment from '../assessment/assessment.service.ts';
import { assessedCycle, focusedEngagement, taggedSession } from './improvement.test-support.ts';
import { schoolYearOf } from '../../platform/school-year.ts';


for (const dialect of testDialects()) {
  describe(`the improvement loop: what helps and network roll-ups (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let framework: Framework;
    let keys: string[];
    let names: Map<string, string>;
    const nm = (i: number) => names.get(keys[i]!)!;
    let otherCenter: Organisation;
    let otherSchool: Organisation;
    let otherDirector: Person;
    let otherCoach: Person;
    let cycleA = 0;
    let cycleOther = 0;
    const as = async (p: Person): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, p.id);
      return c;
    };
    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      await seedDemoFrameworks(t.db);
      framework = await getFrameworkBySlug(t.db, 'common-principles');
      const bs = benchmarksOf(await getPublishedTree(t.db, framework));
      keys = bs.map((b) => b.key);
      names = new Map(bs.map((b) => [b.key, b.name]));
      otherCenter = await createOrganisation(t.db, { kind: 'affiliate_center', name: 'Harbor Center' });
      otherSchool = await createOrganisation(t.db, { kind: 'school', center_id: otherCenter.id });
      otherDirector = await createPerson(t.db, { roles: [['center_director', otherCenter.id]] });
      otherCoach = await createPerson(t.db, { name: 'Oscar Othercoach', roles: [['center_coach', otherCenter.id]] });
      const otherLeader = await createPerson(t.db, { roles: [['school_leader', otherSchool.id]] });
      const all = (level: string) => Object.fromEntries(keys.map((k) => [k, level]));
      const [k0, k1] = keys as [string, string];
      // School A (center C): two benchmarks at Early, reviewed. The other school: all Developing, its coach says Early on k0.
      cycleA = await assessedCycle(t.db, { school: n.schoolA, framework, year: '2026-27', leader: n.leaderA, levels: { ...all('sustaining'), [k0]: 'early', [k1]: 'early', [keys[2]!]: 'developing' }, coach: { person: n.coachC, levels: all('developing') } });
      cycleOther = await assessedCycle(t.db, { school: otherSchool, framework, year: '2026-27', leader: otherLeader, levels: all('developing'), coach: { person: otherCoach, levels: { ...all('developing'), [k0]: 'early' } } });
      // Tagged with k0: an event in 30 days, and a session (of another event) in 10 days.
      await createEvent(t.db, n.office.id, { title: 'Intellectual Focus Summit', tags: [`benchmark:${k0}`] });
      const host = await createEvent(t.db, n.office.id, { title: 'Spring Convening' });
      await taggedSession(t.db, host.id, 'Essential questions workshop', `benchmark:${k0}`);
      await focusedEngagement(t.db, n.center, n.schoolA, n.coachC, [k0], 'active', 90);
      await focusedEngagement(t.db, otherCenter, otherSchool, otherCoach, [k0, k1], 'active', 60);
      await focusedEngagement(t.db, otherCenter, otherSchool, otherCoach, [keys[5]!], 'paused', 600);
      // Last school year's engagement at school A, on another benchmark: ended on 30 June 2026.
      await focusedEngagement(t.db, n.center, n.schoolA, n.coachC, [keys[3]!], 'active', 240, { startsOn: '2025-09-01', endsOn: '2026-06-30', heldOn: '2026-03-10' });
    });
    after(() => t.close());

    it('what helps: the lowest-rated benchmarks, ranked own center, then soonest, then other centers, each with its reason', async () => {
      const res = await (await as(n.leaderA)).get(`/assessment/${cycleA}/what-helps`);
      assert.equal(res.statusCode, 200);
      const text = textOf(res.body);
      const [k0, k1] = [keys[0]!, keys[1]!];
      assert.match(text, /library are not listed here yet/);
      assert.ok(res.body.includes(`id="help-${k0}"`) && res.body.includes(`id="help-${k1}"`));
      assert.ok(!res.body.includes(`id="help-${keys[2]}"`), 'Developing is not among the lowest on a three-level rubric');
      const section = text.slice(text.indexOf(names.get(k0)!), text.indexOf(names.get(k1)!, text.indexOf(names.get(k0)!) + 1));
      const order = ["Your center's coaches focus on this with 1 school", 'Essential questions workshop', 'Intellectual Focus Summit', "Harbor Center's coaches focus on this with 1 school"].map((s) => section.indexOf(s));
      assert.ok(order.every((i) => i >= 0), `all four items present: ${order}`);
      assert.deepEqual([...order].sort((a, b) => a - b), order, 'ranked: own center, session (10 days), event (30 days), other center');
      assert.match(section, new RegExp(`Tagged ${names.get(k0)} — your lowest rating \\(Early\\)`));
      assert.match(section, /Carl Coach/);
      assert.ok(!text.includes('600'), 'a paused engagement helps nobody now');
      const es = textOf((await (await as(n.leaderA)).get(`/assessment/${cycleA}/what-helps`, { 'accept-language': 'es' })).body);
      assert.match(es, /Los asesores de su centro trabajan en esto con 1 escuela/);
    });

    it("what helps falls back to the school's lowest ratings and says when the coach rated lower", async () => {
      const text = textOf((await (await as(otherDirector)).get(`/assessment/${cycleOther}/what-helps`)).body);
      assert.match(text, /Your school rated this Developing\. Your coach rated it lower: Early\./);
      assert.match(text, /your lowest rating \(Developing\)/);
      assert.match(text, /Your center's coaches focus on this with 1 school/, "for this school, Harbor Center is its own");
    });

    it('what helps is for whoever may view the cycle, and no one else', async () => {
      const url = `/assessment/${cycleA}/what-helps`;
      const out = await t.client().get(url);
      assert.equal(out.statusCode, 302);
      assert.match(String(out.headers.location), /^\/login\?next=/);
      for (const p of [n.leaderB, n.staffB, n.partnerStaff, otherCoach, otherDirector]) assert.equal((await (await as(p)).get(url)).statusCode, 404, p.name);
      for (const p of [n.leaderA, n.staffA, n.coachC, n.directorC, n.admin]) assert.equal((await (await as(p)).get(url)).statusCode, 200, p.name);
      for (const bad of ['/assessment/abc/what-helps', '/assessment/99999999999/what-helps', '/assessment/0/what-helps', '/assessment/999999/what-helps']) assert.equal((await (await as(n.admin)).get(bad)).statusCode, 404, bad);
    });

    it('roll-ups: admins see the network, center staff only their centers, everyone else a 404', async () => {
      assert.equal((await t.client().get('/improvement')).statusCode, 302);
      for (const p of [n.leaderA, n.staffB, n.partnerStaff]) assert.equal((await (await as(p)).get('/improvement')).statusCode, 404, p.name);
      const admin = textOf((await (await as(n.admin)).get('/improvement')).body);
      assert.match(admin, /Levels per benchmark, 2026-27/);
      assert.match(admin, new RegExp(`${nm(0)} 1 \\(50%\\) 1 \\(50%\\) 0 \\(0%\\) 2`), 'one school Early, one Developing');
      assert.match(admin, /Harbor Center/);
      const director = await as(n.directorC);
      const mine = await director.get('/improvement');
      assert.equal(mine.statusCode, 200);
      assert.match(textOf(mine.body), new RegExp(`${nm(0)} 1 \\(100%\\) 0 \\(0%\\) 0 \\(0%\\) 1`));
      assert.ok(!mine.body.includes('Harbor Center'), 'another center is neither counted nor offered');
      assert.equal((await director.get(`/improvement?center=${otherCenter.id}`)).statusCode, 400);
      assert.equal((await director.get('/improvement?center=0')).statusCode, 400, 'schools without a center are for admins');
      assert.equal((await (await as(n.coachC)).get(`/improvement?center=${n.center.id}`)).statusCode, 200);
      const coachSource = textOf((await (await as(n.admin)).get(`/improvement?source=coach&center=${otherCenter.id}`)).body);
      assert.match(coachSource, new RegExp(`${nm(0)} 1 \\(100%\\) 0 \\(0%\\) 0 \\(0%\\) 1`), "the other school's coach said Early");
    });

    it("roll-ups: coaching concentration counts active engagements and their hours in the page's school year", async () => {
      const admin = textOf((await (await as(n.admin)).get('/improvement')).body);
      assert.match(admin, /Where coaching concentrates, 2026-27 Active engagements focused on each benchmark that run during the 2026-27 school year \(1 July to 30 June\)/, 'the year of the levels above');
      const table = admin.slice(admin.indexOf('Active engagements and coaching hours per focus benchmark, 2026-27'));
      assert.match(table, new RegExp(`${nm(0)} 2 2\\.5`), 'two active engagements, 90 + 60 minutes');
      assert.ok(!table.includes(nm(5)), 'a paused engagement is not counted');
      assert.ok(!table.includes(nm(3)), "last year's engagement is not counted");
      const director = textOf((await (await as(n.directorC)).get('/improvement')).body);
      assert.match(director.slice(director.indexOf('Active engagements and coaching hours per focus benchmark, 2026-27')), new RegExp(`${nm(0)} 1 1\\.5`));
    });

    it('roll-ups: another school year shows the coaching of that year, for the center chosen', async () => {
      const admin = await as(n.admin);
      const last = textOf((await admin.get('/improvement?year=2025-26')).body);
      assert.match(last, /Where coaching concentrates, 2025-26/);
      const table = last.slice(last.indexOf('Active engagements and coaching hours per focus benchmark, 2025-26'));
      assert.match(table, new RegExp(`${nm(3)} 1 4`), "last year's engagement, 240 minutes");
      assert.ok(!table.includes(nm(0)), "this year's engagements are not counted in it (negative control: they are in 2026-27, above)");
      const harbor = textOf((await admin.get(`/improvement?year=2025-26&center=${otherCenter.id}`)).body);
      assert.match(harbor, /No active engagement focused on a benchmark during 2025-26\./, 'the center filter still applies');
      const next = textOf((await admin.get('/improvement?year=2027-28')).body);
      assert.match(next.slice(next.indexOf('Active engagements and coaching hours per focus benchmark, 2027-28')), new RegExp(`${nm(0)} 2 0`), 'engagements with no end run on, with no session in that year yet');
      assert.match(textOf((await admin.get('/improvement?year=2024-25')).body), /No active engagement focused on a benchmark during 2024-25\./, 'before any engagement began');
      const es = textOf((await admin.get('/improvement?year=2025-26', { 'accept-language': 'es' })).body);
      assert.match(es, /Dónde se concentra la asesoría, 2025-26/);
    });

    it('roll-ups: the year picker offers the current school year, where coaching is logged before anything is rated', async () => {
      const page = (await (await as(n.admin)).get('/improvement')).body;
      const current = schoolYearOf(new Date());
      assert.ok(page.includes(`<option value="${current}"`), current);
      assert.ok(page.includes('<option value="2026-27"'), 'and the years with counts');
    });

    it('roll-ups: the CSV has the same figures, formula-safe, and the same access rules', async () => {
      const admin = await as(n.admin);
      const csv = await admin.get(`/improvement/levels.csv?framework=${framework.id}&year=2026-27&source=school`);
      assert.equal(csv.statusCode, 200);
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
      assert.match(csv.body, /Benchmark,Early,Early \(%\),Developing/);
      assert.ok(csv.body.includes(`${nm(0)},1,50,1,50,0,0,2`));
      assert.equal((await (await as(n.leaderA)).get('/improvement/levels.csv')).statusCode, 404);
      assert.equal((await (await as(n.directorC)).get(`/improvement/levels.csv?center=${otherCenter.id}`)).statusCode, 400);
    });

    it('hostile query strings get 400, never 500', async () => {
      const admin = await as(n.admin);
      const hostile = ['framework=abc', 'framework=99999999999', 'framework=999999', 'year=2026-28', "year=2026-27'--", 'year=a&year=b', 'source=nobody', 'center=-1', 'center=1e400', 'center=999999', 'benchmark=../../x', 'benchmark=not-a-benchmark', 'benchmark=%00', 'source=school&source=coach'];
      for (const q of hostile) {
        const res = await admin.get(`/improvement?${q}`);
        assert.equal(res.statusCode, 400, q);
        assert.match(textOf(res.body), /Network roll-ups/, `${q}: the page, with its filters`);
        assert.equal((await admin.get(`/improvement/levels.csv?${q}`)).statusCode, 400, `csv ${q}`);
      }
      assert.equal((await admin.get('/improvement?year=2019-20')).statusCode, 200, 'a year with no counts is empty, not an error');
    });

    it("what helps names the coach's lower rating to the school only once the review is finished", async () => {
      const school = await createOrganisation(t.db, { kind: 'school', center_id: otherCenter.id });
      const leader = await createPerson(t.db, { roles: [['school_leader', school.id]] });
      const id = await assessedCycle(t.db, { school, framework, year: '2026-27', leader, levels: Object.fromEntries(keys.map((k) => [k, 'developing'])) });
      // Submitted; the coach has rated one benchmark lower but not finished the review.
      const view = await assessment.getCycleView(t.db, id);
      await assessment.saveCoachRating(t.db, { personId: otherCoach.id, label: otherCoach.name }, view, keys[0]!, { coach_level_key: 'early', coach_comment: '', coach_at: null });
      const url = `/assessment/${id}/what-helps`;
      const lower = /Your coach rated it lower: Early/;
      const schoolPage = await (await as(leader)).get(url);
      assert.equal(schoolPage.statusCode, 200);
      assert.doesNotMatch(textOf(schoolPage.body), lower, 'the school does not read a half-done review');
      assert.match(textOf(schoolPage.body), /Your school rated this Developing\./);
      assert.match(textOf((await (await as(otherDirector)).get(url)).body), lower, 'negative control: the reviewer does');
    });
  });
}
