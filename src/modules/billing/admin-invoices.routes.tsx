import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireNetworkAdmin } from '../../platform/auth/guards.ts';
import { sendCsv } from '../../platform/csv/csv-export.ts';
import { formFailure } from '../../platform/http/form-failure.ts';
import { viewContext } from '../../platform/http/view.ts';
import { emptyForm, type FormState } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { formInput, parseForm } from '../../platform/validation.ts';
import { actorFromRequest, listAuditEvents } from '../audit/audit.service.ts';
import { blankToUndefined } from '../organisations/organisations.schemas.ts';
import { InvoiceListQuery, OfflinePaymentInput, VoidInput } from './billing.schemas.ts';
import { exportInvoices, getInvoiceView, listInvoices, listPurposes, recordOfflinePayment, voidInvoice } from './billing.service.ts';
import { todayUtc } from './invoice-format.ts';
import { loadInvoice } from './invoice-pages.routes.tsx';
import { AdminInvoicePage } from './views/admin-invoice-page.tsx';
import { AdminInvoicesPage } from './views/admin-invoices-page.tsx';

const hide = { schema: { hide: true } };
const CSV_HEADER = ['number', 'state', 'purpose', 'purpose_id', 'bill_to_name', 'bill_to_email', 'organisation_id', 'person_id', 'issued_on', 'due_on', 'total', 'paid', 'currency', 'po_number', 'paid_at', 'voided_at'];
const dollars = (cents: number) => (cents / 100).toFixed(2);

/** /admin/invoices: the list, its CSV export, and each invoice's page with payment and void forms. */
export async function registerAdminInvoices(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;

  /** The list's filters; a malformed query (hand-edited URL) falls back to no filters rather than an error page. */
  const listQuery = (request: FastifyRequest) => {
    const parsed = InvoiceListQuery.safeParse(blankToUndefined(request.query as Record<string, unknown>));
    return parsed.success ? parsed.data : InvoiceListQuery.parse({});
  };

  app.get('/admin/invoices', hide, async (request, reply) => {
    requireNetworkAdmin(request);
    const query = listQuery(request);
    const [result, purposes] = await Promise.all([listInvoices(db, query), listPurposes(db)]);
    return sendPage(reply, <AdminInvoicesPage ctx={viewContext(request, reply)} query={query} result={result} purposes={purposes} today={todayUtc()} />);
  });

  app.get('/admin/invoices.csv', hide, async (request, reply) => {
    requireNetworkAdmin(request);
    const rows = await exportInvoices(db, listQuery(request));
    return sendCsv(reply, `invoices-${todayUtc()}`, {
      header: CSV_HEADER,
      rows: rows.map((i) => [
        i.number,
        i.state,
        i.purpose,
        i.purpose_id,
        i.bill_to_name,
        i.bill_to_email,
        i.organisation_id,
        i.person_id,
        i.issued_on,
        i.due_on,
        dollars(i.total_cents),
        dollars(i.paid_cents),
        i.currency,
        i.po_number,
        i.paid_at,
        i.voided_at,
      ]),
    });
  });

  const detailPage = async (request: FastifyRequest, reply: FastifyReply, number: string, forms: { payment?: FormState; void?: FormState } = {}, status = 200) => {
    const { invoice } = await loadInvoice(app, number);
    const [view, { events }] = await Promise.all([getInvoiceView(db, invoice), listAuditEvents(db, { subjectType: 'invoice', subjectId: invoice.id, limit: 100 })]);
    return sendPage(
      reply,
      <AdminInvoicePage
        ctx={viewContext(request, reply)}
        view={view}
        today={todayUtc()}
        history={events}
        paymentForm={forms.payment ?? emptyForm({ method: 'check', received_on: todayUtc() })}
        voidForm={forms.void ?? emptyForm()}
      />,
      status,
    );
  };

  app.get('/admin/invoices/:number', hide, async (request, reply) => {
    requireNetworkAdmin(request);
    return detailPage(request, reply, (request.params as { number: string }).number);
  });

  app.post('/admin/invoices/:number/payments', hide, async (request, reply) => {
    requireNetworkAdmin(request);
    const { number } = request.params as { number: string };
    const { invoice } = await loadInvoice(app, number);
    const parsed = parseForm(OfflinePaymentInput, request.body);
    if (!parsed.ok) return detailPage(request, reply, number, { payment: { values: parsed.values, errors: parsed.errors } }, 400);
    const input = parsed.data;
    try {
      await recordOfflinePayment(db, actorFromRequest(request), invoice.id, { method: input.method, reference: input.reference ?? null, amountCents: input.amount, receivedOn: input.received_on });
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return detailPage(request, reply, number, { payment: { values: formInput(request.body), ...failure } }, failure.status);
    }
    reply.setFlash({ type: 'success', message: 'billing-admin:payment.recorded' });
    return reply.redirect(`/admin/invoices/${invoice.number}`, 303);
  });

  app.post('/admin/invoices/:number/void', hide, async (request, reply) => {
    requireNetworkAdmin(request);
    const { number } = request.params as { number: string };
    const { invoice } = await loadInvoice(app, number);
    const parsed = parseForm(VoidInput, request.body);
    if (!parsed.ok) return detailPage(request, reply, number, { void: { values: parsed.values, errors: parsed.errors } }, 400);
    try {
      await db.transaction().execute((trx) => voidInvoice(trx, actorFromRequest(request), invoice.id, parsed.data.reason));
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return detailPage(request, reply, number, { void: { values: formInput(request.body), ...failure } }, failure.status);
    }
    reply.setFlash({ type: 'success', message: 'billing-admin:void.done' });
    return reply.redirect(`/admin/invoices/${invoice.number}`, 303);
  });
}
