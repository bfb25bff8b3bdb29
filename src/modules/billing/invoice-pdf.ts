import PDFDocument from 'pdfkit';
import type { Translate } from '../../platform/i18n/i18n.ts';
import type { InvoiceView } from './billing.service.ts';
import { formatDay, formatMoney } from './invoice-format.ts';

/**
 * The invoice as a PDF, with the same content as its page. Streams are left uncompressed: an
 * invoice is a few kilobytes either way, and plain text streams let anyone (and our tests) find
 * the invoice number in the file without a PDF library.
 */
export function renderInvoicePdf(view: InvoiceView, t: Translate, locale: string): Promise<Buffer> {
  const { invoice } = view;
  const money = (c: number) => formatMoney(c, invoice.currency, locale);
  const day = (d: string) => formatDay(d, locale);
  const doc = new PDFDocument({ size: 'LETTER', margin: 54, compress: false, info: { Title: t('billing:invoice.title', { number: invoice.number }), Author: t('common:siteName') } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.font('Helvetica-Bold').fontSize(20).text(t('billing:invoice.title', { number: invoice.number }));
  doc.font('Helvetica').fontSize(11).text(t('common:siteName'));
  doc.text(t(`billing:state.${invoice.state}`));
  doc.moveDown();

  doc.font('Helvetica-Bold').text(t('billing:invoice.billTo'));
  doc.font('Helvetica').text(invoice.bill_to_name);
  if (invoice.bill_to_address) doc.text(invoice.bill_to_address);
  if (invoice.bill_to_email) doc.text(invoice.bill_to_email);
  doc.moveDown();
  doc.text(`${t('billing:invoice.number')}: ${invoice.number}`);
  doc.text(`${t('billing:invoice.issuedOn')}: ${day(invoice.issued_on)}`);
  doc.text(`${t('billing:invoice.dueOn')}: ${day(invoice.due_on)}`);
  if (invoice.po_number) doc.text(`${t('billing:invoice.poNumber')}: ${invoice.po_number}`);
  doc.moveDown();

  // Four columns: description takes what the three amounts leave.
  const cols = [width - 240, 60, 90, 90];
  const row = (cells: string[], bold = false) => {
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    let x = left;
    let bottom = y;
    cells.forEach((cell, i) => {
      doc.text(cell, x, y, { width: cols[i]! - 6, align: i === 0 ? 'left' : 'right' });
      bottom = Math.max(bottom, doc.y);
      x += cols[i]!;
    });
    doc.x = left;
    doc.y = bottom + 4;
  };
  row([t('billing:invoice.description'), t('billing:invoice.quantity'), t('billing:invoice.unitPrice'), t('billing:invoice.amount')], true);
  for (const l of view.lines) row([l.description, String(l.quantity), money(l.unit_cents), money(l.amount_cents)]);
  row([t('billing:invoice.total'), '', '', money(invoice.total_cents)], true);
  row([t('billing:invoice.paid'), '', '', money(view.paidCents)]);
  if (invoice.state !== 'void') row([t('billing:invoice.balance'), '', '', money(view.balanceCents)], true);
  doc.moveDown();

  if (view.payments.length > 0) {
    doc.font('Helvetica-Bold').text(t('billing:invoice.paymentsHeading'));
    doc.font('Helvetica');
    for (const p of view.payments) doc.text(`${day(p.received_on)} · ${t(`billing:method.${p.method}`)}${p.reference ? ` ${p.reference}` : ''} · ${money(p.amount_cents)}`);
    doc.moveDown();
  }
  if (invoice.notes) {
    doc.text(invoice.notes);
    doc.moveDown();
  }
  if (invoice.state === 'open' && view.balanceCents > 0) {
    doc.font('Helvetica-Bold').text(t('billing:pay.heading'));
    doc.font('Helvetica');
    doc.text(`${t('billing:pay.checkTitle')} ${t('billing:pay.check', { site: t('common:siteName'), number: invoice.number })}`);
    doc.text(`${t('billing:pay.poTitle')} ${t('billing:pay.po', { number: invoice.number })}`);
    doc.text(`${t('billing:pay.bankTitle')} ${t('billing:pay.bank', { number: invoice.number })}`);
  }
  doc.end();
  return done;
}
