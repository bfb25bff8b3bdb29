import { Alert } from '../../../platform/ui/components/alert.tsx';
import { DateTime } from '../../../platform/ui/components/date-time.tsx';
import { Form, SelectField, SubmitButton, TextArea, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { AuditEventView } from '../../audit/audit.service.ts';
import { AdminLayout } from '../../admin/views/admin-layout.tsx';
import { OFFLINE_METHODS } from '../billing.schemas.ts';
import type { InvoiceView } from '../billing.service.ts';
import { InvoiceHeader, LinesTable, PaymentsTable, StateTag } from './invoice-parts.tsx';

export interface AdminInvoiceProps {
  ctx: ViewContext;
  view: InvoiceView;
  today: string;
  history: AuditEventView[];
  paymentForm: FormState;
  voidForm: FormState;
}

/** Why a history entry matters, in words; the raw changes are shown beside it. */
function historyDetail(e: AuditEventView): string {
  if (!e.changes) return '';
  return Object.entries(e.changes)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.map((x) => String(x ?? '—')).join(' → ') : String(v ?? '—')}`)
    .join('; ');
}

/** /admin/invoices/:number — the invoice, recording an offline payment, voiding, and its history. */
export function AdminInvoicePage({ ctx, view, today, history, paymentForm, voidForm }: AdminInvoiceProps) {
  const { t } = ctx;
  const { invoice } = view;
  const title = t('billing-admin:detail.title', { number: invoice.number });
  const base = `/admin/invoices/${invoice.number}`;
  const flagged = history.filter((e) => e.action === 'invoice.payment_flagged' || e.action === 'invoice.refund_noted');
  return (
    <AdminLayout ctx={ctx} title={title}>
      <div class="display-flex flex-justify flex-align-center flex-wrap">
        <h1>{title}</h1>
        <StateTag ctx={ctx} invoice={invoice} today={today} />
      </div>
      <p>
        <a class="usa-link" href={`/invoices/${invoice.number}`}>{t('billing-admin:detail.customerView')}</a>
        {' · '}
        <a class="usa-link" href={`/invoices/${invoice.number}.pdf`}>{t('billing-admin:detail.pdf')}</a>
        {' · '}
        {t('billing-admin:detail.purpose', { purpose: invoice.purpose, id: invoice.purpose_id ?? '—' })}
      </p>
      {flagged.length > 0 && (
        <Alert type="warning" heading={t('billing-admin:detail.flaggedHeading')}>
          {t('billing-admin:detail.flaggedText')}
        </Alert>
      )}
      <InvoiceHeader ctx={ctx} invoice={invoice} />
      <LinesTable ctx={ctx} view={view} />
      <h2>{t('billing:invoice.paymentsHeading')}</h2>
      <PaymentsTable ctx={ctx} view={view} />
      {invoice.state === 'open' && (
        <>
          <h2>{t('billing-admin:payment.heading')}</h2>
          <Form ctx={ctx} action={`${base}/payments`} state={paymentForm} class="usa-form">
            <SelectField ctx={ctx} state={paymentForm} name="method" label={t('billing-admin:payment.method')} options={OFFLINE_METHODS.map((m) => ({ value: m, label: t(`billing:method.${m}`) }))} required />
            <TextField ctx={ctx} state={paymentForm} name="reference" label={t('billing-admin:payment.reference')} hint={t('billing-admin:payment.referenceHint')} maxLength={200} />
            <TextField ctx={ctx} state={paymentForm} name="amount" label={t('billing-admin:payment.amount')} hint={t('billing-admin:payment.amountHint')} inputMode="decimal" required />
            <TextField ctx={ctx} state={paymentForm} name="received_on" label={t('billing-admin:payment.receivedOn')} hint={t('billing-admin:payment.receivedOnHint')} type="date" required />
            <SubmitButton>{t('billing-admin:payment.submit')}</SubmitButton>
          </Form>
          <h2>{t('billing-admin:void.heading')}</h2>
          <p>{t('billing-admin:void.explain')}</p>
          <Form ctx={ctx} action={`${base}/void`} state={voidForm} class="usa-form">
            <TextArea ctx={ctx} state={voidForm} name="reason" label={t('billing-admin:void.reason')} rows={3} required />
            <SubmitButton variant="secondary">{t('billing-admin:void.submit')}</SubmitButton>
          </Form>
        </>
      )}
      <h2>{t('billing-admin:history.heading')}</h2>
      {history.length === 0 ? (
        <p>{t('billing-admin:history.empty')}</p>
      ) : (
        <table class="usa-table usa-table--borderless width-full">
          <caption>{t('billing-admin:history.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('billing-admin:history.when')}</th>
              <th scope="col">{t('billing-admin:history.who')}</th>
              <th scope="col">{t('billing-admin:history.what')}</th>
              <th scope="col">{t('billing-admin:history.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((e) => (
              <tr>
                <td>
                  <DateTime ctx={ctx} iso={e.occurredAt} empty="" />
                </td>
                <td>{e.actorLabel}</td>
                <td>{e.action}</td>
                <td>{historyDetail(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
