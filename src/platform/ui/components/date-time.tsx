import type { ViewContext } from '../view-context.ts';

/**
 * A stored ISO timestamp in the reader's language, in UTC (and saying so), inside <time> so the
 * exact value stays machine-readable. `empty` is what to show when there is no time ("Never",
 * "Not yet"…), worded by the page that knows what the missing time means.
 */
export function DateTime({ ctx, iso, empty }: { ctx: ViewContext; iso: string | null; empty: string }) {
  if (!iso) return <>{empty}</>;
  // dateStyle cannot be combined with timeZoneName, so the zone is spelled out after the time.
  const text = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso));
  return <time dateTime={iso}>{`${text} UTC`}</time>;
}
