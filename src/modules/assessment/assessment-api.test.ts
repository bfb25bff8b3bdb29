import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPeopleNetwork, insertApiToken, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { signIn } from '../../../test/factories/people.ts';
import { seedDemoFrameworks } from '../framework/framework.demo.ts';

type Call = { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; url: string; body?: unknown };

for (const dialect of testDialects()) {
  describe(`self-assessment API (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let id: number;
    let keys: string[];
    const tokens: Record<'leaderA' | 'staffA' | 'leaderB' | 'coachC' | 'directorC' | 'otherCoach' | 'admin' | 'partner', string> = {} as never;
    const base = () => `/api/v1/assessment/cycles/${id}`;

    function call(token: string | null, c: Call) {
      return t.app.inject({
        method: c.method,
        url: c.url,
        headers: { ...(token && { authorization: `Bearer ${token}` }), ...(c.body !== undefined && { 'content-type': 'application/json' }) },
        ...(c.body !== undefined && { payload: JSON.stringify(c.body) }),
      });
    }
    const rating = (key: string) => t.db.selectFrom('assessment_ratings').selectAll().where('cycle_id', '=', id).where('benchmark_key', '=', key).executeTakeFirstOrThrow();
    const cycleRow = () => t.db.selectFrom('assessment_cycles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      await seedDemoFrameworks(t.db);
      const otherCenter = await createOrganisation(t.db, { kind: 'affiliate_center' });
      tokens.leaderA = await insertApiToken(t.db, 'school_leader', n.schoolA.id);
      tokens.staffA = await insertApiToken(t.db, 'school_staff', n.schoolA.id);
      tokens.leaderB = await insertApiToken(t.db, 'school_leader', n.schoolB.id);
      tokens.coachC = await insertApiToken(t.db, 'center_coach', n.center.id);
      tokens.directorC = await insertApiToken(t.db, 'center_director', n.center.id);
      tokens.otherCoach = await insertApiToken(t.db, 'center_coach', otherCenter.id);
      tokens.admin = await insertApiToken(t.db, 'network_admin', n.office.id);
      tokens.partner = await insertApiToken(t.db, 'partner_staff', n.partner.id);
    });
    after(() => t.close());

    it('opens a cycle for a school team member; refuses others, bad years, duplicates and non-JSON', async () => {
      assert.equal((await call(null, { method: 'GET', url: '/api/v1/assessment/cycles' })).statusCode, 401);
      assert.equal((await call('not-a-token', { method: 'GET', url: '/api/v1/assessment/cycles' })).statusCode, 401);
      assert.equal((await call(null, { method: 'POST', url: '/api/v1/assessment/cycles', body: { school_id: n.schoolA.id, school_year: '2026-27' } })).statusCode, 401);
      for (const who of ['leaderB', 'coachC', 'admin', 'partner'] as const) {
        assert.equal((await call(tokens[who], { method: 'POST', url: '/api/v1/assessment/cycles', body: { school_id: n.schoolA.id, school_year: '2026-27' } })).statusCode, 403, who);
      }
      const badYear = await call(tokens.staffA, { method: 'POST', url: '/api/v1/assessment/cycles', body: { school_id: n.schoolA.id, school_year: '2026-28' } });
      assert.equal(badYear.statusCode, 400);
      assert.ok(badYear.json().error.fields.school_year);
      assert.equal((await call(tokens.staffA, { method: 'POST', url: '/api/v1/assessment/cycles', body: { school_id: n.center.id, school_year: '2026-27' } })).statusCode, 400, 'a center is not a school');
      const form = await t.app.inject({ method: 'POST', url: '/api/v1/assessment/cycles', headers: { authorization: `Bearer ${tokens.staffA}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: `school_id=${n.schoolA.id}&school_year=2026-27` });
      assert.equal(form.statusCode, 415);
      assert.equal((await t.db.selectFrom('assessment_cycles').selectAll().execute()).length, 0);
      const ok = await call(tokens.staffA, { method: 'POST', url: '/api/v1/assessment/cycles', body: { school_id: n.schoolA.id, school_year: '2026-27' } });
      assert.equal(ok.statusCode, 201, ok.body);
      const body = ok.json();
      id = body.id;
      assert.equal(ok.headers.location, `/api/v1/assessment/cycles/${id}`);
      assert.equal(body.status, 'draft');
      assert.equal(body.visibility, 'private');
      assert.equal(body.framework_version, 2);
      assert.deepEqual(body.levels.map((l: { key: string }) => l.key), ['early', 'developing', 'sustaining']);
      assert.equal(body.benchmarks.length, 14);
      keys = body.benchmarks.map((b: { key: string }) => b.key);
      assert.deepEqual(body.benchmarks[0].school, { level_key: null, comment: '', revision: 0, updated_at: body.benchmarks[0].school.updated_at });
      assert.equal(body.benchmarks[0].coach, null, 'no coach part for the school while a draft');
      assert.deepEqual(body.can, { work: true, submit: false, review: false, share: false });
      const dup = await call(tokens.leaderA, { method: 'POST', url: '/api/v1/assessment/cycles', body: { school_id: n.schoolA.id, school_year: '2026-27' } });
      assert.equal(dup.statusCode, 409);
    });

    it('shows a draft to its school team only (404 for everyone else) and lists it for them', async () => {
      assert.equal((await call(tokens.leaderA, { method: 'GET', url: base() })).statusCode, 200);
      for (const who of ['leaderB', 'coachC', 'directorC', 'otherCoach', 'admin', 'partner'] as const) {
        assert.equal((await call(tokens[who], { method: 'GET', url: base() })).statusCode, 404, who);
      }
      assert.equal((await call(tokens.leaderA, { method: 'GET', url: '/api/v1/assessment/cycles/999999' })).statusCode, 404);
      assert.equal((await call(tokens.leaderA, { method: 'GET', url: '/api/v1/assessment/cycles/abc' })).statusCode, 400);
      assert.deepEqual((await call(tokens.staffA, { method: 'GET', url: '/api/v1/assessment/cycles' })).json().data.map((c: { id: number }) => c.id), [id]);
      assert.deepEqual((await call(tokens.coachC, { method: 'GET', url: '/api/v1/assessment/cycles' })).json().data, [], 'a draft is not listed for the center');
    });

    it('saves a rating with its revision; refuses levels outside the rubric (400), stale revisions (409 with the answer), other schools (404)', async () => {
      const key = keys[0]!;
      const url = `${base()}/ratings/${key}`;
      const outside = await call(tokens.staffA, { method: 'PUT', url, body: { level_key: 'excellent', revision: 0 } });
      assert.equal(outside.statusCode, 400);
      assert.match(outside.json().error.fields.level_key[0], /not part of this framework version's rubric/);
      assert.equal((await call(tokens.staffA, { method: 'PUT', url, body: { revision: 0 } })).statusCode, 400, 'no level');
      assert.equal((await call(tokens.staffA, { method: 'PUT', url, body: { level_key: 'early', revision: -1 } })).statusCode, 400);
      const noJson = await t.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${tokens.staffA}`, 'content-type': 'text/plain' }, payload: 'level_key=early' });
      assert.equal(noJson.statusCode, 415);
      for (const who of ['leaderB', 'coachC', 'otherCoach', 'admin'] as const) assert.equal((await call(tokens[who], { method: 'PUT', url, body: { level_key: 'early', revision: 0 } })).statusCode, 404, who);
      assert.equal((await call(tokens.staffA, { method: 'PUT', url: `${base()}/ratings/no-such-benchmark`, body: { level_key: 'early', revision: 0 } })).statusCode, 404);
      assert.equal((await rating(key)).revision, 0, 'nothing saved so far');
      const stamp = (await cycleRow()).updated_at;
      const saved = await call(tokens.staffA, { method: 'PUT', url, body: { level_key: 'developing', comment: 'Weekly advisory', revision: 0 } });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.deepEqual({ ...(saved.json() as object), updated_at: 'x' }, { benchmark_key: key, level_key: 'developing', comment: 'Weekly advisory', revision: 1, updated_at: 'x' });
      assert.ok((await cycleRow()).updated_at > stamp, "the cycle's stamp moves with every save");
      const stale = await call(tokens.leaderA, { method: 'PUT', url, body: { level_key: 'early', comment: 'Only some', revision: 0 } });
      assert.equal(stale.statusCode, 409);
      const conflict = stale.json();
      assert.equal(conflict.error.code, 'conflict');
      assert.match(conflict.error.message, /Someone else saved this benchmark/);
      assert.deepEqual({ ...(conflict.current as object), updated_at: 'x' }, { benchmark_key: key, level_key: 'developing', level_name: 'Developing', comment: 'Weekly advisory', revision: 1, updated_at: 'x' });
      assert.equal((await rating(key)).level_key, 'developing', 'nothing overwritten');
      // The page's autosave: a signed-in browser's cookie with a JSON body, no CSRF token.
      const browser = t.client();
      await signIn(t.db, browser, n.leaderA.id);
      const viaCookie = await browser.request({ method: 'PUT', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ level_key: 'sustaining', comment: 'Every advisor now', revision: 1 }) });
      assert.equal(viaCookie.statusCode, 200, viaCookie.body);
      assert.equal(viaCookie.json().revision, 2);
      const formViaCookie = await browser.request({ method: 'PUT', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'level_key=early&revision=2' });
      assert.equal(formViaCookie.statusCode, 415, 'a form cannot ride the cookie into the API');
      assert.equal((await rating(key)).revision, 2);
    });

    it('deletes evidence of this cycle while a draft (204), 404 for another cycle or another school', async () => {
      const browser = t.client();
      await signIn(t.db, browser, n.staffA.id);
      const page = `/assessment/${id}`;
      assert.equal((await browser.submit(page, { kind: 'text', text: 'Advisory minutes' }, `${page}/evidence/${keys[0]}`)).statusCode, 303);
      assert.equal((await browser.submit(page, { kind: 'text', text: 'Keep this one' }, `${page}/evidence/${keys[0]}`)).statusCode, 303);
      const detail = (await call(tokens.staffA, { method: 'GET', url: base() })).json();
      const items = detail.benchmarks[0].evidence as { id: number; kind: string; text: string }[];
      assert.deepEqual(items.map((e) => [e.kind, e.text]), [['text', 'Advisory minutes'], ['text', 'Keep this one']]);
      const [gone, kept] = items;
      assert.equal((await call(tokens.leaderB, { method: 'DELETE', url: `${base()}/evidence/${gone!.id}` })).statusCode, 404);
      assert.equal((await call(tokens.staffA, { method: 'DELETE', url: `/api/v1/assessment/cycles/999999/evidence/${gone!.id}` })).statusCode, 404);
      const del = await call(tokens.staffA, { method: 'DELETE', url: `${base()}/evidence/${gone!.id}` });
      assert.equal(del.statusCode, 204);
      assert.equal((await call(tokens.staffA, { method: 'DELETE', url: `${base()}/evidence/${gone!.id}` })).statusCode, 404);
      assert.deepEqual((await t.db.selectFrom('assessment_evidence').select('id').where('cycle_id', '=', id).execute()).map((e) => e.id), [kept!.id]);
    });

    it('submits only for leaders and only when complete (400 lists the rest); refuses school edits afterwards (409)', async () => {
      assert.equal((await call(tokens.staffA, { method: 'POST', url: `${base()}/submit`, body: {} })).statusCode, 403);
      assert.equal((await call(tokens.leaderB, { method: 'POST', url: `${base()}/submit`, body: {} })).statusCode, 404);
      assert.equal((await t.app.inject({ method: 'POST', url: `${base()}/submit`, headers: { authorization: `Bearer ${tokens.leaderA}` } })).statusCode, 415, 'no JSON body');
      const early = await call(tokens.leaderA, { method: 'POST', url: `${base()}/submit`, body: {} });
      assert.equal(early.statusCode, 400);
      assert.match(early.json().error.message, /13 benchmarks still need a rating/);
      assert.deepEqual(early.json().missing.map((b: { key: string }) => b.key), keys.slice(1));
      for (const k of keys.slice(1)) assert.equal((await call(tokens.staffA, { method: 'PUT', url: `${base()}/ratings/${k}`, body: { level_key: 'developing', revision: 0 } })).statusCode, 200);
      const done = await call(tokens.leaderA, { method: 'POST', url: `${base()}/submit`, body: {} });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(done.json().status, 'submitted');
      assert.equal((await t.db.selectFrom('assessment_level_counts').selectAll().where('source', '=', 'school').execute()).length, 14);
      const late = await call(tokens.staffA, { method: 'PUT', url: `${base()}/ratings/${keys[1]}`, body: { level_key: 'sustaining', revision: 1 } });
      assert.equal(late.statusCode, 409);
      assert.match(late.json().error.message, /can no longer be changed/);
      assert.equal(late.json().current, undefined);
      const evidence = (await t.db.selectFrom('assessment_evidence').select('id').where('cycle_id', '=', id).executeTakeFirstOrThrow()).id;
      assert.equal((await call(tokens.staffA, { method: 'DELETE', url: `${base()}/evidence/${evidence}` })).statusCode, 409);
      assert.equal((await call(tokens.leaderA, { method: 'POST', url: `${base()}/submit`, body: {} })).statusCode, 409);
    });

    it("lets the center's coaches rate and finish the review; another center's coach gets 404, the school 403", async () => {
      const key = keys[0]!;
      const url = `${base()}/coach-ratings/${key}`;
      assert.equal((await call(tokens.otherCoach, { method: 'GET', url: base() })).statusCode, 404);
      assert.equal((await call(tokens.otherCoach, { method: 'PUT', url, body: { coach_level_key: 'early', coach_at: null } })).statusCode, 404, "another center's coach");
      assert.equal((await call(tokens.leaderA, { method: 'PUT', url, body: { coach_level_key: 'early', coach_at: null } })).statusCode, 403, 'the school cannot rate as its coach');
      const seen = (await call(tokens.coachC, { method: 'GET', url: base() })).json();
      assert.equal(seen.benchmarks[0].coach.coach_at, null);
      assert.deepEqual(seen.can, { work: false, submit: false, review: true, share: false });
      assert.deepEqual((await call(tokens.coachC, { method: 'GET', url: '/api/v1/assessment/cycles' })).json().data.map((c: { id: number }) => c.id), [id]);
      assert.equal((await call(tokens.coachC, { method: 'PUT', url, body: { coach_level_key: 'excellent', coach_at: null } })).statusCode, 400);
      const saved = await call(tokens.coachC, { method: 'PUT', url, body: { coach_level_key: 'early', coach_comment: 'Advisory meets rarely.', coach_at: null } });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.equal(saved.json().level_key, 'early');
      const stamp = saved.json().coach_at as string;
      // The director loaded the benchmark before the coach saved: a conflict carrying the coach's rating.
      const stale = await call(tokens.directorC, { method: 'PUT', url, body: { coach_level_key: 'sustaining', coach_at: null } });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.json().error.message, /Another coach saved/);
      assert.deepEqual(stale.json().current, { benchmark_key: key, level_key: 'early', level_name: 'Early', comment: 'Advisory meets rarely.', coach_at: stamp });
      assert.equal((await rating(key)).coach_level_key, 'early');
      const early = await call(tokens.directorC, { method: 'POST', url: `${base()}/review`, body: {} });
      assert.equal(early.statusCode, 400);
      assert.equal(early.json().missing.length, 13);
      for (const k of keys.slice(1)) assert.equal((await call(tokens.directorC, { method: 'PUT', url: `${base()}/coach-ratings/${k}`, body: { coach_level_key: 'developing', coach_at: null } })).statusCode, 200);
      assert.equal((await call(tokens.leaderA, { method: 'POST', url: `${base()}/review`, body: {} })).statusCode, 403);
      assert.equal((await call(tokens.otherCoach, { method: 'POST', url: `${base()}/review`, body: {} })).statusCode, 404);
      const done = await call(tokens.coachC, { method: 'POST', url: `${base()}/review`, body: {} });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(done.json().status, 'reviewed');
      assert.equal((await t.db.selectFrom('assessment_level_counts').selectAll().where('source', '=', 'coach').execute()).length, 14);
      assert.equal((await call(tokens.coachC, { method: 'PUT', url, body: { coach_level_key: 'sustaining', coach_at: stamp } })).statusCode, 409, 'frozen');
      const schoolView = (await call(tokens.staffA, { method: 'GET', url: base() })).json();
      assert.equal(schoolView.benchmarks[0].coach.level_key, 'early', 'the school sees the coach ratings once reviewed');
    });

    it('lets school leaders choose the visibility; staff and the center cannot', async () => {
      const url = `${base()}/visibility`;
      for (const who of ['staffA', 'coachC', 'admin'] as const) assert.equal((await call(tokens[who], { method: 'PUT', url, body: { visibility: 'network_summary' } })).statusCode, 403, who);
      assert.equal((await call(tokens.leaderB, { method: 'PUT', url, body: { visibility: 'network_summary' } })).statusCode, 404);
      assert.equal((await call(tokens.leaderA, { method: 'PUT', url, body: { visibility: 'public' } })).statusCode, 400);
      const ok = await call(tokens.leaderA, { method: 'PUT', url, body: { visibility: 'network_summary' } });
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.json().visibility, 'network_summary');
      assert.equal((await cycleRow()).visibility, 'network_summary');
      assert.equal((await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'assessment_cycle.visibility_changed').execute()).length, 1);
    });

    it('documents every route under the assessment tag', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
      const expected = [
        ['get', '/api/v1/assessment/cycles'],
        ['post', '/api/v1/assessment/cycles'],
        ['get', '/api/v1/assessment/cycles/{id}'],
        ['put', '/api/v1/assessment/cycles/{id}/ratings/{key}'],
        ['delete', '/api/v1/assessment/cycles/{id}/evidence/{evidenceId}'],
        ['post', '/api/v1/assessment/cycles/{id}/submit'],
        ['put', '/api/v1/assessment/cycles/{id}/coach-ratings/{key}'],
        ['post', '/api/v1/assessment/cycles/{id}/review'],
        ['put', '/api/v1/assessment/cycles/{id}/visibility'],
      ] as const;
      for (const [method, path] of expected) assert.deepEqual(doc.paths[path]?.[method]?.tags, ['assessment'], `${method} ${path}`);
    });
  });
}
