import type { Kysely } from 'kysely';
import type { AssessmentCycle, AssessmentEvidence, AssessmentRating, CycleVisibility, Database, Framework, Organisation } from '../../db/schema.ts';
import { isUniqueViolation, nowIso } from '../../db/dialect.ts';
import type { DatabaseChanges } from '../../db/changes.ts';
import { readCacheFor } from '../../platform/cache/read-cache.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { enqueueEmail } from '../../platform/mail/mail-jobs.ts';
import type { FileStorage } from '../../platform/storage/file-storage.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { listCenterStaff } from '../centers/center-space.service.ts';
import { benchmarksOf, getFrameworkTree, listFrameworks, type BenchmarkNode, type FrameworkTree } from '../framework/framework-read.service.ts';
import { getOrganisationById, getOrganisationsByIds, listSchoolIdsOfCenters } from '../organisations/organisations.service.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { canReviewCycle, type CycleRef } from './assessment.policy.ts';
import * as repo from './assessment.repository.ts';
import { addCycleLevels } from './assessment-rollup.repository.ts';
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

/**
 * Whether someone is shown the coach's ratings and comments of a cycle they may see: its reviewers
 * (center staff, network admins) while they review, everyone else only once the review is finished,
 * so the school never reads a half-done review. Computed once by each page or endpoint and passed
 * down as `showCoach`.
 */
export const showsCoachTo = (p: Principal | null, view: { cycle: AssessmentCycle; school: Organisation }): boolean =>
  view.cycle.status === 'reviewed' || canReviewCycle(p, refOfCycle(view.cycle, view.school));

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

/**
 * A cycle and its school, or 404: enough to decide who may see it, and (its `revision`, raised by
 * every save) whether a page rendered from it is still current.
 */
export async function getCycleHead(db: Db, id: number): Promise<{ cycle: AssessmentCycle; school: Organisation }> {
  const cycle = await repo.findCycleById(db, id);
  const school = cycle && (await getOrganisationById(db, cycle.school_id));
  if (!cycle || !school) throw notFound();
  return { cycle, school };
}

// The cycle page is what a school team reloads all day. Its head row decides who may see it and
// whether the stored page is current; it is kept in memory until any cycle or organisation changes
// (every save raises the cycle's revision, so every save drops it).
const cycleHeadCache = (changes: DatabaseChanges) =>
  readCacheFor<number, { cycle: AssessmentCycle; school: Organisation }>(changes, 'assessment-cycle-heads', {
    watches: [{ table: 'assessment_cycles' }, { table: 'organisations' }],
    maxEntries: 2_000,
    maxAgeMs: 60_000,
  });

/** getCycleHead, answered from memory while nothing it read has changed. */
export function readCycleHead(db: Db, changes: DatabaseChanges, id: number) {
  return cycleHeadCache(changes).read(id, async () => {
    const { cycle, school } = await getCycleHead(db, id);
    // Shared by every request until dropped: frozen, so a change made to it anywhere fails loudly.
    return Object.freeze({ cycle: Object.freeze(cycle), school: Object.freeze(school) });
  });
}

/** Everything a cycle's page shows, or 404. Callers check canViewCycle. */
export async function getCycleView(db: Db, id: number): Promise<CycleView> {
  return cycleViewOf(db, await getCycleHead(db, id));
}

/** The rest of a cycle's page, for a head already read (the cycle page reads it first, to authorise). */
export async function cycleViewOf(db: Db, head: { cycle: AssessmentCycle; school: Organisation }): Promise<CycleView> {
  const { cycle, school } = head;
  const id = cycle.id;
  const [frameworks, ratings, evidence] = await Promise.all([listFrameworks(db), repo.findRatings(db, id), repo.findEvidence(db, id)]);
  const framework = frameworks.find((f) => f.id === cycle.framework_id);
  if (!framework) throw notFound();
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
 * Saves the school's rating of one benchmark and returns the saved row (with its new revision).
 * Refused when the level is not in the cycle's rubric (400), when the cycle is no longer a draft
 * (409), or when someone saved this benchmark since the form was loaded (RatingConflict, carrying
 * their answer): nothing is overwritten unseen. The cycle row is locked first, so a submission
 * either sees this rating or refuses it; never both nor neither.
 */
export async function saveRating(db: Db, actor: Actor, view: CycleView, key: string, input: RatingInput): Promise<AssessmentRating> {
  benchmarkOf(view, key);
  levelIn(view, input.level_key, 'level_key');
  if (view.cycle.status !== 'draft') throw notEditable();
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    if ((await repo.lockDraftCycle(trx, view.cycle.id, now)) !== 1) throw notEditable();
    const changed = await repo.updateRatingIfCurrent(trx, view.cycle.id, key, input.revision, { level_key: input.level_key, comment: input.comment ?? '', updated_by: actor.personId, updated_at: now });
    const current = await repo.findRating(trx, view.cycle.id, key);
    if (!current) throw notFound();
    if (changed !== 1) throw new RatingConflict(current);
    return current;
  });
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
    await addCycleLevels(trx, view.cycle.id, view.school.center_id, 'school');
    await recordAudit(trx, actor, { action: 'assessment_cycle.submitted', subjectType: 'assessment_cycle', subjectId: view.cycle.id, organisationId: view.school.id, changes: { status: ['draft', 'submitted'] } });
    if (view.school.center_id === null) return;
    const link = `${baseUrl}/assessment/${view.cycle.id}`;
    for (const staff of await listCenterStaff(trx, view.school.center_id)) {
      await enqueueEmail(trx, cycleSubmittedEmail(staff, { school: view.school.name, year: view.cycle.school_year, framework: view.tree.framework.name, link }));
    }
  });
}

/** Someone else recorded a coach rating of this benchmark since the form was loaded: theirs is kept. */
export class CoachRatingConflict extends AppError {
  constructor(readonly current: AssessmentRating) {
    super(409, 'conflict', 'assessment:errors.coachConflict');
  }
}

/**
 * A coach's stamp for a new save: now, or just after the one it replaces when the clock has not
 * moved on (two saves in one millisecond must still differ, since the stamp is the form's token).
 */
const nextCoachStamp = (previous: string | null): string => {
  const now = nowIso();
  return previous && now <= previous ? new Date(Date.parse(previous) + 1).toISOString() : now;
};

/**
 * Records the coach's rating of one benchmark while the cycle is submitted (409 once reviewed) and
 * returns the saved row. `coach_at` must be the rating the form showed (none: null); a rating saved
 * meanwhile by another coach is a CoachRatingConflict carrying theirs, and nothing is overwritten.
 */
export async function saveCoachRating(db: Db, actor: Actor, view: CycleView, key: string, input: Omit<CoachRatingInput, 'coach_at'> & { coach_at?: string | null }): Promise<AssessmentRating> {
  const seen = input.coach_at ?? null;
  benchmarkOf(view, key);
  levelIn(view, input.coach_level_key, 'coach_level_key');
  if (view.cycle.status !== 'submitted') throw notEditable();
  return db.transaction().execute(async (trx) => {
    if ((await repo.lockSubmittedCycle(trx, view.cycle.id, nowIso())) !== 1) throw notEditable();
    const before = await repo.findRating(trx, view.cycle.id, key);
    if (!before) throw notFound();
    if (before.coach_at !== seen) throw new CoachRatingConflict(before);
    const changed = await repo.updateCoachRating(trx, view.cycle.id, key, seen, { coach_level_key: input.coach_level_key, coach_comment: input.coach_comment ?? null, coach_by: actor.personId, coach_at: nextCoachStamp(before.coach_at) });
    const after = await repo.findRating(trx, view.cycle.id, key);
    if (changed !== 1 || !after) throw new CoachRatingConflict(after ?? before);
    return after;
  });
}

/** A benchmark without a coach rating keeps the review from being finished; the error lists them. */
export class ReviewIncomplete extends AppError {
  constructor(readonly missing: BenchmarkNode[]) {
    super(400, 'bad_request', 'assessment:errors.reviewIncomplete', { params: { count: missing.length } });
  }
}

const missingCoachRatings = (view: CycleView, ratings: AssessmentRating[]): BenchmarkNode[] =>
  benchmarksOf(view.tree).filter((b) => !ratings.find((r) => r.benchmark_key === b.key)?.coach_level_key);

/**
 * Finishes the review: the cycle becomes reviewed, both ratings are frozen from then on, and the
 * coach's levels are added to the network counts. Every benchmark needs a coach rating first,
 * checked again under the lock (ReviewIncomplete lists those without).
 */
export async function finishReview(db: Db, actor: Actor, view: CycleView): Promise<void> {
  if (view.cycle.status !== 'submitted') throw notEditable();
  const early = missingCoachRatings(view, [...view.ratings.values()]);
  if (early.length) throw new ReviewIncomplete(early);
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    const moved = await repo.moveCycleStatus(trx, view.cycle.id, 'submitted', { status: 'reviewed', reviewed_at: now, reviewed_by: actor.personId, updated_at: now });
    if (moved !== 1) throw notEditable();
    const missing = missingCoachRatings(view, await repo.findRatings(trx, view.cycle.id));
    if (missing.length) throw new ReviewIncomplete(missing);
    await addCycleLevels(trx, view.cycle.id, view.school.center_id, 'coach');
    await recordAudit(trx, actor, { action: 'assessment_cycle.reviewed', subjectType: 'assessment_cycle', subjectId: view.cycle.id, organisationId: view.school.id, changes: { status: ['submitted', 'reviewed'] } });
  });
}

/**
 * Removes a piece of evidence while the cycle is a draft (any of the school team; audited): 404 for
 * evidence of another cycle, 409 once submitted. A file's stored bytes go after the transaction
 * commits, so a refused or rolled-back deletion never leaves a row pointing at nothing.
 */
export async function deleteEvidence(db: Db, actor: Actor, view: CycleView, evidenceId: number, storage: Pick<FileStorage, 'delete'>): Promise<AssessmentEvidence> {
  const evidence = await getEvidence(db, view.cycle.id, evidenceId);
  await db.transaction().execute(async (trx) => {
    if ((await repo.lockDraftCycle(trx, view.cycle.id, nowIso())) !== 1) throw notEditable();
    if ((await repo.deleteEvidence(trx, view.cycle.id, evidence.id)) !== 1) throw notFound();
    await recordAudit(trx, actor, {
      action: 'assessment_evidence.deleted',
      subjectType: 'assessment_cycle',
      subjectId: view.cycle.id,
      organisationId: view.school.id,
      changes: { evidence: [{ id: evidence.id, benchmark: evidence.benchmark_key, kind: evidence.kind, text: evidence.text, url: evidence.url, filename: evidence.filename }, null] },
    });
  });
  if (evidence.kind === 'file' && evidence.storage_key) await storage.delete(evidence.storage_key);
  return evidence;
}

/**
 * Sets whether the cycle's summary (levels per benchmark only) is shared network-wide, at any
 * status; audited when it changes. Callers check canChangeVisibility.
 */
export async function setVisibility(db: Db, actor: Actor, view: CycleView, visibility: CycleVisibility): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Guarded on the old value, so two leaders choosing at once record one change, not two.
    if ((await repo.updateVisibility(trx, view.cycle.id, visibility, nowIso())) !== 1) return;
    const before: CycleVisibility = visibility === 'private' ? 'network_summary' : 'private';
    await recordAudit(trx, actor, { action: 'assessment_cycle.visibility_changed', subjectType: 'assessment_cycle', subjectId: view.cycle.id, organisationId: view.school.id, changes: { visibility: [before, visibility] } });
  });
}

/** Evidence by id within a cycle, or 404. */
export async function getEvidence(db: Db, cycleId: number, id: number): Promise<AssessmentEvidence> {
  const e = await repo.findEvidenceById(db, id);
  if (!e || e.cycle_id !== cycleId) throw notFound();
  return e;
}
