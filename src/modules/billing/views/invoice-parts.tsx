import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { Invoice, InvoiceView } from '../billing.service.ts';
import { formatDay, formatMoney } from '../invoice-format.ts';

/** Money in the reader's language. */
export const money = (ctx: ViewContext, cents: number, currency: string) => formatMoney(cents, currency, ctx.locale);

/** A calendar date in the reader's language, machine-readable inside <time>. */
export function Day({ ctx, day }: { ctx: ViewContext; day: string }) {
  return <time dateTime={day}>{formatDay(day, ctx.locale)}</time>;
}

const TAG_CLASS: Record<Invoice['state'], string> = { open: 'bg-primary', paid: 'bg-green', void: 'bg-base-dark' };

/** The invoice's state as a tag (open, paid, void), with "overdue" for an open one past due. */
export function StateTag({ ctx, invoice, today }: { ctx: ViewContext; invoice: Invoice; today: string }) {
  const overdue = invoice.state === 'open' && invoice.due_on < today;
  return (
    <span class={`usa-tag ${overdue ? 'bg-secondary-dark' : TAG_CLASS[invoice.state]}`}>
      {overdue ? ctx.t('billing:state.overdue') : ctx.t(`billing:state.${invoice.state}`)}
    </span>
  );
}

/** The line items with total, paid and balance due. */
export function LinesTable({ ctx, view }: { ctx: ViewContext; view: InvoiceView }) {
  const { t } = ctx;
  const { invoice } = view;
  const m = (c: number) => money(ctx, c, invoice.currency);
  return (
    <table class="usa-table usa-table--borderless width-full">
      <caption>{t('billing:invoice.linesCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('billing:invoice.description')}</th>
          <th scope="col" class="invoice-amount">{t('billing:invoice.quantity')}</th>
          <th scope="col" class="invoice-amount">{t('billing:invoice.unitPrice')}</th>
          <th scope="col" class="invoice-amount">{t('billing:invoice.amount')}</th>
        </tr>
      </thead>
      <tbody>
        {view.lines.map((l) => (
          <tr>
            <td>{l.description}</td>
            <td class="invoice-amount">{l.quantity}</td>
            <td class="invoice-amount">{m(l.unit_cents)}</td>
            <td class="invoice-amount">{m(l.amount_cents)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={3}>{t('billing:invoice.total')}</th>
          <td class="invoice-amount text-bold">{m(invoice.total_cents)}</td>
        </tr>
        <tr>
          <th scope="row" colSpan={3}>{t('billing:invoice.paid')}</th>
          <td class="invoice-amount">{m(view.paidCents)}</td>
        </tr>
        {invoice.state !== 'void' && (
          <tr>
            <th scope="row" colSpan={3}>{t('billing:invoice.balance')}</th>
            <td class="invoice-amount text-bold">{m(view.balanceCents)}</td>
          </tr>
        )}
      </tfoot>
    </table>
  );
}

/** The payments received, or a line saying there are none yet. */
export function PaymentsTable({ ctx, view }: { ctx: ViewContext; view: InvoiceView }) {
  const { t } = ctx;
  if (view.payments.length === 0) return <p>{t('billing:invoice.noPayments')}</p>;
  return (
    <table class="usa-table usa-table--borderless width-full">
      <caption>{t('billing:invoice.paymentsCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('billing:invoice.receivedOn')}</th>
          <th scope="col">{t('billing:invoice.method')}</th>
          <th scope="col">{t('billing:invoice.reference')}</th>
          <th scope="col" class="invoice-amount">{t('billing:invoice.amount')}</th>
        </tr>
      </thead>
      <tbody>
        {view.payments.map((p) => (
          <tr>
            <td>
              <Day ctx={ctx} day={p.received_on} />
            </td>
            <td>{t(`billing:method.${p.method}`)}</td>
            <td>{p.reference ?? ''}</td>
            <td class="invoice-amount">{money(ctx, p.amount_cents, view.invoice.currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Number, dates, PO and bill-to, as a description list. */
export function InvoiceHeader({ ctx, invoice }: { ctx: ViewContext; invoice: Invoice }) {
  const { t } = ctx;
  return (
    <div class="grid-row grid-gap margin-bottom-3">
      <div class="tablet:grid-col-6">
        <h2 class="font-heading-md">{t('billing:invoice.billTo')}</h2>
        <p class="margin-top-1">
          <strong>{invoice.bill_to_name}</strong>
          {invoice.bill_to_address?.split('\n').map((line) => (
            <>
              <br />
              {line}
            </>
          ))}
          {invoice.bill_to_email && (
            <>
              <br />
              {invoice.bill_to_email}
            </>
          )}
        </p>
      </div>
      <div class="tablet:grid-col-6">
        <h2 class="font-heading-md">{t('billing:invoice.details')}</h2>
        <dl class="margin-top-1">
          <dt class="text-bold">{t('billing:invoice.number')}</dt>
          <dd class="margin-left-0 margin-bottom-1">{invoice.number}</dd>
          <dt class="text-bold">{t('billing:invoice.issuedOn')}</dt>
          <dd class="margin-left-0 margin-bottom-1">
            <Day ctx={ctx} day={invoice.issued_on} />
          </dd>
          <dt class="text-bold">{t('billing:invoice.dueOn')}</dt>
          <dd class="margin-left-0 margin-bottom-1">
            <Day ctx={ctx} day={invoice.due_on} />
          </dd>
          {invoice.po_number && (
            <>
              <dt class="text-bold">{t('billing:invoice.poNumber')}</dt>
              <dd class="margin-left-0 margin-bottom-1">{invoice.po_number}</dd>
            </>
          )}
        </dl>
      </div>
    </div>
  );
}
