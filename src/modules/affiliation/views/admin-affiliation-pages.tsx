import { AFFILIATION_STATUSES } from '../../../db/schema.ts';
import { Form, SelectField, SubmitButton, TextField } from '../../../platform/ui/components/form.tsx';
import { Pagination } from '../../../platform/ui/components/pagination.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { AuditEventView } from '../../audit/audit.service.ts';
import { AdminLayout } from '../../admin/views/admin-layout.tsx';
import { usStateOptions } from '../../organisations/us-states.ts';
import type { AffiliationListQuery } from '../affiliation.schemas.ts';
import type { AffiliationListRow, AffiliationView } from '../affiliation-read.service.ts';
import type { PlanView } from '../plans.service.ts';
import { InvoicesTable, StatusTag, TermsTable, lastDay } from './affiliation-parts.tsx';

const FILTER_KEYS = ['status', 'plan', 'holder', 'center', 'state', 'renewal_within', 'q', 'sort'] as const;

/** The filters as a query string (for pagination and the CSV link). */
export function filterQuery(q: AffiliationListQuery, page?: number): string {
  const params = new URLSearchParams();
  for (const k of FILTER_KEYS) if (q[k] !== undefined && !(k === 'sort' && q.sort === 'updated')) params.set(k, String(q[k]));
  if (page && page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export interface AdminAffiliationsProps {
  ctx: ViewContext;
  query: AffiliationListQuery;
  result: { items: AffiliationListRow[]; total: number; page: number; perPage: number };
  plans: PlanView[];
  centers: { id: number; name: string }[];
}

/** /admin/affiliations — every affiliation, filtered, sorted and paged, with a CSV export. */
export function AdminAffiliationsPage({ ctx, query, result, plans, centers }: AdminAffiliationsProps) {
  const { t } = ctx;
  const title = t('affiliation-admin:list.title');
  const values: Record<string, unknown> = {};
  for (const k of FILTER_KEYS) if (query[k] !== undefined) values[k] = String(query[k]);
  const f = { ctx, state: { values, errors: {} } };
  return (
    <AdminLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <form method="get" action="/admin/affiliations" class="usa-form maxw-none margin-bottom-3" role="search" aria-label={t('affiliation-admin:list.filters')}>
        <div class="grid-row grid-gap">
          <div class="tablet:grid-col-4"><TextField {...f} name="q" label={t('affiliation-admin:list.search')} maxLength={200} /></div>
          <div class="tablet:grid-col-4"><SelectField {...f} name="status" label={t('affiliation-admin:list.status')} options={AFFILIATION_STATUSES.map((s) => ({ value: s, label: t(`affiliation:status.${s}`) }))} blank={t('affiliation-admin:list.any')} /></div>
          <div class="tablet:grid-col-4"><SelectField {...f} name="plan" label={t('affiliation-admin:list.plan')} options={plans.map((p) => ({ value: String(p.id), label: p.name }))} blank={t('affiliation-admin:list.any')} /></div>
          <div class="tablet:grid-col-4"><SelectField {...f} name="holder" label={t('affiliation-admin:list.holder')} options={['school', 'organisation', 'individual'].map((h) => ({ value: h, label: t(`affiliation:holders.${h}`) }))} blank={t('affiliation-admin:list.any')} /></div>
          <div class="tablet:grid-col-4"><SelectField {...f} name="center" label={t('affiliation-admin:list.center')} options={centers.map((c) => ({ value: String(c.id), label: c.name }))} blank={t('affiliation-admin:list.any')} /></div>
          <div class="tablet:grid-col-4"><SelectField {...f} name="state" label={t('affiliation-admin:list.state')} options={usStateOptions()} blank={t('affiliation-admin:list.any')} /></div>
          <div class="tablet:grid-col-4"><TextField {...f} name="renewal_within" label={t('affiliation-admin:list.renewalWithin')} inputMode="numeric" /></div>
          <div class="tablet:grid-col-4">
            <SelectField {...f} name="sort" label={t('affiliation-admin:list.sort')} options={['updated', 'name', 'status', 'renewal', 'created'].map((s) => ({ value: s, label: t(`affiliation-admin:list.sorts.${s}`) }))} />
          </div>
        </div>
        <div class="margin-top-2">
          <button type="submit" class="usa-button">{t('affiliation-admin:list.apply')}</button>
          <a class="usa-button usa-button--outline" href={`/admin/affiliations.csv${filterQuery(query)}`}>{t('affiliation-admin:list.csv')}</a>
          <a class="usa-button usa-button--unstyled margin-left-2" href="/admin/affiliations">{t('affiliation-admin:list.clear')}</a>
        </div>
      </form>
      <p role="status">{t('affiliation-admin:list.total', { count: result.total })}</p>
      <p class="font-body-3xs text-base-dark">
        <small>{t('affiliation-admin:list.statusNote')}</small>
      </p>
      {result.items.length > 0 && (
        <table class="usa-table usa-table--borderless usa-table--stacked width-full">
          <caption class="usa-sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('affiliation-admin:list.holderName')}</th>
              <th scope="col">{t('affiliation-admin:list.plan')}</th>
              <th scope="col">{t('affiliation-admin:list.status')}</th>
              <th scope="col">{t('affiliation-admin:list.center')}</th>
              <th scope="col">{t('affiliation-admin:list.paidThrough')}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((r) => (
              <tr>
                <th scope="row" data-label={t('affiliation-admin:list.holderName')}><a class="usa-link" href={`/admin/affiliations/${r.id}`}>{r.organisation_name ?? r.person_name}</a></th>
                <td data-label={t('affiliation-admin:list.plan')}>{r.plan_name}</td>
                <td data-label={t('affiliation-admin:list.status')}><StatusTag ctx={ctx} status={r.status} /></td>
                <td data-label={t('affiliation-admin:list.center')}>{r.center_name ?? ''}</td>
                <td data-label={t('affiliation-admin:list.paidThrough')}>{lastDay(ctx, (r.paid_through as string | null) ?? null)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination ctx={ctx} page={result.page} perPage={result.perPage} total={result.total} hrefFor={(page) => `/admin/affiliations${filterQuery(query, page)}`} />
    </AdminLayout>
  );
}

/** /admin/affiliations/:id — terms, invoices, decision history, cancel. */
export function AdminAffiliationPage({ ctx, view, history }: { ctx: ViewContext; view: AffiliationView; history: AuditEventView[] }) {
  const { t } = ctx;
  const a = view.affiliation;
  const title = t('affiliation-admin:detail.title', { name: view.holderName });
  return (
    <AdminLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        {view.plan.name} <StatusTag ctx={ctx} status={a.status} />
      </p>
      {view.paidThrough && <p>{t('affiliation:account.paidThrough', { date: lastDay(ctx, view.paidThrough) })}</p>}
      {view.center && <p>{t('affiliation-admin:detail.center', { name: view.center.name })}</p>}
      {a.statement && <p class="text-pre-wrap">{a.statement}</p>}
      {a.decision === 'applied' && <p><a class="usa-button" href={`/affiliation/applications/${a.id}`}>{t('affiliation-admin:detail.decide')}</a></p>}
      <h2>{t('affiliation-admin:detail.terms')}</h2>
      <TermsTable ctx={ctx} terms={view.terms} invoices={view.invoices} />
      <h2>{t('affiliation-admin:detail.invoices')}</h2>
      <InvoicesTable ctx={ctx} invoices={view.invoices} />
      <h2>{t('affiliation-admin:detail.history')}</h2>
      <ul class="usa-list">
        {history.map((e) => (
          <li>
            <time dateTime={e.occurredAt}>{e.occurredAt.slice(0, 16).replace('T', ' ')}</time> · {e.action} · {e.actorLabel}
            {e.changes && typeof e.changes.message === 'string' && e.changes.message ? ` · ${e.changes.message}` : ''}
            {e.changes && typeof e.changes.reason === 'string' ? ` · ${e.changes.reason}` : ''}
          </li>
        ))}
      </ul>
      {!a.cancelled_at && a.decision !== 'declined' && (
        <>
          <h2>{t('affiliation-admin:detail.cancel')}</h2>
          <Form ctx={ctx} action={`/affiliation/${a.id}/cancel`} class="usa-form">
            <TextField ctx={ctx} name="reason" label={t('affiliation:cancel.reason')} maxLength={2000} required />
            <SubmitButton variant="secondary">{t('affiliation:cancel.submit')}</SubmitButton>
          </Form>
        </>
      )}
    </AdminLayout>
  );
}
