import os from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { Database, Framework } from '../src/db/schema.ts';
import { levelDistribution, levelsOverCycles, rebuildLevelCounts } from '../src/modules/assessment/assessment-rollup.service.ts';
import { seedDemoFrameworks } from '../src/modules/framework/framework.demo.ts';
import { benchmarksOf, getFrameworkBySlug, getPublishedTree } from '../src/modules/framework/framework-read.service.ts';
import { freshDatabase, PG_ADMIN_DEFAULT } from './event-fixtures.ts';

/**
 * Network roll-up of self-assessment levels over 100,000 schools × 3 school years × 14 benchmarks
 * (4.2 million ratings, all submitted, a third reviewed, over 10 centers), on SQLite and PostgreSQL:
 * load, rebuild the counts, then time the roll-up functions the /improvement page calls.
 *
 *   node --import tsx bench/assessment-rollup.ts [--schools 100000] [--runs 200] [--db sqlite,postgres] [--pg postgres://…/postgres]
 *
 * Each run uses a throw-away database (made and dropped here).
 */

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const SCHOOLS = Number(opt('schools', '100000'));
const RUNS = Number(opt('runs', '200'));
const DBS = opt('db', 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];
const PG_ADMIN = opt('pg', PG_ADMIN_DEFAULT);
const CENTERS = 10;
const YEARS = ['2023-24', '2024-25', '2025-26'];
const BATCH = 1000;

type Db = Kysely<Database>;

const ms = (t0: number) => performance.now() - t0;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/** Schools in batches of multi-row inserts in one transaction; ids are explicit so later statements can compute from them. */
async function loadOrganisations(db: Db): Promise<number[]> {
  const now = new Date().toISOString();
  const centerIds = Array.from({ length: CENTERS }, (_, i) => 1_000_000 + i);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('organisations').values(centerIds.map((id, i) => ({ id, slug: `bench-center-${i}`, name: `Bench Center ${i}`, kind: 'affiliate_center' as const, created_at: now, updated_at: now }))).execute();
    for (let start = 1; start <= SCHOOLS; start += BATCH) {
      const rows = [];
      for (let id = start; id < Math.min(start + BATCH, SCHOOLS + 1); id++) {
        // One school in twenty has no center, like the network's unaffiliated schools.
        rows.push({ id, slug: `bench-school-${id}`, name: `Bench School ${id}`, kind: 'school' as const, center_id: id % 20 === 0 ? null : centerIds[id % CENTERS]!, created_at: now, updated_at: now });
      }
      await trx.insertInto('organisations').values(rows).execute();
    }
  });
  return centerIds;
}

/**
 * Cycles and ratings in two insert…select statements each database runs on its own (no rows cross
 * the wire): one cycle per school and year, every third one reviewed; 14 ratings per cycle with
 * levels spread by a hash of the ids, the coach's a level lower on some benchmarks.
 */
async function loadRatings(db: Db, framework: Framework, keys: string[]): Promise<void> {
  const now = new Date().toISOString();
  const years = sql.raw(YEARS.map((y, i) => `select '${y}' as school_year, ${i} as n`).join(' union all '));
  const benchmarks = sql.raw(keys.map((k, i) => `select '${k}' as benchmark_key, ${i} as n`).join(' union all '));
  // Modulo a prime (97), so the level is not tied to the center (which follows the school id modulo 10).
  const level = (expr: string) => sql.raw(`case when (${expr}) % 97 < 29 then 'early' when (${expr}) % 97 < 68 then 'developing' else 'sustaining' end`);
  await db.transaction().execute(async (trx) => {
    await sql`
      insert into assessment_cycles (school_id, framework_id, version_id, school_year, status, visibility, opened_by, submitted_at, submitted_by, reviewed_at, reviewed_by, created_at, updated_at)
      select o.id, ${framework.id}, ${framework.current_version_id}, y.school_year,
        case when (o.id + y.n) % 3 = 0 then 'reviewed' else 'submitted' end, 'private', null, ${now}, null,
        case when (o.id + y.n) % 3 = 0 then ${now} else null end, null, ${now}, ${now}
      from organisations o cross join (${years}) y
      where o.kind = 'school'
    `.execute(trx);
    await sql`
      insert into assessment_ratings (cycle_id, benchmark_key, level_key, comment, revision, updated_by, updated_at, coach_level_key, coach_comment, coach_by, coach_at)
      select c.id, b.benchmark_key, ${level('c.school_id * 7919 + b.n * 104729 + c.id * 31')}, '', 1, null, ${now},
        case when c.status = 'reviewed' then ${level('c.school_id * 7907 + b.n * 104723 + c.id * 37')} else null end, null, null,
        case when c.status = 'reviewed' then ${now} else null end
      from assessment_cycles c cross join (${benchmarks}) b
    `.execute(trx);
  });
}

interface Case {
  name: string;
  run: () => Promise<unknown>;
}

async function benchOne(kind: 'sqlite' | 'postgres'): Promise<void> {
  const bench = await freshDatabase(kind, 'rollup', PG_ADMIN);
  const db = bench.handle.db;
  try {
    await seedDemoFrameworks(db);
    const framework = await getFrameworkBySlug(db, 'common-principles');
    const keys = benchmarksOf(await getPublishedTree(db, framework)).map((b) => b.key);
    let t0 = performance.now();
    const centerIds = await loadOrganisations(db);
    const orgMs = ms(t0);
    t0 = performance.now();
    await loadRatings(db, framework, keys);
    const ratingsMs = ms(t0);
    if (kind === 'postgres') await sql`analyze`.execute(db);
    else await sql`analyze`.execute(db);
    t0 = performance.now();
    await rebuildLevelCounts(db);
    const rebuildMs = ms(t0);
    const ratings = Number((await db.selectFrom('assessment_ratings').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
    const countRows = Number((await db.selectFrom('assessment_level_counts').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
    console.log(`\n${bench.name}: ${SCHOOLS.toLocaleString('en')} schools, ${ratings.toLocaleString('en')} ratings → ${countRows.toLocaleString('en')} count rows`);
    console.log(`  load: organisations ${(orgMs / 1000).toFixed(1)} s, cycles + ratings ${(ratingsMs / 1000).toFixed(1)} s; rebuildLevelCounts ${(rebuildMs / 1000).toFixed(1)} s`);
    const cases: Case[] = [
      { name: 'select 1 (baseline)', run: () => sql`select 1`.execute(db) },
      { name: 'whole network, latest year', run: () => levelDistribution(db, { framework, source: 'school' }) },
      { name: 'one center, latest year', run: () => levelDistribution(db, { framework, source: 'school', centerIds: [centerIds[3]!] }) },
      { name: 'over cycles (3 years), network', run: () => levelsOverCycles(db, { framework, source: 'school' }) },
      { name: 'coach ratings, latest year', run: () => levelDistribution(db, { framework, source: 'coach' }) },
    ];
    const results: { name: string; p50: number; p95: number }[] = [];
    for (const c of cases) {
      for (let i = 0; i < 10; i++) await c.run();
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const s = performance.now();
        await c.run();
        times.push(ms(s));
      }
      results.push({ name: c.name, p50: pct(times, 50), p95: pct(times, 95) });
    }
    const base = results[0]!.p50;
    console.log(`\n| ${bench.name} (${RUNS} runs) | p50 ms | p95 ms | p50 ÷ select 1 |\n|---|---:|---:|---:|`);
    for (const r of results) console.log(`| ${r.name} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${(r.p50 / base).toFixed(1)}× |`);
    const check = await levelDistribution(db, { framework, source: 'school' });
    console.log(`  check: ${check.schoolYear}, first benchmark ${check.benchmarks[0]!.counts.join('/')} of ${check.benchmarks[0]!.total}`);
  } finally {
    await bench.handle.destroy();
    await bench.drop();
  }
}

console.log(`Roll-up bench: node ${process.version}, ${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`);
for (const kind of DBS) await benchOne(kind);
