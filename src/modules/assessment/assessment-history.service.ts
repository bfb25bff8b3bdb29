import type { Kysely } from 'kysely';
import type { AssessmentCycle, AssessmentRating, CycleStatus, Database, Framework, FrameworkLevel, Organisation } from '../../db/schema.ts';
import { bool } from '../../db/dialect.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { notFound } from '../../platform/errors.ts';
import { benchmarksOf, getFrameworkTree, listFrameworks, type FrameworkTree } from '../framework/framework-read.service.ts';
import { getOrganisationBySlug, getOrganisationsByIds } from '../organisations/organisations.service.ts';
import { canViewCycle } from './assessment.policy.ts';
import { getCycleView, type CycleView } from './assessment.service.ts';
import * as repo from './assessment-history.repository.ts';

type Db = Kysely<Database>;

// A school's levels across cycles, a cycle's printable report, and the level-only summary a
// school may share network-wide. Read-only: every write stays in assessment.service.ts.

/** A school by its slug (404 for anything but a school). */
export async function getSchoolBySlug(db: Db, slug: string): Promise<Organisation> {
  const school = await getOrganisationBySlug(db, slug);
  if (!school || school.kind !== 'school') throw notFound();
  return school;
}

/** A level as the history shows it: its ordinal position (1 = lowest) on its own version's rubric. */
export interface LevelPoint {
  key: string;
  name: string;
  position: number;
}

/** One cycle as a column of the history. */
export interface HistoryYear {
  cycle: AssessmentCycle;
  versionNumber: number;
  levelCount: number;
  /** Coach levels count only once the review is finished (before that they may still change). */
  reviewed: boolean;
}

/** One benchmark's levels in each year; `inVersion` false where that year's version had no such benchmark (a gap, not a zero). */
export interface HistoryCell {
  inVersion: boolean;
  school: LevelPoint | null;
  coach: LevelPoint | null;
}

export interface HistoryRow {
  key: string;
  name: string;
  cells: HistoryCell[];
}

export interface SchoolHistory {
  school: Organisation;
  /** The frameworks the school has visible cycles against, with how many (for the picker). */
  frameworks: { framework: Framework; cycles: number }[];
  framework: Framework | null;
  years: HistoryYear[];
  rows: HistoryRow[];
  /** The longest rubric among the years' versions: the chart's scale. */
  maxLevels: number;
  /** The newest version's levels, to name the chart's scale. */
  scale: FrameworkLevel[];
}

const pointIn = (levels: FrameworkLevel[], key: string | null | undefined): LevelPoint | null => {
  if (!key) return null;
  const i = levels.findIndex((l) => l.key === key);
  return i < 0 ? null : { key, name: levels[i]!.name, position: i + 1 };
};

/**
 * The frameworks a school's visible cycles use, with counts; the default is the primary one when
 * it has cycles, else the one with most.
 */
function pickFramework(frameworks: Framework[], cycles: AssessmentCycle[], slug: string | undefined) {
  const counted = frameworks.map((framework) => ({ framework, cycles: cycles.filter((c) => c.framework_id === framework.id).length })).filter((f) => f.cycles > 0);
  if (slug !== undefined) {
    const asked = counted.find((f) => f.framework.slug === slug);
    if (!asked) throw notFound();
    return { counted, chosen: asked.framework };
  }
  const byDefault = [...counted].sort((a, b) => Number(bool(b.framework.is_primary)) - Number(bool(a.framework.is_primary)) || b.cycles - a.cycles)[0];
  return { counted, chosen: byDefault?.framework ?? null };
}

/**
 * The school's level per benchmark across the cycles `principal` may see, for one framework.
 * Levels are mapped through each cycle's own version (versions may differ in benchmarks and
 * scale): rows are the newest version's benchmarks first, then any only older versions had.
 */
export async function getSchoolHistory(db: Db, principal: Principal | null, school: Organisation, frameworkSlug?: string): Promise<SchoolHistory> {
  const all = await repo.findCyclesOfSchool(db, school.id, { includeDrafts: true });
  const visible = all.filter((c) => canViewCycle(principal, { schoolId: school.id, centerId: school.center_id, status: c.status }));
  const { counted, chosen } = pickFramework(await listFrameworks(db), visible, frameworkSlug);
  if (!chosen) return { school, frameworks: counted, framework: null, years: [], rows: [], maxLevels: 0, scale: [] };
  const cycles = visible.filter((c) => c.framework_id === chosen.id);
  const trees = new Map<number, FrameworkTree>();
  for (const versionId of new Set(cycles.map((c) => c.version_id))) trees.set(versionId, await getFrameworkTree(db, chosen, versionId));
  const ratings = await repo.findRatingsOfCycles(db, cycles.map((c) => c.id));
  const ratingOf = new Map<string, AssessmentRating>(ratings.map((r) => [`${r.cycle_id}:${r.benchmark_key}`, r]));

  const rows: HistoryRow[] = [];
  const seen = new Set<string>();
  for (const cycle of [...cycles].reverse()) {
    for (const b of benchmarksOf(trees.get(cycle.version_id)!)) {
      if (seen.has(b.key)) continue;
      seen.add(b.key);
      rows.push({ key: b.key, name: b.name, cells: [] });
    }
  }
  const years: HistoryYear[] = cycles.map((cycle) => {
    const tree = trees.get(cycle.version_id)!;
    return { cycle, versionNumber: tree.version.number, levelCount: tree.levels.length, reviewed: cycle.status === 'reviewed' };
  });
  for (const row of rows) {
    row.cells = years.map(({ cycle, reviewed }) => {
      const tree = trees.get(cycle.version_id)!;
      if (!benchmarksOf(tree).some((b) => b.key === row.key)) return { inVersion: false, school: null, coach: null };
      const r = ratingOf.get(`${cycle.id}:${row.key}`);
      return { inVersion: true, school: pointIn(tree.levels, r?.level_key), coach: reviewed ? pointIn(tree.levels, r?.coach_level_key) : null };
    });
  }
  const newest = cycles.at(-1);
  return {
    school,
    frameworks: counted,
    framework: chosen,
    years,
    rows,
    maxLevels: Math.max(0, ...years.map((y) => y.levelCount)),
    scale: newest ? trees.get(newest.version_id)!.levels : [],
  };
}

/** The coach's level minus the school's, in rubric steps (positive: the coach rated higher); null unless both rated. */
export function gapIn(tree: FrameworkTree, schoolLevel: string | null | undefined, coachLevel: string | null | undefined): number | null {
  const s = pointIn(tree.levels, schoolLevel);
  const c = pointIn(tree.levels, coachLevel);
  return s && c ? c.position - s.position : null;
}

/** The report's closing numbers: how far the school got, where it placed itself, how the coach saw it. */
export interface ReportProgress {
  rated: number;
  total: number;
  /** Benchmarks per level of the cycle's rubric, school's and coach's. */
  byLevel: { level: FrameworkLevel; school: number; coach: number }[];
  coachRated: number;
  coachLower: number;
  coachSame: number;
  coachHigher: number;
  evidence: number;
}

export function progressOfReport(view: CycleView): ReportProgress {
  const benchmarks = benchmarksOf(view.tree);
  const ratings = benchmarks.map((b) => view.ratings.get(b.key));
  const gaps = ratings.map((r) => gapIn(view.tree, r?.level_key, r?.coach_level_key)).filter((g): g is number => g !== null);
  return {
    rated: ratings.filter((r) => r?.level_key).length,
    total: benchmarks.length,
    byLevel: view.tree.levels.map((level) => ({ level, school: ratings.filter((r) => r?.level_key === level.key).length, coach: ratings.filter((r) => r?.coach_level_key === level.key).length })),
    coachRated: ratings.filter((r) => r?.coach_level_key).length,
    coachLower: gaps.filter((g) => g < 0).length,
    coachSame: gaps.filter((g) => g === 0).length,
    coachHigher: gaps.filter((g) => g > 0).length,
    evidence: benchmarks.reduce((n, b) => n + (view.evidence.get(b.key)?.length ?? 0), 0),
  };
}

/** A cycle's whole record for the printable report (callers check canViewCycle). */
export const getCycleReport = (db: Db, id: number): Promise<CycleView> => getCycleView(db, id);

/**
 * What a shared summary shows, and nothing more: levels per benchmark (the coach's once the review
 * is finished). No comments, evidence or names of who rated are carried, so no page can leak them.
 */
export interface CycleSummaryView {
  cycleId: number;
  schoolName: string;
  schoolYear: string;
  frameworkName: string;
  versionNumber: number;
  status: CycleStatus;
  groups: { name: string; benchmarks: { key: string; name: string; school: string | null; coach: string | null }[] }[];
}

export function summaryOf(view: CycleView): CycleSummaryView {
  const reviewed = view.cycle.status === 'reviewed';
  const name = (key: string | null | undefined) => pointIn(view.tree.levels, key)?.name ?? null;
  return {
    cycleId: view.cycle.id,
    schoolName: view.school.name,
    schoolYear: view.cycle.school_year,
    frameworkName: view.tree.framework.name,
    versionNumber: view.tree.version.number,
    status: view.cycle.status,
    groups: view.tree.groups.map((g) => ({
      name: g.name,
      benchmarks: g.benchmarks.map((b) => {
        const r = view.ratings.get(b.key);
        return { key: b.key, name: b.name, school: name(r?.level_key), coach: reviewed ? name(r?.coach_level_key) : null };
      }),
    })),
  };
}

export const SHARED_PER_PAGE = 20;

export interface SharedSummaryItem {
  cycleId: number;
  schoolName: string;
  schoolYear: string;
  frameworkName: string;
}

/** The summaries schools shared network-wide, newest year first, a page at a time. */
export async function listSharedSummaries(db: Db, page: number): Promise<{ items: SharedSummaryItem[]; total: number; page: number; perPage: number }> {
  const [cycles, total, frameworks] = await Promise.all([repo.findSharedCycles(db, { limit: SHARED_PER_PAGE, offset: (page - 1) * SHARED_PER_PAGE }), repo.countSharedCycles(db), listFrameworks(db)]);
  const schools = new Map((await getOrganisationsByIds(db, cycles.map((c) => c.school_id))).map((o) => [o.id, o.name]));
  const fw = new Map(frameworks.map((f) => [f.id, f.name]));
  return {
    items: cycles.map((c) => ({ cycleId: c.id, schoolName: schools.get(c.school_id) ?? '?', schoolYear: c.school_year, frameworkName: fw.get(c.framework_id) ?? '?' })),
    total,
    page,
    perPage: SHARED_PER_PAGE,
  };
}
