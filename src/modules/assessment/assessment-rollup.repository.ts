import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../db/dialect.ts';
import type { Database, RatingSource } from '../../db/schema.ts';

type Db = Kysely<Database>;

// The counts behind the network roll-ups (assessment_level_counts). Ratings are counted once, when
// they are frozen, in the transaction that freezes them; see the migration for why.

/**
 * Adds one cycle's frozen ratings to the counts: the school's (`source` 'school', on submission) or
 * the coach's ('coach', when the review is finished). `centerId` is the school's center then.
 */
export async function addCycleLevels(db: Db, cycleId: number, centerId: number | null, source: RatingSource): Promise<void> {
  const level = source === 'school' ? sql.ref('r.level_key') : sql.ref('r.coach_level_key');
  await sql`
    insert into assessment_level_counts (framework_id, school_year, center_id, benchmark_key, source, level_key, schools)
    select c.framework_id, c.school_year, ${centerId ?? 0}, r.benchmark_key, ${source}, ${level}, 1
    from assessment_ratings r join assessment_cycles c on c.id = r.cycle_id
    where c.id = ${cycleId} and ${level} is not null
    on conflict (framework_id, school_year, center_id, benchmark_key, source, level_key)
    do update set schools = assessment_level_counts.schools + excluded.schools
  `.execute(db);
}

/**
 * Keeps every other writer of the counts out until the caller's transaction ends; run it first in
 * a recount's transaction. On PostgreSQL a freezing transaction's upsert (addCycleLevels) takes
 * ROW EXCLUSIVE on the table, which SHARE ROW EXCLUSIVE conflicts with, so the two take turns:
 * a submission that already added its counts makes the recount wait until it commits (the recount
 * then reads it as submitted and deletes its rows first), and one that comes later waits for the
 * recount to commit before adding to the new counts. Without it, a row the submission inserted is
 * invisible to the recount's delete, and its insert then hits that row's key. Readers (ACCESS
 * SHARE) are not held up: they see the old counts until the recount commits. Self-exclusive, so two
 * recounts take turns too. SQLite has one writer at a time already, so there is nothing to do.
 */
export async function lockLevelCounts(db: Db): Promise<void> {
  if (isPostgres(db)) await sql`lock table assessment_level_counts in share row exclusive mode`.execute(db);
}

/**
 * Recounts everything from the frozen ratings: school ratings of submitted and reviewed cycles,
 * coach ratings of reviewed ones, each under the school's *current* center. Run inside the
 * caller's transaction (delete, then one insert…select), so readers see the old counts or the new.
 * Returns how many count rows there are now.
 *
 * The school's center is read here, from organisations.center_id, instead of through the
 * organisations service: at 100,000 schools a school→center map would have to travel back into
 * the database as 100,000 bound values (over SQLite's and PostgreSQL's parameter limits, or a
 * temporary table), to be joined to 4 million ratings. The join keeps it one statement.
 */
export async function recountLevels(db: Db): Promise<number> {
  await db.deleteFrom('assessment_level_counts').execute();
  await sql`
    insert into assessment_level_counts (framework_id, school_year, center_id, benchmark_key, source, level_key, schools)
    select framework_id, school_year, center_id, benchmark_key, source, level_key, count(*)
    from (
      select c.framework_id, c.school_year, coalesce(o.center_id, 0) as center_id, r.benchmark_key, 'school' as source, r.level_key as level_key
      from assessment_cycles c
      join assessment_ratings r on r.cycle_id = c.id
      left join organisations o on o.id = c.school_id
      where c.status in ('submitted', 'reviewed') and r.level_key is not null
      union all
      select c.framework_id, c.school_year, coalesce(o.center_id, 0), r.benchmark_key, 'coach', r.coach_level_key
      from assessment_cycles c
      join assessment_ratings r on r.cycle_id = c.id
      left join organisations o on o.id = c.school_id
      where c.status = 'reviewed' and r.coach_level_key is not null
    ) frozen
    group by framework_id, school_year, center_id, benchmark_key, source, level_key
  `.execute(db);
  const { n } = await db.selectFrom('assessment_level_counts').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

/** A count of schools at a level, summed over the centers asked for. */
export interface LevelCountRow {
  school_year: string;
  benchmark_key: string;
  level_key: string;
  schools: number;
}

export interface LevelCountFilter {
  frameworkId: number;
  source: RatingSource;
  /** One year, or every year (over cycles). */
  schoolYear?: string;
  /** Only these centers (0 = schools without one); undefined = the whole network. */
  centerIds?: number[];
}

/** Schools per year, benchmark and level, summed over the chosen centers. Reads only the counts. */
export async function sumLevelCounts(db: Db, f: LevelCountFilter): Promise<LevelCountRow[]> {
  if (f.centerIds && f.centerIds.length === 0) return [];
  let q = db
    .selectFrom('assessment_level_counts')
    .select(['school_year', 'benchmark_key', 'level_key'])
    .select((eb) => eb.fn.sum<number | string>('schools').as('schools'))
    .where('framework_id', '=', f.frameworkId)
    .where('source', '=', f.source);
  if (f.schoolYear !== undefined) q = q.where('school_year', '=', f.schoolYear);
  if (f.centerIds) q = q.where('center_id', 'in', f.centerIds);
  const rows = await q.groupBy(['school_year', 'benchmark_key', 'level_key']).execute();
  // PostgreSQL's sum() of integers is a bigint, which the driver returns as a string.
  return rows.map((r) => ({ ...r, schools: Number(r.schools) }));
}

/** The school years that have any counts for the framework, newest first. */
export async function findCountedYears(db: Db, frameworkId: number): Promise<string[]> {
  const rows = await db.selectFrom('assessment_level_counts').select('school_year').distinct().where('framework_id', '=', frameworkId).orderBy('school_year', 'desc').execute();
  return rows.map((r) => r.school_year);
}
