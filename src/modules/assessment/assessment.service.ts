import type { Kysely } from 'kysely';
import type { AssessmentCycle, AssessmentEvidence, AssessmentRating, Database, Framework, Organisation } from '../../db/schema.ts';
import { isUniqueViolation, nowIso } from '../../db/dialect.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { enqueueEmail } from '../../platform/mail/mail-jobs.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { listCenterStaff } from '../centers/center-space.service.ts';
import { benchmarksOf, getFrameworkTree, listFrameworks, type BenchmarkNode, type FrameworkTree } from '../framework/framework-read.service.ts';
import { getOrganisationById, getOrganisationsByIds, listSchoolIdsOfCenters } from '../organisations/organisations.service.ts';
import type { CycleRef } from './assessment.policy.ts';
import * as repo from './assessment.repository.ts';
import { cycleSubmittedEmail } from './assessment-emails.ts';
import type { CoachRatingInput, EvidenceInput, RatingInput } from './assessment.schemas.ts';

type Db = Kysely<Database>;

/** A cycle with what its page shows: school, the framework version it was made against, ratings and evidence by benchmark. */
export interface CycleView {
  cycle: AssessmentCycle;
  school: Organisation;
  tree: FrameworkTree;
  ratings: Map<string, AssessmentRating>;
  evidence: Map<string, AssessmentEvidence[]>;
}

/** A cycle in a list, with its school's and framework's names. */
export interface CycleSummary extends AssessmentCycle {
  schoolName: string;
  frameworkName: string;
}

export const refOfCycle = (c: AssessmentCycle, school: Organisation): CycleRef => ({ schoolId: c.school_id, centerId: school.center_id, status: c.status });

/** The cycle's saved school answer was changed by someone else since the form was loaded. */
export class RatingConflict extends AppError {
  constructor(readonly current: AssessmentRating) {
    super(409, 'conflict', 'assessment:errors.ratingConflict');
  }
}

/** The cycle is no longer a draft (or no longer open for coach ratings): nothing is changed. */
export const notEditable = () => conflict('assessment:errors.notEditable');

/** Frameworks a school can assess itself against (those with a published version), the primary first. */
export async function listAssessableFrameworks(db: Db): Promise<Framework[]> {
  return (await listFrameworks(db)).filter((f) => f.current_version_id !== null);
}

/** Cycles of a person's schools (all) and of their centers' schools (submitted ones), with names. */
export async function listCyclesFor(db: Db, schoolIds: number[], centerIds: number[]): Promise<{ schools: Organisation[]; own: CycleSummary[]; toReview: CycleSummary[] }> {
  const [schools, own, toReview, frameworks] = await Promise.all([
    getOrganisationsByIds(db, schoolIds),
    repo.findCyclesOfSchools(db, schoolIds),
    listSchoolIdsOfCenters(db, centerIds).then((ids) => repo.findSubmittedCycles(db, ids)),
    listFrameworks(db),
  ]);
  const orgs = new Map((await getOrganisationsByIds(db, [...own, ...toReview].map((c) => c.school_id))).map((o) => [o.id, o.name]));
  const fw = new Map(frameworks.map((f) => [f.id, f.name]));
  const named = (c: AssessmentCycle): CycleSummary => ({ ...c, schoolName: orgs.get(c.school_id) ?? '?', frameworkName: fw.get(c.framework_id) ?? '?' });
  return { schools: schools.filter((s) => s.kind === 'school').sort((a, b) => a.name.localeCompare(b.name)), own: own.map(named), toReview: toReview.filter((c) => !schoolIds.includes(c.school_id)).map(named) };
}

/**
 * Opens a cycle for a school year against the framework's current published version (kept on the
 * cycle for good), with a blank rating per benchmark. One per school, framework and year: a second
 * is refused with a message on the year field.
 */
export async function openCycle(db: Db, actor: Actor, input: { school: Organisation; framework: Framework; schoolYear: string }): Promise<AssessmentCycle> {
  if (input.framework.current_version_id === null) throw badRequest({ framework_id: ['assessment:errors.noPublishedVersion'] });
  const tree = await getFrameworkTree(db, input.framework, input.framework.current_version_id);
  try {
    return await db.transaction().execute(async (trx) => {
      const now = nowIso();
      const cycle = await repo.insertCycle(trx, {
        school_id: input.school.id,
        framework_id: input.framework.id,
        version_id: tree.version.id,
        school_year: input.schoolYear,
        status: 'draft',
        visibility: 'private',
        opened_by: actor.personId,
        submitted_at: null,
        submitted_by: null,
        reviewed_at: null,
        reviewed_by: null,
        created_at: now,
        updated_at: now,
      });
      await repo.insertBlankRatings(trx, cycle.id, benchmarksOf(tree).map((b) => b.key), now);
      await recordAudit(trx, actor, { action: 'assessment_cycle.opened', subjectType: 'assessment_cycle', subjectId: cycle.id, organisationId: input.school.id, changes: { school_year: [null, input.schoolYear], version: [null, tree.version.number] } });
      return cycle;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('assessment:errors.duplicateCycle', { school_year: ['assessment:errors.duplicateCycle'] });
    throw err;
  }
}

/** Everything a cycle's page shows, or 404. Callers check canViewCycle. */
export async function getCycleView(db: Db, id: number): Promise<CycleView> {
  const cycle = await repo.findCycleById(db, id);
  if (!cycle) throw notFound();
  const [school, frameworks, ratings, evidence] = await Promise.all([getOrganisationById(db, cycle.school_id), listFrameworks(db), repo.findRatings(db, id), repo.findEvidence(db, id)]);
  const framework = frameworks.find((f) => f.id === cycle.framework_id);
  if (!school || !framework) throw notFound();
  const tree = await getFrameworkTree(db, framework, cycle.version_id);
  const byKey = new Map<string, AssessmentEvidence[]>();
  for (const e of evidence) byKey.set(e.benchmark_key, [...(byKey.get(e.benchmark_key) ?? []), e]);
  return { cycle, school, tree, ratings: new Map(ratings.map((r) => [r.benchmark_key, r])), evidence: byKey };
}

/** The benchmark of the cycle's version with this key, or 404. */
export function benchmarkOf(view: CycleView, key: string): BenchmarkNode {
  const b = benchmarksOf(view.tree).find((x) => x.key === key);
  if (!b) throw notFound();
  return b;
}

const levelIn = (view: CycleView, key: string, field: string) => {
  if (!view.tree.levels.some((l) => l.key === key)) throw badRequest({ [field]: ['assessment:errors.levelNotInRubric'] });
};

/** How many benchmarks the school has rated, of how many. */
export function progressOf(view: CycleView): { rated: number; total: number; missing: BenchmarkNode[] } {
  const all = benchmarksOf(view.tree);
  const missing = all.filter((b) => !view.ratings.get(b.key)?.level_key);
  return { rated: all.length - missing.length, total: all.length, missing };
}

/**
 * Saves the school's rating of one benchmark. Refused when the level is not in the cycle's rubric
 * (400), when the cycle is no longer a draft (409), or when someone saved this benchmark since the
 * form was loaded (RatingConflict, carrying their answer): nothing is overwritten unseen.
 */
export async function saveRating(db: Db, actor: Actor, view: CycleView, key: string, input: RatingInput): Promise<void> {
  benchmarkOf(view, key);
  levelIn(view, input.level_key, 'level_key');
  if (view.cycle.status !== 'draft') throw notEditable();
  const changed = await repo.updateRatingIfCurrent(db, view.cycle.id, key, input.revision, { level_key: input.level_key, comment: input.comment ?? '', updated_by: actor.personId, updated_at: nowIso() });
  if (changed === 1) return;
  const cycle = await repo.findCycleById(db, view.cycle.id);
  if (cycle?.status !== 'draft') throw notEditable();
  const current = await repo.findRating(db, view.cycle.id, key);
  if (!current) throw notFound();
  throw new RatingConflict(current);
}

/** Adds a note or a link to a benchmark while the cycle is a draft (409 afterwards). */
export async function addEvidence(db: Db, actor: Actor, view: CycleView, key: string, input: EvidenceInput | { kind: 'file'; storageKey: string; filename: string; contentType: string; sizeBytes: number }): Promise<AssessmentEvidence> {
  benchmarkOf(view, key);
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    if ((await repo.lockDraftCycle(trx, view.cycle.id, now)) !== 1) throw notEditable();
    const base = { cycle_id: view.cycle.id, benchmark_key: key, added_by: actor.personId, created_at: now, text: null, url: null, storage_key: null, filename: null, content_type: null, size_bytes: null };
    if (input.kind === 'text') return repo.insertEvidence(trx, { ...base, kind: 'text', text: input.text });
    if (input.kind === 'link') return repo.insertEvidence(trx, { ...base, kind: 'link', url: input.url, text: input.text ?? null });
    return repo.insertEvidence(trx, { ...base, kind: 'file', storage_key: input.storageKey, filename: input.filename, content_type: input.contentType, size_bytes: input.sizeBytes });
  });
}

/** A benchmark not yet rated keeps the cycle from being submitted; the error lists them. */
export class CycleIncomplete extends AppError {
  constructor(readonly missing: BenchmarkNode[]) {
    super(400, 'bad_request', 'assessment:errors.incomplete', { params: { count: missing.length } });
  }
}

/**
 * Submits the cycle to the school's center (guarded: only a draft moves), and emails the center's
 * directors and coaches in the recipient's language. Every benchmark must be rated first.
 */
export async function submitCycle(db: Db, actor: Actor, view: CycleView, baseUrl: string): Promise<void> {
  const { missing } = progressOf(view);
  if (view.cycle.status !== 'draft') throw notEditable();
  if (missing.length) throw new CycleIncomplete(missing);
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    const moved = await repo.moveCycleStatus(trx, view.cycle.id, 'draft', { status: 'submitted', submitted_at: now, submitted_by: actor.personId, updated_at: now });
    if (moved !== 1) throw notEditable();
    // A rating saved between loading the page and this moment could have been cleared; check again under the lock.
    const ratings = await repo.findRatings(trx, view.cycle.id);
    if (ratings.some((r) => !r.level_key)) throw new CycleIncomplete(benchmarksOf(view.tree).filter((b) => !ratings.find((r) => r.benchmark_key === b.key)?.level_key));
    await recordAudit(trx, actor, { action: 'assessment_cycle.submitted', subjectType: 'assessment_cycle', subjectId: view.cycle.id, organisationId: view.school.id, changes: { status: ['draft', 'submitted'] } });
    if (view.school.center_id === null) return;
    const link = `${baseUrl}/assessment/${view.cycle.id}`;
    for (const staff of await listCenterStaff(trx, view.school.center_id)) {
      await enqueueEmail(trx, cycleSubmittedEmail(staff, { school: view.school.name, year: view.cycle.school_year, framework: view.tree.framework.name, link }));
    }
  });
}

/** Records the coach's rating of one benchmark while the cycle is submitted (409 once reviewed). */
export async function saveCoachRating(db: Db, actor: Actor, view: CycleView, key: string, input: CoachRatingInput): Promise<void> {
  benchmarkOf(view, key);
  levelIn(view, input.coach_level_key, 'coach_level_key');
  if (view.cycle.status !== 'submitted') throw notEditable();
  const changed = await repo.updateCoachRating(db, view.cycle.id, key, { coach_level_key: input.coach_level_key, coach_comment: input.coach_comment ?? null, coach_by: actor.personId, coach_at: nowIso() });
  if (changed !== 1) throw notEditable();
}

/** Finishes the review: the cycle becomes reviewed, and both ratings are frozen from then on. */
export async function finishReview(db: Db, actor: Actor, view: CycleView): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    const moved = await repo.moveCycleStatus(trx, view.cycle.id, 'submitted', { status: 'reviewed', reviewed_at: now, reviewed_by: actor.personId, updated_at: now });
    if (moved !== 1) throw notEditable();
    await recordAudit(trx, actor, { action: 'assessment_cycle.reviewed', subjectType: 'assessment_cycle', subjectId: view.cycle.id, organisationId: view.school.id, changes: { status: ['submitted', 'reviewed'] } });
  });
}

/** Evidence by id within a cycle, or 404. */
export async function getEvidence(db: Db, cycleId: number, id: number): Promise<AssessmentEvidence> {
  const e = await repo.findEvidenceById(db, id);
  if (!e || e.cycle_id !== cycleId) throw notFound();
  return e;
}
