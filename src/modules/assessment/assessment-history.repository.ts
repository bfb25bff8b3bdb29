import type { Kysely } from 'kysely';
import type { AssessmentCycle, AssessmentRating, Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

// Read-only questions over cycles and ratings for the history, report and shared-summary pages.
// Writes stay in assessment.repository.ts; nothing here changes a row.

/** Every cycle of one school (all frameworks), oldest school year first; drafts only when asked for. */
export function findCyclesOfSchool(db: Db, schoolId: number, opts: { includeDrafts: boolean }): Promise<AssessmentCycle[]> {
  let q = db.selectFrom('assessment_cycles').selectAll().where('school_id', '=', schoolId);
  if (!opts.includeDrafts) q = q.where('status', '!=', 'draft');
  return q.orderBy('school_year').orderBy('id').execute();
}

/** The ratings of several cycles at once (one query for a whole history). */
export function findRatingsOfCycles(db: Db, cycleIds: number[]): Promise<AssessmentRating[]> {
  if (cycleIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('assessment_ratings').selectAll().where('cycle_id', 'in', cycleIds).execute();
}

/** Cycles a school shared network-wide (never a draft), newest school year first, a page at a time. */
export function findSharedCycles(db: Db, page: { limit: number; offset: number }): Promise<AssessmentCycle[]> {
  return db
    .selectFrom('assessment_cycles')
    .selectAll()
    .where('visibility', '=', 'network_summary')
    .where('status', '!=', 'draft')
    .orderBy('school_year', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countSharedCycles(db: Db): Promise<number> {
  const row = await db
    .selectFrom('assessment_cycles')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('visibility', '=', 'network_summary')
    .where('status', '!=', 'draft')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
