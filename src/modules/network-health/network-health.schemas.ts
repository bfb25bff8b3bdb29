import { z } from 'zod';
import { PLAN_HOLDERS } from '../../db/schema/affiliation.ts';

/** Longest period one report covers: five years of months keeps tables readable and queries bounded. */
export const MAX_MONTHS = 60;

const month = z.string().trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'network-health:errors.month');

/** Months between two YYYY-MM keys, counting both ends. */
export const monthSpan = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;

/** The report's filters, from the page's query string and the API's alike. Blank means the default. */
export const NetworkHealthQuery = z
  .object({
    from: month.optional().describe('First month, YYYY-MM (default: 23 months before `to`).'),
    to: month.optional().describe('Last month, YYYY-MM (default: this month).'),
    holder: z.enum(PLAN_HOLDERS).optional().describe('Only affiliations whose plan is for this kind of holder.'),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'network-health:errors.order' });
    else if (q.from && q.to && monthSpan(q.from, q.to) > MAX_MONTHS) ctx.addIssue({ code: 'custom', path: ['from'], message: 'network-health:errors.span' });
  });
export type NetworkHealthQuery = z.infer<typeof NetworkHealthQuery>;

const count = z.number().int().nonnegative();

/** The JSON report. */
export const NetworkHealthReport = z.object({
  from: z.string().describe('YYYY-MM'),
  to: z.string().describe('YYYY-MM'),
  holder: z.enum(PLAN_HOLDERS).nullable(),
  asOf: z.string().describe('The day (YYYY-MM-DD) "current" and lapses are counted to.'),
  months: z.array(
    z.object({
      month: z.string().describe('YYYY-MM'),
      new: count.describe('Join terms paid, by the month the term starts.'),
      renewed: count.describe('Renewal terms paid, by the month the term starts.'),
      lapsed: count.describe('Affiliations whose last paid term ended, plus the grace period, this month.'),
      currentAtMonthEnd: count.describe('Affiliations with a paid term covering the last day of the month.'),
    }),
  ),
  byCenter: z.array(z.object({ centerId: z.number().int().nullable(), centerName: z.string().nullable(), current: count })),
  byState: z.array(z.object({ state: z.string().nullable(), current: count })),
});
export type NetworkHealthReport = z.infer<typeof NetworkHealthReport>;
