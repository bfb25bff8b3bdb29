import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database } from '../../db/schema.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Actor } from '../audit/audit.service.ts';
import { getOrganisationBySlug } from '../organisations/organisations.service.ts';
import { listPeopleWithRole } from '../people/people-management.service.ts';
import { getPersonByEmail, listRoleGrantsOfPerson } from '../people/people.service.ts';
import type { PersonView } from '../people/person-view.ts';
import { insertSessionWithDetails, sessionSpan } from './agenda.service.ts';
import { EventInput } from './calendar.schemas.ts';
import { checkIn } from './check-in.service.ts';
import { cancelEvent, createEvent, publishEvent } from './event-editing.service.ts';
import { FALL_FORUM, OTHER_EVENTS, type DemoEvent } from './events-demo.data.ts';
import { findEventBySlug } from './events.repository.ts';
import { addReviewer, decideProposal, saveReview, submitProposal } from './proposals.service.ts';
import { buyerOf } from './registration-http.ts';
import { OrderInput, PoolInput, PromoCodeInput, TicketTypeInput } from './registration.schemas.ts';
import { placeOrder } from './registration.service.ts';
import { createPool, createPromoCode, createTicketType } from './ticket-admin.service.ts';
import { joinWaitlist } from './waitlist-queue.service.ts';
import { DecisionInput, ProposalInput, ReviewInput } from './agenda.schemas.ts';

type Db = Kysely<Database>;

const DEMO_DOMAIN = 'demo.coalition.invalid';
const DAY = 86_400_000;
const dateIn = (days: number, from = new Date()) => new Date(from.getTime() + days * DAY).toISOString().slice(0, 10);
const localStamp = (days: number, time: string) => `${dateIn(days)}T${time}`;

/** Someone of the demo network as the services see a signed-in person. */
async function principalOf(db: Db, email: string): Promise<Principal> {
  const person = await getPersonByEmail(db, email);
  if (!person) throw new Error(`demo person ${email} is missing`);
  return {
    kind: 'person',
    personId: person.id,
    name: person.name,
    email: person.email,
    locale: person.locale,
    emailVerified: true,
    roles: await listRoleGrantsOfPerson(db, person.id),
    auditLabel: `${person.name} (demo seed)`,
  };
}

const principalOfView = (db: Db, p: PersonView) => principalOf(db, p.email);

/** Creates, publishes (and, for a cancelled demo event, cancels) one event with its seats and tickets. */
async function seedEvent(db: Db, actor: Actor, admin: Principal, demo: DemoEvent): Promise<CoalitionEvent> {
  const organiser = await getOrganisationBySlug(db, demo.organiser === 'national' ? 'national-office' : demo.organiser);
  if (!organiser) throw new Error(`demo organiser ${demo.organiser} is missing`);
  const lastDay = demo.inDays + (demo.days ?? 1) - 1;
  const input = EventInput.parse({
    title: demo.title,
    slug: demo.slug,
    summary: demo.summary,
    description: demo.description,
    kind: demo.kind,
    organiser_id: String(organiser.id),
    ...(demo.online ? { online: 'on', online_url: 'https://meet.example.org/coalition-hub-demo' } : { venue_name: demo.venueName, venue_address: demo.venueAddress }),
    timezone: demo.timezone,
    ...(demo.allDay && { all_day: 'on' }),
    start_date: dateIn(demo.inDays),
    end_date: dateIn(lastDay),
    ...(!demo.allDay && { start_time: demo.start, end_time: demo.end }),
    registration_enabled: 'on',
    ...(demo.refundCutoffDays != null && { refund_cutoff_days: String(demo.refundCutoffDays) }),
    ...(demo.refundPolicy && { refund_policy: demo.refundPolicy }),
    transfers_allowed: 'on',
    ...(demo.proposalsOpen && {
      proposals_open_at: localStamp(-20, '09:00'),
      proposals_close_at: localStamp(30, '17:00'),
      proposal_guidelines: 'Propose a session that shows practice, not just talks about it: bring student work, a protocol to try, or students themselves. Tag it with the principles and Benchmarks it serves.',
    }),
    contact_email: `events@${DEMO_DOMAIN}`,
    tags: demo.tags,
  });
  let event = await publishEvent(db, actor, await createEvent(db, actor, admin, input));
  const main = await createPool(db, actor, event, PoolInput.parse({ name: 'Seats', capacity: String(demo.capacity) }));
  for (const [i, t] of demo.tickets.entries()) {
    const pool = t.addOnSeats ? await createPool(db, actor, event, PoolInput.parse({ name: t.name, capacity: String(t.addOnSeats) })) : main;
    await createTicketType(
      db,
      actor,
      event,
      TicketTypeInput.parse({
        name: t.name,
        description: t.description,
        audience: t.audience ?? 'anyone',
        price: String(t.priceDollars),
        ...(t.memberDiscount && { member_discount: 'on' }),
        seats_per_unit: String(t.seatsPerUnit ?? 1),
        ...(t.addOnSeats && { is_add_on: 'on' }),
        pool_id: String(pool.id),
        max_per_order: String(t.maxPerOrder ?? 10),
        position: String(i + 1),
      }),
    );
  }
  if (demo.promo) await createPromoCode(db, actor, event, PromoCodeInput.parse({ code: demo.promo.code, kind: 'percent', percent_off: String(demo.promo.percentOff), max_uses: String(demo.promo.maxUses) }));
  if (demo.status === 'cancelled') event = await cancelEvent(db, actor, event);
  return event;
}

async function typeIdsOf(db: Db, eventId: number): Promise<Map<string, number>> {
  const rows = await db.selectFrom('ticket_types').select(['id', 'name']).where('event_id', '=', eventId).execute();
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** An order by a demo person, through the registration service (so invoices, tickets and emails are real). */
async function register(db: Db, event: CoalitionEvent, who: Principal, items: [typeName: string, units: number][], extra: Record<string, unknown> = {}, now?: Date) {
  const types = await typeIdsOf(db, event.id);
  const input = OrderInput.parse({ items: items.map(([name, quantity]) => ({ ticket_type_id: types.get(name), quantity })), ...extra });
  const { order } = await placeOrder(db, actorOf(who), { event, buyer: await buyerOf(db, who), input, cardAvailable: false, now });
  return order;
}

const actorOf = (p: Principal): Actor => ({ personId: p.personId, label: p.auditLabel });

/** The Fall Forum's agenda, its call for proposals with reviews and decisions. */
async function seedForumProgramme(db: Db, actor: Actor, event: CoalitionEvent, people: { admin: Principal; reviewers: PersonView[]; submitters: PersonView[] }) {
  for (const s of FALL_FORUM.sessions ?? []) {
    const [h, m] = s.start.split(':').map(Number) as [number, number];
    const endMinutes = h * 60 + m + s.minutes;
    const end = `${String(Math.floor(endMinutes / 60)).padStart(2, '0')}:${String(endMinutes % 60).padStart(2, '0')}`;
    const span = sessionSpan(event, { day: dateIn(FALL_FORUM.inDays + s.day), start_time: s.start, end_time: end });
    await db.transaction().execute((trx) =>
      insertSessionWithDetails(trx, actor, event, { title: s.title, description: s.description, ...span, room: s.room, capacity: s.capacity ?? null, presenters: s.presenters.map(([name, affiliation]) => ({ person_id: null, name, affiliation })), tags: s.tags, proposal_id: null }),
    );
  }
  for (const r of people.reviewers) await addReviewer(db, actor, event, r.email);
  for (const [i, p] of (FALL_FORUM.proposals ?? []).entries()) {
    const submitter = people.submitters[i % people.submitters.length]!;
    const input = ProposalInput.parse({ title: p.title, abstract: p.abstract, format: p.format, presenters: p.presenters, tags: p.tags, duration_minutes: String(p.minutes) });
    const { proposal } = await submitProposal(db, actorOf(await principalOfView(db, submitter)), event, submitter.id, input);
    for (const [j, reviewer] of people.reviewers.entries()) {
      const score = p.status === 'declined' ? 1 + j : p.status === 'accepted' ? 5 - j : 3 + ((i + j) % 2);
      await saveReview(db, event.id, proposal.id, reviewer.id, ReviewInput.parse({ score: String(score), comment: score >= 4 ? 'Strong: practice we can see, with student work.' : 'Needs a clearer link to the principles.' }));
    }
    if (p.status !== 'submitted') {
      const decision = p.status === 'accepted' ? { decision: 'accept', message: 'Thank you — we would love to have this at the Forum.', day: dateIn(FALL_FORUM.inDays + 2), start_time: '10:30', room: 'Room 203' } : { decision: 'decline', message: 'Thank you for proposing; this year we are choosing sessions led by school practitioners.' };
      await decideProposal(db, actor, event, proposal.id, DecisionInput.parse(decision));
    }
  }
}

/**
 * Demo convenings: a Fall Forum with ticket types, a promo code, sessions, proposals under review
 * and registrations (the demo school leader's team by invoice); center workshops, a webinar, a
 * national forum, a sold-out movie-night fundraiser with a waitlist, a past workshop with check-ins
 * and a cancelled evening. Adds nothing when the Fall Forum already exists. Registrations go
 * through the registration service, so their confirmation emails wait in the outbox like real ones.
 */
export async function seedDemoEvents(db: Db): Promise<void> {
  if (await findEventBySlug(db, FALL_FORUM.slug)) return;
  const admin = await principalOf(db, `admin@${DEMO_DOMAIN}`);
  const actor = actorOf(admin);
  const events = new Map<string, CoalitionEvent>();
  for (const demo of [FALL_FORUM, ...OTHER_EVENTS]) events.set(demo.slug, await seedEvent(db, actor, admin, demo));

  const [coaches, leaders, staff] = await Promise.all([listPeopleWithRole(db, 'center_coach'), listPeopleWithRole(db, 'school_leader'), listPeopleWithRole(db, 'school_staff')]);
  const forum = events.get(FALL_FORUM.slug)!;
  await seedForumProgramme(db, actor, forum, { admin, reviewers: coaches.slice(0, 2), submitters: [...staff.slice(1, 4), ...leaders.slice(5, 7)] });

  // The demo school leader registers a team from Mission Hill Academy (a member school: the discount applies), paid by invoice.
  const leader = await principalOf(db, `leader@${DEMO_DOMAIN}`);
  const school = (await buyerOf(db, leader)).schools[0]!;
  const team = [`leader@${DEMO_DOMAIN}`, `staff@${DEMO_DOMAIN}`, ...staff.filter((s) => !s.email.startsWith('staff@')).slice(0, 3).map((s) => s.email)];
  await register(db, forum, leader, [['School team of five', 1]], { organisation_id: school.id, attendees: await Promise.all(team.map(async (email) => ({ name: (await getPersonByEmail(db, email))?.name ?? email, email }))), payment_method: 'invoice', po_number: 'PO-2026-118' });
  for (const p of leaders.slice(1, 9)) await register(db, forum, await principalOfView(db, p), [['Full Forum', 1]], { payment_method: 'invoice' });
  await register(db, forum, await principalOfView(db, coaches[2]!), [['Full Forum', 1], ['Pre-Forum workshop: designing exhibitions', 1]], { payment_method: 'invoice', promo_code: 'firstforum' });

  for (const p of [...leaders.slice(9, 15), ...staff.slice(4, 8)]) await register(db, events.get('national-forum-assessment')!, await principalOfView(db, p), [['Free registration', 1]], { payment_method: 'free' });
  for (const p of leaders.slice(0, 4)) await register(db, events.get('advisory-institute-bay-area')!, await principalOfView(db, p), [['Workshop seat', 1]], { payment_method: 'invoice' });

  // The movie night sells out (8 seats); two people wait for a seat.
  const movie = events.get('movie-night-fundraiser')!;
  for (const p of [leaders[15]!, leaders[16]!]) {
    const family = ['', ' (guest 1)', ' (guest 2)', ' (guest 3)'].map((suffix, i) => ({ name: `${p.name}${suffix}`, email: i === 0 ? p.email : p.email.replace('@', `+guest${i}@`) }));
    await register(db, movie, await principalOfView(db, p), [['Movie ticket', 4]], { payment_method: 'invoice', attendees: family });
  }
  const movieType = (await typeIdsOf(db, movie.id)).get('Movie ticket')!;
  for (const p of [staff[0]!, leaders[17]!]) await joinWaitlist(db, movie, { personId: p.id, name: p.name, email: p.email }, { ticket_type_id: movieType, quantity: 2 });

  // A past workshop: registered a month before, most attendees checked in at the door.
  const past = events.get('exhibitions-workshop-southwest')!;
  const earlier = new Date(Date.now() - 40 * DAY);
  for (const p of leaders.slice(18, 26)) await register(db, past, await principalOfView(db, p), [['Workshop seat', 1]], { payment_method: 'invoice' }, earlier);
  const codes = await db.selectFrom('tickets').select('code').where('event_id', '=', past.id).orderBy('id').execute();
  for (const { code } of codes.slice(0, 6)) await checkIn(db, actor, past, code);
}
