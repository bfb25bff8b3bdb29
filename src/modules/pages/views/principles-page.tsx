import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { RelatedPages } from './related-pages.tsx';

/** The ten Common Principles, numbered as the network numbers them. */
export const PRINCIPLE_NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/** /principles: the ten Common Principles, and the Benchmarks that put them into practice. */
export function PrinciplesPage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('pages:principles.title')}>
      <div class="usa-prose">
        <h1>{t('pages:principles.heading')}</h1>
        <p class="usa-intro">{t('pages:principles.intro')}</p>
      </div>
      <ol class="usa-process-list margin-top-4" aria-label={t('pages:principles.listLabel')}>
        {PRINCIPLE_NUMBERS.map((n) => (
          <li class="usa-process-list__item" id={`principle-${n}`}>
            <h2 class="usa-process-list__heading">{t(`pages:principles.items.${n}.title`)}</h2>
            <p class="margin-top-05">{t(`pages:principles.items.${n}.body`)}</p>
          </li>
        ))}
      </ol>
      <div class="usa-summary-box margin-top-4" role="region" aria-labelledby="benchmarks">
        <div class="usa-summary-box__body">
          <h2 id="benchmarks" class="usa-summary-box__heading">{t('pages:principles.benchmarksHeading')}</h2>
          <div class="usa-summary-box__text">
            <p>{t('pages:principles.benchmarksBody')}</p>
            <p>
              <a class="usa-summary-box__link" href="/framework">{t('pages:principles.benchmarksLink')}</a>
            </p>
          </div>
        </div>
      </div>
      <RelatedPages
        ctx={ctx}
        links={[
          ['/beliefs', 'common:nav.beliefs'],
          ['/framework', 'common:nav.framework'],
          ['/library', 'common:nav.library'],
        ]}
      />
    </Layout>
  );
}
