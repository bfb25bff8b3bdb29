import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { JobContext, JobDefinition } from './job-types.ts';
import { configureSiteUrl } from '../site-url.ts';
import { claimNextJob, insertJob, markJobDone, markJobFailedRun, type ClaimedJob } from './jobs.repository.ts';

const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_LOCK_SECONDS = 600;
/** First retry after 30 s, then doubling, never more than an hour apart. */
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 3_600_000;

/**
 * Queues background work. Pass the caller's transaction so the job exists exactly when the change
 * that caused it commits. A job whose `uniqueKey` already exists is silently not added again.
 */
export async function enqueueJob(
  db: Kysely<Database>,
  job: { kind: string; payload?: unknown; runAt?: Date; uniqueKey?: string; maxAttempts?: number },
): Promise<void> {
  const now = new Date();
  await insertJob(db, {
    kind: job.kind,
    payload: JSON.stringify(job.payload ?? null),
    runAt: (job.runAt ?? now).toISOString(),
    uniqueKey: job.uniqueKey ?? null,
    maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    createdAt: now.toISOString(),
  });
}

/** Delay before retry number `attempts` (1 = after the first failure). */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
}

/** What running jobs needs: the JobContext without `now`, which each run sets. */
export type JobDeps = Omit<JobContext, 'now' | 'log'> & { log?: JobContext['log'] };

export interface RunOptions {
  /** The time to treat as now (default: the clock). */
  now?: Date;
  /** Most jobs to run in this call (default 50). */
  limit?: number;
  /** Also enqueue this period's recurring jobs first (the worker and CLI do; tests choose). */
  schedule?: boolean;
  /** Tests only: see ClaimOptions. */
  afterSelect?: () => Promise<void>;
  unguarded?: boolean;
}

const silentLog: JobContext['log'] = { info() {}, warn() {}, error() {} };

/**
 * Runs due jobs one at a time until none is due or `limit` ran, and returns how many ran (failed
 * runs included). Each job is claimed before it runs, so several processes can call this at once.
 */
export async function runDueJobs(deps: JobDeps, definitions: JobDefinition[], opts: RunOptions = {}): Promise<number> {
  const byKind = new Map(definitions.map((d) => [d.kind, d]));
  const kinds = [...byKind.keys()];
  const limit = opts.limit ?? 50;
  const log = deps.log ?? silentLog;
  configureSiteUrl(deps.config.baseUrl);
  if (opts.schedule) await scheduleRecurringJobs(deps.db, definitions, opts.now ?? new Date());
  let ran = 0;
  while (ran < limit && kinds.length) {
    const now = opts.now ?? new Date();
    const claim = await claimNextJob(deps.db, {
      now: now.toISOString(),
      kinds,
      lockUntil: (kind) => new Date(now.getTime() + (byKind.get(kind)?.lockSeconds ?? DEFAULT_LOCK_SECONDS) * 1000).toISOString(),
      afterSelect: opts.afterSelect,
      unguarded: opts.unguarded,
    });
    if (!claim) break;
    if ('exhausted' in claim) {
      log.error({ jobId: claim.exhausted }, 'job failed: its last attempt never finished');
      continue;
    }
    await runOne({ ...deps, log, now }, byKind.get(claim.job.kind)!, claim.job);
    ran++;
  }
  return ran;
}

async function runOne(ctx: JobContext, definition: JobDefinition, job: ClaimedJob): Promise<void> {
  try {
    await definition.run(ctx, JSON.parse(job.payload));
    await markJobDone(ctx.db, job, new Date().toISOString());
  } catch (err) {
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    const finalTry = job.attempts >= job.maxAttempts;
    const retryAt = finalTry ? null : new Date(ctx.now.getTime() + backoffMs(job.attempts)).toISOString();
    await markJobFailedRun(ctx.db, job, message.slice(0, 2000), ctx.now.toISOString(), retryAt);
    const fields = { jobId: job.id, kind: job.kind, attempt: job.attempts, err };
    if (finalTry) ctx.log.error(fields, 'job failed for good');
    else ctx.log.warn({ ...fields, retryAt }, 'job failed; will retry');
  }
}

/**
 * The period a recurring job is due for at `now` (the most recent occurrence), or null when it
 * has no schedule. Daily: `YYYY-MM-DD` of the last time the clock passed its hour; hourly: `YYYY-MM-DDTHH`.
 */
export function currentPeriod(definition: JobDefinition, now: Date): { key: string; runAt: Date } | null {
  const s = definition.schedule;
  if (!s) return null;
  if (s.every === 'hour') {
    const runAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), now.getUTCHours()));
    return { key: runAt.toISOString().slice(0, 13), runAt };
  }
  const runAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), s.atHourUtc));
  if (runAt > now) runAt.setUTCDate(runAt.getUTCDate() - 1);
  return { key: runAt.toISOString().slice(0, 10), runAt };
}

/**
 * Enqueues each recurring job for its current period. The unique key `${kind}:${period}` makes
 * this safe to call from every process on every tick: the period's job is added once.
 */
export async function scheduleRecurringJobs(db: Kysely<Database>, definitions: JobDefinition[], now: Date): Promise<void> {
  for (const definition of definitions) {
    const period = currentPeriod(definition, now);
    if (!period) continue;
    await enqueueJob(db, { kind: definition.kind, runAt: period.runAt, uniqueKey: `${definition.kind}:${period.key}`, maxAttempts: definition.maxAttempts });
  }
}
