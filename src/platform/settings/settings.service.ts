import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import * as repo from './settings.repository.ts';

/**
 * The secret that signs cookies. Kept in the database so every app process shares it without
 * configuration; COOKIE_SECRET overrides it. Insert-if-absent makes concurrent first boots agree.
 */
export async function getCookieSecret(db: Kysely<Database>): Promise<string> {
  await repo.insertSettingIfAbsent(db, 'cookie_secret', randomBytes(32).toString('hex'));
  const row = await repo.findSetting(db, 'cookie_secret');
  if (!row) throw new Error('cookie secret missing right after it was stored');
  return row.value;
}

/** A cheap round trip to the database, for health checks: throws when it cannot be reached. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await repo.findSetting(db, 'cookie_secret');
}
