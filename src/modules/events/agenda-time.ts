import { TZDate } from '@date-fns/tz';
import type { CoalitionEvent } from '../../db/schema.ts';

// Organisers think in the event's own clock ("Saturday, 10:30 in room 204"), the database keeps UTC
// instants. These helpers are the one place the two meet, so DST and multi-day events are handled once.

/** The UTC instant (ISO) of a local day and time (HH:MM) in an IANA zone. */
export function localToUtc(day: string, time: string, timezone: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, timezone).getTime()).toISOString();
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Like localToUtc, but null when that local time does not exist in the zone (the hour skipped when
 * clocks go forward): TZDate would quietly move it an hour, and a session would start at a time
 * nobody typed. Checked by converting back.
 */
export function existingLocalToUtc(day: string, time: string, timezone: string): string | null {
  const iso = localToUtc(day, time, timezone);
  const back = utcToLocal(iso, timezone);
  return back.day === day && back.time === time ? iso : null;
}

/** The local day (YYYY-MM-DD) and time (HH:MM) of a UTC instant in a zone. */
export function utcToLocal(iso: string, timezone: string): { day: string; time: string } {
  const z = new TZDate(new Date(iso).getTime(), timezone);
  return { day: `${z.getFullYear()}-${pad(z.getMonth() + 1)}-${pad(z.getDate())}`, time: `${pad(z.getHours())}:${pad(z.getMinutes())}` };
}

/** The local days an event spans, first to last (an all-day event's dates; a timed event's local dates). */
export function eventDays(event: CoalitionEvent): string[] {
  const first = event.all_day ? event.start_date : utcToLocal(event.starts_at, event.timezone).day;
  // ends_at is exclusive: an event ending at midnight does not take up the next day.
  const last = event.all_day ? event.end_date : utcToLocal(new Date(new Date(event.ends_at).getTime() - 1).toISOString(), event.timezone).day;
  const days: string[] = [];
  for (let d = new Date(`${first}T00:00:00Z`); days.length < 60; d = new Date(d.getTime() + 86_400_000)) {
    const day = d.toISOString().slice(0, 10);
    if (day > last) break;
    days.push(day);
  }
  return days.length ? days : [first];
}

/** "Saturday, December 5" in the reader's language (a calendar day, no zone involved). */
export function formatDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

/** "10:30 AM" in the event's zone and the reader's language. */
export function formatTime(iso: string, timezone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: timezone }).format(new Date(iso));
}

/** The zone's short name at that instant ("EST", "GMT-5"), so a reader elsewhere knows whose clock it is. */
export function zoneName(iso: string, timezone: string, locale: string): string {
  const part = new Intl.DateTimeFormat(locale, { timeZoneName: 'short', timeZone: timezone }).formatToParts(new Date(iso)).find((p) => p.type === 'timeZoneName');
  return part?.value ?? timezone;
}

/** Whether two [start, end) spans overlap (ISO UTC strings compare as instants). */
export const overlaps = (a: { starts_at: string; ends_at: string }, b: { starts_at: string; ends_at: string }): boolean => a.starts_at < b.ends_at && b.starts_at < a.ends_at;
