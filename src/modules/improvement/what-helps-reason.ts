import type { Translate } from '../../platform/i18n/i18n.ts';
import type { WeakBenchmark } from '../assessment/weakest-benchmarks.ts';
import type { HelpItem } from './what-helps.service.ts';

/**
 * Why an item is offered, in words: the benchmark's tag and the school's rating, or who coaches on
 * it. Shared by the page and the API, so both give the same reason in the reader's language.
 */
export function reasonOf(t: Translate, b: WeakBenchmark, item: HelpItem): string {
  if (item.kind === 'coaching') {
    return item.ownCenter
      ? t('improvement:whatHelps.reason.ownCenter', { count: item.center.schools })
      : t('improvement:whatHelps.reason.otherCenter', { count: item.center.schools, center: item.center.centerName });
  }
  return b.isLowest ? t('improvement:whatHelps.reason.taggedLowest', { benchmark: b.name, level: b.level.name }) : t('improvement:whatHelps.reason.taggedLow', { benchmark: b.name, level: b.level.name });
}
