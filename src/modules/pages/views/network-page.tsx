import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { RelatedPages } from './related-pages.tsx';

const BENEFITS = ['voice', 'forum', 'library', 'directory', 'coaching', 'news'] as const;
const EQUITY_TENETS = ['outcomes', 'expectations', 'interruption', 'alliances'] as const;

/** /network: who makes up the network, what affiliation brings, and how to join. */
export function NetworkPage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('pages:network.title')}>
      <div class="usa-prose">
        <h1>{t('pages:network.heading')}</h1>
        <p class="usa-intro">{t('pages:network.intro')}</p>

        <h2 id="schools">{t('pages:network.schoolsHeading')}</h2>
        <p>{t('pages:network.schools')}</p>

        <h2 id="centers">{t('pages:network.centersHeading')}</h2>
        <p>{t('pages:network.centers')}</p>
        <p>{t('pages:network.centersMeet')}</p>

        <h2 id="partners">{t('pages:network.partnersHeading')}</h2>
        <p>{t('pages:network.partners')}</p>
        <p>{t('pages:network.partnersValues')}</p>

        <h2 id="individuals">{t('pages:network.individualsHeading')}</h2>
        <p>{t('pages:network.individuals')}</p>

        <h2 id="benefits">{t('pages:network.benefitsHeading')}</h2>
        <p>{t('pages:network.benefitsIntro')}</p>
        <ul class="usa-list">
          {BENEFITS.map((b) => (
            <li>{t(`pages:network.benefits.${b}`)}</li>
          ))}
        </ul>

        <h2 id="equity">{t('pages:network.equityHeading')}</h2>
        <p>{t('pages:network.equityIntro')}</p>
        <ul class="usa-list">
          {EQUITY_TENETS.map((e) => (
            <li>{t(`pages:network.equity.${e}`)}</li>
          ))}
        </ul>
      </div>

      <div class="usa-summary-box margin-top-4" role="region" aria-labelledby="join">
        <div class="usa-summary-box__body">
          <h2 id="join" class="usa-summary-box__heading">{t('pages:network.joinHeading')}</h2>
          <div class="usa-summary-box__text">
            <p>{t('pages:network.join')}</p>
            <p>
              <a class="usa-button" href="/affiliation/apply">{t('pages:network.apply')}</a>
            </p>
            {!ctx.principal && (
              <p>
                <a class="usa-summary-box__link" href="/register">{t('pages:shared.register')}</a>
              </p>
            )}
          </div>
        </div>
      </div>
      <RelatedPages
        ctx={ctx}
        links={[
          ['/directory', 'common:nav.directory'],
          ['/events', 'common:nav.events'],
          ['/volunteer', 'common:nav.volunteer'],
        ]}
      />
    </Layout>
  );
}
