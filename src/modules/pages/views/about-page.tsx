import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { RelatedPages } from './related-pages.tsx';

/** /about: who the Coalition is, its mission and vision, and what the hub is for. */
export function AboutPage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('pages:about.title')}>
      <div class="usa-prose">
        <h1>{t('pages:about.heading')}</h1>
        <p class="usa-intro">{t('pages:about.intro')}</p>
        <h2>{t('pages:about.missionHeading')}</h2>
        <p>{t('pages:about.mission')}</p>
        <h2>{t('pages:about.visionHeading')}</h2>
        <p>{t('pages:about.vision')}</p>
        <p>{t('pages:about.visionCommunity')}</p>
        <h2>{t('pages:about.hubHeading')}</h2>
        <p>{t('pages:about.hub')}</p>
      </div>
      <RelatedPages
        ctx={ctx}
        links={[
          ['/beliefs', 'common:nav.beliefs'],
          ['/principles', 'common:nav.principles'],
          ['/network', 'common:nav.network'],
        ]}
      />
    </Layout>
  );
}
