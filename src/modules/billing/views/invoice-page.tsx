import { Alert } from '../../../platform/ui/components/alert.tsx';
import { Form, SubmitButton, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { InvoiceView } from '../billing.service.ts';
import { InvoiceHeader, LinesTable, PaymentsTable, StateTag } from './invoice-parts.tsx';

export interface InvoicePageProps {
  ctx: ViewContext;
  view: InvoiceView;
  today: string;
  /** Card payment is configured and the invoice has a balance. */
  canPayByCard: boolean;
  /** The PO form, when this reader may add one. */
  poForm: FormState | null;
  /** Back from the card checkout: "success" or "cancelled". */
  checkout?: string;
  isAdmin: boolean;
}

/** /invoices/:number — the printable invoice, with how to pay. */
export function InvoicePage({ ctx, view, today, canPayByCard, poForm, checkout, isAdmin }: InvoicePageProps) {
  const { t } = ctx;
  const { invoice } = view;
  const title = t('billing:invoice.title', { number: invoice.number });
  const path = `/invoices/${invoice.number}`;
  return (
    <Layout ctx={ctx} title={title}>
      <link rel="stylesheet" href="/assets/invoice-print.css" />
      <article class="invoice-document">
        <div class="display-flex flex-justify flex-align-center flex-wrap">
          <h1>{title}</h1>
          <StateTag ctx={ctx} invoice={invoice} today={today} />
        </div>
        <p class="text-bold">{t('common:siteName')}</p>
        {checkout === 'success' && invoice.state === 'open' && <Alert type="info">{t('billing:invoice.checkoutPending')}</Alert>}
        {checkout === 'cancelled' && <Alert type="info">{t('billing:invoice.checkoutCancelled')}</Alert>}
        {invoice.state === 'void' && <Alert type="warning">{t('billing:invoice.voidNotice')}</Alert>}
        {invoice.state === 'paid' && <Alert type="success">{t('billing:invoice.paidNotice')}</Alert>}
        <InvoiceHeader ctx={ctx} invoice={invoice} />
        <LinesTable ctx={ctx} view={view} />
        {invoice.notes && <p>{invoice.notes}</p>}
        <h2>{t('billing:invoice.paymentsHeading')}</h2>
        <PaymentsTable ctx={ctx} view={view} />
        {invoice.state === 'open' && view.balanceCents > 0 && (
          <section aria-labelledby="how-to-pay">
            <h2 id="how-to-pay">{t('billing:pay.heading')}</h2>
            {canPayByCard && (
              <form method="post" action={`${path}/pay`} class="no-print margin-bottom-2">
                <input type="hidden" name="_csrf" value={ctx.csrf()} />
                <button type="submit" class="usa-button">{t('billing:pay.card')}</button>
              </form>
            )}
            <ul class="usa-list">
              <li>
                <strong>{t('billing:pay.checkTitle')}</strong> {t('billing:pay.check', { site: t('common:siteName'), number: invoice.number })}
              </li>
              <li>
                <strong>{t('billing:pay.poTitle')}</strong> {t('billing:pay.po', { number: invoice.number })}
              </li>
              <li>
                <strong>{t('billing:pay.bankTitle')}</strong> {t('billing:pay.bank', { number: invoice.number })}
              </li>
            </ul>
          </section>
        )}
      </article>
      {poForm && (
        <section class="no-print" aria-labelledby="po-heading">
          <h2 id="po-heading">{t('billing:po.heading')}</h2>
          <Form ctx={ctx} action={`${path}/po`} state={poForm} class="usa-form">
            <TextField ctx={ctx} state={poForm} name="po_number" label={t('billing:po.label')} hint={t('billing:po.hint')} maxLength={60} required />
            <SubmitButton>{t('billing:po.submit')}</SubmitButton>
          </Form>
        </section>
      )}
      <ul class="usa-button-group margin-top-3 no-print">
        <li class="usa-button-group__item">
          <a class="usa-button usa-button--outline" href={`${path}.pdf`}>{t('billing:invoice.downloadPdf')}</a>
        </li>
        {isAdmin && (
          <li class="usa-button-group__item">
            <a class="usa-button usa-button--unstyled" href={`/admin/invoices/${invoice.number}`}>{t('billing:invoice.manage')}</a>
          </li>
        )}
      </ul>
    </Layout>
  );
}
