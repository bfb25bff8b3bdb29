import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, notFound } from '../../platform/errors.ts';
import { WebhookSignatureError, type PaymentProvider } from '../../platform/payments/payment-provider.ts';
import { ApiError } from '../organisations/organisations.schemas.ts';
import { handlePaymentEvent } from './card-payments.service.ts';

/** Stripe's events are a few kilobytes; the same ceiling as the app's other bodies. */
const BODY_LIMIT = 1024 * 1024;

const WebhookAnswer = z.object({ received: z.boolean(), outcome: z.string().describe('What the delivery did: applied, duplicate_event, duplicate_payment, flagged_…, ignored') });

/**
 * POST /api/v1/payments/stripe/webhook. The signature covers the exact bytes Stripe sent, so this
 * route lives in its own plugin scope whose JSON parser keeps the raw buffer; the app's parser
 * (which would re-serialise the body) never sees it. No session, no CSRF: it is authenticated by
 * the signature alone, and a delivery that does not verify is refused with nothing stored.
 */
export async function registerStripeWebhook(app: FastifyInstance, provider: PaymentProvider | undefined): Promise<void> {
  const { db } = app.deps.database;
  await app.register(async (scope) => {
    // Only JSON is accepted here, and only as raw bytes; every other type answers 415.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_request, body, done) => done(null, body));
    scope.post(
      '/api/v1/payments/stripe/webhook',
      {
        schema: {
          tags: ['payments'],
          summary: 'Receive a Stripe webhook',
          description:
            'Called by Stripe, signed with the webhook secret (Stripe-Signature header). Checkout completions record the card payment once per payment intent; replays and out-of-order deliveries change nothing. A wrong signature answers 400.',
          response: { 200: WebhookAnswer, 400: ApiError, 404: ApiError, 415: ApiError },
        },
      },
      async (request) => {
        if (!provider) throw notFound();
        if (!Buffer.isBuffer(request.body)) throw new AppError(400, 'bad_signature', 'billing:errors.badSignature');
        let event;
        try {
          event = provider.parseWebhook(request.body, request.headers);
        } catch (err) {
          if (err instanceof WebhookSignatureError) throw new AppError(400, 'bad_signature', 'billing:errors.badSignature');
          throw err;
        }
        const outcome = await handlePaymentEvent(db, event);
        request.log.info({ eventId: event.eventId, type: event.type, outcome }, 'payment webhook');
        return { received: true, outcome };
      },
    );
  });
}
