import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Migrator } from 'kysely';
import type { Framework } from './schema.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../../test/helpers/database.ts';
import { createOrganisation } from '../../test/factories/organisations.ts';
import { createPerson } from '../../test/factories/people.ts';
import { migrations } from './migrations/index.ts';
import { rebuildLevelCounts } from '../modules/assessment/assessment-rollup.service.ts';
import { openCycle } from '../modules/assessment/assessment.service.ts';
import { seedDemoFrameworks } from '../modules/framework/framework.demo.ts';
import { benchmarksOf, getFrameworkBySlug, getPublishedTree } from '../modules/framework/framework-read.service.ts';
import { assessedCycle } from '../modules/improvement/improvement.test-support.ts';

const BEFORE_COUNTS = '2026-11-22-0011-improvement';

// Migration 0012 made assessment_level_counts; cycles submitted or reviewed before it must be counted
// by the migration itself, or the roll-ups would miss them until someone ran the rebuild command.
for (const dialect of testDialects()) {
  describe(`migration 0012 backfills the level counts (${dialect})`, () => {
    let d: TestDatabase;
    let framework: Framework;
    const migrator = () => new Migrator({ db: d.db, provider: { getMigrations: async () => migrations } });
    const counts = () => d.db.selectFrom('assessment_level_counts').selectAll().orderBy('framework_id').orderBy('school_year').orderBy('center_id').orderBy('benchmark_key').orderBy('source').orderBy('level_key').execute();

    before(async () => {
      d = await createTestDatabase(dialect);
      await seedDemoFrameworks(d.db);
      framework = await getFrameworkBySlug(d.db, 'common-principles');
    });
    after(() => d.drop());

    it('counts the frozen ratings of cycles that existed before it, as the rebuild does', async () => {
      const keys = benchmarksOf(await getPublishedTree(d.db, framework)).map((b) => b.key);
      const center = await createOrganisation(d.db, { kind: 'affiliate_center' });
      const withCenter = await createOrganisation(d.db, { kind: 'school', center_id: center.id });
      const loner = await createOrganisation(d.db, { kind: 'school' });
      const coach = await createPerson(d.db, { roles: [['center_coach', center.id]] });
      const leaderOf = (id: number) => createPerson(d.db, { roles: [['school_leader', id]] });
      const all = (level: string) => Object.fromEntries(keys.map((k) => [k, level]));
      // Reviewed (school and coach levels), submitted (school levels only), a draft (nothing),
      // and a school without a center (counted under 0).
      const leader = await leaderOf(withCenter.id);
      await assessedCycle(d.db, { school: withCenter, framework, year: '2025-26', leader, levels: { ...all('developing'), [keys[0]!]: 'early' }, coach: { person: coach, levels: all('early') } });
      await assessedCycle(d.db, { school: withCenter, framework, year: '2026-27', leader, levels: all('sustaining') });
      await assessedCycle(d.db, { school: loner, framework, year: '2026-27', leader: await leaderOf(loner.id), levels: all('developing') });
      await openCycle(d.db, { personId: leader.id, label: leader.name }, { school: withCenter, framework, schoolYear: '2027-28' });

      // Back to the schema before the counts existed: the cycles and ratings stay, the counts go.
      const down = await migrator().migrateTo(BEFORE_COUNTS);
      assert.equal(down.error, undefined, String(down.error));
      const tables = await d.db.introspection.getTables();
      assert.ok(!tables.some((t) => t.name === 'assessment_level_counts'), 'at 0011 there is no counts table');

      const up = await migrator().migrateToLatest();
      assert.equal(up.error, undefined, String(up.error));
      const backfilled = await counts();
      assert.ok(backfilled.length > 0, 'the migration counted the cycles it found');
      const rows = await rebuildLevelCounts(d.db);
      const rebuilt = await counts();
      assert.deepEqual(backfilled, rebuilt, 'the same counts the rebuild command makes');
      assert.equal(rows, rebuilt.length, 'the rebuild reports how many count rows it wrote');
      // Spot checks, so the comparison cannot pass by both being wrong the same way.
      const at = (year: string, centerId: number, source: string, level: string) => rebuilt.filter((r) => r.school_year === year && r.center_id === centerId && r.source === source && r.level_key === level);
      assert.equal(at('2025-26', center.id, 'coach', 'early').length, keys.length, 'coach levels of the reviewed cycle');
      assert.equal(at('2025-26', center.id, 'school', 'early').length, 1);
      assert.equal(rebuilt.filter((r) => r.school_year === '2026-27' && r.source === 'coach').length, 0, 'no coach levels of a cycle not reviewed');
      assert.equal(at('2026-27', center.id, 'school', 'sustaining').length, keys.length);
      assert.equal(at('2026-27', 0, 'school', 'developing').length, keys.length, 'a school without a center counts under 0');
      assert.ok(rebuilt.every((r) => r.schools === 1 && r.school_year !== '2027-28'), 'one school each; the draft counts for nothing');
    });
  });
}
