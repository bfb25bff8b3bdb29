import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Framework, Organisation, Person } from '../../db/schema.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/helpers/database.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson } from '../../../test/factories/people.ts';
import { seedDemoFrameworks } from '../framework/framework.demo.ts';
import { benchmarksOf, getFrameworkBySlug, getPublishedTree } from '../framework/framework-read.service.ts';
import { assessedCycle } from '../improvement/improvement.test-support.ts';
import { levelDistribution, levelsOverCycles, listRollupYears, rebuildLevelCounts } from './assessment-rollup.service.ts';

for (const dialect of testDialects()) {
  describe(`self-assessment roll-ups (${dialect})`, () => {
    let d: TestDatabase;
    let framework: Framework;
    let keys: string[];
    let centerA: Organisation;
    let centerB: Organisation;
    let a1: Organisation;
    let a2: Organisation;
    let b1: Organisation;
    let loner: Organisation;
    let coachA: Person;
    const leaders = new Map<number, Person>();
    const all = (level: string) => Object.fromEntries(keys.map((k) => [k, level]));
    const counts = () => d.db.selectFrom('assessment_level_counts').selectAll().orderBy('framework_id').orderBy('school_year').orderBy('center_id').orderBy('benchmark_key').orderBy('source').orderBy('level_key').execute();
    const cycle = (school: Organisation, year: string, levels: Record<string, string>, coach?: Record<string, string>) =>
      assessedCycle(d.db, { school, framework, year, leader: leaders.get(school.id)!, levels, coach: coach && { person: coachA, levels: coach } });

    before(async () => {
      d = await createTestDatabase(dialect);
      await seedDemoFrameworks(d.db);
      framework = await getFrameworkBySlug(d.db, 'common-principles');
      keys = benchmarksOf(await getPublishedTree(d.db, framework)).map((b) => b.key);
      centerA = await createOrganisation(d.db, { kind: 'affiliate_center' });
      centerB = await createOrganisation(d.db, { kind: 'affiliate_center' });
      a1 = await createOrganisation(d.db, { kind: 'school', center_id: centerA.id });
      a2 = await createOrganisation(d.db, { kind: 'school', center_id: centerA.id });
      b1 = await createOrganisation(d.db, { kind: 'school', center_id: centerB.id });
      loner = await createOrganisation(d.db, { kind: 'school' });
      coachA = await createPerson(d.db, { roles: [['center_coach', centerA.id]] });
      for (const s of [a1, a2, b1, loner]) leaders.set(s.id, await createPerson(d.db, { roles: [['school_leader', s.id]] }));
    });
    after(() => d.drop());

    it('counts a school\'s levels when it submits, and the coach\'s when the review is finished', async () => {
      const first = keys[0]!;
      await cycle(a1, '2025-26', { ...all('developing'), [first]: 'early' });
      let rows = await counts();
      assert.equal(rows.length, 14, 'one row per benchmark and level');
      assert.ok(rows.every((r) => r.source === 'school' && r.center_id === centerA.id && r.schools === 1));
      assert.equal(rows.find((r) => r.benchmark_key === first)?.level_key, 'early');
      await cycle(a2, '2025-26', all('developing'), all('early'));
      rows = await counts();
      assert.equal(rows.find((r) => r.benchmark_key === keys[1] && r.source === 'school')?.schools, 2, 'two schools at developing');
      assert.equal(rows.filter((r) => r.source === 'coach').length, 14);
      assert.ok(rows.filter((r) => r.source === 'coach').every((r) => r.level_key === 'early' && r.schools === 1));
      // A draft counts for nothing: only frozen ratings do.
      const leader = leaders.get(b1.id)!;
      const { openCycle } = await import('./assessment.service.ts');
      await openCycle(d.db, { personId: leader.id, label: leader.name }, { school: b1, framework, schoolYear: '2025-26' });
      assert.equal((await counts()).length, rows.length);
    });

    it('rolls levels up per benchmark by year, center and source, reading only the counts', async () => {
      await cycle(b1, '2026-27', all('sustaining'), all('developing'));
      await cycle(loner, '2026-27', all('early'));
      await cycle(a1, '2026-27', all('developing'));
      assert.deepEqual(await listRollupYears(d.db, framework.id), ['2026-27', '2025-26']);
      const latest = await levelDistribution(d.db, { framework, source: 'school' });
      assert.equal(latest.schoolYear, '2026-27', 'latest year by default');
      assert.deepEqual(latest.levels.map((l) => l.name), ['Early', 'Developing', 'Sustaining'], 'level names from the published version, in order');
      assert.equal(latest.benchmarks.length, 14);
      assert.deepEqual(latest.benchmarks[0]!.counts, [1, 1, 1]);
      assert.equal(latest.benchmarks[0]!.total, 3);
      const onlyA = await levelDistribution(d.db, { framework, source: 'school', centerIds: [centerA.id] });
      assert.deepEqual(onlyA.benchmarks[0]!.counts, [0, 1, 0]);
      const none = await levelDistribution(d.db, { framework, source: 'school', centerIds: [0] });
      assert.deepEqual(none.benchmarks[0]!.counts, [1, 0, 0], 'a school without a center is counted under 0');
      const coach = await levelDistribution(d.db, { framework, source: 'coach', schoolYear: '2026-27' });
      assert.deepEqual(coach.benchmarks[3]!.counts, [0, 1, 0], 'only the reviewed cycle has coach levels');
      const older = await levelDistribution(d.db, { framework, source: 'school', schoolYear: '2025-26' });
      assert.deepEqual(older.benchmarks[0]!.counts, [1, 1, 0]);
      assert.deepEqual(older.benchmarks[1]!.counts, [0, 2, 0]);
      const over = await levelsOverCycles(d.db, { framework, source: 'school', centerIds: [centerA.id] });
      assert.deepEqual(over.years, ['2025-26', '2026-27'], 'oldest first');
      assert.deepEqual(over.benchmarks[1]!.byYear.map((y) => y.counts), [[0, 2, 0], [0, 1, 0]]);
      const empty = await levelDistribution(d.db, { framework, source: 'school', centerIds: [] });
      assert.equal(empty.benchmarks.every((b) => b.total === 0), true, 'no centers, no schools');
    });

    it('a rebuild recounts exactly what the submissions and reviews added, under each school\'s current center', async () => {
      const incremental = await counts();
      await d.db.updateTable('assessment_level_counts').set({ schools: 99 }).execute();
      await rebuildLevelCounts(d.db);
      assert.deepEqual(await counts(), incremental, 'rebuild equals incremental');
      // a2 moves to center B: the rebuild follows it.
      await d.db.updateTable('organisations').set({ center_id: centerB.id }).where('id', '=', a2.id).execute();
      await rebuildLevelCounts(d.db);
      const moved = await levelDistribution(d.db, { framework, source: 'coach', schoolYear: '2025-26', centerIds: [centerB.id] });
      assert.deepEqual(moved.benchmarks[0]!.counts, [1, 0, 0], "a2's reviewed cycle is now under center B");
      assert.notDeepEqual(await counts(), incremental, 'negative control: the move changed the counts');
    });
  });
}
