import type { Kysely } from 'kysely';
import type { Database, Framework, RatingSource } from '../../db/schema.ts';
import { badRequest } from '../../platform/errors.ts';
import { levelDistribution, levelsOverCycles, listRollupYears, type LevelDistribution, type LevelsOverCycles } from '../assessment/assessment-rollup.service.ts';
import { coachingConcentration, type FocusConcentration } from '../coaching/coaching-focus.service.ts';
import { benchmarksOf, getPublishedTree, listFrameworks } from '../framework/framework-read.service.ts';
import { getOrganisationsByIds, listCenters } from '../organisations/organisations.service.ts';
import { mayFilterCenter, type RollupScope } from './improvement.policy.ts';
import type { RollupQuery } from './improvement.schemas.ts';
import { schoolYearDates, schoolYearOf } from '../../platform/school-year.ts';

type Db = Kysely<Database>;

/** A benchmark's coaching concentration, with the benchmark's name (its key when no published version has it). */
export type NamedConcentration = FocusConcentration & { name: string };

/** Everything the roll-up page shows: the pickers' options, what was chosen, and the three views. */
export interface NetworkRollup {
  frameworks: Framework[];
  framework: Framework | null;
  years: string[];
  source: RatingSource;
  /** The centers the person may filter by (id 0: schools without a center, for admins). */
  centers: { id: number; name: string }[];
  center: number | null;
  distribution: LevelDistribution | null;
  overCycles: LevelsOverCycles | null;
  /** The benchmark followed over cycles. */
  benchmark: string | null;
  /** The school year coaching concentration covers: the levels' year, or the current one when nothing is rated. */
  coachingYear: string;
  concentration: NamedConcentration[];
}

/** The filters after checking them against someone's scope: what to read, and the pickers' options. */
interface ResolvedFilters {
  frameworks: Framework[];
  framework: Framework | null;
  centers: { id: number; name: string }[];
  center: number | null;
  /** The centers to sum over; undefined = the whole network. */
  centerIds: number[] | undefined;
  source: RatingSource;
}

async function centerOptions(db: Db, scope: RollupScope): Promise<{ id: number; name: string }[]> {
  if (scope.network) return [...(await listCenters(db)).map((c) => ({ id: c.id, name: c.name })), { id: 0, name: '' }];
  return (await getOrganisationsByIds(db, scope.centerIds)).map((c) => ({ id: c.id, name: c.name })).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Checks the filters against the options someone has. A framework or center outside them is
 * refused on its field (400), never quietly widened; no framework asked for means the first
 * published one (null when none is).
 */
async function resolveFilters(db: Db, scope: RollupScope, q: Pick<RollupQuery, 'framework' | 'center' | 'source'>): Promise<ResolvedFilters> {
  const [frameworks, centers] = await Promise.all([listFrameworks(db).then((all) => all.filter((f) => f.current_version_id !== null)), centerOptions(db, scope)]);
  const framework = q.framework === undefined ? (frameworks[0] ?? null) : frameworks.find((f) => f.id === q.framework);
  if (!framework && q.framework !== undefined) throw badRequest({ framework: ['validation:choice'] });
  if (q.center !== undefined && (!mayFilterCenter(scope, q.center) || !centers.some((c) => c.id === q.center))) throw badRequest({ center: ['validation:choice'] });
  const centerIds = q.center !== undefined ? [q.center] : scope.network ? undefined : scope.centerIds;
  return { frameworks, framework: framework ?? null, centers, center: q.center ?? null, centerIds, source: q.source ?? 'school' };
}

/** Names coaching concentration's benchmark keys from a framework's published version (keys it lacks keep their key). */
async function named(db: Db, framework: Framework | null, concentration: FocusConcentration[]): Promise<NamedConcentration[]> {
  const names = new Map(framework ? benchmarksOf(await getPublishedTree(db, framework)).map((b) => [b.key, b.name]) : []);
  return concentration.map((c) => ({ ...c, name: names.get(c.benchmarkKey) ?? c.benchmarkKey }));
}

/** Where coaching concentrates in a school year: engagements running in it, sessions held in it. */
const concentrationIn = (db: Db, year: string, centerIds: number[] | undefined) => coachingConcentration(db, schoolYearDates(year), centerIds);

/**
 * The year picker's options: the years with counts, and the current school year (coaching is
 * logged all year, long before the year's self-assessments are submitted), newest first.
 */
const yearOptions = (counted: string[], current: string): string[] => [...new Set([...counted, current])].sort().reverse();

/**
 * The roll-ups of one framework for someone's scope, all for one school year (default: the latest
 * with counts, else the current one): levels per benchmark, one benchmark over the years, and
 * where coaching concentrates.
 */
export async function networkRollup(db: Db, scope: RollupScope, q: RollupQuery): Promise<NetworkRollup> {
  const { frameworks, framework, centers, center, centerIds, source } = await resolveFilters(db, scope, q);
  const current = schoolYearOf(new Date());
  if (!framework) {
    const coachingYear = q.year ?? current;
    const concentration = await named(db, null, await concentrationIn(db, coachingYear, centerIds));
    return { frameworks, framework: null, years: yearOptions([], current), source, centers, center, distribution: null, overCycles: null, benchmark: null, coachingYear, concentration };
  }
  const query = { framework, source, centerIds };
  const [years, distribution, overCycles] = await Promise.all([listRollupYears(db, framework.id), levelDistribution(db, { ...query, schoolYear: q.year }), levelsOverCycles(db, query)]);
  if (q.benchmark !== undefined && !overCycles.benchmarks.some((b) => b.key === q.benchmark)) throw badRequest({ benchmark: ['validation:choice'] });
  const coachingYear = distribution.schoolYear ?? current;
  const names = new Map(distribution.benchmarks.map((b) => [b.key, b.name]));
  return {
    frameworks,
    framework,
    years: yearOptions(years, current),
    source,
    centers,
    center,
    distribution,
    overCycles,
    benchmark: q.benchmark ?? overCycles.benchmarks[0]?.key ?? null,
    coachingYear,
    concentration: (await concentrationIn(db, coachingYear, centerIds)).map((c) => ({ ...c, name: names.get(c.benchmarkKey) ?? c.benchmarkKey })),
  };
}

/** Levels per benchmark in one school year (default: the latest with counts), for the API. */
export async function levelsRollup(db: Db, scope: RollupScope, q: Omit<RollupQuery, 'benchmark'>) {
  const { framework, center, centerIds, source } = await resolveFilters(db, scope, q);
  const distribution = framework ? await levelDistribution(db, { framework, source, centerIds, schoolYear: q.year }) : null;
  return { framework, source, center, distribution };
}

/** Every benchmark (or the one asked for) over the school years, for the API. */
export async function overCyclesRollup(db: Db, scope: RollupScope, q: Omit<RollupQuery, 'year'>) {
  const { framework, center, centerIds, source } = await resolveFilters(db, scope, q);
  const overCycles = framework ? await levelsOverCycles(db, { framework, source, centerIds }) : null;
  if (q.benchmark !== undefined && !overCycles?.benchmarks.some((b) => b.key === q.benchmark)) throw badRequest({ benchmark: ['validation:choice'] });
  return { framework, source, center, overCycles, benchmark: q.benchmark ?? null };
}

/**
 * Where coaching concentrates in someone's scope (or one of their centers) in a school year, by
 * default the page's (the latest with counts of the first published framework, else the current
 * one); benchmarks named from that framework.
 */
export async function coachingFocusRollup(db: Db, scope: RollupScope, q: Pick<RollupQuery, 'center' | 'year'>) {
  const { framework, center, centerIds } = await resolveFilters(db, scope, q);
  const schoolYear = q.year ?? (framework && (await listRollupYears(db, framework.id))[0]) ?? schoolYearOf(new Date());
  return { center, schoolYear, concentration: await named(db, framework, await concentrationIn(db, schoolYear, centerIds)) };
}
