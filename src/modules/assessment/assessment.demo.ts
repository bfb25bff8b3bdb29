import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { systemActor, type Actor } from '../audit/audit.service.ts';
import { benchmarksOf } from '../framework/framework-read.service.ts';
import { getOrganisationBySlug } from '../organisations/organisations.service.ts';
import { getPersonByEmail } from '../people/people.service.ts';
import { RatingInput } from './assessment.schemas.ts';
import { finishReview, getCycleView, listAssessableFrameworks, openCycle, saveCoachRating, saveRating, submitCycle, addEvidence } from './assessment.service.ts';

type Db = Kysely<Database>;

const DEMO_DOMAIN = 'demo.coalition.invalid';
/** Schools of the Bay Area center with a few years of self-assessment (the demo leader's first). */
const SCHOOLS = ['mission-hill-academy', 'bayview-community-high-school', 'excelsior-middle-school-of-inquiry', 'fruitvale-essential-high-school', 'lake-merritt-international-academy'];
const YEARS = ['2024-25', '2025-26', '2026-27'];

/** A school's level for a benchmark in a year: mostly rising over the years, with its own weak spots. */
function levelIndex(school: number, benchmark: number, year: number, levels: number): number {
  const base = (school * 7 + benchmark * 3) % levels;
  return Math.min(levels - 1, Math.max(0, base - 1 + year));
}

/**
 * Demo self-assessments: five Bay Area schools rated the Common Principles' Benchmarks in 2024-25
 * and 2025-26, each reviewed by the center's coach; in 2026-27 Mission Hill Academy's cycle is a
 * draft in progress (for the demo leader to finish) and Bayview's is submitted and waiting for the
 * coach. Written through the assessment service, so submissions email the center like real ones.
 * Adds nothing when Mission Hill Academy already has a cycle.
 */
export async function seedDemoAssessments(db: Db): Promise<void> {
  const framework = (await listAssessableFrameworks(db)).find((f) => Boolean(f.is_primary));
  const coach = await getPersonByEmail(db, `coach@${DEMO_DOMAIN}`);
  if (!framework || !coach) return;
  const coachActor: Actor = { personId: coach.id, label: `${coach.name} (demo seed)` };
  const schoolActor = systemActor('demo-seed');
  for (const [s, slug] of SCHOOLS.entries()) {
    const school = await getOrganisationBySlug(db, slug);
    if (!school) continue;
    const existing = await db.selectFrom('assessment_cycles').select('id').where('school_id', '=', school.id).executeTakeFirst();
    if (existing) {
      if (s === 0) return;
      continue;
    }
    for (const [y, schoolYear] of YEARS.entries()) {
      const opened = await openCycle(db, schoolActor, { school, framework, schoolYear });
      let view = await getCycleView(db, opened.id);
      const benchmarks = benchmarksOf(view.tree);
      const levels = view.tree.levels;
      const draftInProgress = y === YEARS.length - 1 && s === 0;
      for (const [b, benchmark] of benchmarks.entries()) {
        if (draftInProgress && b >= 8) break;
        const level = levels[levelIndex(s, b, y, levels.length)]!;
        await saveRating(db, schoolActor, view, benchmark.key, RatingInput.parse({ level_key: level.key, comment: b % 4 === 0 ? 'Discussed at our leadership team retreat; see the evidence.' : '', revision: '0' }));
        if (b % 5 === 0) await addEvidence(db, schoolActor, view, benchmark.key, { kind: 'text', text: `Notes from ${schoolYear} classroom walkthroughs and student work review.` });
      }
      if (draftInProgress) continue;
      view = await getCycleView(db, opened.id);
      await submitCycle(db, schoolActor, view, '');
      if (y === YEARS.length - 1) continue; // submitted, waiting for the coach
      view = await getCycleView(db, opened.id);
      for (const [b, benchmark] of benchmarks.entries()) {
        // The coach often sees a benchmark one level lower than the school does: the gap to talk about.
        const schoolLevel = levelIndex(s, b, y, levels.length);
        const coachLevel = levels[b % 3 === 0 ? Math.max(0, schoolLevel - 1) : schoolLevel]!;
        await saveCoachRating(db, coachActor, view, benchmark.key, { coach_level_key: coachLevel.key, coach_comment: b % 3 === 0 ? 'We saw this in some classrooms, not yet across the school.' : undefined });
      }
      await finishReview(db, coachActor, await getCycleView(db, opened.id));
    }
  }
}
