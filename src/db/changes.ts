import type { DatabaseSync, StatementSync } from 'node:sqlite';
import pg from 'pg';
import type { TableWrite, WriteOp } from './write-watch.ts';

/**
 * The tables whose changes other app processes hear about (PostgreSQL NOTIFY on channel
 * `hub_changes`, from the statement triggers of migration 0013). An in-process cache may only
 * watch these: a change made by another process to any other table would go unseen.
 * `sessions` announces only deletes: a new session cannot make anything stale, and the one update
 * sessions get is the last-seen touch, which the session cache applies to itself.
 */
export const ANNOUNCED_TABLES = ['sessions', 'people', 'roles', 'organisations', 'assessment_cycles'] as const;
export type AnnouncedTable = (typeof ANNOUNCED_TABLES)[number];
export const CHANGES_CHANNEL = 'hub_changes';

/** What a cache watches: a table, and which kinds of write to it matter (all when not given). */
export interface Watch {
  table: AnnouncedTable;
  ops?: WriteOp[];
}

interface Subscriber {
  watches: Watch[];
  reset(): void;
}

/**
 * Tells in-process caches when the rows behind them may have changed, so an app process can keep
 * hot reads (who a session belongs to, a cycle's head row) in memory and still never answer from
 * rows another request or process has changed. Three sources, all ending in `reset`:
 * - writes through this process's own connections, once committed (src/db/write-watch.ts);
 * - on PostgreSQL, other processes' commits, announced by triggers and heard on a LISTEN
 *   connection. Until that connection is listening (and while it reconnects), `trusted()` is
 *   false and caches must not answer at all;
 * - on SQLite, other connections' commits, seen as a change of `PRAGMA data_version`, a counter
 *   read from memory without touching a table.
 * Any change to a watched table drops the whole cache: a re-read costs a query or two, and finer
 * keys would need every writer to say which rows it touched.
 */
export class DatabaseChanges {
  private readonly subscribers = new Set<Subscriber>();
  private listener: pg.Client | null = null;
  private listening = false;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  private dataVersion: StatementSync | null = null;
  private lastDataVersion: unknown;
  private dataVersionReadAt = -Infinity;

  constructor(private readonly source: { sqlite: DatabaseSync } | { postgresUrl: string }) {}

  subscribe(watches: Watch[], reset: () => void): () => void {
    const s = { watches, reset };
    this.subscribers.add(s);
    return () => this.subscribers.delete(s);
  }

  /** Called by the write watcher once writes are visible to other connections. */
  committed(writes: TableWrite[]) {
    for (const s of this.subscribers) {
      if (writes.some((w) => s.watches.some((x) => x.table === w.table && (!x.ops || x.ops.includes(w.op))))) s.reset();
    }
  }

  /**
   * Whether in-process caches may answer now. On SQLite it first catches up with other
   * connections' commits (resetting everything if there were any); on PostgreSQL it starts the
   * listener on first use and answers true only while it listens.
   * `fresh`: before keeping a value just read. Otherwise SQLite's counter (3 µs a read) is read
   * at most once a millisecond: a hit may then miss another process's commit of the last
   * millisecond, as if the request had come a moment earlier, but nothing read is kept from it.
   */
  trusted(fresh = false): boolean {
    if (this.closed) return false;
    if ('sqlite' in this.source) {
      const now = performance.now();
      if (!fresh && now - this.dataVersionReadAt < 1) return true;
      this.dataVersionReadAt = now;
      this.dataVersion ??= this.source.sqlite.prepare('PRAGMA data_version');
      const version = (this.dataVersion.get() as { data_version: unknown }).data_version;
      if (version !== this.lastDataVersion) {
        const first = this.lastDataVersion === undefined;
        this.lastDataVersion = version;
        if (!first) this.resetAll();
      }
      return true;
    }
    if (!this.listener && !this.retry) void this.listen(this.source.postgresUrl);
    return this.listening;
  }

  async close() {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.listener;
    this.listener = null;
    this.listening = false;
    await client?.end().catch(() => undefined);
  }

  private resetAll() {
    for (const s of this.subscribers) s.reset();
  }

  private async listen(url: string) {
    const client = new pg.Client({ connectionString: url, application_name: 'coalition-hub changes' });
    this.listener = client;
    const lost = () => {
      if (this.listener !== client) return;
      this.listener = null;
      this.listening = false;
      this.resetAll();
      void client.end().catch(() => undefined);
      // Caches stay off until listening again; meanwhile every read goes to the database.
      if (!this.closed) this.retry = setTimeout(() => { this.retry = null; }, 1_000).unref();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (n) => {
      if (n.channel !== CHANGES_CHANNEL) return;
      // The notice names the table only; the trigger already left out what watchers ignore.
      this.committed(everyWriteTo(n.payload ?? ''));
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      if (this.listener !== client || this.closed) return void client.end().catch(() => undefined);
      // Anything cached before this moment could have missed a change: start clean.
      this.resetAll();
      this.listening = true;
    } catch {
      lost();
    }
  }
}

const everyWriteTo = (table: string): TableWrite[] => (['insert', 'update', 'delete'] as const).map((op) => ({ table, op }));
