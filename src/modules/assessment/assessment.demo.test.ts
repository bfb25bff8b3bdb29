import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/helpers/database.ts';
import { seedDemo } from '../../db/seeds/demo.ts';
import { DEMO_CASES } from '../coaching/coaching.demo.ts';
import { FALL_FORUM } from '../events/events-demo.data.ts';
import { whatHelps } from '../improvement/what-helps.service.ts';
import { DEMO_ASSESSED_SCHOOLS, DEMO_COMMUNITY_SCHOOL, DEMO_LAST_YEAR, DEMO_SHARING_SCHOOL, DEMO_WEAK_SPOTS, DEMO_YEARS, seedDemoAssessments, weakSpotsOf } from './assessment.demo.ts';
import { getCycleView } from './assessment.service.ts';

for (const dialect of testDialects()) {
  describe(`self-assessment demo data (${dialect})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(dialect);
      // The whole demo: what helps needs the Fall Forum's sessions and the engagements too.
      await seedDemo(database.db);
    });
    after(() => database.drop());

    const cyclesOf = () =>
      database.db
        .selectFrom('assessment_cycles as c')
        .innerJoin('organisations as o', 'o.id', 'c.school_id')
        .innerJoin('frameworks as f', 'f.id', 'c.framework_id')
        .innerJoin('framework_versions as v', 'v.id', 'c.version_id')
        .select(['c.id', 'o.slug', 'o.center_id', 'c.school_year', 'c.status', 'c.visibility', 'f.slug as framework', 'v.number as version', 'v.status as version_status'])
        .orderBy('c.id')
        .execute();

    it('gives schools cycles over several years with coach reviews, a draft for the demo leader, and adds nothing when run again', async () => {
      const db = database.db;
      const cycles = await cyclesOf();
      assert.ok(new Set(cycles.map((c) => c.school_year)).size >= 3, 'several cycles');
      assert.ok(cycles.filter((c) => c.status === 'reviewed').length >= 4);
      assert.equal(cycles.find((c) => c.slug === 'mission-hill-academy' && c.school_year === DEMO_YEARS[2])?.status, 'draft');
      await seedDemoAssessments(db);
      assert.equal((await db.selectFrom('assessment_cycles').select('id').execute()).length, cycles.length);
    });

    it('made the first year\'s cycles against version 1 (now retired) and later ones against version 2, whose names differ', async () => {
      const network = (await cyclesOf()).filter((c) => c.framework === 'common-principles');
      for (const c of network) assert.deepEqual([c.version, c.version_status], c.school_year === DEMO_YEARS[0] ? [1, 'retired'] : [2, 'published'], `${c.slug} ${c.school_year}`);
      const [old, current] = await Promise.all(DEMO_YEARS.slice(0, 2).map(async (year) => getCycleView(database.db, network.find((c) => c.slug === 'mission-hill-academy' && c.school_year === year)!.id)));
      const name = (v: typeof old, key: string) => v!.tree.groups.flatMap((g) => g.benchmarks).find((b) => b.key === key)!.name;
      assert.equal(name(old, 'advisory'), 'Advisory');
      assert.equal(name(current, 'advisory'), 'Advisory and personal attention');
    });

    it('shares one summary network-wide and has a community-schools cycle too', async () => {
      const cycles = await cyclesOf();
      assert.deepEqual(cycles.filter((c) => c.visibility === 'network_summary').map((c) => [c.slug, c.school_year]), [[DEMO_SHARING_SCHOOL, DEMO_LAST_YEAR]]);
      const community = cycles.filter((c) => c.framework === 'community-schools-standards');
      assert.deepEqual(community.map((c) => [c.slug, c.school_year, c.status]), [[DEMO_COMMUNITY_SCHOOL, DEMO_LAST_YEAR, 'reviewed']]);
      const view = await getCycleView(database.db, community[0]!.id);
      assert.equal(view.tree.levels.length, 4);
    });

    it('has a coach rating for every benchmark of every reviewed cycle, and counts every frozen rating in the roll-up', async () => {
      const db = database.db;
      const cycles = await cyclesOf();
      let school = 0;
      let coach = 0;
      for (const c of cycles.filter((x) => x.status !== 'draft')) {
        const view = await getCycleView(db, c.id);
        const benchmarks = view.tree.groups.flatMap((g) => g.benchmarks);
        assert.equal(view.ratings.size, benchmarks.length, `${c.slug} ${c.school_year}`);
        for (const b of benchmarks) {
          assert.ok(view.ratings.get(b.key)?.level_key, `${c.slug} ${c.school_year} ${b.key}`);
          if (c.status === 'reviewed') assert.ok(view.ratings.get(b.key)?.coach_level_key, `coach rating of ${c.slug} ${c.school_year} ${b.key}`);
        }
        school += benchmarks.length;
        if (c.status === 'reviewed') coach += benchmarks.length;
      }
      const counted = await db.selectFrom('assessment_level_counts').select(['source', (eb) => eb.fn.sum<number>('schools').as('n')]).groupBy('source').execute();
      assert.deepEqual(Object.fromEntries(counted.map((r) => [r.source, Number(r.n)])), { school, coach });
      // Counted under the school's center, so a center director's roll-up shows them.
      const centers = await db.selectFrom('assessment_level_counts').select('center_id').distinct().execute();
      assert.deepEqual(centers.map((r) => r.center_id), [cycles[0]!.center_id]);
    });

    it('rates each school lowest on benchmarks the Fall Forum tags and engagements focus on, so what helps finds real matches', async () => {
      const tagged = new Set((FALL_FORUM.sessions ?? []).flatMap((s) => s.tags));
      const focused = new Set(DEMO_CASES.flatMap((c) => c.focus));
      for (const key of DEMO_WEAK_SPOTS) {
        assert.ok(tagged.has(`benchmark:${key}`), `a Fall Forum session is tagged ${key}`);
        assert.ok(focused.has(key), `an engagement focuses on ${key}`);
      }
      const cycles = await cyclesOf();
      for (const [s, slug] of DEMO_ASSESSED_SCHOOLS.entries()) {
        const latest = cycles.filter((c) => c.slug === slug && c.framework === 'common-principles' && c.status === 'reviewed').at(-1)!;
        const helps = await whatHelps(database.db, await getCycleView(database.db, latest.id), true);
        assert.deepEqual(helps.map((h) => h.benchmark.key).sort(), [...weakSpotsOf(s)].sort(), slug);
        for (const h of helps) {
          assert.ok(h.items.some((i) => i.kind === 'session'), `${slug}: a session helps with ${h.benchmark.key}`);
          assert.ok(h.items.some((i) => i.kind === 'coaching'), `${slug}: a center coaches ${h.benchmark.key}`);
        }
      }
    });
  });
}
