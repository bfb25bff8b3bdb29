import type { CoalitionEvent } from '../../../db/schema.ts';
import { bool } from '../../../db/dialect.ts';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { isKnownTag, tagLabel, type TagVocabulary } from '../event-tags.ts';

// Pieces the calendar, the event page and the center space share.

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(opts)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, opts)));
  return f;
}

/**
 * When an event happens, in its own time zone and saying which: "Thursday, October 15, 2026,
 * 9:00 AM – 5:00 PM EDT". All-day events show dates only (a range for several days), read as
 * calendar dates, never shifted by a zone.
 */
export function eventWhenText(locale: string, e: CoalitionEvent, long = true): string {
  const day: Intl.DateTimeFormatOptions = long ? { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' };
  if (bool(e.all_day)) {
    const f = formatter(locale, { ...day, timeZone: 'UTC' });
    const a = new Date(`${e.start_date}T00:00:00Z`);
    return e.start_date === e.end_date ? f.format(a) : f.formatRange(a, new Date(`${e.end_date}T00:00:00Z`));
  }
  const f = formatter(locale, { ...day, hour: 'numeric', minute: '2-digit', timeZone: e.timezone, timeZoneName: 'short' });
  return f.formatRange(new Date(e.starts_at), new Date(e.ends_at));
}

/** The event's dates inside <time>, so the exact value stays machine-readable. */
export function EventWhen({ ctx, event, long = true }: { ctx: ViewContext; event: CoalitionEvent; long?: boolean }) {
  return <time dateTime={bool(event.all_day) ? event.start_date : event.starts_at}>{eventWhenText(ctx.locale, event, long)}</time>;
}

/** A time of day in a zone ("3:00 PM"), for the month grid. */
export function timeOfDay(locale: string, iso: string, timeZone: string): string {
  return formatter(locale, { hour: 'numeric', minute: '2-digit', timeZone }).format(new Date(iso));
}

/**
 * Tags as links to the calendar filtered by each. A tag whose principle or benchmark has left the
 * framework still shows, as plain text: the calendar no longer filters by it.
 */
export function TagLinks({ ctx, tags, vocab }: { ctx: ViewContext; tags: string[]; vocab: TagVocabulary }) {
  if (tags.length === 0) return null;
  const style = 'usa-tag usa-tag--big bg-base-lighter text-ink text-no-uppercase';
  return (
    <ul class="usa-list usa-list--unstyled event-tags">
      {tags.map((tag) => (
        <li class="display-inline-block margin-right-1 margin-bottom-1">
          {isKnownTag(vocab, tag) ? (
            <a class={style} href={`/events?tag=${encodeURIComponent(tag)}`}>
              {tagLabel(ctx.t, vocab, tag)}
            </a>
          ) : (
            <span class={style}>{tagLabel(ctx.t, vocab, tag)}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** "Cancelled" beside a cancelled event's title in lists. */
export function CancelledTag({ ctx, event }: { ctx: ViewContext; event: CoalitionEvent }) {
  return event.status === 'cancelled' ? <span class="usa-tag bg-secondary-dark margin-left-1">{ctx.t('events:status.cancelled')}</span> : null;
}

/** One event in a list: title, when, where, organiser, summary. */
export function EventListItem({ ctx, event, organiser, headingLevel = 2 }: { ctx: ViewContext; event: CoalitionEvent; organiser?: { name: string; slug: string; kind: string }; headingLevel?: 2 | 3 }) {
  const { t } = ctx;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li class="border-bottom border-base-lighter padding-y-2">
      <H class="margin-y-0 font-heading-md">
        <a class="usa-link" href={`/events/${event.slug}`}>{event.title}</a>
        <CancelledTag ctx={ctx} event={event} />
      </H>
      <p class="margin-y-05 text-bold">
        <EventWhen ctx={ctx} event={event} long={false} />
      </p>
      <p class="margin-y-05 text-base-dark">
        {[t(`events:kinds.${event.kind}`), bool(event.online) ? t('events:online') : event.venue_name, organiser?.name].filter(Boolean).join(' · ')}
      </p>
      <p class="margin-y-05">{event.summary}</p>
    </li>
  );
}
