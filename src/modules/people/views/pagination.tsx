import type { ViewContext } from '../../../platform/ui/view-context.ts';

/** Previous / next links with "Showing 26–50 of 312"; plain links, so it works without JavaScript. */
export function Pagination(props: { ctx: ViewContext; page: number; perPage: number; total: number; hrefFor: (page: number) => string }) {
  const { t } = props.ctx;
  const { page, perPage, total } = props;
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (total === 0) return null;
  const from = Math.min(total, (page - 1) * perPage + 1);
  const to = Math.min(total, page * perPage);
  return (
    <nav aria-label={t('common:pagination.label')} class="usa-pagination">
      <p class="margin-y-1">{t('common:pagination.showing', { from, to, total })}</p>
      <ul class="usa-pagination__list">
        {page > 1 && (
          <li class="usa-pagination__item usa-pagination__arrow">
            <a href={props.hrefFor(page - 1)} class="usa-pagination__link usa-pagination__previous-page">
              <span class="usa-pagination__link-text">{t('common:previous')}</span>
            </a>
          </li>
        )}
        <li class="usa-pagination__item usa-pagination__page-no">
          <span class="usa-pagination__button usa-current" aria-current="page">
            {t('common:pagination.page', { page })}
          </span>
        </li>
        {page < pages && (
          <li class="usa-pagination__item usa-pagination__arrow">
            <a href={props.hrefFor(page + 1)} class="usa-pagination__link usa-pagination__next-page">
              <span class="usa-pagination__link-text">{t('common:next')}</span>
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
