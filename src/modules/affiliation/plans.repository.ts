import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AffiliationPlanTable, Database, PlanBenefitTable, PlanDuesTable } from '../../db/schema.ts';

type Db = Kysely<Database>;
export type PlanRow = Selectable<AffiliationPlanTable>;
export type DuesRow = Selectable<PlanDuesTable>;
export type BenefitRow = Selectable<PlanBenefitTable>;

export const findPlans = (db: Db, activeOnly: boolean) => {
  let q = db.selectFrom('affiliation_plans').selectAll().orderBy('name');
  if (activeOnly) q = q.where('active', '=', true as never);
  return q.execute();
};

export const findPlanById = (db: Db, id: number) => db.selectFrom('affiliation_plans').selectAll().where('id', '=', id).executeTakeFirst();
export const findPlanBySlug = (db: Db, slug: string) => db.selectFrom('affiliation_plans').selectAll().where('slug', '=', slug).executeTakeFirst();

export const findDuesOfPlans = (db: Db, planIds: number[]) =>
  planIds.length === 0 ? Promise.resolve([] as DuesRow[]) : db.selectFrom('plan_dues').selectAll().where('plan_id', 'in', planIds).orderBy('min_enrolment').orderBy('id').execute();

export const findBenefitsOfPlans = (db: Db, planIds: number[]) =>
  planIds.length === 0 ? Promise.resolve([] as BenefitRow[]) : db.selectFrom('plan_benefits').selectAll().where('plan_id', 'in', planIds).orderBy('id').execute();

export const insertPlan = (db: Db, row: Insertable<AffiliationPlanTable>) => db.insertInto('affiliation_plans').values(row).returningAll().executeTakeFirstOrThrow();

export const updatePlanRow = (db: Db, id: number, row: Partial<Insertable<AffiliationPlanTable>>) =>
  db.updateTable('affiliation_plans').set(row).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

/** Replaces a plan's dues bands and benefits (invoices already issued keep their own lines). */
export async function replacePlanParts(db: Db, planId: number, dues: Omit<Insertable<PlanDuesTable>, 'plan_id'>[], benefits: Omit<Insertable<PlanBenefitTable>, 'plan_id'>[]): Promise<void> {
  await db.deleteFrom('plan_dues').where('plan_id', '=', planId).execute();
  await db.deleteFrom('plan_benefits').where('plan_id', '=', planId).execute();
  if (dues.length) await db.insertInto('plan_dues').values(dues.map((d) => ({ ...d, plan_id: planId }))).execute();
  if (benefits.length) await db.insertInto('plan_benefits').values(benefits.map((b) => ({ ...b, plan_id: planId }))).execute();
}
