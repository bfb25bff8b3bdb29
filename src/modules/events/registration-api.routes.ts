import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database, EventOrder, Ticket } from '../../db/schema.ts';
import { AppError, badRequest, notFound, unauthenticated, type FieldErrors } from '../../platform/errors.ts';
import { siteUrl } from '../../platform/site-url.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { getInvoiceById } from '../billing/billing.service.ts';
import { ApiError } from '../organisations/organisations.schemas.ts';
import { cardPaymentProvider } from '../../platform/payments/payment-providers.ts';
import type { PaymentProvider } from '../../platform/payments/payment-provider.ts';
import { canOrganise } from './events.policy.ts';
import { cancelOrder } from './order-changes.service.ts';
import { getOrderForViewer, listMyRegistrations } from './order-view.service.ts';
import { orderPath } from './registration-emails.ts';
import { buyerOf, eventOf } from './registration-http.ts';
import { CancelInput, OrderInput, OrderJson, OrderParams, PlacedOrderJson, RegistrationsJson, SlugParams } from './registration.schemas.ts';
import { placeOrder } from './registration.service.ts';
import * as admin from './ticket-admin.repository.ts';
import * as repo from './registration.repository.ts';
import { findEventById } from './events.repository.ts';
import { openOrderCheckout } from './order-payments.service.ts';

type Db = Kysely<Database>;
const tags = ['events'];
const security = [{ bearer: [] }];

/** An order as the API shows it; codes only once the order is confirmed. */
async function orderJson(db: Db, event: CoalitionEvent, order: EventOrder, tickets: Ticket[]) {
  const types = new Map((await admin.findTicketTypesByIds(db, [...new Set(tickets.map((t) => t.ticket_type_id))])).map((t) => [t.id, t.name]));
  const invoice = order.invoice_id ? await getInvoiceById(db, order.invoice_id) : undefined;
  return {
    reference: order.reference,
    event: { slug: event.slug, title: event.title, starts_at: event.starts_at },
    status: order.status,
    payment_method: order.payment_method,
    subtotal_cents: order.subtotal_cents,
    discount_cents: order.discount_cents,
    total_cents: order.total_cents,
    refund_cents: order.refund_cents,
    refund_state: order.refund_state,
    invoice_number: invoice?.number ?? null,
    hold_expires_at: order.hold_expires_at,
    url: siteUrl(orderPath(event, order)),
    tickets: tickets.map((t) => ({
      id: t.id,
      ticket_type: types.get(t.ticket_type_id) ?? '',
      attendee_name: t.attendee_name,
      attendee_email: t.attendee_email,
      status: t.status,
      price_cents: t.price_cents,
      code: order.status === 'confirmed' && t.status === 'active' ? t.code : null,
      add_on_of: t.parent_ticket_id,
    })),
  };
}

/** The service's form fields (`qty_<type id>`) as the body's paths (`items.<i>.quantity`). */
function toBodyPaths(fields: FieldErrors, input: OrderInput): FieldErrors {
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(fields)) {
    const m = /^qty_(\d+)$/.exec(k);
    const i = m ? input.items.findIndex((x) => x.ticket_type_id === Number(m[1])) : -1;
    out[i >= 0 ? `items.${i}.quantity` : k] = v;
  }
  return out;
}

/** A refusal with values in its message ("only 3 seats left"), translated here since the shared handler does not interpolate. */
function sendRefusal(request: FastifyRequest, reply: FastifyReply, err: AppError) {
  return reply.status(err.status).send({ error: { code: err.code, message: request.t(err.messageKey, err.options.params) }, requestId: request.id });
}

/**
 * The checkout for a card order just placed (or replayed), as the API answers it. When the
 * provider is down the order was still placed and holds its seats: the answer stays a success
 * with no URL and the reason, since the client has an order to show and can retry.
 */
async function checkoutOf(request: FastifyRequest, db: Db, card: PaymentProvider | undefined, baseUrl: string, event: CoalitionEvent, order: EventOrder) {
  if (!card) return { checkout_url: null, checkout_error: null };
  try {
    const url = await openOrderCheckout(db, card, event, order, { baseUrl, balanceLabel: request.t('registration:order.balanceLine', { reference: order.reference }) });
    return { checkout_url: url ?? null, checkout_error: null };
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'payment_provider_unavailable') throw err;
    request.log.warn({ err }, 'card checkout could not start; the order keeps its hold');
    return { checkout_url: null, checkout_error: { code: 'payment_provider_unavailable' as const, message: request.t(err.messageKey) } };
  }
}

const requirePerson = async (request: FastifyRequest) => {
  if (request.headers.authorization && !request.principal) throw unauthenticated();
  if (!request.principal) throw unauthenticated();
};

/** /api/v1: place an order, list my registrations, cancel. */
export async function registerRegistrationApi(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const card = cardPaymentProvider(app.deps.config);
  const { baseUrl } = app.deps.config;

  api.post(
    '/api/v1/events/:slug/orders',
    {
      preValidation: requirePerson,
      schema: {
        tags,
        summary: 'Register for an event',
        description:
          'Places an order for the signed-in person (or, with `organisation_id`, for their school). Seats are claimed atomically: 409 when sold out or too few are left. Send an `Idempotency-Key` header (or `submission_key`): a retry with the same key returns the first order (200) instead of a second (201). Invoice orders are confirmed at once; card orders are pending, their seats held until `hold_expires_at`, and the answer carries `checkout_url`, the provider\'s checkout to send the buyer to (it stops taking payment when the hold ends). If the provider is down the order is still placed (201) with `checkout_url: null` and `checkout_error`: pay from the order page (`url`) or retry with the same key.',
        security,
        params: SlugParams,
        body: OrderInput,
        response: { 200: PlacedOrderJson, 201: PlacedOrderJson, 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError },
      },
    },
    async (request, reply) => {
      const header = request.headers['idempotency-key'];
      const key = typeof header === 'string' ? header.trim() : request.body.submission_key;
      if (key !== undefined && !/^[A-Za-z0-9_-]{16,64}$/.test(key)) throw badRequest({ 'Idempotency-Key': ['validation:invalid'] });
      const { event } = await eventOf(db, request);
      const buyer = await buyerOf(db, request.principal!);
      const input = { ...request.body, ...(key && { submission_key: key }) };
      try {
        const { order, created } = await placeOrder(db, actorFromRequest(request), { event, buyer, input, cardAvailable: !!card });
        const json = await orderJson(db, event, order, await repo.findTicketsOfOrders(db, [order.id]));
        return reply.code(created ? 201 : 200).send({ ...json, ...(await checkoutOf(request, db, card, baseUrl, event, order)) });
      } catch (err) {
        if (err instanceof AppError && err.fields) throw new AppError(err.status, err.code, err.messageKey, { fields: toBodyPaths(err.fields, input) });
        if (err instanceof AppError && err.options.params) return sendRefusal(request, reply, err);
        throw err;
      }
    },
  );

  api.get(
    '/api/v1/me/registrations',
    { preValidation: requirePerson, schema: { tags, summary: 'My registrations', description: 'Orders the signed-in person placed or holds a ticket of: upcoming first, then past and cancelled.', security, response: { 200: RegistrationsJson, 401: ApiError } } },
    async (request) => {
      const p = request.principal!;
      const mine = await listMyRegistrations(db, p);
      const data = [];
      for (const r of [...mine.upcoming, ...mine.past, ...mine.cancelled]) {
        const event = await findEventById(db, r.order.event_id);
        if (!event) continue;
        const { order, tickets } = await getOrderForViewer(db, event, r.order.reference, p, false);
        data.push(await orderJson(db, event, order, tickets));
      }
      return { data };
    },
  );

  api.post(
    '/api/v1/events/:slug/orders/:reference/cancel',
    {
      preValidation: requirePerson,
      schema: {
        tags,
        summary: 'Cancel a registration',
        description:
          "The buyer (or the event's organisers) cancels the order, or one ticket with `ticket_id`, per the event's refund policy. 409 when already cancelled, and for the buyer once the event has started, for a ticket used at the door, or after the refund cutoff while the invoice is unpaid (it stays due; transfer the ticket instead). Organisers may still cancel on someone's behalf.",
        security,
        params: OrderParams,
        body: CancelInput.optional(),
        response: { 200: OrderJson, 401: ApiError, 404: ApiError, 409: ApiError },
      },
    },
    async (request) => {
      const p = request.principal!;
      const e = await eventOf(db, request);
      const organiser = canOrganise(p, e.organiserRef);
      const found = await getOrderForViewer(db, e.event, request.params.reference, p, organiser);
      if (found.role === 'attendee') throw notFound();
      await cancelOrder(db, actorFromRequest(request), { event: e.event, order: found.order, ticketId: request.body?.ticket_id, by: found.role === 'buyer' ? 'buyer' : 'organiser' });
      const order = (await repo.findOrderById(db, found.order.id))!;
      return orderJson(db, e.event, order, await repo.findTicketsOfOrders(db, [order.id]));
    },
  );
}
