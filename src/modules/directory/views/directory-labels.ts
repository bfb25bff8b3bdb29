import type { Translate } from '../../../platform/i18n/i18n.ts';

const KNOWN_STATUSES = new Set(['current', 'grace', 'expired', 'cancelled', 'pending']);

/** The affiliation badge's text, or null when there is nothing to say publicly. */
export function statusLabel(t: Translate, status: string | null): string | null {
  return status && KNOWN_STATUSES.has(status) ? t(`directory:status.${status}`) : null;
}

/** USWDS tag colour for a status: members stand out, former members recede. */
export function statusClass(status: string | null): string {
  if (status === 'current' || status === 'grace') return 'usa-tag bg-primary';
  if (status === 'pending') return 'usa-tag bg-gold text-ink';
  return 'usa-tag bg-base-lighter text-ink';
}
