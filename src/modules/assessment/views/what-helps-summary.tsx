import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { CycleView } from '../assessment.service.ts';
import { weakestBenchmarks } from '../weakest-benchmarks.ts';

/**
 * A compact box for a cycle's page: the benchmarks rated lowest, each linking to what helps with it.
 * Reads nothing from the database (the cycle view already holds the ratings), so it adds no query.
 *
 * Props:
 * - `ctx`: the page's view context.
 * - `view`: the cycle as `getCycleView` returns it.
 * - `showCoach`: whether the coach's ratings may be shown to this reader.
 * - `headingLevel`: the box's heading level, to fit the page's outline (default 2).
 *
 * Renders nothing while no benchmark is rated. Show it to whoever may view the cycle: the link
 * leads to `/assessment/:id/what-helps`, which checks the same rule.
 */
export function WhatHelpsSummary(props: { ctx: ViewContext; view: CycleView; showCoach: boolean; headingLevel?: 2 | 3 }) {
  const { ctx, view } = props;
  const { t } = ctx;
  const weak = weakestBenchmarks(view, props.showCoach);
  if (weak.length === 0) return null;
  const H = props.headingLevel === 3 ? 'h3' : 'h2';
  const href = `/assessment/${view.cycle.id}/what-helps`;
  return (
    <div class="usa-summary-box margin-y-3" role="region" aria-labelledby="what-helps-summary-heading">
      <div class="usa-summary-box__body">
        <H class="usa-summary-box__heading" id="what-helps-summary-heading">
          {t('assessment:whatHelps.heading')}
        </H>
        <div class="usa-summary-box__text">
          <p>{t('assessment:whatHelps.lead')}</p>
          <ul class="usa-list">
            {weak.map((b) => (
              <li>
                <a class="usa-summary-box__link" href={`${href}#help-${b.key}`}>
                  {t('assessment:whatHelps.item', { benchmark: b.name, level: b.level.name })}
                </a>
              </li>
            ))}
          </ul>
          <p>
            <a class="usa-link" href={href}>
              {t('assessment:whatHelps.all')}
            </a>
          </p>
        </div>
      </div>
    </div>
  );
}
