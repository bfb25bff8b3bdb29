import type { Kysely } from 'kysely';
import type { Database, SessionModality } from '../../db/schema.ts';
import { systemActor } from '../audit/audit.service.ts';
import { listCenterStaff } from '../centers/center-space.service.ts';
import { getOrganisationsByIds, listCenters, listOrganisations } from '../organisations/organisations.service.ts';
import { listPeopleOfOrganisation } from '../people/roles.service.ts';
import { taxonomyTerms } from '../framework/taxonomy.service.ts';
import * as repo from './coaching.repository.ts';
import { completeNextStep, createEngagement, getEngagement, logSession } from './coaching.service.ts';

/** What the demo engagements are about, and the benchmarks each focuses on (assessment demo ratings meet them). */
export const DEMO_CASES: { title: string; goals: string; focus: string[] }[] = [
  { title: 'Advisory that every student can count on', goals: 'Every student known well by at least one adult.\n\nAdvisory meets four times a week with a shared curriculum by spring.', focus: ['advisory', 'tone-of-decency-and-trust'] },
  { title: 'Exhibitions with community panels', goals: 'Seniors defend a portfolio before a panel that includes families and community members.', focus: ['demonstration-of-mastery', 'family-and-community'] },
  { title: 'Teacher teams that look at student work', goals: 'Grade-level teams use a protocol to look at student work every other week.', focus: ['professional-collaboration', 'culture-of-inquiry'] },
];

interface DemoSession {
  daysAgo: number;
  minutes: number;
  modality: SessionModality;
  notes: string;
  shareable: boolean;
  /** A next step agreed, due `dueIn` days after the session; `done` ones were finished, the others are open (overdue when past due). */
  step?: { description: string; dueIn: number; done: boolean };
}

/** A short engagement's log: three sessions. */
const SESSIONS: DemoSession[] = [
  { daysAgo: 40, minutes: 120, modality: 'on_site', notes: 'Walked the building with the leadership team and sat in on two advisories. Agreed on a first focus.', shareable: true, step: { description: 'Share the draft advisory calendar with the team', dueIn: 14, done: true } },
  { daysAgo: 20, minutes: 60, modality: 'virtual', notes: 'Coach\'s note: the team is stretched by the schedule change; keep the next steps small.', shareable: false },
  { daysAgo: 6, minutes: 90, modality: 'on_site', notes: 'Reviewed the first month of the pilot with teachers. Students say advisory is where they are heard.', shareable: true, step: { description: 'Collect three student reflections from each advisory', dueIn: 14, done: false } },
];

/** A longer engagement's log: five sessions, some private to the center, with next steps done, overdue and open. */
const LONG_SESSIONS: DemoSession[] = [
  { daysAgo: 52, minutes: 120, modality: 'on_site', notes: 'First visit: walked the building with the leadership team, looked at last year\'s self-assessment together and chose the focus benchmarks.', shareable: true, step: { description: 'Send the coach last year\'s schedule and advisory roster', dueIn: 7, done: true } },
  { daysAgo: 38, minutes: 60, modality: 'virtual', notes: 'Coach\'s note: two teachers are skeptical of the change; meet them one to one before the next team meeting.', shareable: false, step: { description: 'Coach meets the two skeptical teachers', dueIn: 10, done: true } },
  { daysAgo: 24, minutes: 90, modality: 'on_site', notes: 'Facilitated a tuning protocol on student work with the grade 9 team. The team agreed on one common rubric row to try.', shareable: true, step: { description: 'Draft the common rubric row and share it with the team', dueIn: 10, done: false } },
  { daysAgo: 12, minutes: 45, modality: 'virtual', notes: 'Coach\'s note: the principal is on leave until the end of the month; keep the lead teacher in the loop.', shareable: false },
  { daysAgo: 4, minutes: 90, modality: 'on_site', notes: 'Observed three classes using the rubric row and debriefed with the team. Students could say what the row asks of them.', shareable: true, step: { description: 'Plan the family evening where students present their work', dueIn: 21, done: false } },
];

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Demo coaching: for each center with coaches, engagements with up to three of its schools. The
 * first two have a longer log (five sessions, some shared with the school, some the center's own
 * notes; next steps done, overdue and still open), the third a short one. Needs the network,
 * centers and the primary framework seeded first; adds nothing for a center that has engagements.
 */
export async function seedDemoCoaching(db: Kysely<Database>): Promise<void> {
  const actor = systemActor('demo-seed');
  const benchmarks = new Set((await taxonomyTerms(db)).filter((t) => t.kind === 'benchmark').map((t) => t.key));
  const centers = await getOrganisationsByIds(db, (await listCenters(db)).map((c) => c.id));
  for (const [i, center] of centers.entries()) {
    if ((await repo.findEngagements(db, { centerId: center.id })).length > 0) continue;
    const staff = await listCenterStaff(db, center.id);
    const coaches = staff.filter((s) => s.role === 'center_coach');
    if (coaches.length === 0) continue;
    const schools = (await listOrganisations(db, { center: center.id, kind: 'school', page: 1, per_page: 3 })).items;
    for (const [k, school] of schools.entries()) {
      const c = DEMO_CASES[(i + k) % DEMO_CASES.length]!;
      const contacts = (await listPeopleOfOrganisation(db, school.id)).filter((p) => !p.person.disabled && p.role.role === 'school_leader').map((p) => p.person.id);
      const created = await createEngagement(db, actor, center, {
        school_id: school.id,
        title: c.title,
        goals: c.goals,
        status: k === 2 ? 'paused' : 'active',
        starts_on: day(-60),
        ends_on: day(240),
        focus: c.focus.filter((key) => benchmarks.has(key)).map((key) => `benchmark:${key}`),
        coaches: [coaches[k % coaches.length]!.personId],
        contacts: [...new Set(contacts)].slice(0, 2),
      });
      const view = await getEngagement(db, center.id, created.id);
      const owner = view.contacts[0];
      for (const s of k < 2 ? LONG_SESSIONS : SESSIONS) {
        const due = s.step ? day(-s.daysAgo + s.step.dueIn) : '';
        const steps = s.step ? [owner ? { description: s.step.description, owner: owner.id, due } : { description: s.step.description, owner_name: 'The leadership team', due }] : [];
        const session = await logSession(db, actor, view, { held_on: day(-s.daysAgo), minutes: s.minutes, modality: s.modality, participants: 'Leadership team, coach', notes: s.notes, shareable: s.shareable }, steps);
        if (!s.step?.done) continue;
        for (const step of await db.selectFrom('engagement_next_steps').select('id').where('session_id', '=', session.id).execute()) await completeNextStep(db, actor, view, step.id);
      }
    }
  }
  // An overdue step was reminded when it fell due: the demo's first day sends no burst of reminders.
  await db.updateTable('engagement_next_steps').set({ reminded_at: new Date().toISOString() }).where('due_on', '<', day(0)).where('done_at', 'is', null).where('reminded_at', 'is', null).execute();
}
