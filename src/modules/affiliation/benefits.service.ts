import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { listRoleGrantsOfPerson } from '../people/people.service.ts';
import { statusOf, paidThroughOf } from './affiliation-state.ts';
import { BENEFIT_STATUSES, dateOf } from './affiliation-status.ts';
import * as repo from './affiliation.repository.ts';
import * as plansRepo from './plans.repository.ts';
import type { AffiliationStatus } from '../../db/schema.ts';

// The one question other modules ask: "what does this person or organisation get right now?"
// Answered from the stored dates and payments on every call (no cached status), so a role taken
// away or an affiliation running out takes effect at once.

type Db = Kysely<Database>;

export interface Benefit {
  key: string;
  value: string;
  label: string;
  planName: string;
  affiliationId: number;
  via: 'self' | 'organisation';
  organisationId: number | null;
}

interface Live {
  aff: repo.AffiliationRow;
  plan: plansRepo.PlanRow;
  status: AffiliationStatus;
  paidThrough: string | null;
}

/** The holders' affiliations with their status on `today`. */
async function affiliationsWithStatus(db: Db, holders: { organisationIds: number[]; personId: number | null }, today: string): Promise<Live[]> {
  const affs = await repo.findAffiliationsOfHolders(db, holders);
  if (affs.length === 0) return [];
  const [terms, plans] = await Promise.all([repo.findTermsOf(db, affs.map((a) => a.id)), plansRepo.findPlans(db, false)]);
  return affs.map((aff) => {
    const plan = plans.find((p) => p.id === aff.plan_id)!;
    const own = terms.filter((t) => t.affiliation_id === aff.id);
    return { aff, plan, status: statusOf(aff, own, plan.grace_days, today), paidThrough: paidThroughOf(own) };
  });
}

async function benefitsOf(db: Db, live: Live[], via: (l: Live) => Benefit['via']): Promise<Benefit[]> {
  const granting = live.filter((l) => BENEFIT_STATUSES.includes(l.status));
  const rows = await plansRepo.findBenefitsOfPlans(db, [...new Set(granting.map((l) => l.plan.id))]);
  return granting.flatMap((l) =>
    rows.filter((b) => b.plan_id === l.plan.id).map((b) => ({ key: b.benefit, value: b.value, label: b.label, planName: l.plan.name, affiliationId: l.aff.id, via: via(l), organisationId: l.aff.organisation_id })),
  );
}

/** A person's benefits: their own individual membership's, plus those of every organisation where they hold a role now. */
export async function benefitsForPerson(db: Db, personId: number, at: Date = new Date()): Promise<Benefit[]> {
  const organisationIds = [...new Set((await listRoleGrantsOfPerson(db, personId)).map((r) => r.organisationId))];
  const live = await affiliationsWithStatus(db, { organisationIds, personId }, dateOf(at));
  return benefitsOf(db, live, (l) => (l.aff.organisation_id === null ? 'self' : 'organisation'));
}

/** An organisation's benefits from its own affiliation. */
export async function benefitsForOrganisation(db: Db, organisationId: number, at: Date = new Date()): Promise<Benefit[]> {
  const live = await affiliationsWithStatus(db, { organisationIds: [organisationId], personId: null }, dateOf(at));
  return benefitsOf(db, live, () => 'organisation');
}

/**
 * The value of one benefit. When several memberships grant it, the most generous wins: the largest
 * number for values like "20%", else the first found.
 */
export function benefitValue(benefits: Benefit[], key: string): string | undefined {
  const found = benefits.filter((b) => b.key === key);
  if (found.length <= 1) return found[0]?.value;
  const num = (v: string) => Number.parseFloat(v);
  const numeric = found.filter((b) => Number.isFinite(num(b.value)));
  return numeric.length ? numeric.reduce((a, b) => (num(b.value) > num(a.value) ? b : a)).value : found[0]!.value;
}

/** What other modules may know about a holder's membership. */
export interface AffiliationSummary {
  affiliationId: number;
  planName: string;
  status: AffiliationStatus;
  /** Exclusive end of the last paid term. */
  paidThrough: string | null;
}

/** The holder's most relevant affiliation (a live one first, else the latest), or null. */
export async function currentAffiliationFor(db: Db, holder: { organisationId: number } | { personId: number }, at: Date = new Date()): Promise<AffiliationSummary | null> {
  const holders = 'organisationId' in holder ? { organisationIds: [holder.organisationId], personId: null } : { organisationIds: [], personId: holder.personId };
  const live = await affiliationsWithStatus(db, holders, dateOf(at));
  const rank = (s: AffiliationStatus) => ['current', 'grace', 'pending', 'expired', 'cancelled', 'declined'].indexOf(s);
  const best = [...live].sort((a, b) => rank(a.status) - rank(b.status))[0];
  return best ? { affiliationId: best.aff.id, planName: best.plan.name, status: best.status, paidThrough: best.paidThrough } : null;
}
