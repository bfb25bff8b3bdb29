import type { Generated } from 'kysely';

/** Durable background work (platform/jobs). */
export interface JobTables {
  jobs: JobTable;
}

export const JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobTable {
  id: Generated<number>;
  kind: string;
  /** JSON text. */
  payload: string;
  run_at: string;
  state: JobState;
  attempts: number;
  max_attempts: number;
  /** While running: when another process may assume this one died and take the job over. */
  locked_until: string | null;
  last_error: string | null;
  /** At most one job per key ever (for example `affiliation.daily-status:2026-11-22`). */
  unique_key: string | null;
  created_at: string;
  finished_at: string | null;
}
