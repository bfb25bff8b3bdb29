import type { AffiliationDecision, AffiliationStatus, TermKind } from '../../db/schema.ts';

// Calendar arithmetic on YYYY-MM-DD strings in UTC. Terms are whole days, so times of day and
// time zones never enter: a date string compares correctly as text.

/** The UTC calendar date of an instant, YYYY-MM-DD. */
export const dateOf = (at: Date): string => at.toISOString().slice(0, 10);

const parse = (date: string): Date => new Date(`${date}T00:00:00Z`);

/** A date `days` later (or earlier, when negative). */
export function addDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return dateOf(d);
}

/**
 * A date `months` later. A day past the end of the target month is clamped to its last day
 * (31 January + 1 month = 28 or 29 February), as memberships and banks count months.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((parse(to).getTime() - parse(from).getTime()) / 86_400_000);

/** A plan's term shape, as the date rules need it. */
export interface TermRule {
  termKind: TermKind;
  fixedStartMonth: number | null;
  fixedStartDay: number | null;
  termMonths: number;
}

/** The yearly start date in a given year (day clamped to the month's length: 29 February in other years is the 28th). */
function fixedStartIn(year: number, month: number, day: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/**
 * Days before a fixed plan's yearly start within which a payment buys the coming plan year rather
 * than the few days left of the current one.
 */
export const EARLY_PAYMENT_DAYS = 60;

/**
 * The term that an anchor date (the day payment arrived, or the approval of a free plan) falls in.
 * `endsOn` is exclusive.
 * - Rolling plans: from the anchor, for the plan's months.
 * - Fixed plans: the plan year containing the anchor (from the yearly date on or before it) —
 *   except when the anchor falls within EARLY_PAYMENT_DAYS days before the next yearly date. Then
 *   the term is the next plan year, so paying in late spring does not buy a term that ends days
 *   later. That term runs from the anchor itself (not from the yearly date) to the end of the next
 *   plan year: a school that has paid is current at once instead of "pending" until the year
 *   starts, and it loses nothing of the next year.
 */
export function termFor(rule: TermRule, anchor: string): { startsOn: string; endsOn: string } {
  if (rule.termKind === 'rolling' || !rule.fixedStartMonth || !rule.fixedStartDay) {
    return { startsOn: anchor, endsOn: addMonths(anchor, rule.termMonths) };
  }
  const year = Number(anchor.slice(0, 4));
  let startsOn = fixedStartIn(year, rule.fixedStartMonth, rule.fixedStartDay);
  if (startsOn > anchor) startsOn = fixedStartIn(year - 1, rule.fixedStartMonth, rule.fixedStartDay);
  const nextStart = fixedStartIn(Number(startsOn.slice(0, 4)) + 1, rule.fixedStartMonth, rule.fixedStartDay);
  if (daysBetween(anchor, nextStart) <= EARLY_PAYMENT_DAYS) return { startsOn: anchor, endsOn: addMonths(nextStart, rule.termMonths) };
  return { startsOn, endsOn: addMonths(startsOn, rule.termMonths) };
}

export interface StatusInput {
  decision: AffiliationDecision;
  cancelledAt: string | null;
  terms: { startsOn: string; endsOn: string; paid: boolean }[];
  /** YYYY-MM-DD */
  today: string;
  graceDays: number;
}

/** The last day covered by a paid term (exclusive end), or null when nothing is paid. */
export function paidThrough(terms: StatusInput['terms']): string | null {
  let end: string | null = null;
  for (const t of terms) if (t.paid && (end === null || t.endsOn > end)) end = t.endsOn;
  return end;
}

/**
 * An affiliation's status, from its decision, cancellation, terms and today's date only:
 * - declined / cancelled when so decided (cancellation wins over everything but a decline);
 * - pending while the application awaits a decision, or approved but nothing is paid yet;
 * - current while a paid term covers today (ends_on is exclusive);
 * - grace for `graceDays` days from the end of the last paid term;
 * - expired after that.
 */
export function computeStatus(input: StatusInput): AffiliationStatus {
  if (input.decision === 'declined') return 'declined';
  if (input.cancelledAt) return 'cancelled';
  if (input.decision === 'applied') return 'pending';
  const paid = input.terms.filter((t) => t.paid);
  if (paid.length === 0) return 'pending';
  const end = paidThrough(paid)!;
  const started = paid.some((t) => t.startsOn <= input.today);
  if (input.today < end) return started ? 'current' : 'pending';
  if (input.today < addDays(end, input.graceDays)) return 'grace';
  return 'expired';
}

/** Statuses whose holder enjoys the plan's benefits. */
export const BENEFIT_STATUSES: readonly AffiliationStatus[] = ['current', 'grace'];
/** Statuses that block a second application by the same holder. */
export const LIVE_STATUSES: readonly AffiliationStatus[] = ['pending', 'current', 'grace'];
