import type { Kysely } from 'kysely';
import type { Database, Framework, Organisation, Person } from '../../db/schema.ts';
import type { Actor } from '../audit/audit.service.ts';
import * as assessment from '../assessment/assessment.service.ts';

/** Runs a cycle through the real service: open, rate every benchmark, submit, and (when `coach` levels are given) review. */
export async function assessedCycle(
  db: Kysely<Database>,
  opts: { school: Organisation; framework: Framework; year: string; leader: Person; levels: Record<string, string>; coach?: { person: Person; levels: Record<string, string> } },
): Promise<number> {
  const leader: Actor = { personId: opts.leader.id, label: opts.leader.name };
  const cycle = await assessment.openCycle(db, leader, { school: opts.school, framework: opts.framework, schoolYear: opts.year });
  let view = await assessment.getCycleView(db, cycle.id);
  for (const [key, level] of Object.entries(opts.levels)) await assessment.saveRating(db, leader, view, key, { level_key: level, comment: '', revision: 0 });
  view = await assessment.getCycleView(db, cycle.id);
  await assessment.submitCycle(db, leader, view, 'http://hub.test');
  if (!opts.coach) return cycle.id;
  const coach: Actor = { personId: opts.coach.person.id, label: opts.coach.person.name };
  view = await assessment.getCycleView(db, cycle.id);
  for (const [key, level] of Object.entries(opts.coach.levels)) await assessment.saveCoachRating(db, coach, view, key, { coach_level_key: level, coach_comment: '', coach_at: null });
  await assessment.finishReview(db, coach, await assessment.getCycleView(db, cycle.id));
  return cycle.id;
}
