import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import type { Database } from '../src/db/schema.ts';
import { isPostgres } from '../src/db/dialect.ts';
import { searchDirectory } from '../src/modules/directory/directory.service.ts';
import { DirectoryQuery } from '../src/modules/directory/directory.schemas.ts';
import { Layout } from './network-layout.ts';
import { SCALES } from './generate.ts';
import { ROOT } from './processes.ts';

/**
 * Directory search over 100,000 organisations on SQLite and PostgreSQL: server time of the
 * search (query + count, as the page and API run it), p50/p95/p99 per query shape.
 *
 *   node --import tsx bench/directory-search.ts [--pg postgres://…/postgres] [--runs 300]
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
  if (isPostgres(db)) await sql`ANALYZE`.execute(db);
  else await sql`PRAGMA optimize`.execute(db);
  return Math.round(performance.now() - started) / 1000;
}

/** Query shapes, each cycling through several values so no single cached plan or page flatters it. */
const SHAPES: [string, (i: number) => Record<string, unknown>][] = [
  ['word + kind + state', (i) => ({ q: ['lincoln', 'roosevelt', 'chavez', 'tubman', 'dewey'][i % 5], kind: 'school', state: ['CA', 'TX', 'NY', 'IL', 'OH'][i % 5] })],
  ['prefix (last word typed) + state + grades', (i) => ({ q: ['lin', 'roos', 'cha', 'hug', 'par'][i % 5], state: ['CA', 'TX', 'NY', 'IL', 'OH'][i % 5], grades: 'high' })],
  ['two words + member status + kind', (i) => ({ q: ['lincoln high', 'king academy', 'parks middle', 'dewey elementary', 'carver community'][i % 5], status: 'member', kind: 'school' })],
  ['city word + kind + center', (i) => ({ q: ['oakland', 'chicago', 'houston', 'boston', 'denver'][i % 5], kind: 'school', center: 2 + (i % 200) })],
  ['common word "school" + kind + state (worst case)', (i) => ({ q: 'school', kind: 'school', state: ['CA', 'TX', 'NY', 'IL', 'OH'][i % 5] })],
  ['filters only: kind + state, by name', (i) => ({ kind: 'school', state: ['CA', 'TX', 'NY', 'IL', 'OH'][i % 5] })],
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
  const targets = [
    { name: 'SQLite', handle: openDatabase({ sqlitePath: path.join(dir, 'directory.sqlite') }) },
    { name: 'PostgreSQL', handle: openDatabase({ databaseUrl: pgUrl.toString(), sqlitePath: '' }) },
  ];
  const lines: string[] = [];
  for (const { name, handle } of targets) {
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
  }
  console.log(`\n${lines.join('\n')}`);
}

await main();
