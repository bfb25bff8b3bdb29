import type { FrameworkLevel } from '../../db/schema.ts';
import { benchmarksOf } from '../framework/framework-read.service.ts';
import type { CycleView } from './assessment.service.ts';

// Which of a cycle's benchmarks "what helps" is for. Pure (no database), so the cycle page can show
// the summary without another query. Part of the assessment module: the cycle page shows it, and
// the improvement module builds on it (not the other way round).

/** A benchmark the school rated low, with the level (and the coach's, when the coach rated it lower). */
export interface WeakBenchmark {
  key: string;
  name: string;
  level: Pick<FrameworkLevel, 'key' | 'name'>;
  /** The coach's level, only when lower than the school's and the coach's ratings may be shown. */
  coachLevel: Pick<FrameworkLevel, 'key' | 'name'> | null;
  /** Rated at the lowest level the school gave any benchmark in this cycle. */
  isLowest: boolean;
}

/** How many of the rubric's bottom levels count as "the lowest": one on a two- or three-level rubric, else two. */
export const lowLevelCount = (levels: number): number => (levels <= 3 ? 1 : 2);

/**
 * The benchmarks rated in the rubric's lowest levels, lowest first then in framework order. When
 * nothing is that low, the school's lowest-rated ones instead (there is always somewhere to start).
 * By the school's own rating: it is the school's assessment; the coach's is mentioned when lower,
 * and only with `showCoach` (reviewers while they review; everyone once the review is finished).
 */
export function weakestBenchmarks(view: CycleView, showCoach: boolean): WeakBenchmark[] {
  const levels = view.tree.levels;
  const rank = new Map(levels.map((l, i) => [l.key, i]));
  const rated = benchmarksOf(view.tree).flatMap((b, order) => {
    const r = view.ratings.get(b.key);
    const at = r?.level_key ? rank.get(r.level_key) : undefined;
    if (at === undefined) return [];
    const coachAt = showCoach && r?.coach_level_key ? rank.get(r.coach_level_key) : undefined;
    return [{ b, order, at, coachAt }];
  });
  if (rated.length === 0) return [];
  const lowest = Math.min(...rated.map((x) => x.at));
  const cut = lowLevelCount(levels.length);
  const low = rated.some((x) => x.at < cut) ? rated.filter((x) => x.at < cut) : rated.filter((x) => x.at === lowest);
  return low
    .sort((a, b) => a.at - b.at || a.order - b.order)
    .map(({ b, at, coachAt }) => ({
      key: b.key,
      name: b.name,
      level: { key: levels[at]!.key, name: levels[at]!.name },
      coachLevel: coachAt !== undefined && coachAt < at ? { key: levels[coachAt]!.key, name: levels[coachAt]!.name } : null,
      isLowest: at === lowest,
    }));
}
