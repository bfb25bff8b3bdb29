import type { Kysely } from 'kysely';
import type { Database, Framework } from '../../db/schema.ts';
import { systemActor, type Actor } from '../audit/audit.service.ts';
import { benchmarksOf, listVersions } from '../framework/framework-read.service.ts';
import { getOrganisationBySlug } from '../organisations/organisations.service.ts';
import { getPersonByEmail } from '../people/people.service.ts';
import { schoolYearOf, schoolYearsUpTo } from '../../platform/school-year.ts';
import { schoolHasCycle } from './assessment.repository.ts';
import { RatingInput } from './assessment.schemas.ts';
import { addEvidence, finishReview, getCycleView, listAssessableFrameworks, openCycle, saveCoachRating, saveRating, setVisibility, submitCycle } from './assessment.service.ts';

type Db = Kysely<Database>;

const DEMO_DOMAIN = 'demo.coalition.invalid';
/** Schools of the Bay Area center with a few years of self-assessment (the demo leader's first). */
export const DEMO_ASSESSED_SCHOOLS = ['mission-hill-academy', 'bayview-community-high-school', 'excelsior-middle-school-of-inquiry', 'fruitvale-essential-high-school', 'lake-merritt-international-academy'];
/**
 * The current school year and the two before it, whenever the demo is seeded, so the year in
 * progress always has drafts and submissions, and coaching logged "this year" sits beside them.
 */
export const DEMO_YEARS = schoolYearsUpTo(schoolYearOf(new Date()), 3);
/** Cycles of the first year were opened before version 2 of the network framework was published. */
const FIRST_VERSION_YEAR = DEMO_YEARS[0];
/** The year before this one: the year Fruitvale shares, and Bayview's community-schools cycle. */
export const DEMO_LAST_YEAR = DEMO_YEARS[1]!;
/** The school that shares last year's summary with the network. */
export const DEMO_SHARING_SCHOOL = 'fruitvale-essential-high-school';
/** The school that also assessed itself against the community-schools standards last year. */
export const DEMO_COMMUNITY_SCHOOL = 'bayview-community-high-school';

/**
 * Benchmarks that Fall Forum sessions are tagged with and demo engagements focus on. Each school
 * rates two of them at the rubric's bottom level every year (its weak spots), so "what helps"
 * shows real sessions and coaches for them; everything else is rated higher.
 */
export const DEMO_WEAK_SPOTS = ['advisory', 'demonstration-of-mastery', 'family-and-community', 'professional-collaboration', 'culture-of-inquiry'];
export const weakSpotsOf = (school: number): string[] => [DEMO_WEAK_SPOTS[school % DEMO_WEAK_SPOTS.length]!, DEMO_WEAK_SPOTS[(school + 2) % DEMO_WEAK_SPOTS.length]!];

/** A school's level (index) for a benchmark in a year: its weak spots at the bottom, the rest above and mostly rising. */
function levelIndex(school: number, key: string, benchmark: number, year: number, levels: number): number {
  if (weakSpotsOf(school).includes(key)) return 0;
  return Math.min(levels - 1, 1 + ((school + benchmark + year) % (levels - 1)));
}

/** The coach often sees a benchmark one level lower than the school does (never below the weak spots): the gap to talk about. */
function coachIndex(school: number, key: string, benchmark: number, year: number, levels: number): number {
  const own = levelIndex(school, key, benchmark, year, levels);
  return own > 1 && benchmark % 3 === 0 ? own - 1 : own;
}

interface CycleSpec {
  framework: Framework;
  school: NonNullable<Awaited<ReturnType<typeof getOrganisationBySlug>>>;
  index: number;
  year: number;
  schoolYear: string;
  /** Rate only this many benchmarks and leave the cycle a draft. */
  draftAfter?: number;
  stage: 'draft' | 'submitted' | 'reviewed';
}

/**
 * Demo self-assessments: five Bay Area schools rated the Common Principles' Benchmarks two years
 * ago (against version 1, now retired: those cycles were opened before version 2) and last year
 * (version 2), each reviewed by the center's coach with a rating for every benchmark; this year
 * Mission Hill Academy's cycle is a draft in progress (for the demo leader to finish) and the
 * others are submitted and waiting for the coach. Fruitvale shares last year's summary
 * network-wide, and Bayview also has a reviewed cycle last year against the community-schools
 * standards (DEMO_YEARS: with today's date, 2024-25 to 2026-27). Written
 * through the assessment service, so submissions email the center and the roll-up counts fill
 * like real ones. Adds nothing when Mission Hill Academy already has a cycle.
 */
export async function seedDemoAssessments(db: Db): Promise<void> {
  const frameworks = await listAssessableFrameworks(db);
  const framework = frameworks.find((f) => Boolean(f.is_primary));
  const coach = await getPersonByEmail(db, `coach@${DEMO_DOMAIN}`);
  if (!framework || !coach) return;
  const coachActor: Actor = { personId: coach.id, label: `${coach.name} (demo seed)` };
  const schoolActor = systemActor('demo-seed');
  // The version current when the first year's cycles were opened: the oldest one published.
  const first = (await listVersions(db, framework.id)).filter((v) => v.status !== 'draft').at(-1);
  const community = frameworks.find((f) => f.slug === 'community-schools-standards');
  for (const [s, slug] of DEMO_ASSESSED_SCHOOLS.entries()) {
    const school = await getOrganisationBySlug(db, slug);
    if (!school) continue;
    if (await schoolHasCycle(db, school.id)) {
      if (s === 0) return;
      continue;
    }
    for (const [y, schoolYear] of DEMO_YEARS.entries()) {
      const asOpened = schoolYear === FIRST_VERSION_YEAR && first ? { ...framework, current_version_id: first.id } : framework;
      const last = y === DEMO_YEARS.length - 1;
      const id = await seedCycle(db, schoolActor, coachActor, { framework: asOpened, school, index: s, year: y, schoolYear, stage: last ? (s === 0 ? 'draft' : 'submitted') : 'reviewed', draftAfter: last && s === 0 ? 8 : undefined });
      if (slug === DEMO_SHARING_SCHOOL && schoolYear === DEMO_LAST_YEAR) await setVisibility(db, schoolActor, await getCycleView(db, id), 'network_summary');
    }
    if (slug === DEMO_COMMUNITY_SCHOOL && community) await seedCycle(db, schoolActor, coachActor, { framework: community, school, index: s, year: 1, schoolYear: DEMO_LAST_YEAR, stage: 'reviewed' });
  }
}

/** One cycle: ratings (and a little evidence), then submitted and reviewed as far as `stage` says. */
async function seedCycle(db: Db, schoolActor: Actor, coachActor: Actor, spec: CycleSpec): Promise<number> {
  const { school, index: s, year: y, schoolYear } = spec;
  const opened = await openCycle(db, schoolActor, { school, framework: spec.framework, schoolYear });
  let view = await getCycleView(db, opened.id);
  const benchmarks = benchmarksOf(view.tree);
  const levels = view.tree.levels;
  for (const [b, benchmark] of benchmarks.entries()) {
    if (spec.draftAfter !== undefined && b >= spec.draftAfter) break;
    const level = levels[levelIndex(s, benchmark.key, b, y, levels.length)]!;
    await saveRating(db, schoolActor, view, benchmark.key, RatingInput.parse({ level_key: level.key, comment: b % 4 === 0 ? 'Discussed at our leadership team retreat; see the evidence.' : '', revision: '0' }));
    if (b % 5 === 0) await addEvidence(db, schoolActor, view, benchmark.key, { kind: 'text', text: `Notes from ${schoolYear} classroom walkthroughs and student work review.` });
  }
  if (spec.stage === 'draft') return opened.id;
  // Submitting and finishing the review add the frozen levels to the network roll-up counts.
  await submitCycle(db, schoolActor, await getCycleView(db, opened.id), '');
  if (spec.stage === 'submitted') return opened.id;
  view = await getCycleView(db, opened.id);
  for (const [b, benchmark] of benchmarks.entries()) {
    const coachLevel = levels[coachIndex(s, benchmark.key, b, y, levels.length)]!;
    await saveCoachRating(db, coachActor, view, benchmark.key, { coach_level_key: coachLevel.key, coach_comment: b % 3 === 0 ? 'We saw this in some classrooms, not yet across the school.' : undefined });
  }
  await finishReview(db, coachActor, await getCycleView(db, opened.id));
  return opened.id;
}
