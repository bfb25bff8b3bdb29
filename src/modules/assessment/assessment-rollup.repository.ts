import { sql, type Kysely } from 'kysely';
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
