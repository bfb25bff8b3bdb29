import { z } from 'zod';
import { AFFILIATION_STATUSES, PLAN_HOLDERS, TERM_KINDS } from '../../db/schema.ts';
import { fields } from '../../platform/validation.ts';

// One schema per input: the same objects validate the HTML forms (text fields, via parseForm) and
// the JSON API, and generate the OpenAPI document.

export const BENEFIT_KEY = /^[a-z][a-z0-9-]*$/;
export const STATEMENT_MAX = 4000;
export const MESSAGE_MAX = 2000;
/** Rows the plan form offers for dues bands and benefits (a form without JavaScript cannot add rows). */
export const PLAN_FORM_ROWS = 6;

/**
 * PostgreSQL's integer range. Every whole number here (ids above all) is capped at it, as
 * `fields.id()` does for ids in paths and queries: a larger one made the database refuse the query
 * (a 500) instead of our answering 404 or a field message.
 */
const INT_MAX = 2_147_483_647;

const intText = (message = 'validation:integer') =>
  z
    .union([z.number(), z.string().trim().regex(/^\d+$/, { message }).transform(Number)], { message })
    .pipe(z.number().int({ message }).min(0, { message: 'validation:tooSmall' }).max(INT_MAX, { message: 'validation:tooBig' }));
const optionalInt = () => intText().nullable().optional();
/** Dollars as "450", "450.5" or "450.00" (form) or a number (JSON), to integer cents. */
const dollars = () =>
  z
    .union([z.number(), z.string().trim().regex(/^\d{1,7}(\.\d{1,2})?$/, { message: 'affiliation-admin:errors.amount' }).transform(Number)], { message: 'affiliation-admin:errors.amount' })
    .pipe(z.number().min(0, { message: 'affiliation-admin:errors.amount' }).max(1_000_000, { message: 'affiliation-admin:errors.amount' }))
    .transform((n) => Math.round(n * 100));

export const DuesBand = z.object({
  min_enrolment: optionalInt(),
  max_enrolment: optionalInt(),
  amount: dollars().describe('Dues in dollars'),
});

export const BenefitInput = z.object({
  key: z.string().trim().min(1).max(60).regex(BENEFIT_KEY, { message: 'affiliation-admin:errors.benefitKey' }),
  value: z.string().trim().min(1).max(120),
  label: z.string().trim().min(1).max(200),
});

/** Bands must not overlap: two bands that could both price one school would make dues ambiguous. */
function bandsProblems(dues: { min_enrolment?: number | null; max_enrolment?: number | null }[]): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const range = (d: (typeof dues)[number]) => [d.min_enrolment ?? 0, d.max_enrolment ?? Number.POSITIVE_INFINITY] as const;
  dues.forEach((d, i) => {
    const [lo, hi] = range(d);
    if (lo > hi) out.push({ path: ['dues', i, 'max_enrolment'], message: 'affiliation-admin:errors.bandOrder' });
    for (let j = 0; j < i; j++) {
      const [lo2, hi2] = range(dues[j]!);
      if (lo <= hi2 && lo2 <= hi) out.push({ path: ['dues', i, 'min_enrolment'], message: 'affiliation-admin:errors.bandOverlap' });
    }
  });
  return out;
}

export const PlanInput = z
  .object({
    name: z.string().trim().min(1).max(120),
    slug: z.string().trim().toLowerCase().max(80).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'affiliation-admin:errors.slug' }).optional(),
    description: z.string().trim().max(2000).nullable().optional(),
    holder: z.enum(PLAN_HOLDERS, { message: 'validation:choice' }),
    term_kind: z.enum(TERM_KINDS, { message: 'validation:choice' }),
    fixed_start_month: intText().pipe(z.number().min(1, { message: 'affiliation-admin:errors.month' }).max(12, { message: 'affiliation-admin:errors.month' })).nullable().optional(),
    fixed_start_day: intText().pipe(z.number().min(1, { message: 'affiliation-admin:errors.day' }).max(31, { message: 'affiliation-admin:errors.day' })).nullable().optional(),
    term_months: intText().pipe(z.number().min(1, { message: 'validation:tooSmall' }).max(60, { message: 'validation:tooBig' })),
    grace_days: intText().pipe(z.number().max(365, { message: 'validation:tooBig' })),
    dues: z.array(DuesBand).max(20).default([]),
    benefits: z.array(BenefitInput).max(30).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.term_kind === 'fixed' && (v.fixed_start_month == null || v.fixed_start_day == null)) {
      ctx.addIssue({ code: 'custom', path: ['fixed_start_month'], message: 'affiliation-admin:errors.fixedDate' });
    }
    if (v.dues.length === 0) ctx.addIssue({ code: 'custom', path: ['dues'], message: 'affiliation-admin:errors.duesRequired' });
    if (v.holder !== 'school' && v.dues.length > 1) ctx.addIssue({ code: 'custom', path: ['dues'], message: 'affiliation-admin:errors.bandsSchoolsOnly' });
    for (const p of bandsProblems(v.dues)) ctx.addIssue({ code: 'custom', ...p });
    const keys = new Set<string>();
    v.benefits.forEach((b, i) => {
      if (keys.has(b.key)) ctx.addIssue({ code: 'custom', path: ['benefits', i, 'key'], message: 'affiliation-admin:errors.benefitDuplicate' });
      keys.add(b.key);
    });
  })
  .meta({ description: 'A membership plan with its dues (one flat amount, or bands by school enrolment) and benefits.' });
export type PlanInput = z.output<typeof PlanInput>;

/**
 * A plan form sends rows as `dues.0.amount`, `benefits.2.key` …; this folds them into arrays,
 * dropping rows left wholly blank, so one schema validates the form and the JSON body alike.
 */
export function foldRows(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const rows: Record<string, Record<number, Record<string, unknown>>> = {};
  for (const [k, v] of Object.entries(values)) {
    const m = /^(dues|benefits)\.(\d+)\.(\w+)$/.exec(k);
    if (!m) out[k] = v;
    else ((rows[m[1]!] ??= {})[Number(m[2])] ??= {})[m[3]!] = v;
  }
  // Rows are renumbered without the blank ones; the form is re-rendered from these values, so a
  // message's path (dues.1.amount) still points at the row it is about.
  for (const list of ['dues', 'benefits']) {
    const byIndex = rows[list] ?? {};
    out[list] = Object.keys(byIndex).map(Number).sort((a, b) => a - b).map((i) => byIndex[i]);
  }
  return out;
}

/** An application (form and POST /api/v1/affiliations). */
export const ApplyInput = z
  .object({
    plan_id: intText('affiliation:errors.plan').pipe(z.number().positive({ message: 'affiliation:errors.plan' })),
    organisation_id: intText().pipe(z.number().positive()).nullable().optional().describe('The school or organisation applying; absent for an individual plan'),
    center_id: intText().pipe(z.number().positive()).nullable().optional().describe("The affiliate center that decides: only for a school with no center of its own (a school's own center always decides)"),
    statement: z.string().trim().max(STATEMENT_MAX, { message: 'affiliation:errors.statementTooLong' }).nullable().optional(),
  })
  .meta({ description: 'An application to join the network on a plan.' });
export type ApplyInput = z.output<typeof ApplyInput>;

export const DecisionInput = z.object({
  decision: z.enum(['approve', 'decline'], { message: 'validation:choice' }),
  message: z.string().trim().max(MESSAGE_MAX).nullable().optional(),
});
export type DecisionInput = z.output<typeof DecisionInput>;

export const CancelInput = z.object({ reason: z.string().trim().min(1, { message: 'validation:required' }).max(MESSAGE_MAX) });

export const SORTS = ['updated', 'name', 'status', 'renewal', 'created'] as const;

/** Filters of the admin list, its CSV export and GET /api/v1/affiliations. */
export const AffiliationListQuery = z.object({
  status: z.enum(AFFILIATION_STATUSES).optional(),
  plan: fields.id().optional(),
  holder: z.enum(PLAN_HOLDERS).optional(),
  center: fields.id().optional(),
  state: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/).optional(),
  renewal_within: z.coerce.number().int().min(0).max(3650).optional().describe('Paid-through date within this many days'),
  q: z.string().trim().max(200).optional().describe('Matches the holder name'),
  sort: z.enum(SORTS).default('updated'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(25),
});
export type AffiliationListQuery = z.output<typeof AffiliationListQuery>;

export const IdParams = z.object({ id: fields.id() });

// ---- What the API answers

export const BenefitOut = z.object({
  key: z.string(),
  value: z.string(),
  label: z.string(),
  planName: z.string(),
  affiliationId: z.number().int(),
  via: z.enum(['self', 'organisation']),
  organisationId: z.number().int().nullable(),
});

export const PlanOut = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  holder: z.enum(PLAN_HOLDERS),
  term_kind: z.enum(TERM_KINDS),
  fixed_start_month: z.number().int().nullable(),
  fixed_start_day: z.number().int().nullable(),
  term_months: z.number().int(),
  grace_days: z.number().int(),
  active: z.boolean(),
  dues: z.array(z.object({ min_enrolment: z.number().int().nullable(), max_enrolment: z.number().int().nullable(), amount_cents: z.number().int() })),
  benefits: z.array(z.object({ key: z.string(), value: z.string(), label: z.string() })),
});

export const TermOut = z.object({
  id: z.number().int(),
  kind: z.enum(['join', 'renewal']),
  starts_on: z.string(),
  ends_on: z.string(),
  paid: z.boolean(),
  invoice_id: z.number().int().nullable(),
});

export const AffiliationOut = z.object({
  id: z.number().int(),
  status: z.enum(AFFILIATION_STATUSES),
  plan: z.object({ id: z.number().int(), name: z.string(), holder: z.enum(PLAN_HOLDERS) }),
  holder: z.object({ kind: z.enum(PLAN_HOLDERS), id: z.number().int(), name: z.string() }),
  center_id: z.number().int().nullable(),
  decision: z.enum(['applied', 'approved', 'declined']),
  decision_message: z.string().nullable(),
  paid_through: z.string().nullable().describe('Exclusive end of the last paid term'),
  created_at: z.string(),
  terms: z.array(TermOut).optional(),
});
