import type { Generated } from 'kysely';

/** Plans, benefits, affiliations and their paid terms (modules/affiliation). */
export interface AffiliationTables {
  affiliation_plans: AffiliationPlanTable;
  plan_dues: PlanDuesTable;
  plan_benefits: PlanBenefitTable;
  affiliations: AffiliationTable;
  affiliation_terms: AffiliationTermTable;
  renewal_reminders: RenewalReminderTable;
}

export const PLAN_HOLDERS = ['school', 'organisation', 'individual'] as const;
export type PlanHolder = (typeof PLAN_HOLDERS)[number];
export const TERM_KINDS = ['fixed', 'rolling'] as const;
export type TermKind = (typeof TERM_KINDS)[number];
/** Computed from dates and payments, never hand-set. */
export const AFFILIATION_STATUSES = ['pending', 'current', 'grace', 'expired', 'cancelled', 'declined'] as const;
export type AffiliationStatus = (typeof AFFILIATION_STATUSES)[number];
export const AFFILIATION_DECISIONS = ['applied', 'approved', 'declined'] as const;
export type AffiliationDecision = (typeof AFFILIATION_DECISIONS)[number];

export interface AffiliationPlanTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string | null;
  holder: PlanHolder;
  term_kind: TermKind;
  /** For fixed terms: the yearly start date (month 1–12, day 1–31). */
  fixed_start_month: number | null;
  fixed_start_day: number | null;
  term_months: number;
  grace_days: number;
  active: Generated<boolean | number>;
  created_at: string;
  updated_at: string;
}

/** Dues for one enrolment band (both bounds null: the flat rate). */
export interface PlanDuesTable {
  id: Generated<number>;
  plan_id: number;
  min_enrolment: number | null;
  max_enrolment: number | null;
  amount_cents: number;
}

/** A named, machine-readable entitlement, e.g. benefit 'event-discount' value '20%'. */
export interface PlanBenefitTable {
  id: Generated<number>;
  plan_id: number;
  benefit: string;
  value: string;
  label: string;
}

export interface AffiliationTable {
  id: Generated<number>;
  plan_id: number;
  /** The holder: an organisation, or (individual plans) a person. */
  organisation_id: number | null;
  person_id: number | null;
  applicant_person_id: number | null;
  /** The center a school's application names; its director may decide the application. */
  center_id: number | null;
  /** How the school enacts the principles (or why the applicant joins). */
  statement: string | null;
  decision: AffiliationDecision;
  decided_by: number | null;
  decided_at: string | null;
  decision_message: string | null;
  cancelled_at: string | null;
  cancelled_by: number | null;
  cancel_reason: string | null;
  /** Cache of the computed status and when it was computed (date), refreshed daily and on read. */
  status: AffiliationStatus;
  status_on: string;
  created_at: string;
  updated_at: string;
}

/** One term of an affiliation: current once paid. Dates are YYYY-MM-DD, ends_on exclusive. */
export interface AffiliationTermTable {
  id: Generated<number>;
  affiliation_id: number;
  kind: 'join' | 'renewal';
  starts_on: string;
  ends_on: string;
  invoice_id: number | null;
  paid_at: string | null;
  created_at: string;
}

export interface RenewalReminderTable {
  id: Generated<number>;
  affiliation_id: number;
  term_ends_on: string;
  days_before: number;
  sent_at: string;
}
