import type { Kysely } from 'kysely';
import type { Database, Organisation } from '../../db/schema.ts';
import { isUniqueViolation, nowIso } from '../../db/dialect.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { createInvoice, getInvoiceById, invoicePath, voidInvoice, type Invoice } from '../billing/billing.service.ts';
import { getOrganisationById } from '../organisations/organisations.service.ts';
import { listPeopleWithRole } from '../people/people-management.service.ts';
import { getPersonById } from '../people/people.service.ts';
import { listPeopleOfOrganisation } from '../people/roles.service.ts';
import type { ApplyInput, DecisionInput } from './affiliation.schemas.ts';
import { canApplyFor } from './affiliation.policy.ts';
import { affiliationPagePath, holderContacts, holderName, notify, recordOrganisationStanding, refreshAffiliation, statusOf, type Contact } from './affiliation-state.ts';
import { addDays, addMonths, dateOf, LIVE_STATUSES, termFor } from './affiliation-status.ts';
import * as repo from './affiliation.repository.ts';
import { duesFor, getPlan, type PlanView } from './plans.service.ts';

type Db = Kysely<Database>;
/** Days an affiliation invoice is given before it is due. */
const PAYMENT_DAYS = 30;
const ORGANISATION_KINDS_FOR: Record<string, Organisation['kind'][]> = { school: ['school'], organisation: ['affiliate_center', 'partner', 'other'], individual: [] };

const rule = (plan: PlanView) => ({ termKind: plan.term_kind, fixedStartMonth: plan.fixed_start_month, fixedStartDay: plan.fixed_start_day, termMonths: plan.term_months });
const planProblem = (key: string) => badRequest({ plan_id: [key] });

/**
 * An application: checks the plan fits the holder and that the holder has no live affiliation (the
 * holder's row is locked first, so two simultaneous submissions give one), then tells the
 * applicant it arrived and the deciders that it waits.
 */
export async function applyForAffiliation(db: Db, actor: Actor, p: Principal, input: ApplyInput, now = new Date()): Promise<repo.AffiliationRow> {
  const plan = await getPlan(db, input.plan_id);
  if (!plan || !plan.active) throw planProblem('affiliation:errors.plan');
  if (p.personId === null) throw forbidden();
  let org: Organisation | undefined;
  let center: Organisation | undefined;
  if (plan.holder === 'individual') {
    if (input.organisation_id != null) throw badRequest({ organisation_id: ['affiliation:errors.holderKind'] });
  } else {
    if (input.organisation_id == null) throw badRequest({ organisation_id: ['affiliation:errors.organisationRequired'] });
    org = await getOrganisationById(db, input.organisation_id);
    if (!org || !canApplyFor(p, org)) throw badRequest({ organisation_id: ['affiliation:errors.notYourOrganisation'] });
    if (!ORGANISATION_KINDS_FOR[plan.holder]!.includes(org.kind)) throw badRequest({ plan_id: ['affiliation:errors.holderKind'] });
  }
  if (plan.holder === 'school') {
    // A school's own center decides its application: the applicant may not send it to another
    // (friendlier) center. Only a school with no center names the one it asks.
    if (org!.center_id !== null && input.center_id != null && input.center_id !== org!.center_id) throw badRequest({ center_id: ['affiliation:errors.centerIsSchools'] });
    const centerId = org!.center_id ?? input.center_id ?? null;
    if (centerId != null) {
      center = await getOrganisationById(db, centerId);
      if (!center || center.kind !== 'affiliate_center') throw badRequest({ center_id: ['affiliation:errors.center'] });
    }
    if (!input.statement) throw badRequest({ statement: ['affiliation:errors.statementRequired'] });
  }
  const holder = { organisationId: org?.id ?? null, personId: org ? null : p.personId };
  const today = dateOf(now);
  const created = await db.transaction().execute(async (trx) => {
    await repo.lockHolder(trx, holder);
    for (const open of await repo.findOpenAffiliationsOfHolder(trx, holder)) {
      const openPlan = await getPlan(trx, open.plan_id);
      const status = statusOf(open, await repo.findTermsOf(trx, [open.id]), openPlan?.grace_days ?? 0, today);
      if (LIVE_STATUSES.includes(status)) throw conflict('affiliation:errors.alreadyLive', { plan_id: ['affiliation:errors.alreadyLive'] });
    }
    const at = nowIso();
    const aff = await repo.insertAffiliation(trx, {
      plan_id: plan.id,
      organisation_id: holder.organisationId,
      person_id: holder.personId,
      applicant_person_id: p.personId,
      center_id: center?.id ?? null,
      statement: input.statement ?? null,
      decision: 'applied',
      status: 'pending',
      status_on: today,
      created_at: at,
      updated_at: at,
    });
    if (org) await recordOrganisationStanding(trx, org.id, today);
    await recordAudit(trx, actor, { action: 'affiliation.applied', subjectType: 'affiliation', subjectId: aff.id, organisationId: org?.id ?? null, changes: { plan: plan.name, center_id: center?.id ?? null } });
    const vars = { plan: plan.name, holder: org?.name ?? p.name, center: center?.name ?? '' };
    const applicant = await getPersonById(trx, p.personId!);
    if (applicant) await notify(trx, [{ id: applicant.id, email: applicant.email, name: applicant.name, locale: applicant.locale }], 'received', vars, affiliationPagePath(aff));
    await notify(trx, await deciders(trx, center?.id ?? null), 'newApplication', vars, '/affiliation/applications');
    return aff;
  });
  return created;
}

/** Network admins, and the directors of the named center. */
async function deciders(db: Db, centerId: number | null): Promise<Contact[]> {
  const out = new Map<number, Contact>();
  for (const a of await listPeopleWithRole(db, 'network_admin')) out.set(a.id, { id: a.id, email: a.email, name: a.name, locale: a.locale });
  if (centerId !== null) {
    for (const { role, person } of await listPeopleOfOrganisation(db, centerId)) {
      if (role.role === 'center_director' && !person.disabled) out.set(person.id, { id: person.id, email: person.email, name: person.name, locale: person.locale });
    }
  }
  return [...out.values()];
}

/** Creates a term with its invoice (or paid at once when the dues are zero). */
async function openTerm(trx: Db, actor: Actor, aff: repo.AffiliationRow, plan: PlanView, kind: 'join' | 'renewal', dates: { startsOn: string; endsOn: string }, today: string): Promise<{ term: repo.TermRow; invoice: Invoice | null }> {
  const org = aff.organisation_id !== null ? await getOrganisationById(trx, aff.organisation_id) : undefined;
  const person = aff.person_id !== null ? await getPersonById(trx, aff.person_id) : undefined;
  const cents = duesFor(plan, org?.enrolment ?? null);
  const term = await repo.insertTerm(trx, { affiliation_id: aff.id, kind, starts_on: dates.startsOn, ends_on: dates.endsOn, invoice_id: null, paid_at: cents === 0 ? nowIso() : null, created_at: nowIso() });
  if (cents === 0) return { term, invoice: null };
  const address = org ? [org.address_line1, org.address_line2, [org.city, org.state, org.postal_code].filter(Boolean).join(' ')].filter(Boolean).join('\n') : null;
  const invoice = await createInvoice(trx, actor, {
    purpose: 'affiliation',
    purposeId: aff.id,
    organisationId: org?.id ?? null,
    personId: org ? null : (person?.id ?? null),
    billToName: org?.name ?? person?.name ?? 'Member',
    billToAddress: address || null,
    billToEmail: org?.email ?? person?.email ?? null,
    dueOn: addDays(today, PAYMENT_DAYS),
    // No dates on the line: a join term (and a renewal paid after lapsing) is dated when the money
    // arrives, so dates written now could promise a term other than the one granted.
    lines: [{ description: `${plan.name}, one term (${plan.term_months} ${plan.term_months === 1 ? 'month' : 'months'})`, quantity: 1, unitCents: cents }],
  });
  await repo.setTermInvoice(trx, term.id, invoice.id);
  return { term: { ...term, invoice_id: invoice.id }, invoice };
}

/**
 * Approves or declines an application, once (a second decision answers 409). Approval opens the
 * join term and its invoice at the dues of the school's enrolment band; a free plan is current at
 * once. The applicant is emailed either way. Callers check canDecideApplication first.
 */
export async function decideApplication(db: Db, actor: Actor, id: number, input: DecisionInput, now = new Date()): Promise<repo.AffiliationRow> {
  const today = dateOf(now);
  return db.transaction().execute(async (trx) => {
    const aff = await repo.lockAffiliation(trx, id);
    if (!aff) throw notFound();
    const approve = input.decision === 'approve';
    const at = nowIso();
    const won = await repo.claimDecision(trx, id, { decision: approve ? 'approved' : 'declined', decided_by: actor.personId, decided_at: at, decision_message: input.message ?? null, updated_at: at });
    if (!won) {
      // The guarded update refuses a decided application and a withdrawn one (which must not be
      // approved and billed); say which.
      const latest = await repo.findAffiliationById(trx, id);
      throw conflict(latest?.cancelled_at ? 'affiliation:errors.alreadyEnded' : 'affiliation:errors.alreadyDecided');
    }
    const decided = { ...aff, decision: approve ? ('approved' as const) : ('declined' as const) };
    const plan = (await getPlan(trx, aff.plan_id))!;
    let invoice: Invoice | null = null;
    if (approve) invoice = (await openTerm(trx, actor, decided, plan, 'join', termFor(rule(plan), today), today)).invoice;
    await refreshAffiliation(trx, decided, today);
    await recordAudit(trx, actor, { action: approve ? 'affiliation.approved' : 'affiliation.declined', subjectType: 'affiliation', subjectId: id, organisationId: aff.organisation_id, changes: { message: input.message ?? null } });
    const vars = { plan: plan.name, holder: await holderName(trx, aff), message: input.message ?? '' };
    const applicant = aff.applicant_person_id !== null ? await getPersonById(trx, aff.applicant_person_id) : undefined;
    const to = applicant ? [{ id: applicant.id, email: applicant.email, name: applicant.name, locale: applicant.locale }] : await holderContacts(trx, aff);
    const kind = !approve ? 'declined' : invoice ? 'approved' : 'approvedFree';
    await notify(trx, to, kind, vars, invoice ? invoicePath(invoice.number) : affiliationPagePath(aff));
    return (await repo.findAffiliationById(trx, id))!;
  });
}

/**
 * Payment of an affiliation invoice: marks its term paid (only if unpaid, so a replay does
 * nothing) and makes the affiliation current. A join term is dated from the day the payment
 * arrives (see termFor). So is a renewal term paid after the affiliation had expired (its start
 * plus the grace days has passed): the school gets a full term from the payment rather than one
 * partly spent while it was lapsed. Runs inside billing's transaction.
 */
export async function affiliationInvoicePaid(trx: Db, invoice: Invoice): Promise<void> {
  const term = await repo.findTermByInvoice(trx, invoice.id);
  if (!term) throw new Error(`invoice ${invoice.number} pays no affiliation term`);
  const aff = await repo.lockAffiliation(trx, term.affiliation_id);
  if (!aff) throw new Error(`invoice ${invoice.number}: affiliation ${term.affiliation_id} is gone`);
  const plan = (await getPlan(trx, aff.plan_id))!;
  const paidAt = invoice.paid_at ?? nowIso();
  const paidOn = paidAt.slice(0, 10);
  const lapsed = term.kind === 'renewal' && paidOn >= addDays(term.starts_on, plan.grace_days);
  const dates = term.kind === 'join' || lapsed ? termFor(rule(plan), paidOn) : null;
  if (!(await repo.markTermPaid(trx, term.id, paidAt, dates ? { starts_on: dates.startsOn, ends_on: dates.endsOn } : undefined))) return;
  const today = dateOf(new Date());
  // A cancelled affiliation stays cancelled: the money is recorded, staff decide about a refund.
  await refreshAffiliation(trx, { ...aff, status_on: '0000-00-00' }, today);
  await recordAudit(trx, { personId: null, label: 'billing' }, { action: 'affiliation.paid', subjectType: 'affiliation', subjectId: aff.id, organisationId: aff.organisation_id, changes: { invoice: invoice.number, term: term.id } });
  await notify(trx, await holderContacts(trx, aff), 'paid', { plan: plan.name, holder: await holderName(trx, aff), paidThrough: addDays(dates?.endsOn ?? term.ends_on, -1) }, affiliationPagePath(aff));
}

/**
 * Opens the next term (from the end of the last one; from today once lapsed) and its invoice.
 * Idempotent: while a renewal term is unpaid, renewing again returns that term, and the unique
 * (affiliation, start) row makes a concurrent second renewal fail rather than duplicate. An unpaid
 * term whose invoice was voided is abandoned: it is deleted and a new one opened, in the same
 * transaction (otherwise the holder could never renew again).
 */
export async function renewAffiliation(db: Db, actor: Actor, id: number, now = new Date()): Promise<{ term: repo.TermRow; invoice: Invoice | null; created: boolean }> {
  const today = dateOf(now);
  try {
    return await db.transaction().execute(async (trx) => {
      const aff = await repo.lockAffiliation(trx, id);
      if (!aff) throw notFound();
      const plan = (await getPlan(trx, aff.plan_id))!;
      const terms = await repo.findTermsOf(trx, [id]);
      const status = statusOf(aff, terms, plan.grace_days, today);
      if (!['current', 'grace', 'expired'].includes(status)) throw conflict('affiliation:errors.cannotRenew');
      let last = terms.at(-1)!;
      if (last.paid_at === null) {
        const pending = last.invoice_id !== null ? await getInvoiceById(trx, last.invoice_id) : undefined;
        if (pending?.state !== 'void') return { term: last, invoice: pending ?? null, created: false };
        await repo.deleteTerm(trx, last.id);
        terms.pop();
        last = terms.at(-1)!;
      }
      const dates = status === 'expired' ? termFor(rule(plan), today) : { startsOn: last.ends_on, endsOn: addMonths(last.ends_on, plan.term_months) };
      const opened = await openTerm(trx, actor, aff, plan, 'renewal', dates, today);
      await refreshAffiliation(trx, { ...aff, status_on: '0000-00-00' }, today);
      await recordAudit(trx, actor, { action: 'affiliation.renewed', subjectType: 'affiliation', subjectId: id, organisationId: aff.organisation_id, changes: { starts_on: dates.startsOn, ends_on: dates.endsOn } });
      await notify(trx, await holderContacts(trx, aff), 'renewed', { plan: plan.name, holder: await holderName(trx, aff), startsOn: dates.startsOn }, opened.invoice ? invoicePath(opened.invoice.number) : affiliationPagePath(aff));
      return { ...opened, created: true };
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const terms = await repo.findTermsOf(db, [id]);
    return { term: terms.at(-1)!, invoice: null, created: false };
  }
}

/** Ends an affiliation (or withdraws an application) with a reason; open invoices are voided. */
export async function cancelAffiliation(db: Db, actor: Actor, id: number, reason: string, now = new Date()): Promise<void> {
  const today = dateOf(now);
  await db.transaction().execute(async (trx) => {
    const aff = await repo.lockAffiliation(trx, id);
    if (!aff) throw notFound();
    if (aff.cancelled_at || aff.decision === 'declined') throw conflict('affiliation:errors.alreadyEnded');
    const at = nowIso();
    await repo.updateAffiliation(trx, id, { cancelled_at: at, cancelled_by: actor.personId, cancel_reason: reason, updated_at: at });
    for (const term of await repo.findTermsOf(trx, [id])) {
      if (term.paid_at === null && term.invoice_id !== null && (await getInvoiceById(trx, term.invoice_id))?.state === 'open') await voidInvoice(trx, actor, term.invoice_id, reason);
    }
    await refreshAffiliation(trx, { ...aff, cancelled_at: at }, today);
    await recordAudit(trx, actor, { action: 'affiliation.cancelled', subjectType: 'affiliation', subjectId: id, organisationId: aff.organisation_id, changes: { reason } });
    const plan = await getPlan(trx, aff.plan_id);
    await notify(trx, await holderContacts(trx, aff), 'cancelled', { plan: plan?.name ?? '', holder: await holderName(trx, aff), reason }, affiliationPagePath(aff));
  });
}
