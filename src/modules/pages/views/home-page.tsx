import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';

/** The three audiences the home page sends onward, each to the page that serves it best. */
const WAYS_IN = [
  ['schools', '/network'],
  ['educators', '/library'],
  ['partners', '/volunteer'],
] as const;

/** The home page: the mission, three ways in, the Fall Forum, the principles and how to join. */
export function HomePage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('pages:home.title')}>
      <section class="bg-primary-lighter radius-lg padding-x-3 tablet:padding-x-5 padding-y-4 tablet:padding-y-5" aria-labelledby="home-heading">
        <h1 id="home-heading" class="font-heading-2xl margin-top-0 measure-5">
          {t('pages:home.heading')}
        </h1>
        <p class="usa-intro measure-5">{t('pages:home.intro')}</p>
        <ul class="usa-button-group margin-top-3" aria-label={t('pages:home.ctaLabel')}>
          <li class="usa-button-group__item">
            <a class="usa-button usa-button--big" href="/directory">{t('pages:home.findSchool')}</a>
          </li>
          <li class="usa-button-group__item">
            <a class="usa-button usa-button--big usa-button--outline" href="/network">{t('pages:home.affiliate')}</a>
          </li>
        </ul>
      </section>

      <section class="margin-top-6" aria-labelledby="ways-in">
        <h2 id="ways-in" class="font-heading-xl">{t('pages:home.waysHeading')}</h2>
        <ul class="usa-card-group">
          {WAYS_IN.map(([way, href]) => (
            <li class="usa-card tablet:grid-col-4">
              <div class="usa-card__container">
                <div class="usa-card__header">
                  <h3 class="usa-card__heading">{t(`pages:home.ways.${way}.heading`)}</h3>
                </div>
                <div class="usa-card__body">
                  <p>{t(`pages:home.ways.${way}.body`)}</p>
                </div>
                <div class="usa-card__footer">
                  <a class="usa-link" href={href}>{t(`pages:home.ways.${way}.link`)}</a>
                </div>
              </div>
            </li>
          ))}
        </ul>
      </section>

      <div class="grid-row grid-gap-lg margin-top-4">
        <section class="tablet:grid-col-6 usa-prose" aria-labelledby="fall-forum">
          <h2 id="fall-forum">{t('pages:home.forumHeading')}</h2>
          <p>{t('pages:home.forumBody')}</p>
          <p>
            <a class="usa-link" href="/events">{t('pages:home.forumLink')}</a>
          </p>
        </section>
        <section class="tablet:grid-col-6 usa-prose" aria-labelledby="principles-teaser">
          <h2 id="principles-teaser">{t('pages:home.principlesHeading')}</h2>
          <p>{t('pages:home.principlesBody')}</p>
          <ul class="usa-list usa-list--unstyled margin-top-2">
            <li>
              <a class="usa-link" href="/principles">{t('pages:home.principlesLink')}</a>
            </li>
            <li class="margin-top-1">
              <a class="usa-link" href="/beliefs">{t('pages:home.beliefsLink')}</a>
            </li>
          </ul>
        </section>
      </div>

      <div class="usa-summary-box margin-top-5" role="region" aria-labelledby="join-network">
        <div class="usa-summary-box__body">
          <h2 id="join-network" class="usa-summary-box__heading">{t('pages:home.joinHeading')}</h2>
          <div class="usa-summary-box__text">
            <p>{t('pages:home.joinBody')}</p>
            <ul class="usa-list">
              <li>
                <a class="usa-summary-box__link" href="/directory">{t('pages:home.findSchool')}</a>
              </li>
              <li>
                <a class="usa-summary-box__link" href="/network">{t('pages:home.affiliate')}</a>
              </li>
              <li>
                {ctx.principal ? (
                  <a class="usa-summary-box__link" href="/account">{t('pages:shared.account')}</a>
                ) : (
                  <a class="usa-summary-box__link" href="/register">{t('pages:shared.register')}</a>
                )}
              </li>
            </ul>
          </div>
        </div>
      </div>
    </Layout>
  );
}
