import type { Kysely } from 'kysely';
import type { Database, Organisation } from '../../db/schema.ts';
import { listAuditEvents, type AuditEventView } from '../audit/audit.service.ts';
import { getInvoiceById, listInvoicesFor, type Invoice } from '../billing/billing.service.ts';
import { getOrganisationById, getOrganisationsByIds } from '../organisations/organisations.service.ts';
import { getPersonById, listRoleGrantsOfPerson } from '../people/people.service.ts';
import { billingPolicy } from '../billing/billing.policy.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { AffiliationListQuery } from './affiliation.schemas.ts';
import { paidThroughOf, statusOf } from './affiliation-state.ts';
import { addDays, computeStatus, dateOf } from './affiliation-status.ts';
import * as repo from './affiliation.repository.ts';
import { benefitsForPerson, type Benefit } from './benefits.service.ts';
import { getPlan, type PlanView } from './plans.service.ts';

type Db = Kysely<Database>;

/** An affiliation as its pages show it. */
export interface AffiliationView {
  affiliation: repo.AffiliationRow;
  plan: PlanView;
  organisation: Organisation | null;
  center: Organisation | null;
  person: { id: number; name: string; email: string } | null;
  holderName: string;
  terms: repo.TermRow[];
  invoices: Invoice[];
  paidThrough: string | null;
}

/**
 * An affiliation with everything its pages show. Its status is computed for today from the stored
 * facts, in memory: reading never writes (the daily job refreshes the cached column, sends the
 * grace and expiry emails and keeps the directory in step).
 */
export async function getAffiliationView(db: Db, id: number, now = new Date()): Promise<AffiliationView | undefined> {
  const stored = await repo.findAffiliationById(db, id);
  if (!stored) return undefined;
  const [plan, terms, organisation, center, person] = await Promise.all([
    getPlan(db, stored.plan_id),
    repo.findTermsOf(db, [id]),
    stored.organisation_id !== null ? getOrganisationById(db, stored.organisation_id) : undefined,
    stored.center_id !== null ? getOrganisationById(db, stored.center_id) : undefined,
    stored.person_id !== null ? getPersonById(db, stored.person_id) : undefined,
  ]);
  const affiliation = { ...stored, status: statusOf(stored, terms, plan?.grace_days ?? 0, dateOf(now)) };
  const invoices = (await Promise.all(terms.filter((t) => t.invoice_id !== null).map((t) => getInvoiceById(db, t.invoice_id!)))).filter((i): i is Invoice => !!i);
  return {
    affiliation,
    plan: plan!,
    organisation: organisation ?? null,
    center: center ?? null,
    person: person ? { id: person.id, name: person.name, email: person.email } : null,
    holderName: organisation?.name ?? person?.name ?? '',
    terms,
    invoices,
    paidThrough: paidThroughOf(terms),
  };
}

/** The affiliations of an organisation, newest first, with today's statuses. */
export async function affiliationsOfOrganisation(db: Db, organisationId: number, now = new Date()): Promise<AffiliationView[]> {
  const rows = await repo.findAffiliationsOfHolders(db, { organisationIds: [organisationId], personId: null });
  return (await Promise.all(rows.map((r) => getAffiliationView(db, r.id, now)))).filter((v): v is AffiliationView => !!v);
}

/** What a member's account page shows: their own and their organisations' memberships, benefits and invoices. */
export interface MembershipSummary {
  affiliations: AffiliationView[];
  benefits: Benefit[];
  invoices: Invoice[];
  /** Organisations the person manages or belongs to that have no affiliation yet. */
  organisations: { id: number; name: string }[];
}

/**
 * Everything the account page shows about membership. The memberships and benefits are those of
 * every organisation where the person holds a role; the invoices only their own and those of the
 * organisations they manage, as billing's policy allows (a school's staff see its membership, not
 * its bills).
 */
export async function membershipFor(db: Db, personId: number, now = new Date()): Promise<MembershipSummary> {
  const grants = await listRoleGrantsOfPerson(db, personId);
  const organisationIds = [...new Set(grants.map((g) => g.organisationId))];
  const rows = await repo.findAffiliationsOfHolders(db, { organisationIds, personId });
  const affiliations = (await Promise.all(rows.filter((r) => r.decision !== 'declined' || r.person_id === personId).map((r) => getAffiliationView(db, r.id, now)))).filter((v): v is AffiliationView => !!v);
  // The person's own roles as a principal, so billing's rule (not a copy of it) picks the organisations.
  const self: Principal = { kind: 'person', personId, name: '', email: null, locale: null, emailVerified: false, roles: grants, auditLabel: '' };
  const invoices = await listInvoicesFor(db, { personId, organisationIds: [...new Set(billingPolicy.billedOrganisationIds(self))] });
  const orgs = await getOrganisationsByIds(db, organisationIds);
  return { affiliations, benefits: await benefitsForPerson(db, personId, now), invoices, organisations: orgs.map((o) => ({ id: o.id, name: o.name })) };
}

/** Applications awaiting a decision, for the centers given (or all). */
export async function pendingApplications(db: Db, centers: number[] | 'all'): Promise<AffiliationView[]> {
  const rows = await repo.findPendingApplications(db, centers);
  return (await Promise.all(rows.map((r) => getAffiliationView(db, r.id)))).filter((v): v is AffiliationView => !!v);
}

/** The decision history of an affiliation, from the audit log. */
export async function affiliationHistory(db: Db, id: number): Promise<AuditEventView[]> {
  return (await listAuditEvents(db, { subjectType: 'affiliation', subjectId: id, limit: 100 })).events;
}

export type AffiliationListRow = Awaited<ReturnType<typeof listRows>>[number];

function filtersOf(query: AffiliationListQuery, now: Date): repo.ListFilters {
  const today = dateOf(now);
  return {
    status: query.status,
    planId: query.plan,
    holder: query.holder,
    centerId: query.center,
    state: query.state,
    renewalBy: query.renewal_within !== undefined ? addDays(today, query.renewal_within) : undefined,
    today,
    q: query.q,
  };
}

function listRows(db: Db, query: AffiliationListQuery, now: Date, page: { limit: number; offset: number }) {
  let q = repo.listQuery(db, filtersOf(query, now)).select([...repo.LIST_COLUMNS]);
  switch (query.sort) {
    case 'name':
      q = q.orderBy((eb) => eb.fn.coalesce('o.name', 'pe.name')).orderBy('a.id');
      break;
    case 'status':
      q = q.orderBy('a.status').orderBy('a.id');
      break;
    case 'renewal':
      q = q.orderBy('t.paid_through').orderBy('a.id');
      break;
    case 'created':
      q = q.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc');
      break;
    default:
      q = q.orderBy('a.updated_at', 'desc').orderBy('a.id', 'desc');
  }
  return q.limit(page.limit).offset(page.offset).execute();
}

/**
 * Shows each row's status as computed for today from its decision, cancellation and terms (in
 * memory, no writes), whatever the cached column says. Only the rows being shown are computed.
 */
async function withTodaysStatus<R extends { id: number; status: AffiliationListRow['status']; decision: AffiliationListRow['decision']; cancelled_at: string | null; grace_days: number }>(db: Db, rows: R[], now: Date): Promise<R[]> {
  const byAffiliation = new Map<number, { startsOn: string; endsOn: string; paid: boolean }[]>();
  // In chunks: an export can hold far more ids than one query may bind.
  for (let i = 0; i < rows.length; i += 1000) {
    for (const t of await repo.findTermsOf(db, rows.slice(i, i + 1000).map((r) => r.id))) {
      const list = byAffiliation.get(t.affiliation_id) ?? [];
      list.push({ startsOn: t.starts_on, endsOn: t.ends_on, paid: t.paid_at !== null });
      byAffiliation.set(t.affiliation_id, list);
    }
  }
  const today = dateOf(now);
  return rows.map((r) => ({ ...r, status: computeStatus({ decision: r.decision, cancelledAt: r.cancelled_at, terms: byAffiliation.get(r.id) ?? [], today, graceDays: r.grace_days }) }));
}

/**
 * A page of the admin list, filtered and sorted, with the total. Reading writes nothing: the status
 * filter and sort use the cached column (refreshed daily at 03:00 UTC by the daily job, which also
 * sends the emails), while the statuses shown are today's.
 */
export async function listAffiliations(db: Db, query: AffiliationListQuery, now = new Date()) {
  const [items, count] = await Promise.all([
    listRows(db, query, now, { limit: query.per_page, offset: (query.page - 1) * query.per_page }),
    repo.listQuery(db, filtersOf(query, now)).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await withTodaysStatus(db, items, now), total: Number(count.n), page: query.page, perPage: query.per_page };
}

/** Every row matching the filters (for the CSV export), capped to keep the export bounded; statuses as of today. */
export async function exportAffiliations(db: Db, query: AffiliationListQuery, now = new Date()) {
  return withTodaysStatus(db, await listRows(db, query, now, { limit: 100_000, offset: 0 }), now);
}
