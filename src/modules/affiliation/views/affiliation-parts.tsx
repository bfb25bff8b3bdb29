import type { AffiliationStatus } from '../../../db/schema.ts';
import { invoicePath, type Invoice } from '../../billing/billing.service.ts';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { TermRow } from '../affiliation.repository.ts';
import type { Benefit } from '../benefits.service.ts';
import { addDays } from '../affiliation-status.ts';

const TAG_CLASS: Record<AffiliationStatus, string> = {
  current: 'bg-green',
  grace: 'bg-gold text-ink',
  pending: 'bg-primary',
  expired: 'bg-secondary-dark',
  cancelled: 'bg-base-dark',
  declined: 'bg-base-dark',
};

/** A status as a coloured tag with its words (the colour is never the only signal). */
export function StatusTag({ ctx, status }: { ctx: ViewContext; status: AffiliationStatus }) {
  return <span class={`usa-tag ${TAG_CLASS[status]}`}>{ctx.t(`affiliation:status.${status}`)}</span>;
}

/** A calendar date (YYYY-MM-DD) in the reader's language. */
export function formatDate(ctx: ViewContext, date: string | null): string {
  if (!date) return '';
  return new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** Integer cents as money in the reader's language. */
export const formatMoney = (ctx: ViewContext, cents: number): string => new Intl.NumberFormat(ctx.locale, { style: 'currency', currency: 'USD' }).format(cents / 100);

/** The last day a membership runs (the day before the exclusive end). */
export const lastDay = (ctx: ViewContext, endsOn: string | null): string => (endsOn ? formatDate(ctx, addDays(endsOn, -1)) : '');

export function TermsTable({ ctx, terms, invoices }: { ctx: ViewContext; terms: TermRow[]; invoices: Invoice[] }) {
  const { t } = ctx;
  if (terms.length === 0) return <p>{t('affiliation:terms.none')}</p>;
  return (
    <table class="usa-table usa-table--borderless width-full">
      <caption class="usa-sr-only">{t('affiliation:terms.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('affiliation:terms.kind')}</th>
          <th scope="col">{t('affiliation:terms.from')}</th>
          <th scope="col">{t('affiliation:terms.through')}</th>
          <th scope="col">{t('affiliation:terms.paid')}</th>
          <th scope="col">{t('affiliation:terms.invoice')}</th>
        </tr>
      </thead>
      <tbody>
        {terms.map((term) => {
          const invoice = invoices.find((i) => i.id === term.invoice_id);
          return (
            <tr>
              <th scope="row">{t(`affiliation:terms.kinds.${term.kind}`)}</th>
              <td>{formatDate(ctx, term.starts_on)}</td>
              <td>{lastDay(ctx, term.ends_on)}</td>
              <td>{term.paid_at ? formatDate(ctx, term.paid_at.slice(0, 10)) : t('affiliation:terms.unpaid')}</td>
              <td>{invoice ? <a class="usa-link" href={invoicePath(invoice.number)}>{invoice.number}</a> : t('affiliation:terms.noInvoice')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function InvoicesTable({ ctx, invoices }: { ctx: ViewContext; invoices: Invoice[] }) {
  const { t } = ctx;
  if (invoices.length === 0) return <p>{t('affiliation:invoices.none')}</p>;
  return (
    <table class="usa-table usa-table--borderless width-full">
      <caption class="usa-sr-only">{t('affiliation:invoices.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('affiliation:invoices.number')}</th>
          <th scope="col">{t('affiliation:invoices.billTo')}</th>
          <th scope="col">{t('affiliation:invoices.total')}</th>
          <th scope="col">{t('affiliation:invoices.due')}</th>
          <th scope="col">{t('affiliation:invoices.state')}</th>
        </tr>
      </thead>
      <tbody>
        {invoices.map((i) => (
          <tr>
            <th scope="row"><a class="usa-link" href={invoicePath(i.number)}>{i.number}</a></th>
            <td>{i.bill_to_name}</td>
            <td>{formatMoney(ctx, i.total_cents)}</td>
            <td>{formatDate(ctx, i.due_on)}</td>
            <td>{t(`affiliation:invoices.states.${i.state}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function BenefitsList({ ctx, benefits }: { ctx: ViewContext; benefits: Benefit[] }) {
  const { t } = ctx;
  if (benefits.length === 0) return <p>{t('affiliation:benefits.none')}</p>;
  return (
    <ul class="usa-list">
      {benefits.map((b) => (
        <li>
          <strong>{b.label}</strong>
          {`: ${b.value} `}
          <span class="text-base">({b.via === 'self' ? t('affiliation:benefits.viaSelf', { plan: b.planName }) : t('affiliation:benefits.viaOrganisation', { plan: b.planName })})</span>
        </li>
      ))}
    </ul>
  );
}
