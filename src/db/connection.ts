import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { openSqlite } from './node-sqlite.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The raw SQLite handle, for the online backup API. Absent on PostgreSQL. */
  sqlite?: DatabaseSync;
  destroy(): Promise<void>;
}

// PostgreSQL sends bigint (count(*), sums) as text; every count we keep fits in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));
// numeric (for money later) stays text, so no precision is lost silently.

/** Opens PostgreSQL when a URL is given, else the embedded SQLite file (created if missing). */
export function openDatabase(opts: { databaseUrl?: string; sqlitePath: string; poolSize?: number }): DatabaseHandle {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', destroy: () => db.destroy() };
  }
  if (opts.sqlitePath !== ':memory:') fs.mkdirSync(path.dirname(opts.sqlitePath), { recursive: true });
  const { db: sqlite, kysely } = openSqlite(opts.sqlitePath);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: kysely }) });
  return { db, dialect: 'sqlite', sqlite, destroy: () => db.destroy() };
}
