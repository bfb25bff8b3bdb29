import { randomUUID } from 'node:crypto';
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

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

/** A scheduled session, ten days ahead, of the event `eventId`, tagged with `tag`. */
export async function taggedSession(db: Kysely<Database>, eventId: number, title: string, tag: string): Promise<void> {
  const now = inDays(0);
  const session = await db
    .insertInto('event_sessions')
    .values({ event_id: eventId, uid: `${randomUUID()}@test`, sequence: 0, title, description: '', starts_at: inDays(10), ends_at: inDays(10.1), room: null, capacity: null, status: 'scheduled', proposal_id: null, submission_key: null, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db.insertInto('session_tags').values({ session_id: session.id, tag }).execute();
}

/**
 * A center's engagement with a school, its coach and focus benchmarks, and (when `minutes` is
 * more than 0) one logged session. By default in the 2026-27 school year: from 1 September 2026,
 * open-ended, its session on 15 October 2026.
 */
export async function focusedEngagement(
  db: Kysely<Database>,
  center: Organisation,
  school: Organisation,
  coach: Person,
  focus: string[],
  status: 'active' | 'paused' | 'closed',
  minutes = 0,
  when: { startsOn: string; endsOn: string | null; heldOn: string } = { startsOn: '2026-09-01', endsOn: null, heldOn: '2026-10-15' },
): Promise<void> {
  const now = inDays(0);
  const e = await db
    .insertInto('engagements')
    .values({ center_id: center.id, school_id: school.id, title: 'Case', goals: '', status, starts_on: when.startsOn, ends_on: when.endsOn, service_request_id: null, created_by: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('engagement_members').values({ engagement_id: e.id, person_id: coach.id, role: 'coach' }).execute();
  await db.insertInto('engagement_focus').values(focus.map((key) => ({ engagement_id: e.id, tag: `benchmark:${key}` }))).execute();
  if (minutes) await db.insertInto('engagement_sessions').values({ engagement_id: e.id, held_on: when.heldOn, minutes, modality: 'on_site', participants: '', notes: '', shareable: false, logged_by: null, created_at: now, updated_at: now }).execute();
}

