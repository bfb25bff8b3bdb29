import type { Migration } from 'kysely';
import * as foundation from './2026-11-22-0001-foundation.ts';
import * as rateLimits from './2026-11-22-0002-rate-limits.ts';

/**
 * Every migration, by date-stamped name. Listed statically (rather than read from the folder) so
 * the order is explicit in review and nothing depends on the file system layout at run time.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-22-0001-foundation': foundation,
  '2026-11-22-0002-rate-limits': rateLimits,
};
