import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/helpers/database.ts';
import { openDatabase } from '../../db/connection.ts';
import { loadConfig } from '../../config.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { JobDefinition } from './job-types.ts';
import { backoffMs, currentPeriod, enqueueJob, runDueJobs, scheduleRecurringJobs } from './jobs.service.ts';

const noMail: Mailer = { send: async () => {}, close() {} };
const config = loadConfig({ LOG_LEVEL: 'silent' });

/** Resolves once `n` callers have arrived: makes two runners find the same job before either claims it. */
function barrier(n: number): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((r) => (release = r));
  return () => {
    if (++arrived === n) release();
    return all;
  };
}

for (const dialect of testDialects()) {
  describe(`durable jobs (${dialect})`, () => {
    let d: TestDatabase;
    const runs: { kind: string; payload: unknown }[] = [];
    let failTimes = 0;
    const defs: JobDefinition[] = [
      { kind: 'test.record', run: async (_ctx, payload) => void runs.push({ kind: 'test.record', payload }) },
      {
        kind: 'test.flaky',
        maxAttempts: 3,
        run: async () => {
          if (failTimes-- > 0) throw new Error('mail server down');
          runs.push({ kind: 'test.flaky', payload: null });
        },
      },
      { kind: 'test.daily', schedule: { every: 'day', atHourUtc: 3 }, run: async () => void runs.push({ kind: 'test.daily', payload: null }) },
      { kind: 'test.hourly', schedule: { every: 'hour' }, run: async () => void runs.push({ kind: 'test.hourly', payload: null }) },
    ];
    const deps = () => ({ db: d.db, mailer: noMail, config });
    const jobsOf = (kind: string) => d.db.selectFrom('jobs').selectAll().where('kind', '=', kind).orderBy('id').execute();

    before(async () => {
      d = await createTestDatabase(dialect);
    });
    after(() => d.drop());
    beforeEach(async () => {
      runs.length = 0;
      failTimes = 0;
      await d.db.deleteFrom('jobs').execute();
    });

    it('runs a due job once with its payload, and leaves a future job alone until its time', async () => {
      await enqueueJob(d.db, { kind: 'test.record', payload: { n: 1 } });
      await enqueueJob(d.db, { kind: 'test.record', payload: { n: 2 }, runAt: new Date(Date.now() + 3_600_000) });
      assert.equal(await runDueJobs(deps(), defs), 1);
      assert.deepEqual(runs, [{ kind: 'test.record', payload: { n: 1 } }]);
      assert.equal(await runDueJobs(deps(), defs), 0, 'a done job is not run again');
      assert.equal(await runDueJobs(deps(), defs, { now: new Date(Date.now() + 7_200_000) }), 1);
      const rows = await jobsOf('test.record');
      assert.deepEqual(rows.map((r) => [r.state, r.attempts, r.locked_until]), [['done', 1, null], ['done', 1, null]]);
      assert.ok(rows[0]!.finished_at);
    });

    it('retries a failing job with growing back-off and records the error, then succeeds', async () => {
      failTimes = 2;
      await enqueueJob(d.db, { kind: 'test.flaky', maxAttempts: 3 });
      const t0 = new Date();
      assert.equal(await runDueJobs(deps(), defs, { now: t0 }), 1);
      let [job] = await jobsOf('test.flaky');
      assert.equal(job!.state, 'queued');
      assert.equal(job!.attempts, 1);
      assert.equal(job!.last_error, 'Error: mail server down');
      assert.equal(job!.run_at, new Date(t0.getTime() + backoffMs(1)).toISOString());
      assert.equal(await runDueJobs(deps(), defs, { now: new Date(t0.getTime() + backoffMs(1) - 1) }), 0, 'not before its back-off');
      const t1 = new Date(t0.getTime() + backoffMs(1));
      assert.equal(await runDueJobs(deps(), defs, { now: t1 }), 1);
      [job] = await jobsOf('test.flaky');
      assert.equal(job!.run_at, new Date(t1.getTime() + backoffMs(2)).toISOString());
      assert.ok(backoffMs(2) > backoffMs(1));
      assert.equal(await runDueJobs(deps(), defs, { now: new Date(t1.getTime() + backoffMs(2)) }), 1);
      [job] = await jobsOf('test.flaky');
      assert.equal(job!.state, 'done');
      assert.equal(job!.attempts, 3);
      assert.equal(runs.length, 1);
    });

    it('marks a job failed after its last attempt and never runs it again', async () => {
      failTimes = 99;
      await enqueueJob(d.db, { kind: 'test.flaky', maxAttempts: 2 });
      const later = new Date(Date.now() + 86_400_000);
      assert.equal(await runDueJobs(deps(), defs), 1);
      assert.equal(await runDueJobs(deps(), defs, { now: later }), 1);
      const [job] = await jobsOf('test.flaky');
      assert.equal(job!.state, 'failed');
      assert.equal(job!.attempts, 2);
      assert.match(job!.last_error ?? '', /mail server down/);
      assert.equal(await runDueJobs(deps(), defs, { now: new Date(later.getTime() + 86_400_000) }), 0);
    });

    it('takes over a job whose process died (lock expired), but not one still locked', async () => {
      const now = new Date();
      const row = (lockedUntil: Date, attempts: number) => ({
        kind: 'test.record', payload: '{"n":"stale"}', run_at: now.toISOString(), state: 'running' as const, attempts, max_attempts: 3,
        locked_until: lockedUntil.toISOString(), created_at: now.toISOString(),
      });
      await d.db.insertInto('jobs').values([row(new Date(now.getTime() + 60_000), 1), row(new Date(now.getTime() - 1), 1), row(new Date(now.getTime() - 1), 3)]).execute();
      assert.equal(await runDueJobs(deps(), defs, { now }), 1, 'only the stale one with attempts left runs');
      const rows = await jobsOf('test.record');
      assert.deepEqual(rows.map((r) => [r.state, r.attempts]), [['running', 1], ['done', 2], ['failed', 3]]);
      assert.match(rows[2]!.last_error ?? '', /never finished|stopped without finishing/);
    });

    it('adds a job with a unique key once, inside a committed transaction, and not at all when it rolls back', async () => {
      await d.db.transaction().execute(async (trx) => {
        await enqueueJob(trx, { kind: 'test.record', uniqueKey: 'k:1', payload: 1 });
        await enqueueJob(trx, { kind: 'test.record', uniqueKey: 'k:1', payload: 2 }); // ignored, and the transaction lives on
        await trx.insertInto('settings').values({ key: 'jobs-test', value: 'x' }).execute();
      });
      await enqueueJob(d.db, { kind: 'test.record', uniqueKey: 'k:1', payload: 3 });
      assert.deepEqual((await jobsOf('test.record')).map((r) => r.payload), ['1']);
      assert.ok(await d.db.selectFrom('settings').select('key').where('key', '=', 'jobs-test').executeTakeFirst(), 'the transaction committed');
      await assert.rejects(
        d.db.transaction().execute(async (trx) => {
          await enqueueJob(trx, { kind: 'test.record', uniqueKey: 'k:2' });
          throw new Error('the change failed');
        }),
      );
      assert.equal((await jobsOf('test.record')).length, 1, 'a rolled-back transaction leaves no job');
      await enqueueJob(d.db, { kind: 'test.record' });
      await enqueueJob(d.db, { kind: 'test.record' });
      assert.equal((await jobsOf('test.record')).length, 3, 'jobs without a key are never merged');
    });

    it('two runners racing for the same job run it once; without the claim guard they run it twice', async () => {
      // A second connection pool plays a second app process.
      const other = dialect === 'postgres' ? openDatabase({ databaseUrl: d.location.databaseUrl, sqlitePath: '' }) : openDatabase({ sqlitePath: d.location.sqlitePath });
      try {
        for (const unguarded of [false, true]) {
          runs.length = 0;
          await d.db.deleteFrom('jobs').execute();
          await enqueueJob(d.db, { kind: 'test.record', payload: 'once' });
          // Both find the job before either claims it (where a lock exists, the second finds none).
          const meet = barrier(2);
          const [a, b] = await Promise.all([
            runDueJobs(deps(), defs, { afterSelect: meet, unguarded }),
            runDueJobs({ ...deps(), db: other.db }, defs, { afterSelect: meet, unguarded }),
          ]);
          if (unguarded) assert.equal(runs.length, 2, 'negative control: with the guard off the job runs twice');
          else {
            assert.equal(runs.length, 1);
            assert.equal(a + b, 1);
          }
        }
      } finally {
        await other.destroy();
      }
    });

    it('many runners on many jobs run each job exactly once', async () => {
      for (let i = 0; i < 40; i++) await enqueueJob(d.db, { kind: 'test.record', payload: i });
      const other = dialect === 'postgres' ? openDatabase({ databaseUrl: d.location.databaseUrl, sqlitePath: '' }) : openDatabase({ sqlitePath: d.location.sqlitePath });
      try {
        const counts = await Promise.all([d.db, other.db, d.db, other.db].map((db) => runDueJobs({ ...deps(), db }, defs, { limit: 100 })));
        assert.equal(counts.reduce((s, n) => s + n, 0), 40);
        assert.deepEqual(runs.map((r) => r.payload).sort((x, y) => (x as number) - (y as number)), [...Array(40).keys()]);
      } finally {
        await other.destroy();
      }
    });

    it('the scheduler enqueues each recurring job once per period, however many processes tick', async () => {
      const at = new Date('2026-11-22T05:30:00Z');
      await Promise.all([1, 2, 3].map(() => scheduleRecurringJobs(d.db, defs, at)));
      await scheduleRecurringJobs(d.db, defs, new Date('2026-11-22T05:59:00Z'));
      assert.deepEqual((await jobsOf('test.daily')).map((r) => [r.unique_key, r.run_at]), [['test.daily:2026-11-22', '2026-11-22T03:00:00.000Z']]);
      assert.deepEqual((await jobsOf('test.hourly')).map((r) => r.unique_key), ['test.hourly:2026-11-22T05']);
      await scheduleRecurringJobs(d.db, defs, new Date('2026-11-22T06:00:00Z'));
      assert.equal((await jobsOf('test.hourly')).length, 2, 'a new hour, a new job');
      assert.equal((await jobsOf('test.daily')).length, 1);
      assert.equal(await runDueJobs(deps(), defs, { now: new Date('2026-11-22T06:00:01Z'), schedule: true }), 3);
      assert.equal(await runDueJobs(deps(), defs, { now: new Date('2026-11-22T06:30:00Z'), schedule: true }), 0, 'done periods are not added again');
    });
  });
}

describe('currentPeriod', () => {
  const daily: JobDefinition = { kind: 'x', schedule: { every: 'day', atHourUtc: 3 }, run: async () => {} };
  it('is the most recent occurrence of the hour', () => {
    assert.equal(currentPeriod(daily, new Date('2026-03-01T02:59:59Z'))?.key, '2026-02-28');
    assert.equal(currentPeriod(daily, new Date('2026-03-01T03:00:00Z'))?.key, '2026-03-01');
    assert.equal(currentPeriod({ ...daily, schedule: undefined }, new Date()), null);
  });
  it('backs off exponentially up to an hour', () => {
    assert.deepEqual([1, 2, 3].map(backoffMs), [30_000, 60_000, 120_000]);
    assert.equal(backoffMs(30), 3_600_000);
  });
});
