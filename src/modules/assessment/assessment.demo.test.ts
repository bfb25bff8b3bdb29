import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/helpers/database.ts';
import { seedDemoNetwork } from '../../db/seeds/demo-network.ts';
import { seedDemoFrameworks } from '../framework/framework.demo.ts';
import { seedDemoAssessments } from './assessment.demo.ts';

for (const dialect of testDialects()) {
  describe(`self-assessment demo data (${dialect})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(dialect);
      await seedDemoNetwork(database.db);
      await seedDemoFrameworks(database.db);
      await seedDemoAssessments(database.db);
    });
    after(() => database.drop());

    it('gives schools cycles over several years with coach reviews, a draft for the demo leader, and adds nothing when run again', async () => {
      const db = database.db;
      const cycles = await db.selectFrom('assessment_cycles').innerJoin('organisations', 'organisations.id', 'assessment_cycles.school_id').select(['organisations.slug', 'school_year', 'status', 'assessment_cycles.id']).execute();
      assert.ok(new Set(cycles.map((c) => c.school_year)).size >= 3, 'several cycles');
      assert.ok(cycles.filter((c) => c.status === 'reviewed').length >= 4);
      assert.equal(cycles.find((c) => c.slug === 'mission-hill-academy' && c.school_year === '2026-27')?.status, 'draft');
      const reviewed = cycles.find((c) => c.status === 'reviewed')!;
      const ratings = await db.selectFrom('assessment_ratings').select(['level_key', 'coach_level_key']).where('cycle_id', '=', reviewed.id).execute();
      assert.equal(ratings.length, 14);
      assert.ok(ratings.every((r) => r.level_key && r.coach_level_key), 'both ratings recorded');
      await seedDemoAssessments(db);
      assert.equal((await db.selectFrom('assessment_cycles').select('id').execute()).length, cycles.length);
    });
  });
}
