import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { RelatedPages } from './related-pages.tsx';

const BELIEFS = ['belief1', 'belief2', 'belief3', 'belief4'] as const;
const STRANDS = ['more', 'better', 'knowledge', 'policy'] as const;
const WAYS_OF_WORKING = ['communication', 'convening', 'advocating'] as const;

/** /beliefs: what the Coalition believes, its four-strand theory of action and how it works. */
export function BeliefsPage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('pages:beliefs.title')}>
      <div class="usa-prose">
        <h1>{t('pages:beliefs.heading')}</h1>
        <p class="usa-intro">{t('pages:beliefs.intro')}</p>
        <h2>{t('pages:beliefs.beliefsHeading')}</h2>
        {BELIEFS.map((b) => (
          <p>{t(`pages:beliefs.${b}`)}</p>
        ))}
        <h2>{t('pages:beliefs.actionHeading')}</h2>
        <p>{t('pages:beliefs.actionIntro')}</p>
      </div>
      <ol class="usa-process-list margin-top-3">
        {STRANDS.map((s) => (
          <li class="usa-process-list__item">
            <h3 class="usa-process-list__heading">{t(`pages:beliefs.strands.${s}.heading`)}</h3>
            <p class="margin-top-05">{t(`pages:beliefs.strands.${s}.body`)}</p>
          </li>
        ))}
      </ol>
      <div class="usa-prose margin-top-4">
        <h2>{t('pages:beliefs.worksHeading')}</h2>
        <p>{t('pages:beliefs.worksIntro')}</p>
      </div>
      <div class="grid-row grid-gap-lg margin-top-2">
        {WAYS_OF_WORKING.map((w) => (
          <section class="tablet:grid-col-4 usa-prose" aria-labelledby={`works-${w}`}>
            <h3 id={`works-${w}`}>{t(`pages:beliefs.works.${w}.heading`)}</h3>
            <p>{t(`pages:beliefs.works.${w}.body`)}</p>
          </section>
        ))}
      </div>
      <RelatedPages
        ctx={ctx}
        links={[
          ['/principles', 'common:nav.principles'],
          ['/network', 'common:nav.network'],
          ['/events', 'common:nav.events'],
        ]}
      />
    </Layout>
  );
}
