import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database } from '../../db/schema.ts';
import { bool, nowIso } from '../../db/dialect.ts';
import { renderCalendar, type IcalEntry } from '../../platform/feeds/ical.ts';
import { siteUrl } from '../../platform/site-url.ts';
import { getOrganisationById } from '../organisations/organisations.service.ts';
import * as repo from './calendar.repository.ts';
import { withOrganisers, type EventListRow } from './calendar.service.ts';
import { findTagsOfEvents } from './events.repository.ts';

type Db = Kysely<Database>;

// Events as iCalendar entries: the one-event download (and the confirmation email's attachment),
// the public feeds, and a person's private feed of their tickets and starred sessions.

/** How far back feeds reach: last year's events stay in subscribers' calendars, older ones drop out. */
const FEED_HISTORY_MS = 365 * 86_400_000;
export const feedSince = (): string => new Date(Date.now() - FEED_HISTORY_MS).toISOString();

/** Where the event happens, as one line: the venue and address, or "Online". */
export function locationOf(e: CoalitionEvent): string {
  if (bool(e.online)) return 'Online';
  return [e.venue_name, e.venue_address].filter(Boolean).join(', ');
}

/** One event as an iCalendar entry. The join link of an online event stays out: feeds are public. */
export function eventEntry(e: CoalitionEvent, organiserName: string, tags: string[]): IcalEntry {
  const common = {
    uid: e.uid,
    sequence: e.sequence,
    stamp: e.updated_at,
    summary: e.title,
    description: [e.summary, e.description].filter(Boolean).join('\n\n'),
    url: siteUrl(`/events/${e.slug}`),
    location: locationOf(e) || null,
    organizer: e.contact_email ? { name: organiserName, email: e.contact_email } : null,
    categories: tags,
    cancelled: e.status === 'cancelled',
  };
  return bool(e.all_day)
    ? { ...common, allDay: true, startDate: e.start_date, endDate: e.end_date }
    : { ...common, allDay: false, startsAt: e.starts_at, endsAt: e.ends_at, timezone: e.timezone };
}

/** Calendar entries for list rows (which carry their organiser's name). */
export async function entriesOf(db: Db, rows: EventListRow[]): Promise<IcalEntry[]> {
  const tags = await findTagsOfEvents(db, rows.map((r) => r.id));
  return rows.map((r) => eventEntry(r, r.organiser_name, tags.get(r.id) ?? []));
}

/** CONTRACT (calendar owner implements): the event as a one-event iCalendar file (the `.ics` download and the confirmation email's attachment). */
export async function icsForEvent(db: Db, event: CoalitionEvent): Promise<string> {
  const [organiser, tags] = await Promise.all([getOrganisationById(db, event.organiser_id), findTagsOfEvents(db, [event.id])]);
  return renderCalendar({ name: event.title, entries: [eventEntry(event, organiser?.name ?? '', tags.get(event.id) ?? [])] });
}

/** Public events (published and cancelled) from a year ago on, optionally of one organiser or tag. */
export async function publicFeed(db: Db, opts: { name: string; organiserId?: number; tag?: string }): Promise<string> {
  const rows = await repo.findPublicEvents(db, { now: nowIso(), from: feedSince(), organiserId: opts.organiserId, tag: opts.tag }, { limit: 2000, offset: 0 });
  return renderCalendar({ name: opts.name, entries: await entriesOf(db, await withOrganisers(db, rows)) });
}

/** A person's private feed: the events they hold a ticket of a confirmed order for, and the sessions they starred. */
export async function personalFeed(db: Db, personId: number, name: string): Promise<string> {
  const since = feedSince();
  const [events, sessions] = await Promise.all([repo.findTicketedEvents(db, personId, since), repo.findStarredSessions(db, personId, since)]);
  // A starred session shows its event's status, venue and zone, so it changes when the event does:
  // both sequences only rise, so their sum rises with either; the stamp is the later change.
  const sessionEntries: IcalEntry[] = sessions.map((s) => ({
    uid: s.uid,
    sequence: s.sequence + s.event_sequence,
    stamp: s.updated_at > s.event_updated_at ? s.updated_at : s.event_updated_at,
    allDay: false,
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    timezone: s.timezone,
    summary: `${s.title} (${s.event_title})`,
    description: s.description,
    url: siteUrl(`/events/${s.event_slug}/agenda`),
    location: [s.room, s.venue_name].filter(Boolean).join(', ') || null,
    cancelled: s.status === 'cancelled' || s.event_status === 'cancelled',
  }));
  return renderCalendar({ name, entries: [...(await entriesOf(db, await withOrganisers(db, events))), ...sessionEntries] });
}
