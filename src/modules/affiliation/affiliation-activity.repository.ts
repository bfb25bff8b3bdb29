import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PlanHolder } from '../../db/schema/affiliation.ts';
import { isPostgres } from '../../db/dialect.ts';

// Read-only aggregates over affiliations and their paid terms, for network-wide reporting
// (modules/network-health). Every figure is grouped in the database: the admin dashboard must
// stay fast at national scale (100,000 organisations), so no query here returns one row per
// affiliation. Dates are YYYY-MM-DD text, so substr(…, 1, 7) is the month on both dialects.

/** Paid terms only: an unpaid term is an open invoice, not an affiliation. */
const paid = sql<boolean>`t.paid_at is not null`;

/**
 * The day (exclusive) a term stops counting: its end, or the day the affiliation was cancelled
 * if that came first (never before the term's start, so a cancelled future term nets to zero).
 */
const effectiveEnd: RawBuilder<string> = sql<string>`case
  when a.cancelled_at is null or substr(a.cancelled_at, 1, 10) >= t.ends_on then t.ends_on
  when substr(a.cancelled_at, 1, 10) <= t.starts_on then t.starts_on
  else substr(a.cancelled_at, 1, 10) end`;

const holderFilter = (holder: PlanHolder | undefined) => (holder ? sql`and p.holder = ${holder}` : sql``);

export interface MonthCount {
  month: string;
  n: number;
}

/** Paid terms by the month they start and their kind (join = new, renewal = renewed). */
export async function countPaidTermStartsByMonth(db: Kysely<Database>, opts: { holder?: PlanHolder; before?: string }): Promise<(MonthCount & { kind: 'join' | 'renewal' })[]> {
  const { rows } = await sql<MonthCount & { kind: 'join' | 'renewal' }>`
    select substr(t.starts_on, 1, 7) as month, t.kind as kind, count(*) as n
    from affiliation_terms t
    join affiliations a on a.id = t.affiliation_id
    join affiliation_plans p on p.id = a.plan_id
    where ${paid} ${holderFilter(opts.holder)} ${opts.before ? sql`and t.starts_on < ${opts.before}` : sql``}
    group by substr(t.starts_on, 1, 7), t.kind`.execute(db);
  return rows.map((r) => ({ month: r.month, kind: r.kind, n: Number(r.n) }));
}

/** Paid terms by the month they stop counting (end, or cancellation). */
export async function countPaidTermEndsByMonth(db: Kysely<Database>, opts: { holder?: PlanHolder; before?: string }): Promise<MonthCount[]> {
  const { rows } = await sql<MonthCount>`
    select substr(${effectiveEnd}, 1, 7) as month, count(*) as n
    from affiliation_terms t
    join affiliations a on a.id = t.affiliation_id
    join affiliation_plans p on p.id = a.plan_id
    where ${paid} ${holderFilter(opts.holder)} ${opts.before ? sql`and t.starts_on < ${opts.before}` : sql``}
    group by substr(${effectiveEnd}, 1, 7)`.execute(db);
  return rows.map((r) => ({ month: r.month, n: Number(r.n) }));
}

/**
 * Affiliations that lapsed, by month: the end of their last paid term plus the plan's grace days
 * (the day they stop being "in grace"), counted only once that day has come (`onOrBefore`).
 * Taking each affiliation's latest paid end means a later paid term (a renewal) cancels the lapse.
 */
export async function countLapsesByMonth(db: Kysely<Database>, opts: { holder?: PlanHolder; from: string; before: string; onOrBefore: string }): Promise<MonthCount[]> {
  // PostgreSQL keeps the lapse day a date (compared as dates, formatted once per group); SQLite's
  // date() gives YYYY-MM-DD text, which compares the same way.
  const pg = isPostgres(db);
  const lapseOn = pg ? sql<string>`(l.last_end::date + p.grace_days)` : sql<string>`date(l.last_end, '+' || p.grace_days || ' days')`;
  const day = (d: string) => (pg ? sql`cast(${d} as date)` : sql`${d}`);
  const month = pg ? sql<string>`to_char(x.lapse_on, 'YYYY-MM')` : sql<string>`substr(x.lapse_on, 1, 7)`;
  const { rows } = await sql<MonthCount>`
    select ${month} as month, count(*) as n
    from (
      select ${lapseOn} as lapse_on
      from (select t.affiliation_id, max(t.ends_on) as last_end from affiliation_terms t where ${paid} group by t.affiliation_id) l
      join affiliations a on a.id = l.affiliation_id
      join affiliation_plans p on p.id = a.plan_id
      where 1 = 1 ${holderFilter(opts.holder)}
    ) x
    where x.lapse_on >= ${day(opts.from)} and x.lapse_on < ${day(opts.before)} and x.lapse_on <= ${day(opts.onOrBefore)}
    group by ${month}`.execute(db);
  return rows.map((r) => ({ month: r.month, n: Number(r.n) }));
}

/** Affiliations current on `on`: a paid term covers that day and it was not cancelled by then. */
const currentOn = (on: string) => sql`${paid} and t.starts_on <= ${on} and t.ends_on > ${on} and (a.cancelled_at is null or substr(a.cancelled_at, 1, 10) > ${on})`;

export interface CenterCount {
  centerId: number | null;
  centerName: string | null;
  n: number;
}

/** Current affiliations by center: the organisation's affiliate center, else the one the application named. */
export async function countCurrentByCenter(db: Kysely<Database>, opts: { holder?: PlanHolder; on: string }): Promise<CenterCount[]> {
  const { rows } = await sql<{ center_id: number | null; center_name: string | null; n: number }>`
    select g.center_id, c.name as center_name, g.n
    from (
      select coalesce(o.center_id, a.center_id) as center_id, count(distinct a.id) as n
      from affiliation_terms t
      join affiliations a on a.id = t.affiliation_id
      join affiliation_plans p on p.id = a.plan_id
      left join organisations o on o.id = a.organisation_id
      where ${currentOn(opts.on)} ${holderFilter(opts.holder)}
      group by coalesce(o.center_id, a.center_id)
    ) g
    left join organisations c on c.id = g.center_id
    order by g.n desc, c.name`.execute(db);
  return rows.map((r) => ({ centerId: r.center_id === null ? null : Number(r.center_id), centerName: r.center_name, n: Number(r.n) }));
}

export interface StateCount {
  state: string | null;
  n: number;
}

/** Current affiliations by the holding organisation's state (null: individuals, or no state recorded). */
export async function countCurrentByState(db: Kysely<Database>, opts: { holder?: PlanHolder; on: string }): Promise<StateCount[]> {
  const { rows } = await sql<StateCount>`
    select o.state as state, count(distinct a.id) as n
    from affiliation_terms t
    join affiliations a on a.id = t.affiliation_id
    join affiliation_plans p on p.id = a.plan_id
    left join organisations o on o.id = a.organisation_id
    where ${currentOn(opts.on)} ${holderFilter(opts.holder)}
    group by o.state
    order by count(distinct a.id) desc, o.state`.execute(db);
  return rows.map((r) => ({ state: r.state, n: Number(r.n) }));
}
