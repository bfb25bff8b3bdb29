import { TZDate } from '@date-fns/tz';
import ical, { ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';

/**
 * One entry of an iCalendar file, in the terms RFC 5545 cares about. Timed entries carry UTC
 * instants and the IANA zone they happen in (written as local time with TZID plus a VTIMEZONE, so
 * a calendar shows 9:00 in the event's city even across a daylight-saving change); all-day entries
 * carry inclusive dates.
 */
export type IcalEntry = {
  /** Stable across edits: the same UID is the same entry in every subscriber's calendar. */
  uid: string;
  /** Raised on every change a client should notice. */
  sequence: number;
  /** DTSTAMP: when this version of the entry was last changed. */
  stamp: string;
  summary: string;
  description?: string | null;
  url?: string | null;
  location?: string | null;
  organizer?: { name: string; email: string } | null;
  categories?: string[];
  cancelled?: boolean;
} & ({ allDay: false; startsAt: string; endsAt: string; timezone: string } | { allDay: true; startDate: string; endDate: string });

/** The VTIMEZONE block of an IANA zone (timezones-ical-library keeps the rules current). */
function vtimezone(tz: string): string | null {
  const block = tzlib_get_ical_block(tz);
  return Array.isArray(block) && block[0] ? block[0] : null;
}

/** The day after a YYYY-MM-DD date: an all-day DTEND is exclusive (RFC 5545 §3.6.1). */
export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * An iCalendar document (text/calendar) of `entries`, named `name` (X-WR-CALNAME). ical-generator
 * writes CRLF line endings and folds lines at 75 octets; the feed tests check both on the raw text.
 */
export function renderCalendar(opts: { name: string; description?: string; url?: string; entries: IcalEntry[] }): string {
  const cal = ical({ name: opts.name, prodId: { company: 'Coalition Hub', product: 'Events', language: 'EN' }, ...(opts.description && { description: opts.description }), ...(opts.url && { url: opts.url }) });
  cal.timezone({ name: null, generator: (tz) => vtimezone(tz) });
  for (const e of opts.entries) {
    const when = e.allDay
      ? { allDay: true, start: new Date(`${e.startDate}T00:00:00Z`), end: new Date(`${dayAfter(e.endDate)}T00:00:00Z`) }
      : // A TZDate is how ical-generator learns the wall-clock time in the zone (a plain Date would be read in the server's zone).
        { start: new TZDate(e.startsAt, e.timezone), end: new TZDate(e.endsAt, e.timezone), timezone: e.timezone };
    cal.createEvent({
      id: e.uid,
      sequence: e.sequence,
      stamp: new Date(e.stamp),
      ...when,
      summary: e.summary,
      description: e.description ?? undefined,
      url: e.url ?? undefined,
      location: e.location ?? undefined,
      organizer: e.organizer ?? undefined,
      categories: (e.categories ?? []).map((name) => ({ name })),
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}

export const ICAL_CONTENT_TYPE = 'text/calendar; charset=utf-8';
