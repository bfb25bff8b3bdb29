import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { bool, isUniqueViolation, nowIso } from '../../db/dialect.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import type { PlanInput } from './affiliation.schemas.ts';
import * as repo from './plans.repository.ts';

type Db = Kysely<Database>;

/** A plan with its dues bands and benefits. */
export interface PlanView extends repo.PlanRow {
  dues: repo.DuesRow[];
  benefits: repo.BenefitRow[];
}

async function withParts(db: Db, plans: repo.PlanRow[]): Promise<PlanView[]> {
  const ids = plans.map((p) => p.id);
  const [dues, benefits] = await Promise.all([repo.findDuesOfPlans(db, ids), repo.findBenefitsOfPlans(db, ids)]);
  return plans.map((p) => ({ ...p, active: bool(p.active), dues: dues.filter((d) => d.plan_id === p.id), benefits: benefits.filter((b) => b.plan_id === p.id) }));
}

/** Every plan (or only the active ones), by name, with dues and benefits. */
export async function listPlans(db: Db, opts: { activeOnly?: boolean } = {}): Promise<PlanView[]> {
  return withParts(db, await repo.findPlans(db, opts.activeOnly ?? false));
}

/** One plan with its parts, or undefined. */
export async function getPlan(db: Db, id: number): Promise<PlanView | undefined> {
  const plan = await repo.findPlanById(db, id);
  return plan ? (await withParts(db, [plan]))[0] : undefined;
}

/**
 * The dues a holder pays on a plan: the band containing the school's enrolment, else the flat
 * rate (a band with no bounds), else the first band. An unknown enrolment pays the flat rate or
 * the lowest band, rather than nothing.
 */
export function duesFor(plan: PlanView, enrolment: number | null): number {
  const flat = plan.dues.find((d) => d.min_enrolment === null && d.max_enrolment === null);
  if (enrolment !== null) {
    const band = plan.dues.find((d) => (d.min_enrolment ?? 0) <= enrolment && enrolment <= (d.max_enrolment ?? Number.POSITIVE_INFINITY));
    if (band) return band.amount_cents;
  }
  return (flat ?? plan.dues[0])?.amount_cents ?? 0;
}

const slugOf = (name: string) => name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'plan';

function planRow(input: PlanInput) {
  const fixed = input.term_kind === 'fixed';
  return {
    name: input.name,
    description: input.description ?? null,
    holder: input.holder,
    term_kind: input.term_kind,
    fixed_start_month: fixed ? (input.fixed_start_month ?? null) : null,
    fixed_start_day: fixed ? (input.fixed_start_day ?? null) : null,
    term_months: input.term_months,
    grace_days: input.grace_days,
  };
}

const parts = (input: PlanInput) => ({
  dues: input.dues.map((d) => ({ min_enrolment: d.min_enrolment ?? null, max_enrolment: d.max_enrolment ?? null, amount_cents: d.amount })),
  benefits: input.benefits.map((b) => ({ benefit: b.key, value: b.value, label: b.label })),
});

const slugTaken = () => conflict('affiliation-admin:errors.slugTaken', { slug: ['affiliation-admin:errors.slugTaken'] });

/** Creates a plan with its dues and benefits, audited, in one transaction. */
export async function createPlan(db: Db, actor: Actor, input: PlanInput): Promise<repo.PlanRow> {
  try {
    return await db.transaction().execute(async (trx) => {
      const slug = input.slug ?? slugOf(input.name);
      if (await repo.findPlanBySlug(trx, slug)) throw slugTaken();
      const now = nowIso();
      const plan = await repo.insertPlan(trx, { ...planRow(input), slug, active: true, created_at: now, updated_at: now });
      const p = parts(input);
      await repo.replacePlanParts(trx, plan.id, p.dues, p.benefits);
      await recordAudit(trx, actor, { action: 'plan.created', subjectType: 'plan', subjectId: plan.id, changes: { ...planRow(input), ...p } });
      return plan;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTaken();
    throw err;
  }
}

/**
 * Changes a plan. Invoices already issued keep their own lines and amounts, so a change of dues
 * applies only to invoices issued from now on.
 */
export async function updatePlan(db: Db, actor: Actor, id: number, input: PlanInput): Promise<repo.PlanRow> {
  return db.transaction().execute(async (trx) => {
    const before = await repo.findPlanById(trx, id);
    if (!before) throw notFound();
    const plan = await repo.updatePlanRow(trx, id, { ...planRow(input), updated_at: nowIso() });
    const p = parts(input);
    await repo.replacePlanParts(trx, id, p.dues, p.benefits);
    await recordAudit(trx, actor, { action: 'plan.updated', subjectType: 'plan', subjectId: id, changes: { ...planRow(input), ...p } });
    return plan;
  });
}

/** Stops (or resumes) offering a plan to new applicants; existing affiliations keep it. */
export async function setPlanActive(db: Db, actor: Actor, id: number, active: boolean): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.findPlanById(trx, id))) throw notFound();
    await repo.updatePlanRow(trx, id, { active, updated_at: nowIso() });
    await recordAudit(trx, actor, { action: active ? 'plan.activated' : 'plan.deactivated', subjectType: 'plan', subjectId: id });
  });
}
