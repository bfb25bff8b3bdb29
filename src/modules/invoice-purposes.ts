import { affiliationInvoicePaid } from './affiliation/affiliation.service.ts';
import { registerInvoicePaidHandler } from './billing/billing.service.ts';
import { registerCardCheckoutWindow } from './billing/card-payments.service.ts';
import { registerInvoiceVoidPaymentHandler } from './billing/void-payments.ts';
import { eventCardCheckoutWindow, eventInvoicePaid, eventVoidInvoicePaid } from './events/order-payments.service.ts';

/**
 * What each kind of invoice does once paid in full. Registered explicitly by whatever can record
 * a payment (the app, the job runner, the demo seed) rather than as a side effect of importing a
 * module, so a process that forgot to load one fails loudly at registration time, not at payment.
 */
export function registerInvoicePurposes(): void {
  registerInvoicePaidHandler('affiliation', affiliationInvoicePaid);
  // A registration: a card order is confirmed; money for a cancelled one becomes a refund due.
  registerInvoicePaidHandler('event', eventInvoicePaid);
  // Money that lands on a registration's void invoice (a late card payment) becomes a refund due.
  registerInvoiceVoidPaymentHandler('event', eventVoidInvoicePaid);
  // A card order's invoice is paid by card only while its hold lasts, by a checkout ending with it.
  registerCardCheckoutWindow('event', eventCardCheckoutWindow);
}
