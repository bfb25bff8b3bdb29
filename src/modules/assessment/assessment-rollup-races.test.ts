import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Framework, Organisation, Person } from '../../db/schema.ts';
import { isUniqueViolation, nowIso } from '../../db/dialect.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/helpers/database.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson } from '../../../test/factories/people.ts';
import { seedDemoFrameworks } from '../framework/framework.demo.ts';
import { benchmarksOf, getFrameworkBySlug, getPublishedTree } from '../framework/framework-read.service.ts';
import { assessedCycle } from '../improvement/improvement.test-support.ts';
import { addCycleLevels, lockLevelCounts, recountLevels } from './assessment-rollup.repository.ts';
import { rebuildLevelCounts } from './assessment-rollup.service.ts';
import * as repo from './assessment.repository.ts';
import { getCycleView, openCycle, submitCycle } from './assessment.service.ts';

// The roll-up rebuild racing a submission on PostgreSQL. A submission adds its school's levels to
// the counts in its own transaction; the rebuild deletes every count and recounts. Unguarded, a
// count row the submission inserted is invisible to the rebuild's delete, so its recount then
// collides with that row and the whole rebuild rolls back. The rebuild locks the counts first, so
// the two take turns, and each submission is counted exactly once whichever comes first.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const YEAR = '2025-26';

for (const dialect of testDialects()) {
  describe(`roll-up rebuild racing a submission (${dialect})`, { skip: dialect !== 'postgres' && 'needs a second connection' }, () => {
    let d: TestDatabase;
    let framework: Framework;
    let keys: string[];
    let center: Organisation;
    const counts = () => d.db.selectFrom('assessment_level_counts').selectAll().orderBy('framework_id').orderBy('school_year').orderBy('center_id').orderBy('benchmark_key').orderBy('source').orderBy('level_key').execute();
    const schoolsAt = async (key: string, level: string) => (await counts()).find((r) => r.school_year === YEAR && r.source === 'school' && r.benchmark_key === key && r.level_key === level)?.schools ?? 0;

    /**
     * A new school of the center with a draft rated Early on benchmark `early` (a count row no one
     * has yet: each test takes another benchmark) and Developing elsewhere (rows that exist).
     */
    async function ratedDraft(early: string): Promise<{ school: Organisation; leader: Person; cycleId: number }> {
      const school = await createOrganisation(d.db, { kind: 'school', center_id: center.id });
      const leader = await createPerson(d.db, { roles: [['school_leader', school.id]] });
      const cycle = await openCycle(d.db, { personId: leader.id, label: leader.name }, { school, framework, schoolYear: YEAR });
      await d.db.updateTable('assessment_ratings').set({ level_key: 'developing', revision: 1 }).where('cycle_id', '=', cycle.id).execute();
      await d.db.updateTable('assessment_ratings').set({ level_key: 'early' }).where('cycle_id', '=', cycle.id).where('benchmark_key', '=', early).execute();
      return { school, leader, cycleId: cycle.id };
    }

    /** What submitCycle does in its transaction, left open: the cycle moves and its levels are added. */
    async function heldSubmission(cycleId: number) {
      const trx = await d.db.startTransaction().execute();
      assert.equal(await repo.moveCycleStatus(trx, cycleId, 'draft', { status: 'submitted', submitted_at: nowIso(), updated_at: nowIso() }), 1);
      await addCycleLevels(trx, cycleId, center.id, 'school');
      return trx;
    }

    /** The counts are exact when a quiet rebuild from the frozen ratings leaves them as they are. */
    async function assertExact(message: string) {
      const now = await counts();
      await rebuildLevelCounts(d.db);
      assert.deepEqual(await counts(), now, message);
    }

    before(async () => {
      d = await createTestDatabase(dialect);
      await seedDemoFrameworks(d.db);
      framework = await getFrameworkBySlug(d.db, 'common-principles');
      keys = benchmarksOf(await getPublishedTree(d.db, framework)).map((b) => b.key);
      center = await createOrganisation(d.db, { kind: 'affiliate_center' });
      // One school already counted, all Developing: the submissions below add to its rows and insert new ones (Early on the first benchmark).
      const school = await createOrganisation(d.db, { kind: 'school', center_id: center.id });
      const leader = await createPerson(d.db, { roles: [['school_leader', school.id]] });
      await assessedCycle(d.db, { school, framework, year: YEAR, leader, levels: Object.fromEntries(keys.map((k) => [k, 'developing'])) });
    });
    after(() => d.drop());

    it('waits for a submission in progress, then counts it once', async () => {
      const { cycleId } = await ratedDraft(keys[0]!);
      const [early, developing] = [await schoolsAt(keys[0]!, 'early'), await schoolsAt(keys[1]!, 'developing')];
      const trx = await heldSubmission(cycleId);
      let rebuild: Promise<number> | undefined;
      try {
        let settled = false;
        rebuild = rebuildLevelCounts(d.db).finally(() => (settled = true));
        rebuild.catch(() => undefined);
        await sleep(300);
        assert.equal(settled, false, 'the rebuild waits for the submission');
        await trx.commit().execute();
      } finally {
        if (!trx.isCommitted) await trx.rollback().execute();
      }
      assert.ok((await rebuild) > 0);
      assert.equal(await schoolsAt(keys[0]!, 'early'), early + 1, 'the new count row: the submission once');
      assert.equal(await schoolsAt(keys[1]!, 'developing'), developing + 1, 'an existing count row: the submission once');
      await assertExact('nothing lost, nothing counted twice');
    });

    // The clash needs both: a row the submission updated holds the delete until it commits, and a
    // row it inserted is then missed by the delete and hit by the recount.
    it('negative control: without the lock, the recount collides with the row the submission inserted and rolls back', async () => {
      const { cycleId } = await ratedDraft(keys[1]!);
      const trx = await heldSubmission(cycleId);
      let unlocked: Promise<number> | undefined;
      try {
        unlocked = d.db.transaction().execute((t) => recountLevels(t));
        unlocked.catch(() => undefined);
        await sleep(300);
        await trx.commit().execute();
      } finally {
        if (!trx.isCommitted) await trx.rollback().execute();
      }
      await assert.rejects(unlocked!, (err) => isUniqueViolation(err), 'the clash the lock prevents');
      await assertExact('the failed recount left the counts as the submission made them');
    });

    it('holds a submission that comes while it runs, which then adds to the new counts', async () => {
      const { school, leader, cycleId } = await ratedDraft(keys[2]!);
      const early = await schoolsAt(keys[2]!, 'early');
      const view = await getCycleView(d.db, cycleId);
      // The rebuild's own steps, left open: locked, deleted and recounted, not yet committed.
      const trx = await d.db.startTransaction().execute();
      let submission: Promise<void> | undefined;
      try {
        await lockLevelCounts(trx);
        await recountLevels(trx);
        let settled = false;
        submission = submitCycle(d.db, { personId: leader.id, label: leader.name }, view, '').finally(() => (settled = true));
        submission.catch(() => undefined);
        await sleep(300);
        assert.equal(settled, false, 'the submission waits for the rebuild');
        await trx.commit().execute();
      } finally {
        if (!trx.isCommitted) await trx.rollback().execute();
      }
      await submission;
      assert.equal((await repo.findCycleById(d.db, cycleId))?.status, 'submitted', `${school.name} submitted`);
      assert.equal(await schoolsAt(keys[2]!, 'early'), early + 1, 'counted once: not by the rebuild, which could not see it, but by the submission after it');
      await assertExact('nothing lost, nothing counted twice');
    });
  });
}
