import Stripe from 'stripe';
import type { CheckoutRequest, CheckoutSession, PaymentEvent, PaymentEventKind, PaymentProvider } from './payment-provider.ts';
import { PaymentProviderError, WebhookSignatureError } from './payment-provider.ts';

/** Where the Stripe client sends API requests: Stripe itself unless a test points it at a fake on loopback. */
export interface StripeApiEndpoint {
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

let testEndpoint: StripeApiEndpoint | undefined;

/**
 * Internal, for tests only: sends every Stripe API call of this process to a fake server. Real
 * deployments never call this (config has no such setting on purpose).
 */
export function useStripeApiEndpointForTests(endpoint: StripeApiEndpoint | undefined): void {
  testEndpoint = endpoint;
}

const KINDS: Record<string, PaymentEventKind> = {
  'checkout.session.async_payment_succeeded': 'payment_succeeded',
  'checkout.session.async_payment_failed': 'payment_failed',
  'checkout.session.expired': 'checkout_expired',
  'charge.refunded': 'refunded',
};

/** Stripe's bounds on a checkout's `expires_at`: from 30 minutes to 24 hours after the session is created. */
const STRIPE_MIN_EXPIRY_MS = 30 * 60_000;
const STRIPE_MAX_EXPIRY_MS = 24 * 3_600_000;
/** Slack for our clock against Stripe's and for the request's travel: Stripe measures from its own creation time. */
const EXPIRY_SLACK_MS = 60_000;

/**
 * The `expires_at` (unix seconds) to send for a requested expiry. Stripe refuses a session whose
 * expiry is less than 30 minutes or more than 24 hours after it creates it, so the request is
 * clamped into that range, a minute inside each end: a time sooner than 31 minutes from now
 * becomes 31 minutes (rounded up to the whole minute, so a double-click a moment later sends the
 * same parameters under the same idempotency key, as Stripe requires); one later than 23 h 59 min
 * becomes that. Whoever asks for an expiry therefore gets at least ~30 minutes, never less.
 */
export function stripeExpiresAt(requested: Date, now: Date = new Date()): number {
  const min = Math.ceil((now.getTime() + STRIPE_MIN_EXPIRY_MS + EXPIRY_SLACK_MS) / 60_000) * 60_000;
  const max = now.getTime() + STRIPE_MAX_EXPIRY_MS - EXPIRY_SLACK_MS;
  const at = Math.min(Math.max(requested.getTime(), min), max);
  return Math.floor(at / 1000);
}

const idOf = (v: unknown): string | null => (typeof v === 'string' ? v : v && typeof v === 'object' && 'id' in v ? String((v as { id: unknown }).id) : null);

/** A Stripe event as billing sees it. */
function toPaymentEvent(event: Stripe.Event, payload: string): PaymentEvent {
  const object = event.data.object as unknown as Record<string, unknown>;
  let kind: PaymentEventKind = KINDS[event.type] ?? 'ignored';
  if (event.type === 'checkout.session.completed') {
    // Cards are paid at completion; bank debits complete first and pay later (async_payment_succeeded).
    kind = object.payment_status === 'paid' ? 'payment_succeeded' : 'payment_pending';
  }
  const isSession = event.type.startsWith('checkout.session.');
  const metadata = (object.metadata ?? {}) as Record<string, string>;
  return {
    provider: 'stripe',
    eventId: event.id,
    type: event.type,
    kind,
    created: event.created,
    objectId: idOf(object.id),
    sessionId: isSession ? idOf(object.id) : null,
    paymentId: idOf(object.payment_intent),
    invoiceNumber: metadata.invoice_number ?? null,
    amountCents: typeof object.amount_total === 'number' ? object.amount_total : typeof object.amount_refunded === 'number' ? object.amount_refunded : null,
    payload,
  };
}

/** The Stripe adapter: Checkout Sessions in payment mode, and signed webhooks. */
export function createStripeProvider(keys: { secretKey: string; webhookSecret: string }): PaymentProvider {
  const stripe = new Stripe(keys.secretKey, {
    // Our own idempotency keys make retries safe; one retry rides out a dropped connection.
    maxNetworkRetries: 1,
    timeout: 20_000,
    telemetry: false,
    ...(testEndpoint ?? {}),
  });
  return {
    name: 'stripe',
    acceptsCards: true,
    async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
      const { invoice } = request;
      try {
        const session = await stripe.checkout.sessions.create(
          {
            mode: 'payment',
            line_items: invoice.lines.map((l) => ({
              quantity: l.quantity,
              price_data: { currency: invoice.currency.toLowerCase(), unit_amount: l.unitCents, product_data: { name: l.description } },
            })),
            metadata: { invoice_number: invoice.number },
            payment_intent_data: { metadata: { invoice_number: invoice.number } },
            client_reference_id: invoice.number,
            ...(invoice.customerEmail ? { customer_email: invoice.customerEmail } : {}),
            success_url: request.successUrl,
            cancel_url: request.cancelUrl,
            ...(request.expiresAt ? { expires_at: stripeExpiresAt(request.expiresAt) } : {}),
          },
          { idempotencyKey: request.idempotencyKey },
        );
        if (!session.url) throw new PaymentProviderError('Stripe returned a checkout without a URL');
        return { sessionId: session.id, url: session.url };
      } catch (err) {
        if (err instanceof PaymentProviderError) throw err;
        throw new PaymentProviderError(`Stripe checkout failed: ${(err as Error).message}`);
      }
    },
    parseWebhook(rawBody, headers) {
      const signature = headers['stripe-signature'];
      if (typeof signature !== 'string' || !signature) throw new WebhookSignatureError('missing Stripe-Signature header');
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature, keys.webhookSecret);
      } catch (err) {
        throw new WebhookSignatureError((err as Error).message);
      }
      return toPaymentEvent(event, rawBody.toString('utf8'));
    },
  };
}
