import type { Kysely } from 'kysely';
import type { AffiliationStatus, Database } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';
import { enqueueEmail } from '../../platform/mail/mail-jobs.ts';
import { getOrganisationById, recordAffiliationStatus } from '../organisations/organisations.service.ts';
import { getPersonById } from '../people/people.service.ts';
import { listPeopleOfOrganisation } from '../people/roles.service.ts';
import { siteUrl } from '../../platform/site-url.ts';
import { composeAffiliationEmail, type AffiliationEmailKind } from './affiliation-emails.ts';
import { computeStatus, dateOf, paidThrough } from './affiliation-status.ts';
import * as repo from './affiliation.repository.ts';
import * as plansRepo from './plans.repository.ts';

type Db = Kysely<Database>;

/** The status of an affiliation on a day, from its stored facts (never from the cache). */
export function statusOf(aff: repo.AffiliationRow, terms: repo.TermRow[], graceDays: number, today: string): AffiliationStatus {
  return computeStatus({
    decision: aff.decision,
    cancelledAt: aff.cancelled_at,
    terms: terms.map((t) => ({ startsOn: t.starts_on, endsOn: t.ends_on, paid: t.paid_at !== null })),
    today,
    graceDays,
  });
}

/** The exclusive end of the last paid term, or null. */
export const paidThroughOf = (terms: repo.TermRow[]): string | null => paidThrough(terms.map((t) => ({ startsOn: t.starts_on, endsOn: t.ends_on, paid: t.paid_at !== null })));

/** Roles whose holders look after an organisation's membership (and receive its emails). */
const MANAGING_ROLES = new Set(['school_leader', 'center_director', 'partner_staff']);

export interface Contact {
  id: number;
  email: string;
  name: string;
  locale: string | null;
}

/**
 * Who hears about an affiliation: the individual member, or the organisation's leads (the
 * applicant when it has none left).
 */
export async function holderContacts(db: Db, aff: repo.AffiliationRow): Promise<Contact[]> {
  const out = new Map<number, Contact>();
  if (aff.organisation_id !== null) {
    for (const { role, person } of await listPeopleOfOrganisation(db, aff.organisation_id)) {
      if (MANAGING_ROLES.has(role.role) && !person.disabled) out.set(person.id, { id: person.id, email: person.email, name: person.name, locale: person.locale });
    }
  }
  const fallback = aff.organisation_id === null ? aff.person_id : out.size === 0 ? aff.applicant_person_id : null;
  if (fallback !== null) {
    const p = await getPersonById(db, fallback);
    if (p && !p.disabled_at) out.set(p.id, { id: p.id, email: p.email, name: p.name, locale: p.locale });
  }
  return [...out.values()];
}

/** The holder's display name: the organisation's or the person's. */
export async function holderName(db: Db, aff: repo.AffiliationRow): Promise<string> {
  if (aff.organisation_id !== null) return (await getOrganisationById(db, aff.organisation_id))?.name ?? '';
  return aff.person_id !== null ? ((await getPersonById(db, aff.person_id))?.name ?? '') : '';
}

/** Queues one email per contact, inside the caller's transaction. */
export async function notify(trx: Db, contacts: Contact[], kind: AffiliationEmailKind, vars: Record<string, string | number>, path?: string): Promise<void> {
  for (const c of contacts) await enqueueEmail(trx, composeAffiliationEmail(kind, c, vars, path ? siteUrl(path) : undefined));
}

/** The page where a holder sees this affiliation. */
export const affiliationPagePath = (aff: repo.AffiliationRow): string => (aff.organisation_id !== null ? `/affiliation/organisations/${aff.organisation_id}` : '/account#membership');

/**
 * Recomputes one affiliation's status for `today` and stores it when it changed (or is from an
 * earlier day). The write is guarded on the old status, so when two processes race only one sees
 * the change, and only that one sends the "grace" or "expired" email and updates the organisation.
 * Call inside a transaction.
 */
export async function refreshAffiliation(trx: Db, aff: repo.AffiliationRow, today: string): Promise<AffiliationStatus> {
  const plan = await plansRepo.findPlanById(trx, aff.plan_id);
  const terms = await repo.findTermsOf(trx, [aff.id]);
  const status = statusOf(aff, terms, plan?.grace_days ?? 0, today);
  if (status === aff.status && aff.status_on >= today) return status;
  const r = await trx
    .updateTable('affiliations')
    .set({ status, status_on: today, ...(status !== aff.status && { updated_at: nowIso() }) })
    .where('id', '=', aff.id)
    .where('status', '=', aff.status)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1 || status === aff.status) return status;
  if (aff.organisation_id !== null) await recordOrganisationStanding(trx, aff.organisation_id, today);
  const entering = status === 'grace' && aff.status === 'current' ? 'grace' : status === 'expired' && (aff.status === 'current' || aff.status === 'grace') ? 'expired' : null;
  if (entering && plan) {
    const vars = { plan: plan.name, holder: await holderName(trx, aff), paidThrough: paidThroughOf(terms) ?? '' };
    await notify(trx, await holderContacts(trx, aff), entering, vars, `/affiliation/${aff.id}/renew`);
  }
  return status;
}

/** An organisation's standing in the directory, best first. */
const STANDING: readonly AffiliationStatus[] = ['current', 'grace', 'pending', 'expired', 'cancelled'];

/**
 * Recomputes the organisation's directory status from all its affiliations on `today` (the best
 * of them, or null when none counts) and records it. So a declined or withdrawn application does
 * not leave the organisation "pending", and an older membership's standing comes back. Call
 * inside the transaction that changed an affiliation.
 */
export async function recordOrganisationStanding(trx: Db, organisationId: number, today: string): Promise<AffiliationStatus | null> {
  const affs = await repo.findAffiliationsOfHolders(trx, { organisationIds: [organisationId], personId: null });
  const [terms, plans] = await Promise.all([repo.findTermsOf(trx, affs.map((a) => a.id)), plansRepo.findPlans(trx, false)]);
  let best: AffiliationStatus | null = null;
  for (const a of affs) {
    // Declined and withdrawn applications never made the organisation a member: they do not count.
    if (a.decision === 'declined' || (a.decision === 'applied' && a.cancelled_at)) continue;
    const grace = plans.find((p) => p.id === a.plan_id)?.grace_days ?? 0;
    const status = statusOf(a, terms.filter((t) => t.affiliation_id === a.id), grace, today);
    const rank = STANDING.indexOf(status);
    if (rank >= 0 && (best === null || rank < STANDING.indexOf(best))) best = status;
  }
  await recordAffiliationStatus(trx, organisationId, best);
  return best;
}

/** The daily job's work: refresh every affiliation not yet computed today, in batches. */
export async function refreshStaleAffiliations(db: Db, now: Date): Promise<number> {
  const today = dateOf(now);
  let count = 0;
  for (;;) {
    const batch = await repo.findStaleAffiliationIds(db, today, 200);
    if (batch.length === 0) return count;
    for (const { id } of batch) {
      await db.transaction().execute(async (trx) => {
        const aff = await repo.lockAffiliation(trx, id);
        if (aff && aff.status_on < today) await refreshAffiliation(trx, aff, today);
      });
      count += 1;
    }
  }
}

