import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { badRequest } from '../../platform/errors.ts';
import { affiliationActivity, currentAffiliationsByCenter, currentAffiliationsByState } from '../affiliation/affiliation-activity.service.ts';
import { MAX_MONTHS, monthSpan, type NetworkHealthQuery, type NetworkHealthReport } from './network-health.schemas.ts';

const DEFAULT_MONTHS = 24;

/** YYYY-MM of `date` moved by `delta` months (UTC). */
export function shiftMonth(date: Date, delta: number): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + delta, 1));
  return d.toISOString().slice(0, 7);
}

/** The period a query asks for, filling the defaults: the 24 months up to this one. */
export function resolvePeriod(query: NetworkHealthQuery, now: Date): { from: string; to: string } {
  const thisMonth = shiftMonth(now, 0);
  const to = query.to ?? (query.from ? minMonth(shiftMonth(new Date(`${query.from}-01T00:00:00Z`), DEFAULT_MONTHS - 1), thisMonth) : thisMonth);
  const from = query.from ?? shiftMonth(new Date(`${to}-01T00:00:00Z`), -(DEFAULT_MONTHS - 1));
  if (from > to) throw badRequest({ to: ['network-health:errors.order'] });
  if (monthSpan(from, to) > MAX_MONTHS) throw badRequest({ from: ['network-health:errors.span'] });
  return { from, to };
}

const minMonth = (a: string, b: string) => (a < b ? a : b);

/**
 * The network's affiliation health: new, renewed, lapsed and current affiliations per month, and
 * today's current affiliations by center and by state. Everything is counted in the database.
 */
export async function networkHealthReport(db: Kysely<Database>, query: NetworkHealthQuery, now = new Date()): Promise<NetworkHealthReport> {
  const { from, to } = resolvePeriod(query, now);
  const today = now.toISOString().slice(0, 10);
  const holder = query.holder;
  const [activity, byCenter, byState] = await Promise.all([
    affiliationActivity(db, { from, to, holder, today }),
    currentAffiliationsByCenter(db, { holder, today }),
    currentAffiliationsByState(db, { holder, today }),
  ]);
  return {
    from,
    to,
    holder: holder ?? null,
    asOf: today,
    months: activity.months.map((month, i) => ({
      month,
      new: activity.joined[i]!,
      renewed: activity.renewed[i]!,
      lapsed: activity.lapsed[i]!,
      currentAtMonthEnd: activity.currentAtMonthEnd[i]!,
    })),
    byCenter: byCenter.map((c) => ({ centerId: c.centerId, centerName: c.centerName, current: c.n })),
    byState: byState.map((s) => ({ state: s.state, current: s.n })),
  };
}
