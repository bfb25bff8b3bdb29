import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { nowIso } from '../db/dialect.ts';
import { seedDemo } from '../db/seeds/demo.ts';
import { createOrganisation } from '../../test/factories/organisations.ts';
import { createPerson } from '../../test/factories/people.ts';
import { testDialects } from '../../test/helpers/database.ts';
import { addCycleLevels } from '../modules/assessment/assessment-rollup.repository.ts';
import { moveCycleStatus } from '../modules/assessment/assessment.repository.ts';
import { openCycle } from '../modules/assessment/assessment.service.ts';
import { getFrameworkBySlug } from '../modules/framework/framework-read.service.ts';
import { createCliTarget, runCli, type CliRun, type CliTarget } from './testing/cli-harness.ts';

for (const dialect of testDialects()) {
  describe(`coalition rollups rebuild (${dialect})`, () => {
    let t: CliTarget;
    const counts = () => t.db.selectFrom('assessment_level_counts').selectAll().orderBy('framework_id').orderBy('school_year').orderBy('center_id').orderBy('benchmark_key').orderBy('source').orderBy('level_key').execute();
    before(async () => {
      t = await createCliTarget(dialect);
      const migrated = await runCli(['migrate'], { env: t.env });
      assert.equal(migrated.code, 0, migrated.stderr);
      await seedDemo(t.db);
    });
    after(() => t.close());

    it('recounts the roll-ups from the frozen ratings: lost counts come back, stale ones go', async () => {
      const kept = await counts();
      assert.ok(kept.length > 0, 'the demo froze ratings, counted as they froze');
      const [first] = kept;
      await t.db.deleteFrom('assessment_level_counts').where('school_year', '=', first!.school_year).execute();
      await t.db.insertInto('assessment_level_counts').values({ ...first!, center_id: 999_999, schools: 3 }).execute();
      assert.notDeepEqual(await counts(), kept);
      const run = await runCli(['rollups', 'rebuild'], { env: t.env });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`Recounted the roll-ups: ${kept.length} count rows`));
      assert.deepEqual(await counts(), kept);
    });

    // The operator's view of the race tested in assessment-rollup-races.test.ts: run while a school's
    // submission is still in its transaction, the command waits for it and counts it once. Without
    // the rebuild's lock this fails: the command exits 1 on the counts' primary key.
    it('waits for a submission in progress, then succeeds and counts it once', { skip: dialect !== 'postgres' && 'needs a second connection' }, async () => {
      const framework = await getFrameworkBySlug(t.db, 'common-principles');
      const center = await createOrganisation(t.db, { kind: 'affiliate_center' });
      const school = await createOrganisation(t.db, { kind: 'school', center_id: center.id });
      const leader = await createPerson(t.db, { roles: [['school_leader', school.id]] });
      const cycle = await openCycle(t.db, { personId: leader.id, label: leader.name }, { school, framework, schoolYear: '2025-26' });
      await t.db.updateTable('assessment_ratings').set({ level_key: 'developing', revision: 1 }).where('cycle_id', '=', cycle.id).execute();
      // Another school of the same center already counted, so the submission adds to rows that exist…
      const other = await createOrganisation(t.db, { kind: 'school', center_id: center.id });
      const earlier = await openCycle(t.db, { personId: leader.id, label: leader.name }, { school: other, framework, schoolYear: '2025-26' });
      await t.db.updateTable('assessment_ratings').set({ level_key: 'developing', revision: 1 }).where('cycle_id', '=', earlier.id).execute();
      await moveCycleStatus(t.db, earlier.id, 'draft', { status: 'submitted', submitted_at: nowIso(), updated_at: nowIso() });
      await addCycleLevels(t.db, earlier.id, center.id, 'school');
      // …and inserts one that does not.
      const firstKey = (await t.db.selectFrom('assessment_ratings').select('benchmark_key').where('cycle_id', '=', cycle.id).orderBy('benchmark_key').executeTakeFirstOrThrow()).benchmark_key;
      await t.db.updateTable('assessment_ratings').set({ level_key: 'early' }).where('cycle_id', '=', cycle.id).where('benchmark_key', '=', firstKey).execute();

      const trx = await t.db.startTransaction().execute();
      let run: Promise<CliRun> | undefined;
      let exited = false;
      try {
        assert.equal(await moveCycleStatus(trx, cycle.id, 'draft', { status: 'submitted', submitted_at: nowIso(), updated_at: nowIso() }), 1);
        await addCycleLevels(trx, cycle.id, center.id, 'school');
        run = runCli(['rollups', 'rebuild'], { env: t.env }).finally(() => (exited = true));
        await waitForLockWaiter(t, () => exited);
        await trx.commit().execute();
      } finally {
        if (!trx.isCommitted) await trx.rollback().execute();
      }
      const done = await run!;
      assert.equal(done.code, 0, done.stderr);
      assert.match(done.stdout, /Recounted the roll-ups/);
      const mine = (await counts()).filter((r) => r.center_id === center.id && r.source === 'school');
      assert.equal(mine.find((r) => r.benchmark_key === firstKey && r.level_key === 'early')?.schools, 1);
      assert.ok(mine.filter((r) => r.level_key === 'developing').every((r) => r.schools === (r.benchmark_key === firstKey ? 1 : 2)), 'both schools, each once');
      const now = await counts();
      assert.equal((await runCli(['rollups', 'rebuild'], { env: t.env })).code, 0);
      assert.deepEqual(await counts(), now, 'a quiet rebuild changes nothing: the counts were exact');
    });
  });
}

/**
 * Waits until another session of this database waits on a lock (the command, once it reaches the
 * counts), or fails after 30 s or if the command ends first.
 */
async function waitForLockWaiter(t: CliTarget, exited: () => boolean): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 30_000; ) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(t.db);
    if (Number(rows[0]?.n) > 0) return;
    assert.equal(exited(), false, 'the command ended while the submission was still open');
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail('the command never waited for the submission');
}
