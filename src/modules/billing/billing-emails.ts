import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { translatorFor } from '../../platform/i18n/i18n.ts';
import { enqueueEmail } from '../../platform/mail/mail-jobs.ts';
import { siteUrl } from '../../platform/site-url.ts';
import { formatMoney } from './invoice-format.ts';
import { invoicePath, type Invoice } from './billing.service.ts';

/**
 * Queues the receipt for a paid invoice to its bill-to address, in the same transaction as the
 * payment, so a receipt is sent if and only if the payment commits. No address, no receipt.
 */
export async function enqueueReceipt(trx: Kysely<Database>, invoice: Invoice, paidCents: number): Promise<void> {
  if (!invoice.bill_to_email) return;
  const t = translatorFor('en');
  const vars = { number: invoice.number, amount: formatMoney(paidCents, invoice.currency, 'en'), name: invoice.bill_to_name, site: t('common:siteName') };
  await enqueueEmail(trx, {
    to: invoice.bill_to_email,
    subject: t('billing:email.receiptSubject', vars),
    text: [t('billing:email.receiptGreeting', vars), '', t('billing:email.receiptBody', vars), '', siteUrl(invoicePath(invoice.number)), '', t('billing:email.receiptSignoff', vars)].join('\n'),
  });
}
