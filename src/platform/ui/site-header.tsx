import type { ViewContext } from './view-context.ts';
import { CsrfField } from './components/form.tsx';

const PUBLIC_NAV = [
  ['/about', 'nav.about'],
  ['/principles', 'nav.principles'],
  ['/directory', 'nav.directory'],
  ['/centers', 'nav.centers'],
  ['/events', 'nav.events'],
  ['/framework', 'nav.framework'],
  ['/library', 'nav.library'],
  ['/news', 'nav.news'],
] as const;

/** The USWDS basic header: site name, primary navigation and the account links. */
export function SiteHeader({ ctx }: { ctx: ViewContext }) {
  const { t, principal } = ctx;
  const current = (href: string) => ctx.path === href || ctx.path.startsWith(`${href}/`);
  return (
    <header class="usa-header usa-header--basic">
      <div class="usa-nav-container">
        <div class="usa-navbar">
          <div class="usa-logo">
            <em class="usa-logo__text">
              <a href="/" title={t('common:home')}>
                {t('common:siteName')}
              </a>
            </em>
          </div>
          <button type="button" class="usa-menu-btn">
            {t('common:menu')}
          </button>
        </div>
        <nav aria-label={t('common:primaryNavigation')} class="usa-nav">
          <button type="button" class="usa-nav__close">
            <img src="/assets/uswds/img/usa-icons/close.svg" role="img" alt={t('common:close')} />
          </button>
          <ul class="usa-nav__primary usa-accordion">
            {PUBLIC_NAV.map(([href, key]) => (
              <li class="usa-nav__primary-item">
                <a href={href} class={`usa-nav-link${current(href) ? ' usa-current' : ''}`} aria-current={current(href) ? 'page' : undefined}>
                  <span>{t(`common:${key}`)}</span>
                </a>
              </li>
            ))}
            {ctx.isAdmin && (
              <li class="usa-nav__primary-item">
                <a href="/admin" class={`usa-nav-link${current('/admin') ? ' usa-current' : ''}`}>
                  <span>{t('common:nav.admin')}</span>
                </a>
              </li>
            )}
          </ul>
          <div class="hub-account-nav">
            {principal ? (
              <>
                <a href="/account" class="usa-link hub-account-name" title={principal.name}>
                  {principal.name}
                </a>
                <form method="post" action="/logout" class="display-inline">
                  <CsrfField ctx={ctx} />
                  <button type="submit" class="usa-button usa-button--outline usa-button--small">
                    {t('common:signOut')}
                  </button>
                </form>
              </>
            ) : (
              <>
                <a href="/login" class="usa-link">
                  {t('common:signIn')}
                </a>
                <a href="/register" class="usa-button usa-button--small">
                  {t('common:register')}
                </a>
              </>
            )}
          </div>
        </nav>
      </div>
    </header>
  );
}
