import { INVOICE_STATES } from '../../../db/schema.ts';
import { Checkbox, SelectField, TextField } from '../../../platform/ui/components/form.tsx';
import { Pagination } from '../../../platform/ui/components/pagination.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { AdminLayout } from '../../admin/views/admin-layout.tsx';
import type { InvoiceListQuery } from '../billing.schemas.ts';
import type { InvoiceListItem } from '../billing.service.ts';
import { Day, money, StateTag } from './invoice-parts.tsx';

export interface AdminInvoicesProps {
  ctx: ViewContext;
  query: InvoiceListQuery;
  result: { items: InvoiceListItem[]; total: number; page: number; perPage: number };
  purposes: string[];
  today: string;
}

/** The filters as query-string pairs, for pagination and export links that keep them. */
export function invoiceFilterParams(q: InvoiceListQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (q.state) params.set('state', q.state);
  if (q.purpose) params.set('purpose', q.purpose);
  if (q.overdue) params.set('overdue', '1');
  if (q.q) params.set('q', q.q);
  return params;
}

const withQuery = (path: string, params: URLSearchParams) => (params.size ? `${path}?${params}` : path);

/** /admin/invoices — every invoice, filtered, a page at a time, with a CSV export of the filtered set. */
export function AdminInvoicesPage({ ctx, query, result, purposes, today }: AdminInvoicesProps) {
  const { t } = ctx;
  const title = t('billing-admin:list.title');
  const state = { values: { ...query, overdue: query.overdue ? 'on' : undefined }, errors: {} };
  const f = { ctx, state };
  const hrefFor = (page: number) => {
    const params = invoiceFilterParams(query);
    if (page > 1) params.set('page', String(page));
    return withQuery('/admin/invoices', params);
  };
  return (
    <AdminLayout ctx={ctx} title={title}>
      <div class="display-flex flex-justify flex-align-center flex-wrap">
        <h1>{title}</h1>
        <a class="usa-button usa-button--outline" href={withQuery('/admin/invoices.csv', invoiceFilterParams(query))}>
          {t('billing-admin:list.export')}
        </a>
      </div>
      <form method="get" action="/admin/invoices" class="usa-form maxw-none margin-bottom-3" role="search" aria-label={t('billing-admin:list.filters')}>
        <div class="grid-row grid-gap">
          <div class="tablet:grid-col-6">
            <TextField {...f} name="q" label={t('billing-admin:list.search')} maxLength={200} />
          </div>
          <div class="tablet:grid-col-3">
            <SelectField {...f} name="state" label={t('billing-admin:list.state')} options={INVOICE_STATES.map((s) => ({ value: s, label: t(`billing:state.${s}`) }))} blank={t('billing-admin:list.anyState')} />
          </div>
          <div class="tablet:grid-col-3">
            <SelectField {...f} name="purpose" label={t('billing-admin:list.purpose')} options={purposes.map((p) => ({ value: p, label: p }))} blank={t('billing-admin:list.anyPurpose')} />
          </div>
        </div>
        <Checkbox ctx={ctx} state={state} name="overdue" label={t('billing-admin:list.overdueOnly')} />
        <div>
          <button type="submit" class="usa-button">{t('billing-admin:list.apply')}</button>
          <a class="usa-button usa-button--unstyled margin-left-2" href="/admin/invoices">{t('billing-admin:list.clear')}</a>
        </div>
      </form>
      <p role="status">{t('billing-admin:list.count', { count: result.total })}</p>
      {result.items.length === 0 ? (
        <p>{t('billing-admin:list.empty')}</p>
      ) : (
        <table class="usa-table usa-table--borderless usa-table--stacked width-full">
          <caption>{t('billing-admin:list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('billing-admin:list.number')}</th>
              <th scope="col">{t('billing-admin:list.billTo')}</th>
              <th scope="col">{t('billing-admin:list.purpose')}</th>
              <th scope="col">{t('billing-admin:list.due')}</th>
              <th scope="col">{t('billing-admin:list.total')}</th>
              <th scope="col">{t('billing-admin:list.paid')}</th>
              <th scope="col">{t('billing-admin:list.state')}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((i) => (
              <tr>
                <th scope="row" data-label={t('billing-admin:list.number')}>
                  <a class="usa-link" href={`/admin/invoices/${i.number}`}>{i.number}</a>
                </th>
                <td data-label={t('billing-admin:list.billTo')}>{i.bill_to_name}</td>
                <td data-label={t('billing-admin:list.purpose')}>{i.purpose}</td>
                <td data-label={t('billing-admin:list.due')}>
                  <Day ctx={ctx} day={i.due_on} />
                </td>
                <td data-label={t('billing-admin:list.total')}>{money(ctx, i.total_cents, i.currency)}</td>
                <td data-label={t('billing-admin:list.paid')}>{money(ctx, i.paid_cents, i.currency)}</td>
                <td data-label={t('billing-admin:list.state')}>
                  <StateTag ctx={ctx} invoice={i} today={today} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination ctx={ctx} page={result.page} perPage={result.perPage} total={result.total} hrefFor={hrefFor} />
    </AdminLayout>
  );
}
