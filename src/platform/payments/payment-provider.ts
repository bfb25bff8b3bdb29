/**
 * The payment-provider interface. The billing module speaks only this; an adapter (Stripe today)
 * turns it into the provider's API and its webhook deliveries into the events below, so a second
 * provider is a new adapter, not a change to billing.
 */

/** What a checkout charges: the invoice's number and lines (or one "balance due" line). */
export interface CheckoutInvoice {
  number: string;
  currency: string;
  lines: { description: string; quantity: number; unitCents: number }[];
  customerEmail: string | null;
}

export interface CheckoutRequest {
  invoice: CheckoutInvoice;
  successUrl: string;
  cancelUrl: string;
  /** The same key returns the same checkout, so a retried or double-clicked request pays once. */
  idempotencyKey: string;
  /**
   * When the checkout should stop taking payment, for money that is only wanted until then (a
   * card hold on event seats). Providers may bound it (see the adapter); absent, the provider's
   * default applies. Providers without checkouts ignore it.
   */
  expiresAt?: Date;
}

export interface CheckoutSession {
  sessionId: string;
  url: string;
}

/** What a verified webhook delivery means to billing. */
export type PaymentEventKind =
  /** Money has been received for a checkout. */
  | 'payment_succeeded'
  /** The checkout finished but the money is still on its way (bank debits); a later event settles it. */
  | 'payment_pending'
  | 'payment_failed'
  | 'checkout_expired'
  | 'refunded'
  | 'ignored';

export interface PaymentEvent {
  provider: string;
  /** The provider's event id: the same delivery replayed carries the same id. */
  eventId: string;
  type: string;
  kind: PaymentEventKind;
  /** The provider's creation time, in seconds. */
  created: number;
  /** The checkout session, charge or payment the event is about. */
  objectId: string | null;
  sessionId: string | null;
  /** The provider's id of the payment itself: one payment has one id, however many events mention it. */
  paymentId: string | null;
  invoiceNumber: string | null;
  amountCents: number | null;
  /** The raw body as received, kept for staff and for replaying by hand. */
  payload: string;
}

export interface PaymentProvider {
  readonly name: string;
  /** Whether this provider takes cards (the offline one does not). */
  readonly acceptsCards: boolean;
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
  /** Verifies a webhook delivery's signature over the raw body and reads it; throws WebhookSignatureError otherwise. */
  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): PaymentEvent;
}

/** A webhook delivery that did not verify: answered 400, and nothing of it is stored. */
export class WebhookSignatureError extends Error {}

/** A provider that could not be reached or refused a checkout. */
export class PaymentProviderError extends Error {}

/**
 * Checks, purchase orders and bank transfers: money that staff record by hand. There is no
 * checkout and no webhook; asking for either is a programming error.
 */
export const offlineProvider: PaymentProvider = {
  name: 'offline',
  acceptsCards: false,
  async createCheckout() {
    throw new PaymentProviderError('offline payments have no checkout');
  },
  parseWebhook() {
    throw new WebhookSignatureError('offline payments have no webhooks');
  },
};
