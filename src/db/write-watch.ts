import type { ColumnNode, CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from 'kysely';

export type WriteOp = 'insert' | 'update' | 'delete';

/** A table some statement wrote to, and how (a TRUNCATE counts as a delete; INSERT OR REPLACE as an insert). */
export interface TableWrite {
  table: string;
  op: WriteOp;
  /** For an update Kysely built: the columns it sets. Unknown (any) for hand-written SQL. */
  columns?: string[];
}

// Finds every table a statement writes to, in SQL text that Kysely compiled or we wrote by hand
// (`sql` templates, CTEs that update). Values are bound parameters, never inline, so a match is a
// statement's own target. Stray matches ("for update skip locked" → "skip") name no real table and
// are harmless: nothing listens for them.
const WRITE = /\b(insert\s+(?:or\s+\w+\s+)?into|replace\s+into|update|delete\s+from|truncate(?:\s+table)?)\s+(?:only\s+)?"?([a-z_][a-z0-9_]*)"?/gi;

export function tablesWrittenBy(sql: string): TableWrite[] {
  const found: TableWrite[] = [];
  // An upsert may change rows it finds, in columns not named here: an update of unknown columns.
  const upsert = /\bon\s+conflict\b[\s\S]*\bdo\s+update\b/i.test(sql);
  for (const m of sql.matchAll(WRITE)) {
    const verb = m[1]!.slice(0, 1).toLowerCase();
    const table = m[2]!.toLowerCase();
    found.push({ table, op: verb === 'i' || verb === 'r' ? 'insert' : verb === 'u' ? 'update' : 'delete' });
    if (verb === 'i' && upsert) found.push({ table, op: 'update' });
  }
  return found;
}

/**
 * Wraps a Kysely dialect so `onCommitted` hears, once the data is visible to other connections,
 * which tables were written: straight after a statement outside a transaction, and after COMMIT
 * for one inside (a rolled-back transaction reports nothing). In-process caches use it to drop what
 * they hold the moment a write lands, whichever code path or test made it; a cache dropped before
 * COMMIT could be refilled from the old rows by a concurrent reader.
 *
 * Written here because no Kysely plugin sees transactions end (plugins see query trees only).
 */
export function watchWrites(dialect: Dialect, onCommitted: (writes: TableWrite[]) => void): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => watchedDriver(dialect.createDriver(), onCommitted),
  };
}

class WatchedConnection implements DatabaseConnection {
  inTransaction = false;
  pending: TableWrite[] = [];

  constructor(
    readonly inner: DatabaseConnection,
    private readonly onCommitted: (writes: TableWrite[]) => void,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.inner.executeQuery<R>(compiled);
    this.noteWrites(compiled);
    return result;
  }

  async *streamQuery<R>(compiled: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    yield* this.inner.streamQuery<R>(compiled, chunkSize);
    this.noteWrites(compiled);
  }

  private noteWrites(compiled: CompiledQuery) {
    // Most statements are plain selects; only the others are looked at (a select WITH an
    // updating CTE is one of the others).
    const node = compiled.query;
    if (node.kind === 'SelectQueryNode' && !node.with) return;
    const writes = tablesWrittenBy(compiled.sql);
    if (!writes.length) return;
    if (node.kind === 'UpdateQueryNode' && writes.length === 1 && node.updates) {
      writes[0]!.columns = node.updates.map((u) => (u.column as ColumnNode).column.name);
    }
    if (this.inTransaction) this.pending.push(...writes);
    else report(this.onCommitted, writes);
  }
}

/**
 * Hands committed writes over. A listener's failure must not reach Kysely: it would take a
 * commit that has happened for a failed one and try to roll it back.
 */
function report(onCommitted: (writes: TableWrite[]) => void, writes: TableWrite[]) {
  try {
    onCommitted(writes);
  } catch (err) {
    process.emitWarning(`dropping in-process caches failed: ${String(err)}`, 'CacheWarning');
  }
}

function watchedDriver(driver: Driver, onCommitted: (writes: TableWrite[]) => void): Driver {
  const inner = (c: DatabaseConnection) => (c as WatchedConnection).inner;
  const watched: Driver = {
    init: () => driver.init(),
    destroy: () => driver.destroy(),
    acquireConnection: async () => new WatchedConnection(await driver.acquireConnection(), onCommitted),
    releaseConnection: (c) => driver.releaseConnection(inner(c)),
    async beginTransaction(c: DatabaseConnection, settings: TransactionSettings) {
      await driver.beginTransaction(inner(c), settings);
      (c as WatchedConnection).inTransaction = true;
      (c as WatchedConnection).pending = [];
    },
    async commitTransaction(c: DatabaseConnection) {
      const w = c as WatchedConnection;
      await driver.commitTransaction(inner(c));
      w.inTransaction = false;
      const writes = w.pending;
      w.pending = [];
      if (writes.length) report(onCommitted, writes);
    },
    async rollbackTransaction(c: DatabaseConnection) {
      const w = c as WatchedConnection;
      w.inTransaction = false;
      w.pending = [];
      await driver.rollbackTransaction(inner(c));
    },
  };
  // Savepoints only where the dialect has them. A write rolled back to a savepoint is still
  // reported at COMMIT: a cache dropped for nothing costs a re-read, never a stale answer.
  if (driver.savepoint) watched.savepoint = (c, name, compile) => driver.savepoint!(inner(c), name, compile);
  if (driver.rollbackToSavepoint) watched.rollbackToSavepoint = (c, name, compile) => driver.rollbackToSavepoint!(inner(c), name, compile);
  if (driver.releaseSavepoint) watched.releaseSavepoint = (c, name, compile) => driver.releaseSavepoint!(inner(c), name, compile);
  return watched;
}
