import { randomUUID } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import pg from 'pg';
import type { TableWrite, WriteOp } from './write-watch.ts';

/** The columns a signed-in person's principal is read from (src/platform/auth/sessions.ts). */
export const PRINCIPAL_PEOPLE_COLUMNS = ['name', 'email', 'locale', 'email_verified_at', 'disabled_at'];

/**
 * What other app processes hear about: the statement triggers of migration 0013 send a PostgreSQL
 * NOTIFY on `hub_changes` for these writes. An in-process cache may watch only these (subscribe
 * checks), since a change another process made to anything else would go unseen.
 * - `sessions`: deletes only. A new session makes nothing stale, and the one update sessions get
 *   is the last-seen touch, which the session cache applies to itself.
 * - `people`: updates only of the principal's columns (every sign-in sets `last_sign_in_at`, which
 *   must not empty every process's session cache), and deletes.
 * Foreign-key cascades are not statements: a delete that cascades into a watched table is heard
 * only if the table it was made on is watched too (today only `organisations` cascades into one).
 */
export const ANNOUNCED: Record<string, { ops?: WriteOp[]; columns?: string[] }> = {
  sessions: { ops: ['delete'] },
  people: { ops: ['update', 'delete'], columns: PRINCIPAL_PEOPLE_COLUMNS },
  roles: {},
  organisations: {},
  assessment_cycles: {},
  frameworks: {},
  framework_groups: {},
  framework_principles: {},
  framework_benchmarks: {},
};
export const CHANGES_CHANNEL = 'hub_changes';

/** What a cache watches: a table, which kinds of write matter (all when not given), and for updates which columns. */
export interface Watch {
  table: string;
  ops?: WriteOp[];
  columns?: string[];
}

interface Subscriber {
  watches: Watch[];
  reset(): void;
}

/** How often the listening connection proves it still hears notices, and how long an answer may take. */
const HEARTBEAT = { everyMs: 10_000, timeoutMs: 5_000 };
const PING = 'ping:';

/**
 * Tells in-process caches when the rows behind them may have changed, so an app process can keep
 * hot reads (who a session belongs to, a cycle's head row) in memory and still never answer from
 * rows another request or process has changed. Three sources, all ending in `reset`:
 * - writes through this process's own connections, once committed (src/db/write-watch.ts);
 * - on PostgreSQL, other processes' commits, announced by triggers and heard on a LISTEN
 *   connection. `trusted()` is true only while that connection demonstrably hears notices: it
 *   sends itself one on connecting and every 10 seconds, and one not heard within 5 seconds (a
 *   silent network, a pooler that cannot hold a LISTEN) counts as the connection lost;
 * - on SQLite, other connections' commits, seen as a change of `PRAGMA data_version`, a counter
 *   read from memory without touching a table (it stands still inside a transaction, so nothing
 *   is answered from memory while one is open on this connection).
 * Any change to a watched table drops the whole cache: a re-read costs a query or two, and finer
 * keys would need every writer to say which rows it touched.
 */
export class DatabaseChanges {
  private readonly subscribers = new Set<Subscriber>();
  private listener: pg.Client | null = null;
  private listening = false;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly pings = new Map<string, () => void>();
  private dataVersion: StatementSync | null = null;
  private lastDataVersion: unknown;
  private dataVersionReadAt = -Infinity;

  constructor(
    private readonly source: { sqlite: DatabaseSync } | { postgresUrl: string },
    private readonly heartbeatTiming = HEARTBEAT,
  ) {}

  subscribe(watches: Watch[], reset: () => void): () => void {
    for (const w of watches) assertAnnounced(w);
    const s = { watches, reset };
    this.subscribers.add(s);
    return () => this.subscribers.delete(s);
  }

  /** Called by the write watcher once writes are visible to other connections. */
  committed(writes: TableWrite[]) {
    for (const s of this.subscribers) {
      if (writes.some((w) => s.watches.some((x) => matters(x, w)))) s.reset();
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
      const sqlite = this.source.sqlite as DatabaseSync & { isTransaction?: boolean };
      if (sqlite.isTransaction) return false;
      const now = performance.now();
      if (!fresh && now - this.dataVersionReadAt < 1) return true;
      this.dataVersionReadAt = now;
      this.dataVersion ??= sqlite.prepare('PRAGMA data_version');
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
    if (this.heartbeat) clearInterval(this.heartbeat);
    const client = this.listener;
    this.listener = null;
    this.listening = false;
    await client?.end().catch(() => undefined);
  }

  private resetAll() {
    for (const s of this.subscribers) s.reset();
  }

  private async listen(url: string) {
    const client = new pg.Client({ connectionString: url, application_name: 'coalition-hub changes', keepAlive: true });
    this.listener = client;
    const lost = () => {
      if (this.listener !== client) return;
      this.listener = null;
      this.listening = false;
      if (this.heartbeat) clearInterval(this.heartbeat);
      this.heartbeat = null;
      this.resetAll();
      void client.end().catch(() => undefined);
      // Caches stay off until listening again; meanwhile every read goes to the database.
      if (!this.closed) this.retry = setTimeout(() => { this.retry = null; }, 1_000).unref();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (n) => {
      if (n.channel !== CHANGES_CHANNEL) return;
      const payload = n.payload ?? '';
      if (payload.startsWith(PING)) return this.pings.get(payload)?.();
      // The notice names the table only; the trigger already left out what watchers ignore.
      this.committed(everyWriteTo(payload));
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      if (!(await this.hears(client))) return lost();
      if (this.listener !== client || this.closed) return void client.end().catch(() => undefined);
      // Anything cached before this moment could have missed a change: start clean.
      this.resetAll();
      this.listening = true;
      this.heartbeat = setInterval(() => void this.hears(client).then((ok) => ok || lost()), this.heartbeatTiming.everyMs).unref();
    } catch {
      lost();
    }
  }

  /** Sends the channel a notice and says whether this connection hears it in time. */
  private hears(client: pg.Client): Promise<boolean> {
    const ping = `${PING}${randomUUID()}`;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => done(false), this.heartbeatTiming.timeoutMs).unref();
      const done = (heard: boolean) => {
        clearTimeout(timer);
        this.pings.delete(ping);
        resolve(heard);
      };
      this.pings.set(ping, () => done(true));
      client.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, ping]).catch(() => done(false));
    });
  }
}

function assertAnnounced(w: Watch) {
  const announced = ANNOUNCED[w.table];
  const ok =
    !!announced &&
    (!announced.ops || (!!w.ops && w.ops.every((op) => announced.ops!.includes(op)))) &&
    (!announced.columns || !(w.ops ?? ['update']).includes('update') || (!!w.columns && w.columns.every((c) => announced.columns!.includes(c))));
  if (!ok) throw new Error(`a cache may watch only what other processes hear about (ANNOUNCED); not ${JSON.stringify(w)}`);
}

function matters(watch: Watch, write: TableWrite): boolean {
  if (watch.table !== write.table || (watch.ops && !watch.ops.includes(write.op))) return false;
  // An update whose columns are unknown (hand-written SQL) might touch any of them.
  return write.op !== 'update' || !watch.columns || !write.columns || write.columns.some((c) => watch.columns!.includes(c));
}

const everyWriteTo = (table: string): TableWrite[] => (['insert', 'update', 'delete'] as const).map((op) => ({ table, op }));
