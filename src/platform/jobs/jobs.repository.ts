import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { JobState } from '../../db/schema/jobs.ts';
import { isPostgres } from '../../db/dialect.ts';

/** A job as the runner holds it once claimed. */
export interface ClaimedJob {
  id: number;
  kind: string;
  payload: string;
  /** Counting this run; also the claim's token (a later takeover bumps it again). */
  attempts: number;
  maxAttempts: number;
}

export interface NewJobRow {
  kind: string;
  payload: string;
  runAt: string;
  uniqueKey: string | null;
  maxAttempts: number;
  createdAt: string;
}

/** Inserts a job; a row with the same unique key already there makes this a no-op (not an error). */
export async function insertJob(db: Kysely<Database>, job: NewJobRow): Promise<void> {
  await db
    .insertInto('jobs')
    .values({
      kind: job.kind,
      payload: job.payload,
      run_at: job.runAt,
      state: 'queued',
      attempts: 0,
      max_attempts: job.maxAttempts,
      unique_key: job.uniqueKey,
      created_at: job.createdAt,
    })
    // ON CONFLICT, not catch-the-error: on PostgreSQL a unique violation would abort the caller's transaction.
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .execute();
}

/** Queued and due, or running under a lock that has expired (its process died). */
function claimable(now: string, kinds: string[]) {
  return (eb: ExpressionBuilder<Database, 'jobs'>): Expression<SqlBool> =>
    eb.and([
      eb('kind', 'in', kinds),
      eb.or([eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', now)]), eb.and([eb('state', '=', 'running'), eb('locked_until', '<', now)])]),
    ]);
}

interface Candidate {
  id: number;
  kind: string;
  payload: string;
  state: JobState;
  attempts: number;
  max_attempts: number;
}

export interface ClaimOptions {
  now: string;
  kinds: string[];
  lockUntil: (kind: string) => string;
  /** Tests only: runs between finding a candidate and claiming it, so two runners can be made to race. */
  afterSelect?: () => Promise<void>;
  /** Tests only: claims without the lock or the guard, to show the concurrency test catches a double run. */
  unguarded?: boolean;
}

export type ClaimResult = { job: ClaimedJob } | { exhausted: number } | null;

/**
 * Claims the oldest due job for this process. PostgreSQL: `FOR UPDATE SKIP LOCKED`, so processes
 * polling at once each get a different row and never wait on each other. SQLite has one writer at
 * a time, so a guarded UPDATE (state and attempts unchanged since we read them; check the row
 * count) is enough. The guard stays on PostgreSQL too: it costs nothing.
 *
 * A taken-over job that already used all its attempts is marked failed instead (`exhausted`).
 */
export async function claimNextJob(db: Kysely<Database>, opts: ClaimOptions): Promise<ClaimResult> {
  const select = (q: Kysely<Database>) =>
    q.selectFrom('jobs').select(['id', 'kind', 'payload', 'state', 'attempts', 'max_attempts']).where(claimable(opts.now, opts.kinds)).orderBy('run_at').orderBy('id').limit(1);
  if (isPostgres(db) && !opts.unguarded) {
    return db.transaction().execute(async (trx) => {
      const row = await select(trx).forUpdate().skipLocked().executeTakeFirst();
      await opts.afterSelect?.();
      return row ? mark(trx, row, opts) : null;
    });
  }
  const row = await select(db).executeTakeFirst();
  await opts.afterSelect?.();
  return row ? mark(db, row, opts) : null;
}

async function mark(db: Kysely<Database>, row: Candidate, opts: ClaimOptions): Promise<ClaimResult> {
  const update = () =>
    db
      .updateTable('jobs')
      .where('id', '=', row.id)
      .$if(!opts.unguarded, (q) => q.where('state', '=', row.state).where('attempts', '=', row.attempts));
  if (row.state === 'running' && row.attempts >= row.max_attempts) {
    const r = await update()
      .set({ state: 'failed', locked_until: null, finished_at: opts.now, last_error: 'stopped without finishing (its process died or it ran past its lock)' })
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1 ? { exhausted: row.id } : null;
  }
  const attempts = row.attempts + 1;
  const r = await update().set({ state: 'running', attempts, locked_until: opts.lockUntil(row.kind) }).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return null;
  return { job: { id: row.id, kind: row.kind, payload: row.payload, attempts, maxAttempts: row.max_attempts } };
}

/** Marks our run done, unless another process has taken the job over meanwhile. */
export async function markJobDone(db: Kysely<Database>, job: ClaimedJob, finishedAt: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ state: 'done', locked_until: null, finished_at: finishedAt, last_error: null })
    .where('id', '=', job.id)
    .where('state', '=', 'running')
    .where('attempts', '=', job.attempts)
    .execute();
}

/** Records a failed run: back in the queue at `retryAt`, or failed for good when `retryAt` is null. */
export async function markJobFailedRun(db: Kysely<Database>, job: ClaimedJob, error: string, at: string, retryAt: string | null): Promise<void> {
  await db
    .updateTable('jobs')
    .set(retryAt ? { state: 'queued', run_at: retryAt, locked_until: null, last_error: error } : { state: 'failed', locked_until: null, last_error: error, finished_at: at })
    .where('id', '=', job.id)
    .where('state', '=', 'running')
    .where('attempts', '=', job.attempts)
    .execute();
}

/** Counts of jobs by state (for the operations view and tests). */
export async function countJobsByState(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db.selectFrom('jobs').select(['state', sql<number>`count(*)`.as('n')]).groupBy('state').execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}
