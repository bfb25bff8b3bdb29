import { sql, type Kysely } from 'kysely';

// Network roll-ups of self-assessment levels, and a revision on each cycle. A roll-up across every school and cycle would scan
// millions of rating rows (100,000 schools × 3 cycles × 14 benchmarks), so the counts are kept
// here instead, added to in the same transaction that freezes the ratings they count: a school's
// when its cycle is submitted, the coach's when the review is finished. Neither changes after that.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('assessment_level_counts')
    .addColumn('framework_id', 'integer', (c) => c.notNull().references('frameworks.id').onDelete('cascade'))
    .addColumn('school_year', 'varchar(9)', (c) => c.notNull())
    // The school's center when the ratings were frozen; 0 for a school without one (a primary key
    // column cannot be null).
    .addColumn('center_id', 'integer', (c) => c.notNull())
    .addColumn('benchmark_key', 'varchar(80)', (c) => c.notNull())
    .addColumn('source', 'varchar(8)', (c) => c.notNull())
    .addColumn('level_key', 'varchar(80)', (c) => c.notNull())
    .addColumn('schools', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_level_counts_pk', ['framework_id', 'school_year', 'center_id', 'benchmark_key', 'source', 'level_key'])
    .execute();

  // Cycles submitted or reviewed before this migration froze ratings that were never counted: count
  // them now, as the rebuild command would (school ratings of submitted and reviewed cycles, coach
  // ratings of reviewed ones, under the school's center, 0 without one). Plain SQL here, since a
  // migration must keep working whatever later becomes of the module's code.
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

  // Rises with every change to a cycle (a rating, evidence, a coach rating, a status or sharing
  // change): the version its page is stored under. updated_at alone could repeat within a millisecond.
  await db.schema.alterTable('assessment_cycles').addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('assessment_cycles').dropColumn('revision').execute();
  await db.schema.dropTable('assessment_level_counts').execute();
}
