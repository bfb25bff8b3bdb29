import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/db/schema.ts';
import { isPostgres } from '../src/db/dialect.ts';
import { hashPassword } from '../src/platform/auth/passwords.ts';
import { Layout } from './network-layout.ts';

/**
 * The benchmark-scale network generator behind `coalition generate --scale …`.
 *
 * Everything about an organisation or a person is a pure function of (seed, index), so the same
 * seed always gives the same network, and rows are produced one batch at a time: memory stays flat
 * at any scale. Rows go in with explicit ids as multi-row INSERTs inside large transactions.
 */

export const SCALE_NAMES = ['national', 'regional', 'small'] as const;
export type ScaleName = (typeof SCALE_NAMES)[number];

export interface Scale {
  organisations: number;
  people: number;
  regions: number;
  centers: number;
  /** Partners and other organisations (about a quarter are "other"). */
  partners: number;
  /** Network admins at the national office. */
  admins: number;
  /** People per center: one director, the rest coaches. */
  centerStaff: number;
  partnerStaff: number;
}

export const SCALES: Record<ScaleName, Scale> = {
  // 1 national office + 200 centers + 1,300 partners + 98,499 schools = 100,000 organisations.
  national: { organisations: 100_000, people: 1_000_000, regions: 10, centers: 200, partners: 1_300, admins: 10, centerStaff: 5, partnerStaff: 3 },
  regional: { organisations: 10_000, people: 100_000, regions: 2, centers: 20, partners: 130, admins: 5, centerStaff: 5, partnerStaff: 3 },
  small: { organisations: 500, people: 2_000, regions: 2, centers: 5, partners: 10, admins: 3, centerStaff: 5, partnerStaff: 2 },
};

/** The password every generated person has (see the note on the shared hash below). */
export const GENERATED_PASSWORD = 'bench-password-2026';

export interface GenerateReport {
  scale: ScaleName;
  seed: number;
  organisations: number;
  people: number;
  roles: number;
  seconds: number;
  rowsPerSecond: number;
}

type Log = (line: string) => void;

/**
 * Writes a whole generated network into an empty database (one without organisations).
 * `log` receives progress lines with rows per second.
 */
export async function generateNetwork(db: Kysely<Database>, opts: { scale: ScaleName; seed: number; log?: Log }): Promise<GenerateReport> {
  const log = opts.log ?? (() => {});
  const scale = SCALES[opts.scale];
  const existing = await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
  if (existing) throw new Error('generate writes a whole network into an empty database, and this one already has organisations.');

  const started = performance.now();
  const layout = new Layout(scale, opts.seed);
  const base = await baseIds(db);
  // One argon2id hash shared by every generated person. Hashing is slow and memory-hard on purpose
  // (tens of ms and 19 MiB each): a million hashes would take hours and measure nothing the
  // benchmarks are about. A real system never shares a salt between people; this data is synthetic.
  const passwordHash = await hashPassword(GENERATED_PASSWORD);
  const now = new Date().toISOString();

  const orgBatch = batchSizeFor(isPostgres(db), 22);
  const organisations = await insertInTransactions(db, log, 'organisations', orgBatch, 50, layout.organisationRows(base.organisations, now), async (trx, rows) => {
    await trx.insertInto('organisations').values(rows).execute();
  });
  const personBatch = batchSizeFor(isPostgres(db), 8);
  const people = await insertInTransactions(db, log, 'people + roles', personBatch, 100, layout.peopleRows(base, passwordHash), async (trx, rows) => {
    await trx.insertInto('people').values(rows.map((r) => r.person)).execute();
    await trx.insertInto('roles').values(rows.map((r) => r.role)).execute();
  });

  if (isPostgres(db)) {
    // Rows went in with explicit ids, which identity sequences do not notice: move them past the max.
    for (const table of ['organisations', 'people', 'roles']) {
      await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), (SELECT max(id) FROM ${sql.table(table)}))`.execute(db);
    }
  }
  log('analyzing tables for the query planner…');
  await sql`ANALYZE`.execute(db);
  await db
    .insertInto('settings')
    .values({ key: 'bench.generated', value: JSON.stringify({ scale: opts.scale, seed: opts.seed, at: now }) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
    .execute();

  const seconds = (performance.now() - started) / 1000;
  const rows = organisations + people * 2;
  return { scale: opts.scale, seed: opts.seed, organisations, people, roles: people, seconds: round(seconds, 1), rowsPerSecond: Math.round(rows / seconds) };
}

/**
 * Rows per INSERT: about 1,000, within PostgreSQL's 65,535 bind parameters and SQLite's 32,766.
 */
function batchSizeFor(postgres: boolean, columns: number): number {
  const limit = postgres ? 65_535 : 32_766;
  return Math.min(1000, Math.floor(limit / columns));
}

async function baseIds(db: Kysely<Database>) {
  const max = async (table: 'organisations' | 'people' | 'roles') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0);
  return { organisations: await max('organisations'), people: await max('people'), roles: await max('roles') };
}

/** Streams rows into the database: `perInsert` rows per statement, `insertsPerTransaction` statements per commit. */
async function insertInTransactions<T>(
  db: Kysely<Database>,
  log: Log,
  label: string,
  perInsert: number,
  insertsPerTransaction: number,
  rows: Iterator<T>,
  write: (trx: Kysely<Database>, batch: T[]) => Promise<void>,
): Promise<number> {
  const started = performance.now();
  let total = 0;
  let lastLog = started;
  let lastTotal = -1;
  let done = false;
  while (!done) {
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < insertsPerTransaction && !done; i++) {
        const batch: T[] = [];
        for (let next = rows.next(); ; next = rows.next()) {
          if (next.done) {
            done = true;
            break;
          }
          batch.push(next.value);
          if (batch.length === perInsert) break;
        }
        if (batch.length) await write(trx, batch);
        total += batch.length;
      }
    });
    const t = performance.now();
    if ((t - lastLog > 2000 || done) && total !== lastTotal) {
      lastLog = t;
      lastTotal = total;
      const rate = Math.round(total / ((t - started) / 1000));
      log(`${label}: ${total.toLocaleString('en-US')} at ${rate.toLocaleString('en-US')}/s`);
    }
  }
  return total;
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
