import { Layout } from '../../../platform/ui/layout.tsx';
import { SelectField, TextField } from '../../../platform/ui/components/form.tsx';
import { Pagination } from '../../../platform/ui/components/pagination.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { kindOptions } from '../../organisations/views/organisation-labels.ts';
import { usStateOptions } from '../../organisations/us-states.ts';
import type { DirectoryResult } from '../directory.service.ts';
import { GRADE_BANDS, MAX_PAGE, SORTS, STATUS_FILTERS, type DirectoryQuery } from '../directory.schemas.ts';
import { DirectoryMap, type MapTiles } from './directory-map.tsx';
import { DirectoryResultsTable } from './directory-results.tsx';

export interface DirectorySearchProps {
  ctx: ViewContext;
  query: DirectoryQuery;
  result: DirectoryResult;
  centers: { id: number; name: string; region: string | null }[];
  tiles: MapTiles | undefined;
}

const FILTER_KEYS = ['q', 'kind', 'state', 'center', 'region', 'grades', 'status', 'sort'] as const;

/** The query as a URL for another page or view, keeping every filter. */
export function directoryHref(query: DirectoryQuery, changes: { page?: number; view?: 'list' | 'map' }): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = query[key];
    if (v !== undefined && v !== '') params.set(key, String(v));
  }
  const view = changes.view ?? query.view;
  if (view === 'map') params.set('view', 'map');
  const page = changes.page ?? 1;
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return `/directory${qs ? `?${qs}` : ''}`;
}

/** /directory — search, filters, sort and the results as a list or a map. Works without JavaScript. */
export function DirectorySearchPage({ ctx, query, result, centers, tiles }: DirectorySearchProps) {
  const { t } = ctx;
  const s = (key: string) => t(`directory:search.${key}`);
  const state = { values: { ...query, center: query.center === undefined ? '' : String(query.center), sort: result.sort }, errors: {} };
  const f = { ctx, state };
  const regions = [...new Set(centers.map((c) => c.region).filter((r): r is string => !!r))].sort();
  const map = query.view === 'map';
  return (
    <Layout ctx={ctx} title={t('directory:title')}>
      <h1>{t('directory:title')}</h1>
      <p class="usa-intro">{t('directory:intro')}</p>
      <form method="get" action="/directory" class="usa-form maxw-none margin-bottom-3" role="search" aria-label={s('label')}>
        {map && <input type="hidden" name="view" value="map" />}
        <div class="grid-row grid-gap">
          <div class="tablet:grid-col-12">
            <TextField {...f} name="q" label={s('q')} maxLength={200} type="search" />
          </div>
          <div class="tablet:grid-col-4">
            <SelectField {...f} name="kind" label={s('kind')} options={kindOptions(t)} blank={s('anyKind')} />
          </div>
          <div class="tablet:grid-col-4">
            <SelectField {...f} name="state" label={s('state')} options={usStateOptions()} blank={s('anyState')} />
          </div>
          <div class="tablet:grid-col-4">
            <SelectField {...f} name="center" label={s('center')} options={centers.map((c) => ({ value: String(c.id), label: c.name }))} blank={s('anyCenter')} />
          </div>
          <div class="tablet:grid-col-4">
            <SelectField {...f} name="region" label={s('region')} options={regions.map((r) => ({ value: r, label: r }))} blank={s('anyRegion')} />
          </div>
          <div class="tablet:grid-col-4">
            <SelectField {...f} name="grades" label={s('grades')} options={Object.keys(GRADE_BANDS).map((b) => ({ value: b, label: t(`directory:bands.${b}`) }))} blank={s('anyGrades')} />
          </div>
          <div class="tablet:grid-col-4">
            <SelectField {...f} name="status" label={s('status')} options={STATUS_FILTERS.map((v) => ({ value: v, label: t(`directory:statusFilter.${v}`) }))} blank={s('anyStatus')} />
          </div>
          <div class="tablet:grid-col-4">
            <SelectField {...f} name="sort" label={s('sort')} options={SORTS.map((v) => ({ value: v, label: t(`directory:sorts.${v}`) }))} />
          </div>
        </div>
        <div class="margin-top-2">
          <button type="submit" class="usa-button">{s('submit')}</button>
          <a class="usa-button usa-button--unstyled margin-left-2" href={map ? '/directory?view=map' : '/directory'}>{s('clear')}</a>
        </div>
      </form>
      <div class="display-flex flex-justify flex-align-center flex-wrap margin-bottom-2">
        <p role="status" class="margin-y-1 text-bold">
          {result.totalCapped ? t('directory:results.countCapped', { count: result.total }) : t('directory:results.count', { count: result.total })}
        </p>
        <nav aria-label={t('directory:views.label')}>
          <ul class="usa-button-group usa-button-group--segmented">
            <li class="usa-button-group__item">
              <a class={`usa-button${map ? ' usa-button--outline' : ''}`} href={directoryHref(query, { view: 'list', page: query.page })} aria-current={map ? undefined : 'page'}>
                {t('directory:views.list')}
              </a>
            </li>
            <li class="usa-button-group__item">
              <a class={`usa-button${map ? '' : ' usa-button--outline'}`} href={directoryHref(query, { view: 'map', page: query.page })} aria-current={map ? 'page' : undefined}>
                {t('directory:views.map')}
              </a>
            </li>
          </ul>
        </nav>
      </div>
      {result.items.length === 0 ? (
        <p>{t('directory:results.none')}</p>
      ) : map ? (
        <DirectoryMap ctx={ctx} items={result.items} tiles={tiles} />
      ) : (
        <DirectoryResultsTable ctx={ctx} items={result.items} />
      )}
      <Pagination ctx={ctx} page={result.page} perPage={result.perPage} total={Math.min(result.total, MAX_PAGE * result.perPage)} hrefFor={(page) => directoryHref(query, { page })} />
    </Layout>
  );
}
