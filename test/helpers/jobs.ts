import { allJobDefinitions } from '../../src/platform/jobs/all-jobs.ts';
import { runDueJobs } from '../../src/platform/jobs/jobs.service.ts';
import type { TestApp } from './app.ts';

/**
 * Runs every due job (and the jobs those enqueue) with the test app's database, mailer and config,
 * and returns how many ran. Recurring jobs are not scheduled unless `schedule` is set, so a test
 * sees only the work it caused.
 */
export async function drainJobs(t: TestApp, opts: { now?: Date; schedule?: boolean } = {}): Promise<number> {
  const deps = { db: t.db, mailer: t.app.deps.mailer, config: t.config };
  const definitions = allJobDefinitions();
  let total = 0;
  for (let round = 0; round < 100; round++) {
    const ran = await runDueJobs(deps, definitions, { now: opts.now, limit: 100, schedule: opts.schedule && round === 0 });
    total += ran;
    if (ran === 0) return total;
  }
  throw new Error('drainJobs: jobs keep enqueuing more jobs (ran 100 rounds)');
}
