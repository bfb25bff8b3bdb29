import type { CoalitionEvent, EventOrder } from '../../../db/schema.ts';
import { ORDER_STATUSES } from '../../../db/schema.ts';
import { DateTime } from '../../../platform/ui/components/date-time.tsx';
import { Pagination } from '../../../platform/ui/components/pagination.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { formatMoney } from '../pricing.ts';
import type { OrderListQuery } from '../registration.schemas.ts';
import { OrganiserLayout } from './organiser-layout.tsx';

export type OrderRow = EventOrder & { active_tickets: number | string | null };

/** /events/:slug/orders — every order of the event, filtered and searched, with the CSV export. */
export function OrdersPage(props: { ctx: ViewContext; event: CoalitionEvent; query: OrderListQuery; result: { items: OrderRow[]; total: number; page: number; perPage: number } }) {
  const { ctx, event, query, result } = props;
  const { t } = ctx;
  const base = `/events/${event.slug}/orders`;
  const params = (extra: Record<string, string> = {}) =>
    new URLSearchParams({ ...(query.status && { status: query.status }), ...(query.payment && { payment: query.payment }), ...(query.q && { q: query.q }), ...extra }).toString();
  return (
    <OrganiserLayout ctx={ctx} event={event} title={t('registration-admin:orders.title')}>
      <h1>{t('registration-admin:orders.title')}</h1>
      <form method="get" action={base} class="usa-form maxw-none margin-bottom-3">
        <div class="grid-row grid-gap">
          <div class="tablet:grid-col-4">
            <label class="usa-label" for="orders-q">
              {t('registration-admin:orders.search')}
            </label>
            <input class="usa-input" id="orders-q" name="q" type="search" value={query.q ?? ''} />
          </div>
          <div class="tablet:grid-col-3">
            <label class="usa-label" for="orders-status">
              {t('registration-admin:orders.status')}
            </label>
            <select class="usa-select" id="orders-status" name="status">
              <option value="">{t('registration-admin:orders.any')}</option>
              {ORDER_STATUSES.map((s) => (
                <option value={s} selected={query.status === s}>
                  {t(`registration:status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="tablet:grid-col-3">
            <label class="usa-label" for="orders-payment">
              {t('registration-admin:orders.payment')}
            </label>
            <select class="usa-select" id="orders-payment" name="payment">
              <option value="">{t('registration-admin:orders.any')}</option>
              {(['free', 'invoice', 'card', 'refund_due'] as const).map((m) => (
                <option value={m} selected={query.payment === m}>
                  {m === 'refund_due' ? t('registration-admin:orders.refundDue') : t(`registration:payment.${m}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="tablet:grid-col-2 display-flex flex-align-end">
            <button type="submit" class="usa-button">
              {t('registration-admin:orders.filter')}
            </button>
          </div>
        </div>
      </form>
      <p>
        {t('registration-admin:orders.count', { count: result.total })} · <a href={`${base}.csv?${params()}`}>{t('registration-admin:orders.csv')}</a>
      </p>
      <table class="usa-table usa-table--borderless usa-table--stacked width-full">
        <thead>
          <tr>
            <th scope="col">{t('registration-admin:orders.reference')}</th>
            <th scope="col">{t('registration-admin:orders.buyer')}</th>
            <th scope="col">{t('registration-admin:orders.tickets')}</th>
            <th scope="col">{t('registration-admin:orders.total')}</th>
            <th scope="col">{t('registration-admin:orders.status')}</th>
            <th scope="col">{t('registration-admin:orders.placed')}</th>
          </tr>
        </thead>
        <tbody>
          {result.items.map((o) => (
            <tr>
              <th scope="row" data-label={t('registration-admin:orders.reference')}>
                <a href={`${base}/${o.reference}`}>{o.reference}</a>
              </th>
              <td data-label={t('registration-admin:orders.buyer')}>
                {o.buyer_name}
                <div class="usa-hint">{o.buyer_email}</div>
              </td>
              <td data-label={t('registration-admin:orders.tickets')}>{Number(o.active_tickets ?? 0)}</td>
              <td data-label={t('registration-admin:orders.total')}>
                {formatMoney(o.total_cents, ctx.locale)} · {t(`registration:payment.${o.payment_method}`)}
              </td>
              <td data-label={t('registration-admin:orders.status')}>
                {t(`registration:status.${o.status}`)}
                {o.refund_state !== 'none' && <div class="usa-hint">{t(`registration:refundState.${o.refund_state}`, { amount: formatMoney(o.refund_cents, ctx.locale) })}</div>}
              </td>
              <td data-label={t('registration-admin:orders.placed')}>
                <DateTime ctx={ctx} iso={o.created_at} empty="" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination ctx={ctx} page={result.page} perPage={result.perPage} total={result.total} hrefFor={(page) => `${base}?${params({ page: String(page) })}`} />
    </OrganiserLayout>
  );
}
