import type { Kysely } from 'kysely';
import type { Database, SessionModality } from '../../db/schema.ts';
import { systemActor } from '../audit/audit.service.ts';
import { listCenterStaff } from '../centers/center-space.service.ts';
import { getOrganisationsByIds, listCenters, listOrganisations } from '../organisations/organisations.service.ts';
import { listPeopleOfOrganisation } from '../people/roles.service.ts';
import { taxonomyTerms } from '../framework/taxonomy.service.ts';
import * as repo from './coaching.repository.ts';
import { createEngagement, getEngagement, logSession } from './coaching.service.ts';

const CASES: { title: string; goals: string; focus: string[] }[] = [
  { title: 'Advisory that every student can count on', goals: 'Every student known well by at least one adult.\n\nAdvisory meets four times a week with a shared curriculum by spring.', focus: ['advisory', 'tone-of-decency-and-trust'] },
  { title: 'Exhibitions with community panels', goals: 'Seniors defend a portfolio before a panel that includes families and community members.', focus: ['demonstration-of-mastery', 'family-and-community'] },
  { title: 'Teacher teams that look at student work', goals: 'Grade-level teams use a protocol to look at student work every other week.', focus: ['professional-collaboration', 'culture-of-inquiry'] },
];

const SESSIONS: { daysAgo: number; minutes: number; modality: SessionModality; notes: string; shareable: boolean; step?: string }[] = [
  { daysAgo: 40, minutes: 120, modality: 'on_site', notes: 'Walked the building with the leadership team and sat in on two advisories. Agreed on a first focus.', shareable: true, step: 'Share the draft advisory calendar with the team' },
  { daysAgo: 20, minutes: 60, modality: 'virtual', notes: 'Coach\'s note: the team is stretched by the schedule change; keep the next steps small.', shareable: false },
  { daysAgo: 6, minutes: 90, modality: 'on_site', notes: 'Reviewed the first month of the pilot with teachers. Students say advisory is where they are heard.', shareable: true, step: 'Collect three student reflections from each advisory' },
];

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Demo coaching: for each center with coaches, engagements with up to three of its schools, each
 * with a few logged sessions (some shared with the school) and next steps. Needs the network,
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
      const c = CASES[(i + k) % CASES.length]!;
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
      for (const s of SESSIONS) {
        const steps = s.step ? [owner ? { description: s.step, owner: owner.id, due: day(-s.daysAgo + 14) } : { description: s.step, owner_name: 'The leadership team', due: day(-s.daysAgo + 14) }] : [];
        await logSession(db, actor, view, { held_on: day(-s.daysAgo), minutes: s.minutes, modality: s.modality, participants: 'Leadership team, coach', notes: s.notes, shareable: s.shareable }, steps);
      }
    }
  }
  // Old next steps are done already, and not reminded on the demo's first day.
  await db.updateTable('engagement_next_steps').set({ done_at: new Date().toISOString() }).where('due_on', '<', day(0)).where('done_at', 'is', null).execute();
}
