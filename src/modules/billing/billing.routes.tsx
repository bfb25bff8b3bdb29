import type { FastifyInstance } from 'fastify';
import { cardPaymentProvider } from '../../platform/payments/payment-providers.ts';
import { registerAdminInvoices } from './admin-invoices.routes.tsx';
import { registerBillingApi } from './billing-api.routes.ts';
import { registerInvoicePages } from './invoice-pages.routes.tsx';
import { registerStripeWebhook } from './stripe-webhook.routes.ts';

/** Pages and API of the billing module: invoices, their payments, and the card provider's webhook. */
export async function registerBillingRoutes(app: FastifyInstance): Promise<void> {
  const card = cardPaymentProvider(app.deps.config);
  await registerInvoicePages(app, card);
  await registerAdminInvoices(app);
  await registerBillingApi(app);
  await registerStripeWebhook(app, card);
}
