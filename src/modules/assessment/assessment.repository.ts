import type { Insertable, Kysely } from 'kysely';
import type { AssessmentCycle, AssessmentCycleTable, CycleVisibility, AssessmentEvidence, AssessmentEvidenceTable, AssessmentRating, Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

// Cycles, ratings and evidence. Every write to a cycle's ratings or evidence runs in a transaction
// that first touches the cycle row with a guarded update (lockDraftCycle, lockSubmittedCycle): on
// PostgreSQL that row lock makes a save and a submission (or a finished review) take turns, and the
// guard re-reads the status after waiting, so nothing lands once the status has moved. A status
// subquery alone is not enough there: it reads the snapshot taken when the statement began.

export function insertCycle(db: Db, row: Insertable<AssessmentCycleTable>): Promise<AssessmentCycle> {
  return db.insertInto('assessment_cycles').values(row).returningAll().executeTakeFirstOrThrow();
}

export function insertBlankRatings(db: Db, cycleId: number, keys: string[], now: string): Promise<unknown> {
  if (keys.length === 0) return Promise.resolve();
  return db
    .insertInto('assessment_ratings')
    .values(keys.map((k) => ({ cycle_id: cycleId, benchmark_key: k, level_key: null, comment: '', revision: 0, updated_by: null, updated_at: now, coach_level_key: null, coach_comment: null, coach_by: null, coach_at: null })))
    .execute();
}

export function findCycleById(db: Db, id: number): Promise<AssessmentCycle | undefined> {
  return db.selectFrom('assessment_cycles').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whether the school has opened any cycle (the demo seed adds its cycles only once). */
export async function schoolHasCycle(db: Db, schoolId: number): Promise<boolean> {
  return (await db.selectFrom('assessment_cycles').select('id').where('school_id', '=', schoolId).limit(1).executeTakeFirst()) !== undefined;
}

/** Cycles of these schools (newest year first); with `submittedOnly`, drafts are left out. */
export function findCyclesOfSchools(db: Db, schoolIds: number[], opts: { submittedOnly?: boolean } = {}): Promise<AssessmentCycle[]> {
  if (schoolIds.length === 0) return Promise.resolve([]);
  let q = db.selectFrom('assessment_cycles').selectAll().where('school_id', 'in', schoolIds);
  if (opts.submittedOnly) q = q.where('status', '!=', 'draft');
  return q.orderBy('school_year', 'desc').orderBy('id', 'desc').execute();
}

/** Submitted or reviewed cycles of these schools, most recently submitted first (a center's review queue). */
export function findSubmittedCycles(db: Db, schoolIds: number[]): Promise<AssessmentCycle[]> {
  if (schoolIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('assessment_cycles')
    .selectAll('assessment_cycles')
    .where('status', '!=', 'draft')
    .where('school_id', 'in', schoolIds)
    .orderBy('submitted_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function findRatings(db: Db, cycleId: number): Promise<AssessmentRating[]> {
  return db.selectFrom('assessment_ratings').selectAll().where('cycle_id', '=', cycleId).execute();
}

export function findRating(db: Db, cycleId: number, key: string): Promise<AssessmentRating | undefined> {
  return db.selectFrom('assessment_ratings').selectAll().where('cycle_id', '=', cycleId).where('benchmark_key', '=', key).executeTakeFirst();
}

/**
 * Saves a school rating if nobody saved it since `revision` and the cycle is still a draft.
 * Returns the number of rows changed (0: someone else saved first, or the cycle was submitted).
 */
export async function updateRatingIfCurrent(db: Db, cycleId: number, key: string, revision: number, set: { level_key: string; comment: string; updated_by: number | null; updated_at: string }): Promise<number> {
  const res = await db
    .updateTable('assessment_ratings')
    .set((eb) => ({ ...set, revision: eb('revision', '+', 1) }))
    .where('cycle_id', '=', cycleId)
    .where('benchmark_key', '=', key)
    .where('revision', '=', revision)
    .where('cycle_id', 'in', (eb) => eb.selectFrom('assessment_cycles').select('id').where('id', '=', cycleId).where('status', '=', 'draft'))
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/**
 * Saves a coach rating if nobody saved one since the coach's form was loaded (`seenCoachAt`: the
 * `coach_at` it showed, null when there was none) and the cycle is still submitted; returns rows changed.
 */
export async function updateCoachRating(db: Db, cycleId: number, key: string, seenCoachAt: string | null, set: { coach_level_key: string; coach_comment: string | null; coach_by: number | null; coach_at: string }): Promise<number> {
  const res = await db
    .updateTable('assessment_ratings')
    .set(set)
    .where('cycle_id', '=', cycleId)
    .where('benchmark_key', '=', key)
    .where((eb) => (seenCoachAt === null ? eb('coach_at', 'is', null) : eb('coach_at', '=', seenCoachAt)))
    .where('cycle_id', 'in', (eb) => eb.selectFrom('assessment_cycles').select('id').where('id', '=', cycleId).where('status', '=', 'submitted'))
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Moves a cycle from one status to the next, only if it is still in `from`; returns rows changed. */
export async function moveCycleStatus(db: Db, cycleId: number, from: 'draft' | 'submitted', set: Partial<Pick<AssessmentCycle, 'status' | 'submitted_at' | 'submitted_by' | 'reviewed_at' | 'reviewed_by' | 'updated_at'>>): Promise<number> {
  const res = await db.updateTable('assessment_cycles').set((eb) => ({ ...set, revision: eb('revision', '+', 1) })).where('id', '=', cycleId).where('status', '=', from).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/**
 * Touches a draft cycle (and locks its row until the transaction ends, so a submission waits);
 * returns rows changed: 0 when the cycle is no longer a draft.
 */
export async function lockDraftCycle(db: Db, cycleId: number, now: string): Promise<number> {
  const res = await db.updateTable('assessment_cycles').set((eb) => ({ updated_at: now, revision: eb('revision', '+', 1) })).where('id', '=', cycleId).where('status', '=', 'draft').executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/**
 * Touches a submitted cycle (locking its row, so finishing the review waits for a coach's save);
 * returns rows changed: 0 when the cycle is not (or no longer) submitted.
 */
export async function lockSubmittedCycle(db: Db, cycleId: number, now: string): Promise<number> {
  const res = await db.updateTable('assessment_cycles').set((eb) => ({ updated_at: now, revision: eb('revision', '+', 1) })).where('id', '=', cycleId).where('status', '=', 'submitted').executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Sets who may see the cycle's summary and touches the cycle; returns rows changed (0: it already was). */
export async function updateVisibility(db: Db, cycleId: number, visibility: CycleVisibility, now: string): Promise<number> {
  const res = await db.updateTable('assessment_cycles').set((eb) => ({ visibility, updated_at: now, revision: eb('revision', '+', 1) })).where('id', '=', cycleId).where('visibility', '!=', visibility).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export function insertEvidence(db: Db, row: Insertable<AssessmentEvidenceTable>): Promise<AssessmentEvidence> {
  return db.insertInto('assessment_evidence').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findEvidence(db: Db, cycleId: number): Promise<AssessmentEvidence[]> {
  return db.selectFrom('assessment_evidence').selectAll().where('cycle_id', '=', cycleId).orderBy('id').execute();
}

export function findEvidenceById(db: Db, id: number): Promise<AssessmentEvidence | undefined> {
  return db.selectFrom('assessment_evidence').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Removes one piece of evidence of this cycle; returns rows removed (0: not this cycle's, or gone). */
export async function deleteEvidence(db: Db, cycleId: number, id: number): Promise<number> {
  const res = await db.deleteFrom('assessment_evidence').where('id', '=', id).where('cycle_id', '=', cycleId).executeTakeFirst();
  return Number(res.numDeletedRows);
}
