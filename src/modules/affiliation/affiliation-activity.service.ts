import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PlanHolder } from '../../db/schema/affiliation.ts';
import * as repo from './affiliation-activity.repository.ts';

/** Affiliation activity per month, oldest first; every array has one entry per month. */
export interface AffiliationActivity {
  months: string[];
  /** Join terms paid, by the month the term starts. */
  joined: number[];
  /** Renewal terms paid, by the month the term starts. */
  renewed: number[];
  /** Affiliations whose last paid term ended, plus the plan's grace days, in the month. */
  lapsed: number[];
  /** Affiliations with a paid term covering the month's last day (not cancelled by then). */
  currentAtMonthEnd: number[];
}

/** The months from `from` to `to` inclusive (YYYY-MM). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let key = from; key <= to; ) {
    out.push(key);
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
    key = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
  }
  return out;
}

/** The first day of the month after `month` (YYYY-MM-DD). */
function dayAfterMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/**
 * New, renewed, lapsed and current affiliations per month from `from` to `to` (YYYY-MM), as of
 * `today` (YYYY-MM-DD; lapses after it have not happened yet). Three grouped queries whatever the
 * size of the network: "current at month end" is a running total of paid terms started minus
 * paid terms ended by each month (one affiliation's paid terms do not overlap).
 */
export async function affiliationActivity(db: Kysely<Database>, opts: { from: string; to: string; holder?: PlanHolder; today: string }): Promise<AffiliationActivity> {
  const months = monthsBetween(opts.from, opts.to);
  const before = dayAfterMonth(opts.to);
  const [starts, ends, lapses] = await Promise.all([
    repo.countPaidTermStartsByMonth(db, { holder: opts.holder, before }),
    repo.countPaidTermEndsByMonth(db, { holder: opts.holder, before }),
    repo.countLapsesByMonth(db, { holder: opts.holder, from: `${opts.from}-01`, before, onOrBefore: opts.today }),
  ]);
  const byMonth = (rows: repo.MonthCount[]) => new Map(rows.map((r) => [r.month, r.n]));
  const [j, r, l] = [byMonth(starts.filter((s) => s.kind === 'join')), byMonth(starts.filter((s) => s.kind === 'renewal')), byMonth(lapses)];
  const upTo = (rows: repo.MonthCount[], month: string) => rows.reduce((sum, row) => (row.month <= month ? sum + row.n : sum), 0);
  return {
    months,
    joined: months.map((m) => j.get(m) ?? 0),
    renewed: months.map((m) => r.get(m) ?? 0),
    lapsed: months.map((m) => l.get(m) ?? 0),
    currentAtMonthEnd: months.map((m) => upTo(starts, m) - upTo(ends, m)),
  };
}

/** Affiliations current on `today`, by center (null: no center), largest first. */
export function currentAffiliationsByCenter(db: Kysely<Database>, opts: { holder?: PlanHolder; today: string }): Promise<repo.CenterCount[]> {
  return repo.countCurrentByCenter(db, { holder: opts.holder, on: opts.today });
}

/** Affiliations current on `today`, by the organisation's state (null: none recorded or an individual). */
export function currentAffiliationsByState(db: Kysely<Database>, opts: { holder?: PlanHolder; today: string }): Promise<repo.StateCount[]> {
  return repo.countCurrentByState(db, { holder: opts.holder, on: opts.today });
}

export type { CenterCount, StateCount } from './affiliation-activity.repository.ts';
