import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Framework, Organisation, Person } from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createEvent } from '../../../test/factories/events.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson } from '../../../test/factories/people.ts';
import { createPeopleNetwork, insertApiToken, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { seedDemoFrameworks } from '../framework/framework.demo.ts';
import { benchmarksOf, getFrameworkBySlug, getPublishedTree } from '../framework/framework-read.service.ts';
import * as assessment from '../assessment/assessment.service.ts';
import { assessedCycle, focusedEngagement, taggedSession } from './improvement.test-support.ts';

type Role = 'admin' | 'directorA' | 'coachA' | 'directorB' | 'coachB' | 'leaderA' | 'leaderB' | 'partner';
type Level = { level_key: string; schools: number; percent: number };
type Bench = { key: string; name: string; total: number; levels: Level[] };

// Centers A (the people network's center, with school A) and B (Harbor Center, with its own school);
// school B of the people network has no center.
for (const dialect of testDialects()) {
  describe(`improvement API (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let framework: Framework;
    let keys: string[];
    let centerB: Organisation;
    let harborSchool: Organisation;
    let coachB: Person;
    let cycleA = 0;
    let cycleHarbor = 0;
    let draftB = 0;
    const token = {} as Record<Role, string>;
    const k = (i: number) => keys[i]!;

    const get = (who: Role | null, url: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'GET', url, headers: { ...(who && { authorization: `Bearer ${token[who]}` }), ...headers } });
    const countsOf = (b: Bench | undefined) => b?.levels.map((l) => l.schools);

    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      await seedDemoFrameworks(t.db);
      framework = await getFrameworkBySlug(t.db, 'common-principles');
      keys = benchmarksOf(await getPublishedTree(t.db, framework)).map((b) => b.key);
      centerB = await createOrganisation(t.db, { kind: 'affiliate_center', name: 'Harbor Center' });
      harborSchool = await createOrganisation(t.db, { kind: 'school', center_id: centerB.id });
      coachB = await createPerson(t.db, { name: 'Oscar Othercoach', roles: [['center_coach', centerB.id]] });
      const harborLeader = await createPerson(t.db, { roles: [['school_leader', harborSchool.id]] });
      const all = (level: string) => Object.fromEntries(keys.map((key) => [key, level]));

      // 2025-26: school A all Developing. 2026-27: school A Early on k0 and k1 (coach: all Developing),
      // Harbor's school all Developing (its coach: Early on k0), school B (no center) all Sustaining.
      await assessedCycle(t.db, { school: n.schoolA, framework, year: '2025-26', leader: n.leaderA, levels: all('developing') });
      cycleA = await assessedCycle(t.db, { school: n.schoolA, framework, year: '2026-27', leader: n.leaderA, levels: { ...all('sustaining'), [k(0)]: 'early', [k(1)]: 'early' }, coach: { person: n.coachC, levels: all('developing') } });
      cycleHarbor = await assessedCycle(t.db, { school: harborSchool, framework, year: '2026-27', leader: harborLeader, levels: all('developing'), coach: { person: coachB, levels: { ...all('developing'), [k(0)]: 'early' } } });
      await assessedCycle(t.db, { school: n.schoolB, framework, year: '2026-27', leader: n.leaderB, levels: all('sustaining') });
      // A draft: its school's team sees it, no one else (not even an admin).
      draftB = (await assessment.openCycle(t.db, { personId: n.leaderB.id, label: n.leaderB.name }, { school: n.schoolB, framework, schoolYear: '2027-28' })).id;

      await createEvent(t.db, n.office.id, { title: 'Intellectual Focus Summit', tags: [`benchmark:${k(0)}`] });
      const host = await createEvent(t.db, n.office.id, { title: 'Spring Convening' });
      await taggedSession(t.db, host.id, 'Essential questions workshop', `benchmark:${k(0)}`);

      await focusedEngagement(t.db, n.center, n.schoolA, n.coachC, [k(0)], 'active', 90);
      await focusedEngagement(t.db, centerB, harborSchool, coachB, [k(0), k(1)], 'active', 60);
      await focusedEngagement(t.db, centerB, harborSchool, coachB, [k(5)], 'paused', 600);
      await focusedEngagement(t.db, n.center, n.schoolA, n.coachC, [k(6)], 'closed', 300);
      // 2025-26 at Harbor: ended on 30 June 2026.
      await focusedEngagement(t.db, centerB, harborSchool, coachB, [k(3)], 'active', 45, { startsOn: '2025-09-01', endsOn: '2026-06-30', heldOn: '2026-02-02' });

      token.admin = await insertApiToken(t.db, 'network_admin', n.office.id);
      token.directorA = await insertApiToken(t.db, 'center_director', n.center.id);
      token.coachA = await insertApiToken(t.db, 'center_coach', n.center.id);
      token.directorB = await insertApiToken(t.db, 'center_director', centerB.id);
      token.coachB = await insertApiToken(t.db, 'center_coach', centerB.id);
      token.leaderA = await insertApiToken(t.db, 'school_leader', n.schoolA.id);
      token.leaderB = await insertApiToken(t.db, 'school_leader', n.schoolB.id);
      token.partner = await insertApiToken(t.db, 'partner_staff', n.partner.id);
    });
    after(() => t.close());

    it('levels: admins see the whole network, center staff their own center, by year, source and center', async () => {
      const res = await get('admin', '/api/v1/improvement/levels');
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.deepEqual(body.framework, { id: framework.id, slug: framework.slug, name: framework.name });
      assert.equal(body.school_year, '2026-27', 'the latest year by default');
      assert.equal(body.source, 'school');
      assert.equal(body.center, null);
      assert.deepEqual(body.levels.map((l: { key: string }) => l.key), ['early', 'developing', 'sustaining']);
      assert.equal(body.benchmarks.length, keys.length);
      const first = body.benchmarks[0] as Bench;
      assert.equal(first.key, k(0));
      assert.deepEqual(first.levels, [
        { level_key: 'early', schools: 1, percent: 33.3 },
        { level_key: 'developing', schools: 1, percent: 33.3 },
        { level_key: 'sustaining', schools: 1, percent: 33.3 },
      ]);
      assert.equal(first.total, 3);

      for (const who of ['directorA', 'coachA'] as const) {
        const mine = (await get(who, '/api/v1/improvement/levels')).json();
        assert.deepEqual(countsOf(mine.benchmarks[0]), [1, 0, 0], `${who}: only school A`);
        assert.equal((await get(who, `/api/v1/improvement/levels?center=${n.center.id}`)).statusCode, 200);
      }
      const harbor = (await get('directorB', '/api/v1/improvement/levels')).json();
      assert.deepEqual(countsOf(harbor.benchmarks[0]), [0, 1, 0], "center B: only Harbor's school");
      assert.deepEqual(countsOf((await get('coachB', '/api/v1/improvement/levels?source=coach')).json().benchmarks[0]), [1, 0, 0], "Harbor's coach said Early on k0");

      const older = (await get('admin', `/api/v1/improvement/levels?school_year=2025-26&framework=${framework.id}`)).json();
      assert.deepEqual(countsOf(older.benchmarks[0]), [0, 1, 0]);
      const noCenter = (await get('admin', '/api/v1/improvement/levels?center=0')).json();
      assert.equal(noCenter.center, 0);
      assert.deepEqual(countsOf(noCenter.benchmarks[0]), [0, 0, 1], 'school B has no center');
      const coach = (await get('admin', `/api/v1/improvement/levels?source=coach&center=${n.center.id}`)).json();
      assert.deepEqual(countsOf(coach.benchmarks[0]), [0, 1, 0], "school A's coach said Developing");
      const empty = (await get('admin', '/api/v1/improvement/levels?school_year=2019-20')).json();
      assert.ok(empty.benchmarks.every((b: Bench) => b.total === 0 && b.levels.every((l) => l.percent === 0)), 'a year with no counts is empty, not an error');
    });

    it("levels: center staff may not look at another center, nor at schools without one", async () => {
      for (const [who, center] of [['directorA', centerB.id], ['coachA', centerB.id], ['directorB', n.center.id], ['coachB', n.center.id], ['directorA', 0], ['coachB', 0]] as const) {
        const res = await get(who, `/api/v1/improvement/levels?center=${center}`);
        assert.equal(res.statusCode, 400, `${who} center=${center}`);
        assert.ok(res.json().error.fields.center);
      }
      assert.equal((await get('admin', `/api/v1/improvement/levels?center=${centerB.id}`)).statusCode, 200, 'negative control: the admin may');
    });

    it('every roll-up: 401 without a token, 404 for anyone without a center or the network, whatever they send', async () => {
      const urls = ['/api/v1/improvement/levels', '/api/v1/improvement/levels/over-cycles', '/api/v1/improvement/coaching-focus'];
      for (const url of urls) {
        assert.equal((await get(null, url)).statusCode, 401, url);
        assert.equal((await t.app.inject({ method: 'GET', url, headers: { authorization: 'Bearer not-a-token' } })).statusCode, 401, url);
        for (const who of ['leaderA', 'leaderB', 'partner'] as const) {
          assert.equal((await get(who, url)).statusCode, 404, `${who} ${url}`);
          assert.equal((await get(who, `${url}?center=abc&source=nobody`)).statusCode, 404, `${who} ${url} with bad filters`);
        }
        for (const who of ['admin', 'directorA', 'coachA', 'directorB', 'coachB'] as const) assert.equal((await get(who, url)).statusCode, 200, `${who} ${url}`);
      }
    });

    it('hostile filters get 400 on their field, never 500', async () => {
      const hostile: [string, string][] = [
        ['framework=abc', 'framework'],
        ['framework=0', 'framework'],
        ['framework=99999999999', 'framework'],
        ['framework=999999', 'framework'],
        ['framework=1e3', 'framework'],
        ['framework=', 'framework'],
        ['school_year=2026-28', 'school_year'],
        ["school_year=2026-27'--", 'school_year'],
        ['school_year=a&school_year=b', 'school_year'],
        ['source=nobody', 'source'],
        ['source=school&source=coach', 'source'],
        ['center=-1', 'center'],
        ['center=1e400', 'center'],
        ['center=', 'center'],
        ['center=%00', 'center'],
        ['center=999999', 'center'],
        ['center=1&center=2', 'center'],
      ];
      for (const [q, field] of hostile) {
        const res = await get('admin', `/api/v1/improvement/levels?${q}`);
        assert.equal(res.statusCode, 400, q);
        assert.ok(res.json().error.fields[field], `${q}: ${res.body}`);
      }
      for (const q of ['benchmark=../../x', 'benchmark=not-a-benchmark', 'benchmark=%00', `benchmark=${'a'.repeat(81)}`, 'framework=-1', 'center=x']) {
        assert.equal((await get('admin', `/api/v1/improvement/levels/over-cycles?${q}`)).statusCode, 400, `over-cycles ${q}`);
      }
      for (const q of ['center=-1', 'center=abc', `center=${centerB.id}0`]) assert.equal((await get('admin', `/api/v1/improvement/coaching-focus?${q}`)).statusCode, 400, `coaching-focus ${q}`);
      assert.match((await get('admin', '/api/v1/improvement/levels?school_year=2026-28')).json().error.fields.school_year[0], /two years, like 2026-27/, 'the message, not its key');
    });

    it('over cycles: each benchmark year by year, oldest first, or only the one asked for', async () => {
      const mine = (await get('directorA', '/api/v1/improvement/levels/over-cycles')).json();
      assert.deepEqual(mine.years, ['2025-26', '2026-27']);
      assert.equal(mine.benchmarks.length, keys.length, 'every benchmark by default');
      const b0 = mine.benchmarks[0];
      assert.equal(b0.key, k(0));
      assert.deepEqual(b0.by_year.map((y: { school_year: string; levels: Level[] }) => [y.school_year, y.levels.map((l) => l.percent)]), [
        ['2025-26', [0, 100, 0]],
        ['2026-27', [100, 0, 0]],
      ]);
      const one = (await get('admin', `/api/v1/improvement/levels/over-cycles?benchmark=${k(1)}&center=${centerB.id}&source=coach`)).json();
      assert.deepEqual(one.benchmarks.map((b: { key: string }) => b.key), [k(1)]);
      assert.deepEqual(one.years, ['2026-27']);
      assert.deepEqual(one.benchmarks[0].by_year[0].levels.map((l: Level) => l.schools), [0, 1, 0]);
      const network = (await get('admin', '/api/v1/improvement/levels/over-cycles')).json();
      assert.deepEqual(network.years, ['2025-26', '2026-27'], 'a draft is not counted');
      assert.deepEqual(network.benchmarks[0].by_year[1].levels.map((l: Level) => l.schools), [1, 1, 1]);
      assert.equal((await get('directorA', `/api/v1/improvement/levels/over-cycles?center=${centerB.id}`)).statusCode, 400);
    });

    it('coaching focus: active engagements and minutes per benchmark, in the caller\'s scope', async () => {
      const admin = (await get('admin', '/api/v1/improvement/coaching-focus')).json();
      assert.equal(admin.center, null);
      assert.equal(admin.school_year, '2026-27', 'by default the year /levels shows: the latest with ratings');
      assert.deepEqual(
        admin.data.map((d: { benchmark: { key: string }; engagements: number; minutes: number }) => [d.benchmark.key, d.engagements, d.minutes]),
        [
          [k(0), 2, 150],
          [k(1), 1, 60],
        ],
        'paused and closed engagements are not counted',
      );
      const names = new Map(benchmarksOf(await getPublishedTree(t.db, framework)).map((b) => [b.key, b.name]));
      assert.equal(admin.data[0].benchmark.name, names.get(k(0)));
      for (const who of ['directorA', 'coachA'] as const) {
        assert.deepEqual((await get(who, '/api/v1/improvement/coaching-focus')).json().data.map((d: { engagements: number; minutes: number }) => [d.engagements, d.minutes]), [[1, 90]], who);
      }
      const harbor = (await get('admin', `/api/v1/improvement/coaching-focus?center=${centerB.id}`)).json();
      assert.equal(harbor.center, centerB.id);
      assert.deepEqual(harbor.data.map((d: { engagements: number; minutes: number }) => [d.engagements, d.minutes]), [[1, 60], [1, 60]]);
      assert.equal((await get('coachB', `/api/v1/improvement/coaching-focus?center=${n.center.id}`)).statusCode, 400);
      assert.deepEqual((await get('admin', '/api/v1/improvement/coaching-focus?center=0')).json().data, [], 'no engagement at schools without a center');
    });

    it('coaching focus: one school year, engagements running in it and sessions held in it, with the center filter', async () => {
      const pick = (body: { data: { benchmark: { key: string }; engagements: number; minutes: number }[] }) => body.data.map((d) => [d.benchmark.key, d.engagements, d.minutes]);
      const last = (await get('admin', '/api/v1/improvement/coaching-focus?school_year=2025-26')).json();
      assert.equal(last.school_year, '2025-26');
      assert.deepEqual(pick(last), [[k(3), 1, 45]], "last year's engagement alone: this year's began after it");
      assert.deepEqual(pick((await get('admin', '/api/v1/improvement/coaching-focus?school_year=2026-27')).json()), [[k(0), 2, 150], [k(1), 1, 60]], 'negative control: this year leaves it out');
      assert.deepEqual(pick((await get('directorB', '/api/v1/improvement/coaching-focus?school_year=2025-26')).json()), [[k(3), 1, 45]], "Harbor's own");
      assert.deepEqual(pick((await get('directorA', '/api/v1/improvement/coaching-focus?school_year=2025-26')).json()), [], 'none at center A that year');
      assert.deepEqual(pick((await get('admin', `/api/v1/improvement/coaching-focus?school_year=2025-26&center=${n.center.id}`)).json()), []);
      const next = (await get('admin', '/api/v1/improvement/coaching-focus?school_year=2027-28')).json();
      assert.deepEqual(pick(next), [[k(0), 2, 0], [k(1), 1, 0]], 'engagements with no end run on, with no session yet');
      for (const q of ['school_year=2026-28', "school_year=2026-27'--", 'school_year=a&school_year=b', 'school_year=', 'school_year=2026-27-28']) {
        const res = await get('admin', `/api/v1/improvement/coaching-focus?${q}`);
        assert.equal(res.statusCode, 400, q);
        assert.ok(res.json().error.fields.school_year, q);
      }
      assert.equal((await get('leaderA', '/api/v1/improvement/coaching-focus?school_year=bad')).statusCode, 404, 'the scope is checked before the query');
    });

    it('what helps: ranked items, each with its kind and reason, in the caller\'s language', async () => {
      const res = await get('leaderA', `/api/v1/assessment/cycles/${cycleA}/what-helps`);
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.deepEqual(body.cycle, { id: cycleA, school: { id: n.schoolA.id, name: n.schoolA.name }, school_year: '2026-27' });
      assert.deepEqual(body.data.map((d: { benchmark: { key: string } }) => d.benchmark.key), [k(0), k(1)], 'the two Early benchmarks, in framework order');
      const [b0, b1] = body.data;
      assert.deepEqual(b0.level, { key: 'early', name: 'Early' });
      assert.equal(b0.coach_level, null, 'the coach rated it higher');
      assert.equal(b0.is_lowest, true);
      assert.deepEqual(b0.items.map((i: { kind: string }) => i.kind), ['coaching', 'session', 'event', 'coaching'], 'own center, session in 10 days, event in 30, other center');
      assert.deepEqual(b0.items[0].center, { id: n.center.id, slug: n.center.slug, name: n.center.name, own: true, schools: 1 });
      assert.deepEqual(b0.items[0].coaches, [{ id: n.coachC.id, name: 'Carl Coach' }]);
      assert.equal(b0.items[0].reason, "Your center's coaches focus on this with 1 school");
      assert.equal(b0.items[1].title, 'Essential questions workshop');
      assert.equal(b0.items[1].event.title, 'Spring Convening');
      assert.match(b0.items[1].reason, /^Tagged .+ — your lowest rating \(Early\)$/);
      assert.equal(b0.items[2].title, 'Intellectual Focus Summit');
      assert.equal(b0.items[3].reason, "Harbor Center's coaches focus on this with 1 school");
      assert.equal(b0.items[3].center.own, false);
      assert.deepEqual(b1.items.map((i: { kind: string; center?: { own: boolean } }) => [i.kind, i.center?.own]), [['coaching', false]]);
      assert.doesNotMatch(res.body, /Oscar Othercoach.*600|password/);

      const es = (await get('leaderA', `/api/v1/assessment/cycles/${cycleA}/what-helps`, { 'accept-language': 'es' })).json();
      assert.equal(es.data[0].items[0].reason, 'Los asesores de su centro trabajan en esto con 1 escuela');

      const harbor = (await get('coachB', `/api/v1/assessment/cycles/${cycleHarbor}/what-helps`)).json();
      assert.deepEqual(harbor.data[0].coach_level, { key: 'early', name: 'Early' }, 'the coach rated it lower');
      assert.equal(harbor.data[0].items[0].center.id, centerB.id, "Harbor is this school's own center");
      assert.equal(harbor.data[0].items[0].center.own, true);
    });

    it('what helps: for whoever may view the cycle; 404 for everyone else, 400/404 for hostile ids', async () => {
      const url = `/api/v1/assessment/cycles/${cycleA}/what-helps`;
      assert.equal((await get(null, url)).statusCode, 401);
      for (const who of ['leaderB', 'partner', 'directorB', 'coachB'] as const) assert.equal((await get(who, url)).statusCode, 404, who);
      for (const who of ['leaderA', 'directorA', 'coachA', 'admin'] as const) assert.equal((await get(who, url)).statusCode, 200, who);
      const draft = `/api/v1/assessment/cycles/${draftB}/what-helps`;
      assert.equal((await get('admin', draft)).statusCode, 404, "a draft is the school's own");
      const own = await get('leaderB', draft);
      assert.equal(own.statusCode, 200, 'negative control: its school sees it');
      assert.deepEqual(own.json().data, [], 'nothing rated yet');
      for (const id of ['abc', '0', '-1', '1e3', '99999999999', '%00']) assert.equal((await get('admin', `/api/v1/assessment/cycles/${id}/what-helps`)).statusCode, 400, id);
      assert.equal((await get('admin', '/api/v1/assessment/cycles/999999/what-helps')).statusCode, 404);
    });

    it('is in the OpenAPI document under the improvement tag', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { tags?: string[]; summary?: string; security?: unknown[] }>> };
      for (const path of ['/api/v1/improvement/levels', '/api/v1/improvement/levels/over-cycles', '/api/v1/improvement/coaching-focus', '/api/v1/assessment/cycles/{id}/what-helps']) {
        const op = doc.paths[path]?.get;
        assert.ok(op, path);
        assert.deepEqual(op.tags, ['improvement'], path);
        assert.ok(op.summary && op.security?.length, path);
      }
    });

    it("what helps: the coach's lower rating reaches the school only once the review is finished", async () => {
      const school = await createOrganisation(t.db, { kind: 'school', center_id: centerB.id });
      const leader = await createPerson(t.db, { roles: [['school_leader', school.id]] });
      const id = await assessedCycle(t.db, { school, framework, year: '2026-27', leader, levels: Object.fromEntries(keys.map((key) => [key, 'developing'])) });
      const view = await assessment.getCycleView(t.db, id);
      await assessment.saveCoachRating(t.db, { personId: coachB.id, label: coachB.name }, view, k(0), { coach_level_key: 'early', coach_comment: '', coach_at: null });
      const url = `/api/v1/assessment/cycles/${id}/what-helps`;
      const coachLevels = (body: { data: { coach_level: unknown }[] }) => body.data.map((d) => d.coach_level);
      const schoolToken = await insertApiToken(t.db, 'school_leader', school.id);
      const asSchool = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${schoolToken}` } });
      assert.equal(asSchool.statusCode, 200);
      assert.ok(coachLevels(asSchool.json()).every((c) => c === null), 'submitted, not reviewed: no coach level for the school');
      assert.deepEqual(coachLevels((await get('coachB', url)).json())[0], { key: 'early', name: 'Early' }, 'negative control: its reviewer sees it');
    });
  });
}
