import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import autocannon from 'autocannon';
import type { Kysely } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import type { CoalitionEvent, Database, EventKind, TicketAudience } from '../src/db/schema.ts';
import { startSession } from '../src/platform/auth/sessions.ts';
import { FALL_FORUM } from '../src/modules/events/events-demo.data.ts';
import packageJson from '../package.json' with { type: 'json' };
import { ROOT, freePort, startServer, type Server } from './processes.ts';

type Db = Kysely<Database>;

// What the convenings benchmarks share: a throw-away database per run (a SQLite file under
// data/bench-events, or a PostgreSQL database made and dropped here), migrated, holding only the
// national office, a few events and the people who register — not the national dataset, which
// nothing these benchmarks measure reads.

export const PG_ADMIN_DEFAULT = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  name: 'SQLite' | 'PostgreSQL';
  handle: DatabaseHandle;
  /** What a `serve` child needs in its environment to use this database. */
  env: NodeJS.ProcessEnv;
  drop(): Promise<void>;
}

/** A fresh, migrated database: SQLite in its own directory, or a new PostgreSQL database. */
export async function freshDatabase(kind: 'sqlite' | 'postgres', tag: string, pgAdmin = PG_ADMIN_DEFAULT): Promise<BenchDatabase> {
  if (kind === 'sqlite') {
    const dir = path.join(ROOT, 'data', `bench-events-${tag}-${process.pid}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const handle = openDatabase({ sqlitePath: path.join(dir, 'coalition.sqlite') });
    await migrateToLatest(handle.db);
    return { name: 'SQLite', handle, env: { DATA_DIR: dir }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const dbName = `hub_bench_events_${tag}_${process.pid}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: pgAdmin });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${dbName}`);
  await admin(`CREATE DATABASE ${dbName}`);
  const url = new URL(pgAdmin);
  url.pathname = `/${dbName}`;
  const handle = openDatabase({ databaseUrl: url.toString(), sqlitePath: '', poolSize: 4 });
  await migrateToLatest(handle.db);
  // The outbox (emails written as files when no SMTP is set) still goes under DATA_DIR.
  const dir = path.join(ROOT, 'data', `bench-events-${tag}-pg-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  return {
    name: 'PostgreSQL',
    handle,
    env: { DATABASE_URL: url.toString(), DATA_DIR: dir },
    drop: async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    },
  };
}

/** The national office, organiser of the benchmark's events. */
export async function nationalOffice(db: Db): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('organisations')
    .values({ slug: 'national-office', name: 'Coalition National Office', kind: 'national_office', city: 'Oakland', state: 'CA', region: 'West', email: 'office@example.org', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface EventSpec {
  slug: string;
  title: string;
  kind?: EventKind;
  inDays?: number;
  days?: number;
  tags?: string[];
  summary?: string;
  description?: string;
}

/** A published, in-person event `inDays` from now (local 08:30–16:30 Denver time over `days` days). */
export async function insertEvent(db: Db, organiserId: number, spec: EventSpec): Promise<CoalitionEvent> {
  const start = new Date(Date.now() + (spec.inDays ?? 60) * 86_400_000);
  start.setUTCHours(14, 30, 0, 0);
  const end = new Date(start.getTime() + ((spec.days ?? 1) - 1) * 86_400_000 + 8 * 3_600_000);
  const now = new Date().toISOString();
  const event = await db
    .insertInto('events')
    .values({
      slug: spec.slug,
      uid: `${randomUUID()}@bench.example.org`,
      sequence: 0,
      title: spec.title,
      summary: spec.summary ?? FALL_FORUM.summary,
      description: spec.description ?? FALL_FORUM.description,
      kind: spec.kind ?? 'conference',
      organiser_id: organiserId,
      status: 'published',
      online: false,
      venue_name: FALL_FORUM.venueName ?? 'Convention Center',
      venue_address: FALL_FORUM.venueAddress ?? '700 14th Street, Denver, CO 80202',
      online_url: null,
      timezone: 'America/Denver',
      all_day: false,
      starts_at: start.toISOString(),
      ends_at: end.toISOString(),
      start_date: start.toISOString().slice(0, 10),
      end_date: end.toISOString().slice(0, 10),
      registration_enabled: true,
      refund_cutoff_days: 21,
      refund_policy: FALL_FORUM.refundPolicy ?? 'Full refund until three weeks before.',
      transfers_allowed: true,
      proposals_open_at: null,
      proposals_close_at: null,
      proposal_guidelines: null,
      contact_email: 'events@example.org',
      created_by: null,
      published_at: now,
      cancelled_at: null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (spec.tags?.length) await db.insertInto('event_tags').values(spec.tags.map((tag) => ({ event_id: event.id, tag }))).execute();
  return event;
}

export async function insertPool(db: Db, eventId: number, capacity: number, name = 'General admission'): Promise<number> {
  return (await db.insertInto('capacity_pools').values({ event_id: eventId, name, capacity, sold: 0 }).returning('id').executeTakeFirstOrThrow()).id;
}

export interface TicketSpec {
  name: string;
  description?: string;
  audience?: TicketAudience;
  priceCents: number;
  memberDiscount?: boolean;
  seatsPerUnit?: number;
  isAddOn?: boolean;
  maxPerOrder?: number;
}

export async function insertTicketType(db: Db, eventId: number, poolId: number, t: TicketSpec, position: number): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('ticket_types')
    .values({
      event_id: eventId,
      pool_id: poolId,
      name: t.name,
      description: t.description ?? null,
      audience: t.audience ?? 'anyone',
      price_cents: t.priceCents,
      member_discount: t.memberDiscount ?? false,
      seats_per_unit: t.seatsPerUnit ?? 1,
      is_add_on: t.isAddOn ?? false,
      max_per_order: t.maxPerOrder ?? 10,
      sales_start_at: null,
      sales_end_at: null,
      position,
      retired_at: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * A Fall-Forum-like event: the demo's six ticket types (full, member day pass, student, presenter,
 * school team of five, an add-on workshop with its own 40-seat pool) sharing one pool, and its tags.
 */
export async function insertFallForum(db: Db, organiserId: number, slug: string, title = FALL_FORUM.title): Promise<CoalitionEvent> {
  const event = await insertEvent(db, organiserId, { slug, title, kind: 'conference', inDays: FALL_FORUM.inDays, days: FALL_FORUM.days, tags: FALL_FORUM.tags });
  const shared = await insertPool(db, event.id, FALL_FORUM.capacity);
  let position = 0;
  for (const t of FALL_FORUM.tickets) {
    const pool = t.addOnSeats ? await insertPool(db, event.id, t.addOnSeats, t.name) : shared;
    await insertTicketType(db, event.id, pool, {
      name: t.name,
      description: t.description,
      audience: t.audience,
      priceCents: Math.round(t.priceDollars * 100),
      memberDiscount: t.memberDiscount,
      seatsPerUnit: t.seatsPerUnit,
      isAddOn: !!t.addOnSeats,
      maxPerOrder: t.maxPerOrder,
    }, position++);
  }
  return event;
}

/**
 * `count` verified people (no password: they never sign in through the form) and a one-day
 * session for each, in batches. Returns the session tokens, in person order.
 */
export async function peopleWithSessions(db: Db, count: number): Promise<string[]> {
  const now = new Date().toISOString();
  const ids: number[] = [];
  for (let from = 0; from < count; from += 500) {
    const rows = Array.from({ length: Math.min(500, count - from) }, (_, k) => {
      const i = from + k;
      return { email: `bench-person-${i}@bench.example.org`, name: `Bench Person ${i}`, locale: 'en', password_hash: null, email_verified_at: now, created_at: now, updated_at: now };
    });
    ids.push(...(await db.insertInto('people').values(rows).returning('id').execute()).map((r) => r.id));
  }
  const tokens: string[] = [];
  for (const id of ids) tokens.push(await startSession(db, id, { days: 1, userAgent: 'coalition-bench-events' }));
  return tokens;
}

/** Environment for child servers: loopback only, quiet logs, production mode. */
export const baseEnv = (): NodeJS.ProcessEnv => ({ ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production' });

/** The real `coalition serve` with the shipped Node flags (plus BENCH_HUB_NODE_OPTIONS, e.g. `--cpu-prof`), on the given database. */
export async function startHub(env: NodeJS.ProcessEnv): Promise<Server> {
  const port = await freePort();
  return startServer(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    env: { ...baseEnv(), ...env, PORT: String(port), NODE_OPTIONS: `${packageJson.coalition.serveNodeOptions} ${process.env.BENCH_HUB_NODE_OPTIONS ?? ''}`.trim() },
    port,
    readyPath: '/healthz',
    timeoutMs: 60_000,
  });
}

export async function startHello(): Promise<Server> {
  const port = await freePort();
  return startServer(process.execPath, ['--import', 'tsx', 'bench/hello-world.ts'], { env: { ...baseEnv(), PORT: String(port) }, port, readyPath: '/' });
}

/** Requests/s of a URL at `connections` for `seconds` (autocannon), with p99 and failures. */
export async function rate(url: string, connections: number, seconds: number, headers?: Record<string, string>) {
  const r = await autocannon({ url, connections, duration: seconds, headers, timeout: 10 });
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, bad: r.non2xx + r.errors + r.timeouts };
}

export const loadAverage = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

export const opt = (args: string[], name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};

export const pct = (sorted: number[], p: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);
