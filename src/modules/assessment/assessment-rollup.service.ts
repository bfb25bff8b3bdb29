import type { Kysely } from 'kysely';
import type { Database, Framework, RatingSource } from '../../db/schema.ts';
import { benchmarksOf, getFrameworkTree } from '../framework/framework-read.service.ts';
import * as repo from './assessment-rollup.repository.ts';

type Db = Kysely<Database>;

// Network roll-ups of self-assessment levels: how many schools rated each benchmark at each level.
// Read from assessment_level_counts only (a few thousand rows at most), never from the ratings.

/**
 * Recounts assessment_level_counts from the frozen ratings, in one transaction (maintenance: a
 * school moved center). Returns the number of count rows it wrote. Submissions and finished
 * reviews running meanwhile take turns with it (see lockLevelCounts), so each is counted once.
 */
export async function rebuildLevelCounts(db: Db): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await repo.lockLevelCounts(trx);
    return repo.recountLevels(trx);
  });
}

/** A level or benchmark as the roll-up names it: from the framework's published version, or its key when that version has no such key. */
export interface Named {
  key: string;
  name: string;
}

/** One benchmark's schools per level (aligned with `levels`) and in all. */
export interface BenchmarkLevels extends Named {
  counts: number[];
  total: number;
}

export interface RollupQuery {
  framework: Framework;
  source: RatingSource;
  /** Only these centers (0 = schools without one); undefined = the whole network. */
  centerIds?: number[];
}

export interface LevelDistribution {
  schoolYear: string | null;
  levels: Named[];
  benchmarks: BenchmarkLevels[];
}

export interface LevelsOverCycles {
  /** Oldest first. */
  years: string[];
  levels: Named[];
  /** Per benchmark, one entry per year (same order as `years`). */
  benchmarks: (Named & { byYear: BenchmarkLevels[] })[];
}

/** The school years with counts for a framework, newest first. */
export const listRollupYears = (db: Db, frameworkId: number): Promise<string[]> => repo.findCountedYears(db, frameworkId);

/**
 * Levels and benchmarks in the order of the framework's published version; keys that only older
 * versions had (so only the counts know them) follow, named by their key.
 */
async function labelsFor(db: Db, framework: Framework, rows: repo.LevelCountRow[]): Promise<{ levels: Named[]; benchmarks: Named[] }> {
  const tree = framework.current_version_id === null ? null : await getFrameworkTree(db, framework, framework.current_version_id);
  const levels: Named[] = tree ? tree.levels.map((l) => ({ key: l.key, name: l.name })) : [];
  const benchmarks: Named[] = tree ? benchmarksOf(tree).map((b) => ({ key: b.key, name: b.name })) : [];
  const add = (list: Named[], key: string) => {
    if (!list.some((x) => x.key === key)) list.push({ key, name: key });
  };
  for (const r of [...rows].sort((a, b) => a.level_key.localeCompare(b.level_key))) add(levels, r.level_key);
  for (const r of [...rows].sort((a, b) => a.benchmark_key.localeCompare(b.benchmark_key))) add(benchmarks, r.benchmark_key);
  return { levels, benchmarks };
}

function tally(rows: repo.LevelCountRow[], levels: Named[], b: Named): BenchmarkLevels {
  const counts = levels.map((l) => rows.filter((r) => r.benchmark_key === b.key && r.level_key === l.key).reduce((n, r) => n + r.schools, 0));
  return { ...b, counts, total: counts.reduce((a, c) => a + c, 0) };
}

/**
 * How many schools rated each benchmark at each level in one school year (default: the latest with
 * any counts), by their own rating or their coach's, across the network or the chosen centers.
 */
export async function levelDistribution(db: Db, q: RollupQuery & { schoolYear?: string }): Promise<LevelDistribution> {
  const schoolYear = q.schoolYear ?? (await repo.findCountedYears(db, q.framework.id))[0] ?? null;
  const rows = schoolYear === null ? [] : await repo.sumLevelCounts(db, { frameworkId: q.framework.id, source: q.source, schoolYear, centerIds: q.centerIds });
  const { levels, benchmarks } = await labelsFor(db, q.framework, rows);
  return { schoolYear, levels, benchmarks: benchmarks.map((b) => tally(rows, levels, b)) };
}

/** The same distribution for every school year, oldest first: how each benchmark moved over cycles. */
export async function levelsOverCycles(db: Db, q: RollupQuery): Promise<LevelsOverCycles> {
  const rows = await repo.sumLevelCounts(db, { frameworkId: q.framework.id, source: q.source, centerIds: q.centerIds });
  const { levels, benchmarks } = await labelsFor(db, q.framework, rows);
  const years = [...new Set(rows.map((r) => r.school_year))].sort();
  const byYear = new Map(years.map((y) => [y, rows.filter((r) => r.school_year === y)]));
  return { years, levels, benchmarks: benchmarks.map((b) => ({ ...b, byYear: years.map((y) => tally(byYear.get(y)!, levels, b)) })) };
}
