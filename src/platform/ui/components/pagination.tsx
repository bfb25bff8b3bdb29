import type { ViewContext } from '../view-context.ts';

/** Which page numbers to show: the first, the last, and two either side of the current one. */
export function pageWindow(page: number, pages: number): (number | 'gap')[] {
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const out: (number | 'gap')[] = [];
  for (const n of shown) {
    const last = out.at(-1);
    if (typeof last === 'number' && n - last > 1) out.push('gap');
    out.push(n);
  }
  return out;
}

/** USWDS pagination with numbered pages; plain links, so it works without JavaScript. */
export function Pagination(props: { ctx: ViewContext; page: number; perPage: number; total: number; hrefFor: (page: number) => string }) {
  const { t } = props.ctx;
  const { page, perPage, total } = props;
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (total === 0) return null;
  const from = (page - 1) * perPage + 1;
  const to = Math.min(total, page * perPage);
  return (
    <>
      {from <= total && <p class="margin-y-1 text-center">{t('common:pagination.showing', { from, to, total })}</p>}
      {pages > 1 && (
        <nav aria-label={t('common:pagination.label')} class="usa-pagination">
          <ul class="usa-pagination__list">
            {page > 1 && (
              <li class="usa-pagination__item usa-pagination__arrow">
                <a href={props.hrefFor(Math.min(page - 1, pages))} class="usa-pagination__link usa-pagination__previous-page">
                  <span class="usa-pagination__link-text">{t('common:previous')}</span>
                </a>
              </li>
            )}
            {pageWindow(Math.min(page, pages), pages).map((n) =>
              n === 'gap' ? (
                <li class="usa-pagination__item usa-pagination__overflow" aria-hidden="true">
                  <span>…</span>
                </li>
              ) : (
                <li class="usa-pagination__item usa-pagination__page-no">
                  <a
                    href={props.hrefFor(n)}
                    class={`usa-pagination__button${n === page ? ' usa-current' : ''}`}
                    aria-label={t('common:pagination.page', { page: n })}
                    aria-current={n === page ? 'page' : undefined}
                  >
                    {n}
                  </a>
                </li>
              ),
            )}
            {page < pages && (
              <li class="usa-pagination__item usa-pagination__arrow">
                <a href={props.hrefFor(page + 1)} class="usa-pagination__link usa-pagination__next-page">
                  <span class="usa-pagination__link-text">{t('common:next')}</span>
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </>
  );
}
