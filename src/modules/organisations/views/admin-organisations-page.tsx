import { SelectField, TextField } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { AdminLayout } from '../../admin/views/admin-layout.tsx';
import { OrganisationListQuery } from '../organisations.schemas.ts';
import type { OrganisationListItem } from '../organisations.service.ts';
import { usStateOptions } from '../us-states.ts';
import { gradeSpanLabel, kindLabel, kindOptions, placeLabel } from './organisation-labels.ts';
import { Pagination } from '../../../platform/ui/components/pagination.tsx';

export interface AdminOrganisationsProps {
  ctx: ViewContext;
  query: OrganisationListQuery;
  result: { items: OrganisationListItem[]; total: number; page: number; perPage: number };
  centers: { id: number; name: string }[];
}

const DEFAULT_PER_PAGE = OrganisationListQuery.shape.per_page.parse(undefined);

/** The filters as query-string pairs, for pagination links that keep them. */
function filterParams(q: OrganisationListQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['q', 'kind', 'state', 'center', 'region'] as const) {
    const v = q[key];
    if (v !== undefined && v !== '') params.set(key, String(v));
  }
  if (q.per_page !== DEFAULT_PER_PAGE) params.set('per_page', String(q.per_page));
  return params;
}

/** /admin/organisations — search, filter and page through every organisation. */
export function AdminOrganisationsPage({ ctx, query, result, centers }: AdminOrganisationsProps) {
  const { t } = ctx;
  const title = t('organisations:list.title');
  const state = { values: { ...query, center: query.center === undefined ? '' : String(query.center) }, errors: {} };
  const f = { ctx, state };
  const hrefFor = (page: number) => {
    const params = filterParams(query);
    if (page > 1) params.set('page', String(page));
    const qs = params.toString();
    return `/admin/organisations${qs ? `?${qs}` : ''}`;
  };
  return (
    <AdminLayout ctx={ctx} title={title}>
      <div class="display-flex flex-justify flex-align-center flex-wrap">
        <h1>{title}</h1>
        <a class="usa-button" href="/admin/organisations/new">{t('organisations:list.new')}</a>
      </div>
      <form method="get" action="/admin/organisations" class="usa-form maxw-none margin-bottom-3" role="search" aria-label={t('organisations:list.filters')}>
        <div class="grid-row grid-gap">
          <div class="tablet:grid-col-6">
            <TextField {...f} name="q" label={t('organisations:list.searchLabel')} maxLength={200} />
          </div>
          <div class="tablet:grid-col-6">
            <SelectField {...f} name="kind" label={t('organisations:fields.kind')} options={kindOptions(t)} blank={t('organisations:list.anyKind')} />
          </div>
          <div class="tablet:grid-col-6">
            <SelectField {...f} name="state" label={t('organisations:fields.state')} options={usStateOptions()} blank={t('organisations:list.anyState')} />
          </div>
          <div class="tablet:grid-col-6">
            <SelectField {...f} name="center" label={t('organisations:fields.center_id')} options={centers.map((c) => ({ value: String(c.id), label: c.name }))} blank={t('organisations:list.anyCenter')} />
          </div>
        </div>
        <div class="margin-top-2">
          <button type="submit" class="usa-button">{t('organisations:list.apply')}</button>
          <a class="usa-button usa-button--unstyled margin-left-2" href="/admin/organisations">{t('organisations:list.clear')}</a>
        </div>
      </form>
      <p role="status">{t('organisations:list.total', { count: result.total })}</p>
      {result.items.length === 0 ? (
        <p>{t('organisations:list.empty')}</p>
      ) : (
        <table class="usa-table usa-table--borderless usa-table--stacked width-full">
          <caption>{t('organisations:list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('organisations:list.columns.name')}</th>
              <th scope="col">{t('organisations:list.columns.kind')}</th>
              <th scope="col">{t('organisations:list.columns.location')}</th>
              <th scope="col">{t('organisations:list.columns.center')}</th>
              <th scope="col">{t('organisations:list.columns.grades')}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((o) => (
              <tr>
                <th scope="row" data-label={t('organisations:list.columns.name')}>
                  <a class="usa-link" href={`/organisations/${o.slug}`}>{o.name}</a>
                </th>
                <td data-label={t('organisations:list.columns.kind')}>{kindLabel(t, o.kind)}</td>
                <td data-label={t('organisations:list.columns.location')}>{placeLabel(o.city, o.state)}</td>
                <td data-label={t('organisations:list.columns.center')}>
                  {o.center_slug && <a class="usa-link" href={`/organisations/${o.center_slug}`}>{o.center_name}</a>}
                </td>
                <td data-label={t('organisations:list.columns.grades')}>{gradeSpanLabel(t, o.grade_low, o.grade_high) ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination ctx={ctx} page={result.page} perPage={result.perPage} total={result.total} hrefFor={hrefFor} />
    </AdminLayout>
  );
}
