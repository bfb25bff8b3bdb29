import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/schema.ts';
import { nowIso } from '../db/dialect.ts';
import { deleteExpiredSessions } from './auth/auth.repository.ts';
import { deleteExpiredRateLimits } from './http/rate-limit-store.ts';

const EVERY_MS = 15 * 60_000;

/**
 * Sweeps ended sessions and rate-limit windows now and then. Each sweep is an idempotent DELETE,
 * so several app processes doing it at once is harmless.
 */
export function startHousekeeping(db: Kysely<Database>, log: FastifyBaseLogger): { stop(): void } {
  const sweep = async () => {
    try {
      await deleteExpiredSessions(db, nowIso());
      await deleteExpiredRateLimits(db);
    } catch (err) {
      log.warn({ err }, 'housekeeping sweep failed');
    }
  };
  const timer = setInterval(sweep, EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
