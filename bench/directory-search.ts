import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import type { Database } from '../src/db/schema.ts';
import { isPostgres } from '../src/db/dialect.ts';
import { searchDirectory } from '../src/modules/directory/directory.service.ts';
import { optimizeSearchIndex } from '../src/modules/directory/directory-search.repository.ts';
import { DirectoryQuery } from '../src/modules/directory/directory.schemas.ts';
import { Layout } from './network-layout.ts';
import { SCALES } from './generate.ts';
import { NAMESAKES, REGIONS } from './generate-data.ts';
import os from 'node:os';
import autocannon from 'autocannon';
import packageJson from '../package.json' with { type: 'json' };
import { ROOT, freePort, startServer } from './processes.ts';

/**
 * Directory search over 100,000 organisations on SQLite and PostgreSQL: server time of the
 * search (query + count, as the page and API run it), p50/p95/p99 per query shape.
 *
 *   node --import tsx bench/directory-search.ts [--pg postgres://…/postgres] [--runs 300] [--pages 10]
 *
 * It builds its own databases holding only organisations (the national layout's 100,000, seed 1,
 * with affiliation statuses spread over them): the search reads nothing else, and generating a
 * million people first would only make the bench slower to start.
 */

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const PG_ADMIN = opt('pg', 'postgres://postgres@127.0.0.1:5432/postgres');
const RUNS = Number(opt('runs', '300'));
/** `--pages 10`: also drive the directory page with autocannon for that many seconds per run. */
const PAGE_SECONDS = Number(opt('pages', '0'));
const STATUSES = ['current', 'current', 'current', 'current', 'grace', 'expired', 'expired', 'pending', null, null];

async function fill(db: Kysely<Database>): Promise<number> {
  const existing = await db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) >= 100_000) return 0;
  const started = performance.now();
  const layout = new Layout(SCALES.national, 1);
  const now = new Date().toISOString();
  let batch: Parameters<typeof insert>[1] = [];
  const insert = (trx: Kysely<Database>, rows: ReturnType<Layout['organisationRows']> extends Generator<infer R> ? R[] : never) => trx.insertInto('organisations').values(rows).execute();
  await db.transaction().execute(async (trx) => {
    for (const row of layout.organisationRows(0, now)) {
      batch.push({ ...row, affiliation_status: STATUSES[Number(row.id) % STATUSES.length] ?? null, principles_focus: '1,3' });
      if (batch.length === 400) {
        await insert(trx, batch);
        batch = [];
      }
    }
    if (batch.length > 0) await insert(trx, batch);
  });
  // VACUUM as well as ANALYZE: autovacuum would have run on any live database; without it the
  // visibility map is empty and every index-only count visits the heap.
  if (isPostgres(db)) await sql`VACUUM ANALYZE`.execute(db);
  else {
    // What an import of this size should be followed by (see optimizeSearchIndex).
    await optimizeSearchIndex(db);
    await sql`PRAGMA optimize`.execute(db);
  }
  return Math.round(performance.now() - started) / 1000;
}

// The vocabulary the generated data is made of: namesakes (one-word ones), every city and its state.
const NAMES = NAMESAKES.filter((n) => !n.includes(' ')).map((n) => n.toLowerCase());
const CITIES = REGIONS.flatMap((r) => r.cities).filter((c) => !c.city.includes(' ') && !c.city.includes('.'));
const STATES = [...new Set(CITIES.map((c) => c.state))];
const at = <T,>(list: readonly T[], i: number, stride = 1) => list[(i * stride) % list.length]!;

/**
 * Query shapes, each cycling through many values from that vocabulary (a different word, state,
 * center or prefix on every run), so no single cached plan or page flatters it.
 */
const SHAPES: [string, (i: number) => Record<string, unknown>][] = [
  ['word + kind + state', (i) => ({ q: at(NAMES, i), kind: 'school', state: at(STATES, i, 7) })],
  ['prefix (last word typed) + state + grades', (i) => ({ q: at(NAMES, i).slice(0, 3 + (i % 2)), state: at(STATES, i, 5), grades: at(['elementary', 'middle', 'high'], i) })],
  ['two words + member status + kind', (i) => ({ q: `${at(NAMES, i)} ${at(['high', 'academy', 'middle', 'elementary', 'community', 'school'], i, 5)}`, status: 'member', kind: 'school' })],
  ['city word + kind + center', (i) => ({ q: at(CITIES, i).city.toLowerCase(), kind: 'school', center: 2 + ((i * 37) % 200) })],
  ['word + state + status', (i) => ({ q: at(NAMES, i, 3), state: at(STATES, i, 11), status: at(['member', 'expired', 'current'], i) })],
  ['common word "school" + kind + state (worst case)', (i) => ({ q: 'school', kind: 'school', state: at(STATES, i, 3) })],
  ['filters only: kind + state, by name', (i) => ({ kind: 'school', state: at(STATES, i, 3) })],
  ['no filters, page 40, by name', () => ({ page: 40 })],
];

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function measure(db: Kysely<Database>) {
  const out: { shape: string; p50: number; p95: number; p99: number; total: string }[] = [];
  for (const [name, make] of SHAPES) {
    for (let i = 0; i < 20; i++) await searchDirectory(db, DirectoryQuery.parse(make(i))); // warm-up
    const times: number[] = [];
    let total = '';
    for (let i = 0; i < RUNS; i++) {
      const q = DirectoryQuery.parse(make(i));
      const t0 = performance.now();
      const r = await searchDirectory(db, q);
      times.push(performance.now() - t0);
      if (i === 0) total = r.totalCapped ? `>${r.total}` : String(r.total);
    }
    times.sort((a, b) => a - b);
    out.push({ shape: name, p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99), total });
  }
  return out;
}

/**
 * The search page under load: the real server (run as `coalition serve` runs it, with the shipped
 * Node flags) and a bare Fastify hello-world, driven in the same run at 50 connections, hello-world
 * first and last. Two search pages: one URL asked again and again, and 400 different searches in
 * turn (word and state varying). Signed-out visitors get stored search pages (30 s, one per
 * normalised query), so both mostly measure the store; see docs/benchmarks.md for the uncached rate.
 */
async function pages(name: string, env: NodeJS.ProcessEnv, lines: string[]) {
  const base = { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production' };
  const helloPort = await freePort();
  const hello = await startServer(process.execPath, ['--import', 'tsx', 'bench/hello-world.ts'], { env: { ...base, PORT: String(helloPort) }, port: helloPort, readyPath: '/' });
  const appPort = await freePort();
  const app = await startServer(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    env: { ...base, ...env, PORT: String(appPort), NODE_OPTIONS: packageJson.coalition.serveNodeOptions },
    port: appPort,
    readyPath: '/healthz',
  });
  const searches = Array.from({ length: 400 }, (_, i) => `/directory?q=${at(NAMES, i)}&state=${at(STATES, i, 7)}&kind=school`);
  const run = async (url: string, paths?: string[]) => {
    let i = 0;
    const r = await autocannon({
      url,
      connections: 50,
      duration: PAGE_SECONDS,
      ...(paths && { requests: [{ setupRequest: (req: any) => ({ ...req, path: paths[i++ % paths.length]! }) }] }),
    });
    return { rps: Math.round(r.requests.average), p99: r.latency.p99, bad: r.non2xx + r.errors + r.timeouts };
  };
  try {
    const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
    const h1 = await run(hello.url);
    const same = await run(`${app.url}${searches[0]}`);
    const varied = await run(app.url, searches);
    const h2 = await run(hello.url);
    const helloRate = (h1.rps + h2.rps) / 2;
    lines.push(`${name}: load average ${load}; hello-world ${h1.rps.toLocaleString('en-US')} / ${h2.rps.toLocaleString('en-US')} req/s (first / last)`, '');
    lines.push('| Database | Page at 50 connections | req/s | vs hello-world | p99 ms | non-2xx |', '| --- | --- | ---: | ---: | ---: | ---: |');
    for (const [label, m] of [[`one search, repeated (${searches[0]})`, same], ['400 different searches in turn (each rendered once, then stored)', varied]] as const) {
      lines.push(`| ${name} | ${label} | ${m.rps.toLocaleString('en-US')} | ${((m.rps / helloRate) * 100).toFixed(1)}% | ${m.p99} | ${m.bad} |`);
    }
    lines.push('');
  } finally {
    await app.stop();
    await hello.stop();
  }
}

async function main() {
  const dir = path.join(ROOT, 'data', 'bench-directory');
  fs.mkdirSync(dir, { recursive: true });
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'hub_bench_directory'");
  if (exists.rowCount === 0) await admin.query('CREATE DATABASE hub_bench_directory');
  await admin.end();
  const pgUrl = new URL(PG_ADMIN);
  pgUrl.pathname = '/hub_bench_directory';
  // The server finds its SQLite file as DATA_DIR/coalition.sqlite.
  const targets = [
    { name: 'SQLite', handle: openDatabase({ sqlitePath: path.join(dir, 'coalition.sqlite') }), env: { DATA_DIR: dir } },
    { name: 'PostgreSQL', handle: openDatabase({ databaseUrl: pgUrl.toString(), sqlitePath: '' }), env: { DATABASE_URL: pgUrl.toString() } },
  ];
  const lines: string[] = [];
  for (const { name, handle, env } of targets) {
    try {
      await migrateToLatest(handle.db);
      const seconds = await fill(handle.db);
      console.log(`${name}: ${seconds ? `loaded 100,000 organisations in ${seconds} s` : 'organisations already loaded'}; ${RUNS} searches per shape`);
      lines.push(`| ${name} | shape | p50 ms | p95 ms | p99 ms | matches (first query) |`, '| --- | --- | ---: | ---: | ---: | ---: |');
      for (const r of await measure(handle.db)) {
        const row = `| ${name} | ${r.shape} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.total} |`;
        console.log(row);
        lines.push(row);
      }
      lines.push('');
    } finally {
      await handle.destroy();
    }
    if (PAGE_SECONDS > 0) await pages(name, env, lines);
  }
  console.log(`\n${lines.join('\n')}`);
}

await main();
