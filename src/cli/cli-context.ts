import { loadConfig, type Config } from '../config.ts';
import { openDatabase, type DatabaseHandle } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrator.ts';

/**
 * A mistake the operator can fix (bad option, refused action). The CLI prints its message alone,
 * without a stack trace, and exits 1; configuration errors exit 2.
 */
export class CliError extends Error {}

/**
 * Runs a command against the configured database: validates the environment (a ConfigError
 * propagates to cli.ts, which prints it and exits 2), opens the database, brings the schema up to
 * date when asked (so `seed` or `create-admin` work on a brand-new install), and always closes it.
 */
export async function withDatabase<T>(
  fn: (database: DatabaseHandle, config: Config) => Promise<T>,
  opts: { migrate?: boolean; poolSize?: number } = {},
): Promise<T> {
  const config = loadConfig();
  const database = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath, poolSize: opts.poolSize });
  try {
    if (opts.migrate) await migrateToLatest(database.db);
    return await fn(database, config);
  } finally {
    await database.destroy();
  }
}
