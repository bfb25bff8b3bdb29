import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { systemActor, recordAudit } from '../audit/audit.service.ts';
import { createInvoice, getInvoiceById, recordOfflinePayment } from '../billing/billing.service.ts';
import { getOrganisationById } from '../organisations/organisations.service.ts';
import { listPeopleWithRole } from '../people/people-management.service.ts';
import { getPersonById } from '../people/people.service.ts';
import { refreshAffiliation } from './affiliation-state.ts';
import { addDays, addMonths, dateOf } from './affiliation-status.ts';
import * as repo from './affiliation.repository.ts';
import * as demoRepo from './affiliation-demo.repository.ts';
import type { PlanInput } from './affiliation.schemas.ts';
import { createPlan, duesFor, getPlan, listPlans, type PlanView } from './plans.service.ts';

const actor = systemActor('demo-seed');

const PLANS: (PlanInput & { slug: string })[] = [
  {
    slug: 'school-membership',
    name: 'School membership',
    description: 'For Essential schools that enact the Common Principles.',
    holder: 'school',
    term_kind: 'rolling',
    term_months: 12,
    grace_days: 45,
    dues: [
      { min_enrolment: 0, max_enrolment: 299, amount: 35000 },
      { min_enrolment: 300, max_enrolment: 799, amount: 60000 },
      { min_enrolment: 800, max_enrolment: null, amount: 95000 },
    ],
    benefits: [
      { key: 'event-discount', value: '20%', label: 'Fall Forum registration discount' },
      { key: 'store-discount', value: '10%', label: 'Discount on books and card decks' },
      { key: 'library', value: 'members-only', label: 'Members-only library and video clips' },
    ],
  },
  {
    slug: 'partner-membership',
    name: 'Organisation and partner membership',
    description: 'For affiliate centers, community partners and allied organisations.',
    holder: 'organisation',
    term_kind: 'fixed',
    fixed_start_month: 7,
    fixed_start_day: 1,
    term_months: 12,
    grace_days: 60,
    dues: [{ min_enrolment: null, max_enrolment: null, amount: 25000 }],
    benefits: [
      { key: 'event-discount', value: '15%', label: 'Fall Forum registration discount' },
      { key: 'library', value: 'members-only', label: 'Members-only library and video clips' },
    ],
  },
  {
    slug: 'individual-membership',
    name: 'Individual membership',
    description: 'For teachers, parents, students and friends of the network.',
    holder: 'individual',
    term_kind: 'rolling',
    term_months: 12,
    grace_days: 30,
    dues: [{ min_enrolment: null, max_enrolment: null, amount: 6000 }],
    benefits: [{ key: 'event-discount', value: '10%', label: 'Fall Forum registration discount' }],
  },
];

/** What one demo holder's history looks like. */
type Story = 'none' | 'pending' | 'approvedUnpaid' | 'lapsed' | 'grace' | 'current';
const STORIES: Story[] = ['current', 'current', 'current', 'current', 'current', 'approvedUnpaid', 'grace', 'lapsed', 'pending', 'none'];

/**
 * Demo memberships: three plans, and affiliations for most demo schools, centers and partners and
 * for some people, spread over the last three years (so network-health charts have history): paid
 * terms, open and paid invoices (paid by check or purchase order through billing), some in grace,
 * some expired, a few pending applications. Adds only what is missing.
 */
export async function seedDemoAffiliation(db: Kysely<Database>): Promise<void> {
  const existing = await listPlans(db);
  for (const p of PLANS) if (!existing.some((e) => e.slug === p.slug)) await createPlan(db, actor, p);
  const plans = await listPlans(db);
  const plan = (slug: string) => plans.find((p) => p.slug === slug)!;
  const taken = await demoRepo.findHoldersWithAffiliation(db);
  const hasOrg = new Set(taken.map((h) => h.organisation_id).filter((x) => x !== null));
  const hasPerson = new Set(taken.filter((h) => h.organisation_id === null).map((h) => h.person_id));
  const today = dateOf(new Date());

  const schools = await demoRepo.findOrganisationsOfKind(db, ['school']);
  for (const [i, s] of schools.entries()) {
    if (hasOrg.has(s.id)) continue;
    // The demo leader's school is a current member in its second year, so its staff see their
    // benefits and its leader sees a renewal invoice paid by check.
    const demoSchool = s.slug === 'mission-hill-academy';
    const story = demoSchool ? 'current' : STORIES[i % STORIES.length]!;
    await seedOne(db, plan('school-membership'), { organisationId: s.id, personId: null, centerId: s.center_id }, story, demoSchool ? 0 : i, today, demoSchool ? 400 : undefined);
  }
  const orgs = await demoRepo.findOrganisationsOfKind(db, ['affiliate_center', 'partner', 'other']);
  for (const [i, o] of orgs.entries()) {
    if (hasOrg.has(o.id)) continue;
    const story: Story = i % 7 === 6 ? 'lapsed' : i % 7 === 5 ? 'pending' : 'current';
    await seedOne(db, plan('partner-membership'), { organisationId: o.id, personId: null, centerId: null }, story, i + 3, today);
  }
  const people = (await listPeopleWithRole(db, 'center_coach')).sort((a, b) => a.id - b.id).slice(0, 10);
  for (const [i, p] of people.entries()) {
    if (hasPerson.has(p.id)) continue;
    const story: Story = (['current', 'current', 'grace', 'lapsed', 'pending'] as const)[i % 5]!;
    await seedOne(db, plan('individual-membership'), { organisationId: null, personId: p.id, centerId: null }, story, i + 5, today);
  }
}

/** One holder's affiliation history, written in one transaction (payments go through billing after). */
async function seedOne(db: Kysely<Database>, plan: PlanView, holder: { organisationId: number | null; personId: number | null; centerId: number | null }, story: Story, i: number, today: string, joinedDaysAgo?: number): Promise<void> {
  if (story === 'none') return;
  // Joined between a month and three years ago; a grace story ended its last paid term a few days ago.
  let joined = addDays(today, -(joinedDaysAgo ?? 40 + ((i * 53) % 1050)));
  if (story === 'grace') joined = addMonths(addDays(today, -(3 + (i % 20))), -12 * (1 + (i % 2)));
  if (story === 'approvedUnpaid' || story === 'pending') joined = addDays(today, -(2 + (i % 20)));
  const toPay = await db.transaction().execute(async (trx) => {
    const at = `${joined}T15:00:00.000Z`;
    const aff = await repo.insertAffiliation(trx, {
      plan_id: plan.id,
      organisation_id: holder.organisationId,
      person_id: holder.personId,
      applicant_person_id: holder.personId,
      center_id: holder.centerId,
      statement: holder.organisationId ? 'We practise the Common Principles: personalization, student as worker, demonstration of mastery.' : 'I teach and want to stay connected.',
      decision: story === 'pending' ? 'applied' : 'approved',
      decided_at: story === 'pending' ? null : at,
      status: 'pending',
      status_on: '0000-00-00',
      created_at: at,
      updated_at: at,
    });
    await recordAudit(trx, actor, { action: 'affiliation.applied', subjectType: 'affiliation', subjectId: aff.id, organisationId: holder.organisationId });
    let invoiceToPay: number | null = null;
    const term = (kind: 'join' | 'renewal', startsOn: string, endsOn: string, paid: boolean) =>
      repo.insertTerm(trx, { affiliation_id: aff.id, kind, starts_on: startsOn, ends_on: endsOn, invoice_id: null, paid_at: paid ? `${startsOn}T12:00:00.000Z` : null, created_at: `${startsOn}T12:00:00.000Z` });
    const invoiced = async (kind: 'join' | 'renewal', startsOn: string, endsOn: string) => {
      const row = await term(kind, startsOn, endsOn, false);
      const invoice = await invoiceFor(trx, plan, aff, startsOn, endsOn, today);
      await repo.setTermInvoice(trx, row.id, invoice.id);
      return invoice.id;
    };
    if (story === 'approvedUnpaid') {
      await invoiced('join', joined, addMonths(joined, plan.term_months));
    } else if (story !== 'pending') {
      // Consecutive yearly terms from joining: one for a lapsed member, up to today for a current
      // one, up to a few days ago for one in grace.
      const periods: { start: string; end: string }[] = [];
      let start = plan.term_kind === 'fixed' ? termStartFixed(plan, joined) : joined;
      for (;;) {
        const end = addMonths(start, plan.term_months);
        periods.push({ start, end });
        if (story === 'lapsed' || end > today || (story === 'grace' && addMonths(end, plan.term_months) > today)) break;
        start = end;
      }
      for (const [k, p] of periods.entries()) {
        const kind = k === 0 ? 'join' : 'renewal';
        // The newest paid renewal of a current member is invoiced and paid (by check or PO) through
        // billing below; earlier years are recorded as paid on their first day.
        if (story === 'current' && k === periods.length - 1 && kind === 'renewal') invoiceToPay = await invoiced(kind, p.start, p.end);
        else await term(kind, p.start, p.end, true);
      }
      const last = periods.at(-1)!;
      if (story === 'grace' && last.end <= today) await invoiced('renewal', last.end, addMonths(last.end, plan.term_months));
    }
    await refreshAffiliation(trx, aff, today);
    return invoiceToPay;
  });
  if (toPay !== null) {
    const invoice = (await getInvoiceById(db, toPay))!;
    await recordOfflinePayment(db, actor, toPay, { method: i % 2 === 0 ? 'check' : 'purchase_order', reference: `${i % 2 === 0 ? 'CHK' : 'PO'}-${1000 + i}`, amountCents: invoice.total_cents, receivedOn: today });
  }
}

function termStartFixed(plan: PlanView, date: string): string {
  const y = Number(date.slice(0, 4));
  const md = `${String(plan.fixed_start_month).padStart(2, '0')}-${String(plan.fixed_start_day).padStart(2, '0')}`;
  return `${y}-${md}` <= date ? `${y}-${md}` : `${y - 1}-${md}`;
}

async function invoiceFor(trx: Kysely<Database>, plan: PlanView, aff: repo.AffiliationRow, start: string, end: string, today: string) {
  const org = aff.organisation_id !== null ? await getOrganisationById(trx, aff.organisation_id) : undefined;
  const person = aff.person_id !== null ? await getPersonById(trx, aff.person_id) : undefined;
  const fresh = (await getPlan(trx, plan.id))!;
  return createInvoice(trx, actor, {
    purpose: 'affiliation',
    purposeId: aff.id,
    organisationId: org?.id ?? null,
    personId: org ? null : (person?.id ?? null),
    billToName: org?.name ?? person?.name ?? 'Member',
    billToEmail: org?.email ?? person?.email ?? null,
    dueOn: addDays(start > today ? start : today, 30),
    lines: [{ description: `${plan.name}: ${start} to ${addDays(end, -1)}`, quantity: 1, unitCents: duesFor(fresh, org?.enrolment ?? null) }],
  });
}
