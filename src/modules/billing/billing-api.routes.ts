import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize } from '../../platform/auth/policy.ts';
import { AppError, unauthenticated } from '../../platform/errors.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { ApiError } from '../organisations/organisations.schemas.ts';
import { billingPolicy as policy } from './billing.policy.ts';
import { InvoiceDetailJson, InvoiceListJson, InvoiceListQuery, InvoiceNumberParams, OfflinePaymentInput } from './billing.schemas.ts';
import { getInvoiceView, invoicePath, listInvoices, recordOfflinePayment, type Invoice, type InvoiceView } from './billing.service.ts';
import { loadInvoice } from './invoice-pages.routes.tsx';

const tags = ['invoices'];

async function requireCaller(request: FastifyRequest) {
  if (!request.principal) throw unauthenticated();
}

async function requireJsonWriter(request: FastifyRequest) {
  await requireCaller(request);
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) throw new AppError(415, 'unsupported_media_type', 'errors:unsupportedMediaType');
}

const summary = (i: Invoice, paidCents: number) => ({
  number: i.number,
  purpose: i.purpose,
  purpose_id: i.purpose_id,
  organisation_id: i.organisation_id,
  person_id: i.person_id,
  bill_to_name: i.bill_to_name,
  currency: i.currency,
  total_cents: i.total_cents,
  paid_cents: paidCents,
  state: i.state,
  issued_on: i.issued_on,
  due_on: i.due_on,
  paid_at: i.paid_at,
  voided_at: i.voided_at,
  po_number: i.po_number,
  url: invoicePath(i.number),
});

const detail = (v: InvoiceView) => ({
  ...summary(v.invoice, v.paidCents),
  bill_to_address: v.invoice.bill_to_address,
  bill_to_email: v.invoice.bill_to_email,
  notes: v.invoice.notes,
  balance_cents: v.balanceCents,
  lines: v.lines.map((l) => ({ description: l.description, quantity: l.quantity, unit_cents: l.unit_cents, amount_cents: l.amount_cents })),
  payments: v.payments.map((p) => ({ id: p.id, method: p.method, reference: p.reference, amount_cents: p.amount_cents, received_on: p.received_on })),
});

/** /api/v1/invoices: list and read invoices, and record offline payments (admins). */
export async function registerBillingApi(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  api.get(
    '/api/v1/invoices',
    {
      preValidation: requireCaller,
      schema: {
        tags,
        summary: 'List invoices',
        description: "Network admins see every invoice; anyone else sees the invoices billed to them or to organisations they lead. Newest first, a page at a time.",
        querystring: InvoiceListQuery,
        response: { 200: InvoiceListJson, 400: ApiError, 401: ApiError },
      },
    },
    async (request) => {
      const p = request.principal!;
      const holder = policy.canAdministerBilling(p) ? undefined : { personId: p.personId ?? undefined, organisationIds: policy.billedOrganisationIds(p) };
      const result = await listInvoices(db, request.query, holder);
      return { data: result.items.map((i) => summary(i, i.paid_cents)), page: result.page, perPage: result.perPage, total: result.total };
    },
  );

  api.get(
    '/api/v1/invoices/:number',
    {
      preValidation: requireCaller,
      schema: {
        tags,
        summary: 'Get an invoice',
        description: 'An invoice with its lines and payments. Invoices the caller may not see answer 404.',
        params: InvoiceNumberParams,
        response: { 200: InvoiceDetailJson, 400: ApiError, 401: ApiError, 404: ApiError },
      },
    },
    async (request) => {
      const { invoice, organisation } = await loadInvoice(app, request.params.number);
      authorize(request.principal, policy.canViewInvoice(request.principal, invoice, organisation), 'hidden');
      return detail(await getInvoiceView(db, invoice));
    },
  );

  api.post(
    '/api/v1/invoices/:number/payments',
    {
      preValidation: requireJsonWriter,
      schema: {
        tags,
        summary: 'Record an offline payment',
        description:
          'Network admins only. A check, purchase order or bank transfer received; partial payments are allowed, more than the balance due is refused (400). Reaching the total marks the invoice paid.',
        params: InvoiceNumberParams,
        body: OfflinePaymentInput,
        response: { 201: InvoiceDetailJson, 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 415: ApiError },
      },
    },
    async (request, reply) => {
      authorize(request.principal, policy.canAdministerBilling(request.principal));
      const { invoice } = await loadInvoice(app, request.params.number);
      const b = request.body;
      await recordOfflinePayment(db, actorFromRequest(request), invoice.id, { method: b.method, reference: b.reference ?? null, amountCents: b.amount, receivedOn: b.received_on });
      const fresh = (await loadInvoice(app, invoice.number)).invoice;
      return reply.code(201).send(detail(await getInvoiceView(db, fresh)));
    },
  );
}
