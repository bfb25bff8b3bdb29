import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database } from '../../db/schema.ts';
import type { CycleView } from '../assessment/assessment.service.ts';
import { centersFocusedOn, type CenterFocus } from '../coaching/coaching-focus.service.ts';
import type { TaggedSession } from '../events/tagged.service.ts';
import { taggedWith } from '../framework/taxonomy.service.ts';
import { weakestBenchmarks, type WeakBenchmark } from '../assessment/weakest-benchmarks.ts';

type Db = Kysely<Database>;

/** One thing that helps with a benchmark; the page words its reason from the kind and the benchmark. */
export type HelpItem =
  | { kind: 'coaching'; ownCenter: boolean; center: CenterFocus }
  | { kind: 'session'; session: TaggedSession }
  | { kind: 'event'; event: CoalitionEvent };

export interface BenchmarkHelp {
  benchmark: WeakBenchmark;
  items: HelpItem[];
}

/** How many upcoming sessions and events to offer per benchmark: enough to choose from, few enough to read. */
const PER_KIND = 5;

const startOf = (i: HelpItem) => (i.kind === 'session' ? i.session.starts_at : i.kind === 'event' ? i.event.starts_at : '');

/**
 * Ranks what helps within one benchmark: the school's own center's coaches first (they already know
 * the school), then upcoming sessions and events soonest first, then other centers' coaches
 * (those working on it with most schools first).
 */
export function rankHelp(items: HelpItem[]): HelpItem[] {
  const group = (i: HelpItem) => (i.kind === 'coaching' ? (i.ownCenter ? 0 : 2) : 1);
  return [...items].sort((a, b) => group(a) - group(b) || startOf(a).localeCompare(startOf(b)));
}

/**
 * What helps with each of the cycle's lowest-rated benchmarks, lowest rating first. `showCoach`:
 * whether the reader may see the coach's ratings (`showsCoachTo` in the assessment service).
 */
export async function whatHelps(db: Db, view: CycleView, showCoach: boolean): Promise<BenchmarkHelp[]> {
  const targets = weakestBenchmarks(view, showCoach);
  return Promise.all(
    targets.map(async (benchmark) => {
      const [tagged, centers] = await Promise.all([taggedWith(db, `benchmark:${benchmark.key}`, { limit: PER_KIND }), centersFocusedOn(db, benchmark.key)]);
      const items: HelpItem[] = [
        ...centers.map((center) => ({ kind: 'coaching' as const, ownCenter: center.centerId === view.school.center_id, center })),
        ...tagged.sessions.map((session) => ({ kind: 'session' as const, session })),
        ...tagged.events.map((event) => ({ kind: 'event' as const, event })),
      ];
      return { benchmark, items: rankHelp(items) };
    }),
  );
}
