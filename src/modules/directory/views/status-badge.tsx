import type { Translate } from '../../../platform/i18n/i18n.ts';
import { statusClass, statusLabel } from './directory-labels.ts';

/** An organisation's affiliation status as a small tag, or nothing. */
export function StatusBadge({ t, status }: { t: Translate; status: string | null }) {
  const label = statusLabel(t, status);
  return label ? <span class={statusClass(status)}>{label}</span> : null;
}
