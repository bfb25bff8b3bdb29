import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Adapts Node's built-in `node:sqlite` to the small interface Kysely's SqliteDialect expects.
 *
 * Why our own ~40 lines rather than a package: we chose `node:sqlite` so the embedded database
 * needs no native build or binary download (see README), and no well-kept adapter exists for it.
 * The differences are small: node:sqlite takes parameters spread rather than as an array, has no
 * `reader` flag (a statement that returns columns is a reader), and refuses to bind undefined, Dates
 * and (before Node 24) booleans.
 */
export function openSqlite(file: string): { db: DatabaseSync; kysely: SqliteDatabase } {
  const db = new DatabaseSync(file, { enableForeignKeyConstraints: true });
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec('PRAGMA foreign_keys = ON');
  const cache = new Map<string, SqliteStatement>();
  return {
    db,
    kysely: {
      close: () => db.close(),
      prepare(sql: string) {
        let statement = cache.get(sql);
        if (!statement) {
          statement = adaptStatement(db.prepare(sql));
          if (cache.size > 500) cache.clear();
          cache.set(sql, statement);
        }
        return statement;
      },
    },
  };
}

function adaptStatement(stmt: StatementSync): SqliteStatement {
  return {
    reader: stmt.columns().length > 0,
    all: (params) => stmt.all(...bind(params)),
    run: (params) => stmt.run(...bind(params)),
    iterate: (params) => stmt.iterate(...bind(params)),
  };
}

function bind(params: ReadonlyArray<unknown>): SQLInputValue[] {
  return params.map((p) => {
    if (typeof p === 'boolean') return p ? 1 : 0;
    if (p === undefined) return null;
    if (p instanceof Date) return p.toISOString();
    return p as SQLInputValue;
  });
}
