import type { Kysely } from 'kysely';
import type { CenterServiceKind, Database, ServiceRequestStatus } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';
import { systemActor } from '../audit/audit.service.ts';
import { getOrganisationsByIds, listCenters, listOrganisations } from '../organisations/organisations.service.ts';
import { listPeople } from '../people/people-management.service.ts';
import { listPeopleOfOrganisation } from '../people/roles.service.ts';
import { createCenterNews, createCenterService } from './center-content.service.ts';
import * as contentRepo from './center-content.repository.ts';
import * as exchangeRepo from './exchange.repository.ts';
import * as requestRepo from './service-requests.repository.ts';

const SERVICES: { kind: CenterServiceKind; title: string; description: string; how_to_request: string }[] = [
  {
    kind: 'coaching',
    title: 'Leadership coaching',
    description: 'A coach works alongside your principal and teacher leaders through the year, focused on equity, inquiry and achievement: shared vision, distributed leadership and the conditions for personalised, academically challenging learning.',
    how_to_request: 'Tell us who the leadership team is and what you want to work on; a coach will call within two weeks to plan a first visit.',
  },
  {
    kind: 'technical_assistance',
    title: 'Data inquiry and equity audits',
    description: 'We help your team look at authentic data on student achievement and experience, find the gaps between groups of students, and choose the practices most likely to close them.',
    how_to_request: 'Send us the questions you want to answer and the data you already collect. We schedule two half-day sessions with your inquiry team.',
  },
  {
    kind: 'professional_development',
    title: 'Advisory and personalisation institute',
    description: 'A three-day summer institute and two follow-up days on advisory, exhibitions and student-as-worker, teacher-as-coach classrooms, with teachers from other Essential schools.',
    how_to_request: 'Request seats for a team of three to six teachers. We confirm dates in the spring.',
  },
  {
    kind: 'other',
    title: 'Critical friends and school visits',
    description: 'We arrange visits to schools in the network and train Critical Friends Groups so teachers look at student work together with protocols.',
    how_to_request: 'Tell us what you would like to see or which protocol you want to learn.',
  },
];

const NEWS = [
  { title: 'Spring school visits open', body: 'Teams can now sign up to visit schools across our network this spring. Visits are a day long and end with a debrief using a tuning protocol.' },
  { title: 'Reflections from Fall Forum', body: 'Our delegation came back full of ideas about exhibitions and equity. Thank you to every teacher and student who presented.' },
  { title: 'New coaching cohort begins', body: 'Six schools join our leadership coaching cohort this year. Their teams will meet monthly to share what they are learning.' },
];

const NEEDS: [string, ServiceRequestStatus, string | null][] = [
  ['Our ninth-grade team wants to redesign advisory around student-led conferences.', 'open', null],
  ['We need help reading our attendance and course-passing data by student group before our spring planning retreat.', 'in_progress', null],
  ['Could a coach observe our exhibitions week and give feedback to teachers?', 'answered', 'Yes. Our coach will attend the first two days of exhibitions and meet the team on Friday afternoon.'],
  ['Looking for a critical friends facilitator training for four teachers.', 'closed', 'We held the training in March; thank you for hosting.'],
];

/**
 * Demo content for every affiliate center: services, news, a few service requests from its
 * schools, and a directors' exchange. Adds only what is missing, so running it again changes
 * nothing. Requests and posts are written directly (no notification emails for demo data).
 */
export async function seedDemoCenters(db: Kysely<Database>): Promise<void> {
  const actor = systemActor('demo-seed');
  const centers = await getOrganisationsByIds(db, (await listCenters(db)).map((c) => c.id));
  for (const [i, center] of centers.entries()) {
    let services = await contentRepo.findServices(db, center.id, { includeRetired: true });
    if (services.length === 0) {
      for (const s of [0, 1, 2, 3].slice(0, 2 + (i % 3)).map((k) => SERVICES[(k + i) % SERVICES.length]!)) await createCenterService(db, actor, center, s);
      services = await contentRepo.findServices(db, center.id, { includeRetired: true });
    }
    if ((await contentRepo.findNews(db, center.id, { publishedOnly: false })).length === 0) {
      for (const item of NEWS.slice(0, 1 + (i % 3))) await createCenterNews(db, actor, center, { ...item, status: 'published' });
    }
    if ((await requestRepo.countRequests(db, { centerId: center.id })) === 0) {
      const schools = (await listOrganisations(db, { center: center.id, kind: 'school', page: 1, per_page: 4 })).items;
      for (const [k, school] of schools.entries()) {
        const [need, status, response] = NEEDS[k % NEEDS.length]!;
        const requester = (await listPeopleOfOrganisation(db, school.id)).find((p) => p.role.role === 'school_leader' || p.role.role === 'school_staff');
        const now = nowIso();
        await requestRepo.insertRequest(db, {
          center_id: center.id,
          service_id: services[k % services.length]!.id,
          school_id: school.id,
          requester_person_id: requester?.person.id ?? null,
          need,
          timing: k % 2 ? 'This spring' : null,
          contact: requester ? `${requester.person.name}, ${requester.person.email}` : `Front office, ${school.name}`,
          status,
          response,
          responded_by: null,
          responded_at: response ? now : null,
          submission_key: `demo-${center.id}-${school.id}-${k}`,
          created_at: now,
          updated_at: now,
        });
      }
    }
  }
  await seedDemoExchange(db);
}

async function seedDemoExchange(db: Kysely<Database>): Promise<void> {
  if ((await exchangeRepo.countThreads(db)) > 0) return;
  const directors = (await listPeople(db, { role: 'center_director', page: 1, perPage: 20 })).items;
  if (directors.length === 0) return;
  const by = (k: number) => directors[k % directors.length]!.id;
  const threads: [string, string, string[]][] = [
    ['How are you scheduling advisory this year?', 'We moved to four 25-minute advisories a week and are seeing better attendance. What has worked in your schools?', ['Two longer blocks work better for our small schools: there is time for a real check-in.', 'We tie advisory to the portfolio defence, so students see why it matters.']],
    ['Sharing our equity audit protocol', 'Attached to our last meeting notes is the protocol we use with school teams to read data by student group. Happy to walk anyone through it.', ['Thank you, we adapted it for our middle schools.']],
    ['Agenda ideas for the directors\' meeting at Fall Forum', 'Please add what you want on the agenda: funding for coaching, sharing services between centers, and new schools joining.', ['Add a session on how centers support schools going through leadership changes.', 'And one on exhibitions with community panels.']],
  ];
  let minutes = 60 * 24 * 10;
  for (const [k, [title, body, replies]] of threads.entries()) {
    const at = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    const thread = await exchangeRepo.insertThread(db, { title, body, author_person_id: by(k), last_activity_at: at(minutes), created_at: at(minutes) });
    for (const [r, text] of replies.entries()) {
      minutes -= 300;
      await exchangeRepo.insertReply(db, { thread_id: thread.id, body: text, author_person_id: by(k + r + 1), created_at: at(minutes) });
      await exchangeRepo.touchThread(db, thread.id, at(minutes));
    }
    minutes -= 60 * 24;
  }
}
