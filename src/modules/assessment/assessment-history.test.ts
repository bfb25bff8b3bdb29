import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AssessmentCycle, Person } from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import type { Actor } from '../audit/audit.service.ts';
import { seedDemoFrameworks } from '../framework/framework.demo.ts';
import * as editing from '../framework/framework-editing.service.ts';
import { benchmarksOf, getFrameworkBySlug, getFrameworkTree, getPublishedTree } from '../framework/framework-read.service.ts';
import { openCycle } from './assessment.service.ts';

// History, printable report and shared summary: who may see each (every role, with the one allowed
// as the negative control), and what each shows. The school's 2024-25 cycle is against version 2
// of the network's framework; version 3 then drops a benchmark and the lowest level, and 2025-26 is
// against it, so the history must map levels through each cycle's own version.

const NOTE = 'Advisory minutes from the fall term,\nwith attendance.';
const LINK = 'https://example.org/advisory-curriculum';
const COMMENT = 'Discussed at our leadership retreat.';
const COACH_COMMENT = 'Seen in some classrooms only.';

for (const dialect of testDialects()) {
  describe(`assessment history, report and summary (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let otherCoach: Person;
    let noRole: Person;
    let dropped: string;
    let kept: string;
    let c2425: AssessmentCycle;
    let c2526: AssessmentCycle;
    let draft: AssessmentCycle;
    let community: AssessmentCycle;
    const as = async (person: Person): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, person.id);
      return c;
    };
    const actor = (): Actor => ({ personId: n.leaderA.id, label: 'test' });
    /** Rates every benchmark of a cycle directly (the rating rules are assessment.test.ts's business). */
    const rateAll = async (cycle: AssessmentCycle, level: (key: string, i: number) => string | null, coach?: (key: string, i: number) => string | null) => {
      const rows = await t.db.selectFrom('assessment_ratings').select('benchmark_key').where('cycle_id', '=', cycle.id).orderBy('id').execute();
      for (const [i, r] of rows.entries()) {
        await t.db
          .updateTable('assessment_ratings')
          .set({ level_key: level(r.benchmark_key, i), comment: i === 0 ? COMMENT : '', coach_level_key: coach?.(r.benchmark_key, i) ?? null, coach_comment: coach && i === 0 ? COACH_COMMENT : null, coach_by: coach ? n.coachC.id : null })
          .where('cycle_id', '=', cycle.id)
          .where('benchmark_key', '=', r.benchmark_key)
          .execute();
      }
    };
    const setStatus = (cycle: AssessmentCycle, status: 'submitted' | 'reviewed') =>
      t.db
        .updateTable('assessment_cycles')
        .set({ status, submitted_at: '2025-05-01T10:00:00.000Z', submitted_by: n.leaderA.id, ...(status === 'reviewed' && { reviewed_at: '2025-06-01T10:00:00.000Z', reviewed_by: n.coachC.id }) })
        .where('id', '=', cycle.id)
        .execute();
    const share = (cycle: AssessmentCycle) => t.db.updateTable('assessment_cycles').set({ visibility: 'network_summary' }).where('id', '=', cycle.id).execute();

    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      await seedDemoFrameworks(t.db);
      const otherCenter = await createOrganisation(t.db, { kind: 'affiliate_center' });
      otherCoach = await createPerson(t.db, { name: 'Oscar Othercoach', roles: [['center_coach', otherCenter.id]] });
      noRole = await createPerson(t.db, { name: 'Nora Norole' });
      const schoolA = n.schoolA;
      let framework = await getFrameworkBySlug(t.db, 'common-principles');
      const v2 = await getPublishedTree(t.db, framework);
      const keys = benchmarksOf(v2).map((b) => b.key);
      [kept, dropped] = [keys[0]!, keys[1]!];

      c2425 = await openCycle(t.db, actor(), { school: schoolA, framework, schoolYear: '2024-25' });
      await rateAll(c2425, () => 'developing', (_k, i) => (i === 0 ? 'early' : 'developing'));
      await t.db
        .insertInto('assessment_evidence')
        .values([
          { cycle_id: c2425.id, benchmark_key: kept, kind: 'text', text: NOTE, url: null, storage_key: null, filename: null, content_type: null, size_bytes: null, added_by: n.staffA.id, created_at: '2025-04-01T10:00:00.000Z' },
          { cycle_id: c2425.id, benchmark_key: kept, kind: 'link', text: 'Curriculum', url: LINK, storage_key: null, filename: null, content_type: null, size_bytes: null, added_by: n.staffA.id, created_at: '2025-04-01T10:00:00.000Z' },
          { cycle_id: c2425.id, benchmark_key: kept, kind: 'file', text: null, url: null, storage_key: 'a'.repeat(32), filename: 'walkthrough-notes.pdf', content_type: 'application/pdf', size_bytes: 1200, added_by: n.staffA.id, created_at: '2025-04-01T10:00:00.000Z' },
        ])
        .execute();
      await setStatus(c2425, 'reviewed');

      // Version 3: one benchmark dropped, and the scale loses its lowest level.
      const admin: Actor = { personId: n.admin.id, label: 'admin' };
      const revision = await editing.startRevision(t.db, admin, framework);
      const draftTree = await getFrameworkTree(t.db, framework, revision.id);
      await editing.deletePart(t.db, admin, framework, 'benchmarks', benchmarksOf(draftTree).find((b) => b.key === dropped)!.id);
      await editing.deletePart(t.db, admin, framework, 'levels', draftTree.levels.find((l) => l.key === 'early')!.id);
      await editing.publishDraft(t.db, admin, framework, 'Dropped one benchmark and the first level.');
      framework = await getFrameworkBySlug(t.db, 'common-principles');

      c2526 = await openCycle(t.db, actor(), { school: schoolA, framework, schoolYear: '2025-26' });
      await rateAll(c2526, () => 'developing', () => 'sustaining');
      await setStatus(c2526, 'submitted');
      draft = await openCycle(t.db, actor(), { school: schoolA, framework, schoolYear: '2026-27' });
      await rateAll(draft, (_k, i) => (i === 0 ? 'sustaining' : null));
      community = await openCycle(t.db, actor(), { school: schoolA, framework: await getFrameworkBySlug(t.db, 'community-schools-standards'), schoolYear: '2025-26' });
      await rateAll(community, () => 'exploring');
      await setStatus(community, 'submitted');
    });
    after(() => t.close());

    const historyUrl = () => `/assessment/schools/${n.schoolA.slug}/history`;

    it('shows the history to the school team, its center and admins; 404 to everyone else', async () => {
      for (const [label, p] of [['leader', n.leaderA], ['staff', n.staffA], ['coach', n.coachC], ['director', n.directorC], ['admin', n.admin]] as const) {
        assert.equal((await (await as(p)).get(historyUrl())).statusCode, 200, label);
      }
      for (const [label, p] of [['other center coach', otherCoach], ['other school leader', n.leaderB], ['partner', n.partnerStaff], ['no role', noRole]] as const) {
        assert.equal((await (await as(p)).get(historyUrl())).statusCode, 404, label);
      }
      const out = await t.client().get(historyUrl());
      assert.equal(out.statusCode, 302);
      assert.match(out.headers.location as string, /^\/login\?next=/);
      const leader = await as(n.leaderA);
      for (const path of ['/assessment/schools/no-such-school/history', `/assessment/schools/${n.center.slug}/history`, '/assessment/schools/%00/history', '/assessment/schools/A%20B/history', `${historyUrl()}?framework=%00`, `${historyUrl()}?framework=no-such-framework`]) {
        assert.equal((await leader.get(path)).statusCode, 404, path);
      }
    });

    it('maps levels through each cycle\'s own version; a dropped benchmark is a gap; drafts only for the team', async () => {
      const page = await (await as(n.leaderA)).get(historyUrl());
      assert.match(page.body, /<svg[^>]* role="img"/);
      assert.match(page.body, /href="\/assets\/assessment-report.css"/);
      assert.doesNotMatch(page.body, /NaN|undefined/);
      const text = textOf(page.body);
      assert.match(text, /Self-assessment history: /);
      assert.match(text, /2024-25 version 2 · Reviewed 2025-26 version 3 · Submitted 2026-27 version 3 · Draft/);
      // The first benchmark: version 2 (3 levels) then version 3 (2 levels); the coach's level only once reviewed.
      const rowOf = (html: string, name: string) => textOf(new RegExp(`<th scope="row">${name}</th>(.*?)</tr>`).exec(html)?.[1] ?? '');
      const tree = await getPublishedTree(t.db, await getFrameworkBySlug(t.db, 'common-principles'));
      const keptName = benchmarksOf(tree).find((b) => b.key === kept)!.name;
      assert.equal(rowOf(page.body, keptName), 'Developing (2) / Early (1) Developing (1) Sustaining (2)');
      const droppedName = (await t.db.selectFrom('framework_benchmarks').select('name').where('key', '=', dropped).executeTakeFirstOrThrow()).name;
      assert.equal(rowOf(page.body, droppedName), 'Developing (2) / Developing (2) Not in this version Not in this version');
      // Two frameworks: a picker; the other one shows on asking.
      assert.match(text, /Community Schools Standards \(1 year\)/);
      const other = textOf((await (await as(n.leaderA)).get(`${historyUrl()}?framework=community-schools-standards`)).body);
      assert.match(other, /Exploring \(2\)/);
      assert.doesNotMatch(other, /2024-25/);
      // The coach sees no draft.
      const coach = await (await as(n.coachC)).get(historyUrl(), { 'accept-language': 'en' });
      assert.doesNotMatch(coach.body, /2026-27/);
      assert.match(coach.body, /2025-26/);
      assert.doesNotMatch(coach.body, new RegExp(`/assessment/${draft.id}"`));
      const es = textOf((await (await as(n.staffA)).get(historyUrl(), { 'accept-language': 'es' })).body);
      assert.match(es, /Historial de autoevaluación/);
    });

    it('prints the report for whoever may read the cycle: 404 to others, drafts only for the team', async () => {
      const report = (c: AssessmentCycle) => `/assessment/${c.id}/report`;
      for (const p of [n.leaderA, n.staffA, n.coachC, n.directorC, n.admin]) assert.equal((await (await as(p)).get(report(c2425))).statusCode, 200, p.name);
      for (const p of [otherCoach, n.leaderB, n.staffB, n.partnerStaff, noRole]) assert.equal((await (await as(p)).get(report(c2425))).statusCode, 404, p.name);
      for (const p of [n.leaderA, n.staffA]) assert.equal((await (await as(p)).get(report(draft))).statusCode, 200, p.name);
      for (const p of [n.coachC, n.directorC, n.admin, n.leaderB]) assert.equal((await (await as(p)).get(report(draft))).statusCode, 404, `${p.name} (draft)`);
      assert.equal((await t.client().get(report(c2425))).statusCode, 302);
      for (const path of ['/assessment/999999/report', '/assessment/abc/report', '/assessment/99999999999/report']) assert.equal((await (await as(n.leaderA)).get(path)).statusCode, 404, path);
    });

    it('puts the whole cycle on paper: facts, levels, gap, comments, evidence, progress, print styles', async () => {
      const res = await (await as(n.coachC)).get(`/assessment/${c2425.id}/report`, { 'accept-language': 'en' });
      const body = res.body;
      const text = textOf(body);
      assert.match(text, new RegExp(`Self-assessment report 2024-25: ${n.schoolA.name}`));
      assert.match(text, /Common Principles and Benchmarks, version 2/);
      assert.match(text, /Status Reviewed/);
      assert.match(body, /<time dateTime="2025-05-01T10:00:00.000Z"/i);
      assert.match(text, /Coach rated 1 level lower/);
      assert.match(text, new RegExp(COMMENT));
      assert.match(text, new RegExp(COACH_COMMENT));
      assert.match(body, /Advisory minutes from the fall term,<br\/>with attendance\./, 'notes in full, line breaks kept');
      assert.match(text, new RegExp(`Curriculum: ${LINK}`), 'links spelled out');
      assert.match(text, /File: walkthrough-notes\.pdf/);
      assert.match(text, /14 of 14 benchmarks rated by the school/);
      assert.match(text, /the coach rated 1 lower, 13 the same and 0 higher/);
      assert.match(text, /3 pieces of evidence attached/);
      assert.equal(body.match(/class="report-group"/g)?.length, 2, 'a section per group, for page breaks');
      assert.match(body, /<link rel="stylesheet" href="\/assets\/assessment-report.css"\/?>/);
      const css = await t.client().get('/assets/assessment-report.css');
      assert.equal(css.statusCode, 200);
      assert.match(css.body, /@media print/);
      assert.match(css.body, /break-before: page/);
      assert.match(css.body, /attr\(href\)/);
    });

    it('shows a summary to the cycle\'s readers, and to the network once shared; never a draft, never comments or evidence', async () => {
      const summary = (c: AssessmentCycle) => `/assessment/${c.id}/summary`;
      const outsiders = [otherCoach, n.leaderB, n.partnerStaff];
      // Private: like the cycle itself.
      for (const p of [n.leaderA, n.staffA, n.coachC, n.directorC, n.admin]) assert.equal((await (await as(p)).get(summary(c2425))).statusCode, 200, p.name);
      for (const p of [...outsiders, noRole]) assert.equal((await (await as(p)).get(summary(c2425))).statusCode, 404, `${p.name} (private)`);
      // Shared: anyone signed in with a role; a person with none, and visitors, still not.
      await share(c2425);
      await share(draft);
      for (const p of outsiders) assert.equal((await (await as(p)).get(summary(c2425))).statusCode, 200, `${p.name} (shared)`);
      assert.equal((await (await as(noRole)).get(summary(c2425))).statusCode, 404, 'no network role');
      assert.equal((await t.client().get(summary(c2425))).statusCode, 302);
      // A draft is never shared, whatever its visibility says.
      for (const p of [...outsiders, n.coachC, n.admin]) assert.equal((await (await as(p)).get(summary(draft))).statusCode, 404, `${p.name} (draft)`);
      assert.equal((await (await as(n.leaderA)).get(summary(draft))).statusCode, 200);
      const page = await (await as(n.leaderB)).get(summary(c2425));
      const text = textOf(page.body);
      assert.match(text, /Self-assessment summary 2024-25/);
      assert.match(text, /Developing Early/, 'school and coach levels');
      for (const secret of [COMMENT, COACH_COMMENT, 'Advisory minutes', LINK, 'walkthrough-notes', n.leaderA.name, n.coachC.name, n.staffA.name]) assert.ok(!text.includes(secret), `leaks ${secret}`);
      assert.doesNotMatch(page.body, /\/files\/|\/report"/);
    });

    it('lists shared summaries for the network, paginated; never private ones or drafts', async () => {
      await share(c2425);
      await share(draft);
      assert.equal((await t.client().get('/assessment/shared')).statusCode, 302);
      assert.equal((await (await as(noRole)).get('/assessment/shared')).statusCode, 404);
      const list = await (await as(n.partnerStaff)).get('/assessment/shared');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, new RegExp(`href="/assessment/${c2425.id}/summary"`));
      for (const c of [draft, c2526, community]) assert.doesNotMatch(list.body, new RegExp(`/assessment/${c.id}/summary"`));
      // 21 more shared cycles of school B: 20 a page.
      const fw = await getFrameworkBySlug(t.db, 'common-principles');
      const now = new Date().toISOString();
      await t.db
        .insertInto('assessment_cycles')
        .values(Array.from({ length: 21 }, (_, i) => ({ school_id: n.schoolB.id, framework_id: fw.id, version_id: fw.current_version_id!, school_year: `${1990 + i}-${String((91 + i) % 100).padStart(2, '0')}`, status: 'reviewed' as const, visibility: 'network_summary' as const, opened_by: null, submitted_at: now, submitted_by: null, reviewed_at: now, reviewed_by: null, created_at: now, updated_at: now })))
        .execute();
      const first = await (await as(n.leaderA)).get('/assessment/shared');
      assert.equal(first.body.match(/\/summary"/g)?.length, 20);
      assert.match(textOf(first.body), /Showing 1.20 of 22/);
      const second = await (await as(n.leaderA)).get('/assessment/shared?page=2');
      assert.equal(second.body.match(/\/summary"/g)?.length, 2);
      assert.equal((await (await as(n.leaderA)).get('/assessment/shared?page=abc')).statusCode, 404);
      assert.equal((await (await as(n.leaderA)).get('/assessment/shared?page=0')).statusCode, 404);
    });
  });
}
