import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { benchmarksOf } from '../../framework/framework-read.service.ts';
import type { CycleView } from '../assessment.service.ts';

/**
 * The gap between the coach's and the school's level, in steps of the rubric (positive: the coach
 * rated higher); null while either is missing.
 */
export function gapOf(view: CycleView, schoolLevel: string | null, coachLevel: string | null): number | null {
  if (!schoolLevel || !coachLevel) return null;
  const pos = (k: string) => view.tree.levels.findIndex((l) => l.key === k);
  return pos(coachLevel) - pos(schoolLevel);
}

/** The gap in words: the highlight is the text and a marker, not only a colour. */
export function GapText({ ctx, gap }: { ctx: ViewContext; gap: number | null }) {
  const { t } = ctx;
  if (gap === null) return <span>{t('assessment:review.gapUnknown')}</span>;
  if (gap === 0) return <span>{t('assessment:review.gapNone')}</span>;
  const text = gap > 0 ? t('assessment:review.gapHigher', { count: gap }) : t('assessment:review.gapLower', { count: -gap });
  return (
    <strong class="bg-accent-warm-lighter padding-x-05">
      <span aria-hidden="true">▲ </span>
      {text}
    </strong>
  );
}

/** Both ratings of every benchmark, side by side, with the gap. */
export function RatingsSideBySide({ ctx, view }: { ctx: ViewContext; view: CycleView }) {
  const { t } = ctx;
  const levelName = (k: string | null | undefined) => (k ? (view.tree.levels.find((l) => l.key === k)?.name ?? k) : t('assessment:review.notRated'));
  return (
    <section aria-labelledby="side-by-side">
      <h2 id="side-by-side">{t('assessment:review.sideBySide')}</h2>
      <table class="usa-table usa-table--borderless width-full">
        <caption class="usa-sr-only">{t('assessment:review.sideBySide')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('assessment:fields.benchmark')}</th>
            <th scope="col">{t('assessment:review.schoolRating')}</th>
            <th scope="col">{t('assessment:review.coachRating')}</th>
            <th scope="col">{t('assessment:review.gap')}</th>
          </tr>
        </thead>
        <tbody>
          {benchmarksOf(view.tree).map((b) => {
            const r = view.ratings.get(b.key);
            return (
              <tr>
                <th scope="row"><a class="usa-link" href={`#benchmark-${b.key}`}>{b.name}</a></th>
                <td>{levelName(r?.level_key)}</td>
                <td>{levelName(r?.coach_level_key)}</td>
                <td><GapText ctx={ctx} gap={gapOf(view, r?.level_key ?? null, r?.coach_level_key ?? null)} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
