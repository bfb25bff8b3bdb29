import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database } from '../../db/schema.ts';
import { bool, isUniqueViolation, nowIso } from '../../db/dialect.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { getOrganisationBySlug, getOrganisationsByIds, listEventOrganisers } from '../organisations/organisations.service.ts';
import type { EventWithOrganiser } from './events.service.ts';
import { findTagsOfEvents } from './events.repository.ts';
import * as repo from './calendar.repository.ts';
import { PER_PAGE, type EventListQuery } from './calendar.schemas.ts';

type Db = Kysely<Database>;

/** An event with its organiser's public name, as lists show it. */
export type EventListRow = CoalitionEvent & { organiser_name: string; organiser_slug: string; organiser_kind: string };
export type CalendarEvent = EventListRow & { tags: string[] };
export type Organisers = Awaited<ReturnType<typeof listEventOrganisers>>;

/**
 * Events with their organisers' names, slugs and kinds, asked of the organisations module in one
 * query for the whole page (the events tables hold only the organiser's id).
 */
export async function withOrganisers(db: Db, rows: CoalitionEvent[]): Promise<EventListRow[]> {
  if (rows.length === 0) return [];
  const organisers = new Map((await getOrganisationsByIds(db, rows.map((r) => r.organiser_id))).map((o) => [o.id, o]));
  return rows.map((r) => {
    // The foreign key (on delete cascade) keeps every event's organiser; the blanks are only for the type.
    const o = organisers.get(r.organiser_id);
    return { ...r, organiser_name: o?.name ?? '', organiser_slug: o?.slug ?? '', organiser_kind: o?.kind ?? '' };
  });
}

/** Events as lists show them: organiser and tags, one query each for the whole page. */
async function listed(db: Db, rows: CoalitionEvent[]): Promise<CalendarEvent[]> {
  const [named, tags] = await Promise.all([withOrganisers(db, rows), findTagsOfEvents(db, rows.map((r) => r.id))]);
  return named.map((r) => ({ ...r, tags: tags.get(r.id) ?? [] }));
}

/** The national office and the centers: who may organise events (for filters and the form). */
export const listOrganisers = (db: Db): Promise<Organisers> => listEventOrganisers(db);

/**
 * The query's filters in the repository's terms; an unknown organiser slug matches nothing. The
 * slug is looked up in the organisers list when the caller has it already (no extra query).
 */
async function filtersOf(db: Db, query: EventListQuery, organisers?: Organisers): Promise<repo.PublicEventFilters | null> {
  let organiserId: number | undefined;
  if (query.organiser) {
    organiserId = organisers ? organisers.find((o) => o.slug === query.organiser)?.id : (await getOrganisationBySlug(db, query.organiser))?.id;
    if (organiserId === undefined) return null;
  }
  return { now: nowIso(), organiserId, kind: query.kind, tag: query.tag, mode: query.mode, q: query.q || undefined };
}

/** A page of public events (published and cancelled; never drafts) matching the query. */
export async function searchEvents(db: Db, query: EventListQuery, organisers?: Organisers): Promise<{ items: CalendarEvent[]; total: number; page: number; perPage: number }> {
  const base = await filtersOf(db, query, organisers);
  if (!base) return { items: [], total: 0, page: query.page, perPage: PER_PAGE };
  const f = { ...base, when: query.when };
  const [rows, total] = await Promise.all([repo.findPublicEvents(db, f, { limit: PER_PAGE, offset: (query.page - 1) * PER_PAGE }), repo.countPublicEvents(db, f)]);
  return { items: await listed(db, rows), total, page: query.page, perPage: PER_PAGE };
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();
/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(iso: string | Date, timeZone: string): string {
  let f = dayFormatters.get(timeZone);
  if (!f) dayFormatters.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f.format(typeof iso === 'string' ? new Date(iso) : iso);
}

/** The local days an event covers, first to last (an event ending at midnight does not cover the next day). */
export function daysOf(e: CoalitionEvent): [first: string, last: string] {
  if (bool(e.all_day)) return [e.start_date, e.end_date];
  const first = localDate(e.starts_at, e.timezone);
  const last = localDate(new Date(Math.max(Date.parse(e.starts_at), Date.parse(e.ends_at) - 1)), e.timezone);
  return [first, last];
}

export const currentMonth = (): string => nowIso().slice(0, 7);

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

export interface MonthView {
  month: string;
  /** Weeks of seven days; null pads days outside the month. */
  weeks: ({ date: string; events: CalendarEvent[] } | null)[][];
  count: number;
}

/**
 * The month grid: each public event matching the filters appears on every day of the month it
 * covers, in its own time zone (a three-day forum shows on three days). Weeks start on Sunday in
 * English and Monday in Spanish.
 */
export async function monthView(db: Db, query: EventListQuery, firstWeekday: 0 | 1, organisers?: Organisers): Promise<MonthView> {
  const month = query.month ?? currentMonth();
  const first = `${month}-01`;
  const next = `${shiftMonth(month, 1)}-01`;
  const base = await filtersOf(db, query, organisers);
  // A day either side: an event's local day may differ from its UTC day.
  const from = new Date(Date.parse(`${first}T00:00:00Z`) - 86_400_000).toISOString();
  const to = new Date(Date.parse(`${next}T00:00:00Z`) + 86_400_000).toISOString();
  const rows = base ? await listed(db, await repo.findPublicEvents(db, { ...base, from, to }, { limit: 500, offset: 0 })) : [];
  const byDay = new Map<string, CalendarEvent[]>();
  const shown = new Set<number>();
  for (const e of rows) {
    const [a, b] = daysOf(e);
    for (let d = a < first ? first : a; d <= b && d < next; d = nextDay(d)) {
      byDay.set(d, [...(byDay.get(d) ?? []), e]);
      shown.add(e.id);
    }
  }
  const days: ({ date: string; events: CalendarEvent[] } | null)[] = [];
  const lead = (new Date(`${first}T00:00:00Z`).getUTCDay() - firstWeekday + 7) % 7;
  for (let i = 0; i < lead; i++) days.push(null);
  for (let d = first; d < next; d = nextDay(d)) days.push({ date: d, events: byDay.get(d) ?? [] });
  while (days.length % 7) days.push(null);
  const weeks = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
  return { month, weeks, count: shown.size };
}

const nextDay = (d: string): string => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Upcoming public events of one organiser (a center's space). */
export async function upcomingEventsOf(db: Db, organiserId: number, limit = 10): Promise<CalendarEvent[]> {
  return listed(db, await repo.findPublicEvents(db, { now: nowIso(), when: 'upcoming', organiserId }, { limit, offset: 0 }));
}

/** Upcoming public events (published and cancelled), soonest first, with their organisers (the RSS and Atom feeds). */
export async function upcomingPublicEvents(db: Db, limit: number): Promise<EventListRow[]> {
  return withOrganisers(db, await repo.findPublicEvents(db, { now: nowIso(), when: 'upcoming' }, { limit, offset: 0 }));
}

/** Events of these organisers (or all), drafts included, newest start first: the organisers' list. */
export async function eventsOfOrganisers(db: Db, organiserIds: number[] | 'all'): Promise<CalendarEvent[]> {
  return listed(db, await repo.findEventsOfOrganisers(db, organiserIds));
}

export interface EventPageFacts {
  tags: string[];
  sessionCount: number;
  /** The viewer holds an active ticket (they see the online join link). */
  ticketHolder: boolean;
  proposalsOpen: boolean;
  offers: Awaited<ReturnType<typeof repo.findOfferedTicketTypes>>;
}

/** Whether now falls inside the event's call for proposals. */
export function proposalsOpen(e: CoalitionEvent, now = nowIso()): boolean {
  return e.status === 'published' && !!e.proposals_open_at && !!e.proposals_close_at && e.proposals_open_at <= now && now < e.proposals_close_at;
}

/** What the event page shows besides the event itself. */
export async function eventPageFacts(db: Db, { event }: EventWithOrganiser, viewer: Principal | null): Promise<EventPageFacts> {
  const [tags, sessionCount, ticketHolder, offers] = await Promise.all([
    findTagsOfEvents(db, [event.id]),
    repo.countScheduledSessions(db, event.id),
    viewer?.personId ? repo.holdsActiveTicket(db, event.id, viewer.personId) : Promise.resolve(false),
    repo.findOfferedTicketTypes(db, event.id),
  ]);
  return { tags: tags.get(event.id) ?? [], sessionCount, ticketHolder, proposalsOpen: proposalsOpen(event), offers };
}

/** The person's private feed token, made on first use. */
export async function feedTokenOf(db: Db, personId: number): Promise<string> {
  const existing = await repo.findFeedOfPerson(db, personId);
  if (existing) return existing.token;
  const token = randomBytes(24).toString('base64url');
  try {
    await repo.saveFeedToken(db, personId, token, nowIso());
  } catch (err) {
    // Two first visits at once: the other one's token stands.
    if (!isUniqueViolation(err)) throw err;
  }
  return (await repo.findFeedOfPerson(db, personId))!.token;
}

/** Gives the person a new feed address; the old one stops working at once. */
export async function resetFeedToken(db: Db, actor: Actor, personId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await repo.saveFeedToken(trx, personId, randomBytes(24).toString('base64url'), nowIso());
    await recordAudit(trx, actor, { action: 'calendar_feed.reset', subjectType: 'person', subjectId: personId });
  });
}

/** Whose private feed a token opens, if anyone's. */
export async function personOfFeedToken(db: Db, token: string): Promise<number | null> {
  return (await repo.findFeedByToken(db, token))?.person_id ?? null;
}
