import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import type { Mailer } from '../mail/mailer.ts';

/** What a job's code gets to work with. */
export interface JobContext {
  db: Kysely<Database>;
  mailer: Mailer;
  config: Config;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  /** The time the runner treats as now (tests move it). */
  now: Date;
}

/** One kind of background work, registered in src/modules/job-definitions.ts. */
export interface JobDefinition<P = any> {
  kind: string;
  run(ctx: JobContext, payload: P): Promise<void>;
  /** Recurring work: the scheduler enqueues one job per period, once across all app processes. */
  schedule?: { every: 'day'; atHourUtc: number } | { every: 'hour' };
  /** Tries before the job is marked failed (default 5, with growing back-off). */
  maxAttempts?: number;
  /** How long one run may take before another process assumes this one died (default 600). */
  lockSeconds?: number;
}
