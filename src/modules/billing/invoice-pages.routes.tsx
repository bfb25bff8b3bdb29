import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OrganisationRef } from '../../platform/auth/policy.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { requirePrincipal } from '../../platform/auth/guards.ts';
import { notFound } from '../../platform/errors.ts';
import { formFailure } from '../../platform/http/form-failure.ts';
import { viewContext } from '../../platform/http/view.ts';
import { emptyForm, type FormState } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { formInput, parseForm } from '../../platform/validation.ts';
import type { PaymentProvider } from '../../platform/payments/payment-provider.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { getOrganisationById, organisationRef } from '../organisations/organisations.service.ts';
import { billingPolicy as policy } from './billing.policy.ts';
import { InvoiceNumberParams, PurchaseOrderInput } from './billing.schemas.ts';
import { getInvoiceByNumber, getInvoiceView, invoicePath, setPurchaseOrder, type Invoice } from './billing.service.ts';
import { startCardCheckout } from './card-payments.service.ts';
import { todayUtc } from './invoice-format.ts';
import { renderInvoicePdf } from './invoice-pdf.ts';
import { InvoicePage } from './views/invoice-page.tsx';

const hide = { schema: { hide: true } };

/** The invoice named in the URL, with its organisation, for the policy; 404 when unknown. */
export async function loadInvoice(app: FastifyInstance, number: string): Promise<{ invoice: Invoice; organisation: OrganisationRef | null }> {
  const parsed = InvoiceNumberParams.safeParse({ number });
  if (!parsed.success) throw notFound();
  const { db } = app.deps.database;
  const invoice = await getInvoiceByNumber(db, parsed.data.number);
  if (!invoice) throw notFound();
  const org = invoice.organisation_id === null ? undefined : await getOrganisationById(db, invoice.organisation_id);
  return { invoice, organisation: org ? organisationRef(org) : null };
}

/** /invoices/:number (page and .pdf), paying by card, and a school's purchase-order number. */
export async function registerInvoicePages(app: FastifyInstance, cardProvider: PaymentProvider | undefined): Promise<void> {
  const { db } = app.deps.database;
  const { config } = app.deps;

  /** The invoice a signed-in reader may see; others get 404, so numbers do not confirm what exists. */
  async function visibleInvoice(request: FastifyRequest, number: string) {
    const p = requirePrincipal(request);
    const found = await loadInvoice(app, number);
    authorize(p, policy.canViewInvoice(p, found.invoice, found.organisation), 'hidden');
    return found;
  }

  const page = async (request: FastifyRequest, reply: FastifyReply, number: string, poState?: FormState, status = 200) => {
    const { invoice, organisation } = await visibleInvoice(request, number);
    const view = await getInvoiceView(db, invoice);
    const canPo = policy.canAddPurchaseOrder(request.principal, invoice, organisation);
    const checkout = (request.query as Record<string, unknown>).checkout;
    return sendPage(
      reply,
      <InvoicePage
        ctx={viewContext(request, reply)}
        view={view}
        today={todayUtc()}
        canPayByCard={!!cardProvider && invoice.state === 'open' && view.balanceCents > 0}
        poForm={canPo ? (poState ?? emptyForm({ po_number: invoice.po_number ?? '' })) : null}
        checkout={typeof checkout === 'string' ? checkout : undefined}
        isAdmin={policy.canAdministerBilling(request.principal)}
      />,
      status,
    );
  };

  app.get('/invoices/:number', hide, async (request, reply) => {
    const { number } = request.params as { number: string };
    if (!number.endsWith('.pdf')) return page(request, reply, number);
    const { invoice } = await visibleInvoice(request, number.slice(0, -'.pdf'.length));
    const pdf = await renderInvoicePdf(await getInvoiceView(db, invoice), request.t, request.locale);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${invoice.number}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });

  app.post('/invoices/:number/po', hide, async (request, reply) => {
    const { number } = request.params as { number: string };
    const p = requirePrincipal(request);
    const { invoice, organisation } = await visibleInvoice(request, number);
    authorize(p, policy.canAddPurchaseOrder(p, invoice, organisation));
    const parsed = parseForm(PurchaseOrderInput, request.body);
    if (!parsed.ok) return page(request, reply, number, { values: parsed.values, errors: parsed.errors }, 400);
    try {
      await setPurchaseOrder(db, actorFromRequest(request), invoice.id, parsed.data.po_number);
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return page(request, reply, number, { values: formInput(request.body), ...failure }, failure.status);
    }
    reply.setFlash({ type: 'success', message: 'billing:po.saved' });
    return reply.redirect(invoicePath(invoice.number), 303);
  });

  app.post('/invoices/:number/pay', hide, async (request, reply) => {
    const { number } = request.params as { number: string };
    if (!cardProvider) throw notFound();
    const { invoice } = await visibleInvoice(request, number);
    const base = `${config.baseUrl}${invoicePath(invoice.number)}`;
    const url = await startCardCheckout(db, cardProvider, invoice, {
      successUrl: `${base}?checkout=success`,
      cancelUrl: `${base}?checkout=cancelled`,
      balanceLabel: request.t('billing:pay.balanceLine', { number: invoice.number }),
    });
    return reply.redirect(url, 303);
  });
}
