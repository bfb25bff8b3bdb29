import type { ViewContext } from '../../../platform/ui/view-context.ts';

/** A stored ISO timestamp in the reader's language (UTC, stated), or "never". */
export function DateTime({ ctx, iso }: { ctx: ViewContext; iso: string | null }) {
  if (!iso) return <>{ctx.t('people:never')}</>;
  // dateStyle cannot be combined with timeZoneName, so the zone is spelled out after the time.
  const text = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso));
  return <time dateTime={iso}>{`${text} UTC`}</time>;
}
