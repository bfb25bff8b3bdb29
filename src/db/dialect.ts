import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

/**
 * The few places SQLite and PostgreSQL differ, in one helper so migrations and repositories stay
 * dialect-free.
 */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Adds an auto-incrementing integer primary key named `id`. */
export function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>) {
  return isPostgres(db)
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Case-insensitive LIKE: SQLite's LIKE already ignores ASCII case; PostgreSQL needs ILIKE. */
export function ilike(db: Kysely<any>): 'ilike' | 'like' {
  return isPostgres(db) ? 'ilike' : 'like';
}

/** Timestamps are ISO-8601 UTC text on both databases: they sort correctly and read back alike. */
export const nowIso = (): string => new Date().toISOString();

/** Reads a boolean column written on either dialect (SQLite returns 0/1). */
export const bool = (v: boolean | number | null | undefined): boolean => Boolean(v);

/** Escapes %, _ and \ so user text is matched literally inside a LIKE pattern. */
export const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Whether an error is a unique-constraint violation (PostgreSQL 23505; SQLite's
 * SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY), so a race lost to a unique index can answer 409, not 500.
 */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; errcode?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  return e.code === '23505' || e.errcode === 2067 || e.errcode === 1555 || (typeof e.message === 'string' && e.message.startsWith('UNIQUE constraint failed'));
}

/**
 * Whether an error is SQLite's "database is locked" (SQLITE_BUSY): another process (a maintenance
 * command, a second app process) held the one write lock past the 5-second busy timeout. Nothing
 * was written; the same request can simply be sent again.
 */
export function isDatabaseBusy(err: unknown): boolean {
  const e = err as { code?: unknown; errcode?: unknown } | null;
  return !!e && typeof e === 'object' && e.code === 'ERR_SQLITE_ERROR' && (e.errcode === 5 || e.errcode === 517);
}

