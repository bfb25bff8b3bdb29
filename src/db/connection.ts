import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { openSqlite } from './node-sqlite.ts';
import { DatabaseChanges } from './changes.ts';
import { watchWrites } from './write-watch.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The raw SQLite handle, for the online backup API. Absent on PostgreSQL. */
  sqlite?: DatabaseSync;
  /** When rows behind in-process caches may have changed (see changes.ts). */
  changes: DatabaseChanges;
  destroy(): Promise<void>;
}

// Which changes feed belongs to a database handle's Kysely instance: for reads deep in a module
// that are handed only `db` (a transaction's `trx` has none, so nothing inside one is answered
// from memory).
const feeds = new WeakMap<Kysely<Database>, DatabaseChanges>();

/** The changes feed of a handle's `db`, or undefined (a transaction, a database not opened here). */
export const changesOf = (db: Kysely<Database>): DatabaseChanges | undefined => feeds.get(db);

// PostgreSQL sends bigint (count(*), sums) as text; every count we keep fits in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));
// numeric (for money later) stays text, so no precision is lost silently.

/**
 * Opens PostgreSQL when a URL is given, else the embedded SQLite file (created if missing).
 * `listenUrl`: where to LISTEN for other processes' changes, when DATABASE_URL goes through a
 * transaction pooler (which cannot hold a LISTEN); by default the same URL.
 */
export function openDatabase(opts: { databaseUrl?: string; sqlitePath: string; poolSize?: number; listenUrl?: string }): DatabaseHandle {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    const changes = new DatabaseChanges({ postgresUrl: opts.listenUrl ?? opts.databaseUrl });
    const db = new Kysely<Database>({ dialect: watchWrites(new PostgresDialect({ pool }), (w) => changes.committed(w)) });
    feeds.set(db, changes);
    return { db, dialect: 'postgres', changes, destroy: () => changes.close().then(() => db.destroy()) };
  }
  if (opts.sqlitePath !== ':memory:') fs.mkdirSync(path.dirname(opts.sqlitePath), { recursive: true });
  const { db: sqlite, kysely } = openSqlite(opts.sqlitePath);
  const changes = new DatabaseChanges({ sqlite });
  const db = new Kysely<Database>({ dialect: watchWrites(new SqliteDialect({ database: kysely }), (w) => changes.committed(w)) });
  feeds.set(db, changes);
  return { db, dialect: 'sqlite', sqlite, changes, destroy: () => changes.close().then(() => db.destroy()) };
}
