import type { OrganisationKind } from '../../../db/schema.ts';
import type { Translate } from '../../../platform/i18n/i18n.ts';
import { ORGANISATION_KINDS } from '../../../db/schema.ts';
import { GRADES } from '../organisations.schemas.ts';
import { US_STATES, type UsStateCode } from '../us-states.ts';

/** "Affiliate center", "School", … in the reader's language. */
export const kindLabel = (t: Translate, kind: OrganisationKind): string => t(`organisations:kinds.${kind}`);

export const kindOptions = (t: Translate) => ORGANISATION_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }));

export const gradeOptions = (t: Translate) => GRADES.map((g) => ({ value: g, label: t(`organisations:grades.${g}`) }));

/** "Grades 9–12", "Kindergarten only", or null when no span is recorded. */
export function gradeSpanLabel(t: Translate, low: string | null, high: string | null): string | null {
  if (!low || !high) return null;
  if (low === high) return t('organisations:gradeSingle', { grade: t(`organisations:grades.${low}`) });
  return t('organisations:gradeSpan', { low, high });
}

/** "Oakland, California" from whatever parts are recorded. */
export function placeLabel(city: string | null, state: string | null): string {
  const stateName = state ? (US_STATES[state as UsStateCode] ?? state) : null;
  return [city, stateName].filter(Boolean).join(', ');
}
