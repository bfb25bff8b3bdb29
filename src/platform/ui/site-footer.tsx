import { LOCALES } from '../i18n/i18n.ts';
import type { ViewContext } from './view-context.ts';

/** Footer: the network's pages, the language switch and the API link. */
export function SiteFooter({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  const next = encodeURIComponent(ctx.path);
  return (
    <footer class="usa-footer usa-footer--slim">
      <div class="usa-footer__primary-section">
        <div class="grid-container">
          <nav class="usa-footer__nav" aria-label={t('common:footerNavigation')}>
            <ul class="grid-row grid-gap add-list-reset">
              <li class="mobile-lg:grid-col-auto usa-footer__primary-content">
                <a class="usa-footer__primary-link" href="/network">{t('common:nav.network')}</a>
              </li>
              <li class="mobile-lg:grid-col-auto usa-footer__primary-content">
                <a class="usa-footer__primary-link" href="/beliefs">{t('common:nav.beliefs')}</a>
              </li>
              <li class="mobile-lg:grid-col-auto usa-footer__primary-content">
                <a class="usa-footer__primary-link" href="/volunteer">{t('common:nav.volunteer')}</a>
              </li>
              <li class="mobile-lg:grid-col-auto usa-footer__primary-content">
                <a class="usa-footer__primary-link" href="/api/docs">{t('common:nav.api')}</a>
              </li>
            </ul>
          </nav>
        </div>
      </div>
      <div class="usa-footer__secondary-section">
        <div class="grid-container">
          <p class="margin-0">
            <span class="margin-right-1">{t('common:language')}:</span>
            {LOCALES.map((lang) =>
              lang === ctx.locale ? (
                <strong class="margin-right-1" lang={lang}>{t(`common:languages.${lang}`)}</strong>
              ) : (
                <a class="usa-link margin-right-1" lang={lang} hreflang={lang} href={`/locale/${lang}?next=${next}`}>
                  {t(`common:languages.${lang}`)}
                </a>
              ),
            )}
          </p>
          <p class="margin-top-1 margin-bottom-0">{t('common:footerNote')}</p>
        </div>
      </div>
    </footer>
  );
}
