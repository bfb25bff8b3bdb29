import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CoalitionEvent, EventOrder } from '../../db/schema.ts';
import { notFound } from '../../platform/errors.ts';
import { viewContext } from '../../platform/http/view.ts';
import { cardPaymentProvider } from '../../platform/payments/payment-providers.ts';
import { emptyForm, type FormState } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { fieldErrors, formInput, parseForm } from '../../platform/validation.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { listPeopleOfOrganisation } from '../people/roles.service.ts';
import { canOrganise } from './events.policy.ts';
import { cancelOrder, markRefundIssued, transferTicket } from './order-changes.service.ts';
import { openOrderCheckout } from './order-payments.service.ts';
import { getOrderForViewer, listMyRegistrations, orderPageData } from './order-view.service.ts';
import { orderPath } from './registration-emails.ts';
import { buyerOf, eventOf, failureState, hide, itemFieldsToForm, signedIn } from './registration-http.ts';
import { registrationPanelFor } from './registration-panel.ts';
import { reviewOrder } from './registration-review.ts';
import { eventTakesRegistrations } from './registration-rules.ts';
import { CancelInput, OFFER_TOKEN, OrderInput, OrderParams, orderInputFromForm, RefundIssuedInput, TransferInput } from './registration.schemas.ts';
import { placeOrder } from './registration.service.ts';
import * as admin from './ticket-admin.repository.ts';
import { MyRegistrationsPage } from './views/registration-mine-page.tsx';
import { OrderPage } from './views/order-page.tsx';
import { RegisterFormPage } from './views/registration-form-page.tsx';
import { RegisterReviewPage } from './views/registration-review-page.tsx';
import { RegistrationClosedPage } from './views/registration-closed-page.tsx';

/** The register form with its review step, the order (confirmation and ticket) page with its cancel and transfer, and "my registrations". */
export async function registerRegistrationPages(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;
  const card = cardPaymentProvider(app.deps.config);
  const { baseUrl } = app.deps.config;

  app.get('/events/mine', hide, async (request, reply) => {
    const p = signedIn(request);
    return sendPage(reply, <MyRegistrationsPage ctx={viewContext(request, reply)} mine={await listMyRegistrations(db, p)} />);
  });

  /** The register form for this buyer (for themselves, or for one of their schools with `?school=`). */
  async function formPage(request: FastifyRequest, reply: FastifyReply, event: CoalitionEvent, state: FormState, status = 200, schoolId?: number) {
    const p = signedIn(request);
    const ctx = viewContext(request, reply);
    if (!eventTakesRegistrations(event, new Date())) return sendPage(reply, <RegistrationClosedPage ctx={ctx} event={event} />, 409);
    const buyer = await buyerOf(db, p);
    const school = schoolId !== undefined ? buyer.schools.find((s) => s.id === schoolId) ?? null : null;
    const panel = await registrationPanelFor(db, event, p);
    const types = panel.types.filter((x) => x.sale === 'on_sale');
    const maxPerOrder = new Map((await admin.findTicketTypesOfEvent(db, event.id)).map((x) => [x.id, x.max_per_order]));
    const staff = school ? (await listPeopleOfOrganisation(db, school.id)).filter((s) => !s.person.disabled).map((s) => ({ id: s.person.id, name: s.person.name, email: s.person.email })) : [];
    const unique = [...new Map(staff.map((s) => [s.id, s])).values()];
    return sendPage(
      reply,
      <RegisterFormPage ctx={ctx} event={event} types={types} maxPerOrder={maxPerOrder} member={school ? null : panel.member} schools={buyer.schools} school={school} staff={unique} cardAvailable={!!card} state={state} />,
      status,
    );
  }

  /** A checkout for the order while its hold lasts (openOrderCheckout), else undefined. */
  const cardCheckoutFor = async (request: FastifyRequest, event: CoalitionEvent, order: EventOrder): Promise<string | undefined> =>
    card ? openOrderCheckout(db, card, event, order, { baseUrl, balanceLabel: request.t('registration:order.balanceLine', { reference: order.reference }) }) : undefined;

  app.get('/events/:slug/register', hide, async (request, reply) => {
    signedIn(request);
    const { event } = await eventOf(db, request);
    const q = request.query as Record<string, string | undefined>;
    const school = q.school && /^\d{1,9}$/.test(q.school) ? Number(q.school) : undefined;
    const values: Record<string, unknown> = { submission_key: randomUUID(), payment_method: 'invoice', ...(q.offer && OFFER_TOKEN.test(q.offer) && { offer: q.offer }) };
    return formPage(request, reply, event, emptyForm(values), 200, school);
  });

  app.post('/events/:slug/register', hide, async (request, reply) => {
    const p = signedIn(request);
    const { event } = await eventOf(db, request);
    const values = formInput(request.body);
    // The form's button asks for the review (step=review); the summary's "Place order" sends no
    // step and places; its "Edit" (step=edit) goes back to the form. The step is not a form value.
    const step = values.step;
    delete values.step;
    // A form sent back for correction keeps its one-time key, so the corrected submit is still one order.
    values.submission_key ??= randomUUID();
    const schoolId = typeof values.organisation_id === 'string' && /^\d{1,9}$/.test(values.organisation_id) ? Number(values.organisation_id) : undefined;
    if (step === 'edit') return formPage(request, reply, event, emptyForm(values), 200, schoolId);
    const again = (state: FormState & { status?: number }) => formPage(request, reply, event, { ...state, values }, state.status ?? 400, schoolId);
    const read = orderInputFromForm(values);
    const parsed = OrderInput.safeParse(read.input);
    if (!parsed.success || Object.keys(read.errors).length > 0) {
      const zodErrors = parsed.success ? {} : itemFieldsToForm(fieldErrors(parsed.error), (read.input as { items: { ticket_type_id: number }[] }).items);
      return again({ values, errors: { ...zodErrors, ...read.errors } });
    }
    try {
      const buyer = await buyerOf(db, p);
      const req = { event, buyer, input: { ...parsed.data, submission_key: parsed.data.submission_key ?? randomUUID() }, cardAvailable: !!card };
      if (step === 'review') {
        // The same checks as placing, from reads only: nothing is booked until the summary's button.
        const now = new Date();
        const review = await reviewOrder(db, { ...req, now });
        if (review.kind === 'placed') return reply.redirect(orderPath(event, review.order), 303);
        const ctx = viewContext(request, reply);
        return sendPage(reply, <RegisterReviewPage ctx={ctx} event={event} prepared={review.prepared} values={values} poNumber={parsed.data.po_number} promoCode={parsed.data.promo_code} now={now} />);
      }
      const { order } = await placeOrder(db, actorFromRequest(request), req);
      const page = orderPath(event, order);
      try {
        const url = await cardCheckoutFor(request, event, order);
        if (url) return reply.redirect(url, 303);
      } catch (err) {
        request.log.warn({ err }, 'card checkout could not start; the order page offers to try again');
      }
      reply.setFlash({ type: 'success', message: order.status === 'confirmed' ? 'registration:flash.confirmed' : 'registration:flash.pending' });
      return reply.redirect(page, 303);
    } catch (err) {
      const failure = failureState(err, values);
      if (!failure) throw err;
      return again(failure);
    }
  });

  /** The order as the viewer may see it (buyer, organiser, attendee), else 404. */
  async function orderOf(request: FastifyRequest) {
    const p = signedIn(request);
    const e = await eventOf(db, request);
    const organiser = canOrganise(p, e.organiserRef);
    const found = await getOrderForViewer(db, e.event, OrderParams.parse(request.params).reference, p, organiser);
    return { ...e, ...found, organiser };
  }

  const showOrder = async (request: FastifyRequest, reply: FastifyReply, extra: { status?: number; transfer?: { ticketId: number; state: FormState }; refundState?: FormState; error?: string; checkoutReturned?: boolean } = {}) => {
    const o = await orderOf(request);
    const data = await orderPageData(db, o.event, o, o.organiser);
    return sendPage(reply, <OrderPage ctx={viewContext(request, reply)} data={data} transfer={extra.transfer} refundState={extra.refundState} error={extra.error} checkoutReturned={extra.checkoutReturned} />, extra.status ?? 200);
  };

  app.get('/events/:slug/orders/:reference', hide, async (request, reply) => showOrder(request, reply, { checkoutReturned: (request.query as { checkout?: unknown }).checkout === 'success' }));

  app.post('/events/:slug/orders/:reference/cancel', hide, async (request, reply) => {
    const o = await orderOf(request);
    if (o.role === 'attendee') throw notFound();
    const parsed = CancelInput.safeParse(formInput(request.body));
    if (!parsed.success) return showOrder(request, reply, { status: 400, error: 'errors:badRequest' });
    try {
      const { refundCents } = await cancelOrder(db, actorFromRequest(request), { event: o.event, order: o.order, ticketId: parsed.data.ticket_id, by: o.role === 'buyer' ? 'buyer' : 'organiser' });
      reply.setFlash({ type: 'success', message: refundCents > 0 ? 'registration:flash.cancelledRefund' : 'registration:flash.cancelled' });
    } catch (err) {
      const failure = failureState(err, {});
      if (!failure) throw err;
      return showOrder(request, reply, { status: failure.status, error: failure.formError });
    }
    return reply.redirect(orderPath(o.event, o.order), 303);
  });

  // The buyer pays a card order again (a checkout abandoned, expired or failed) while its hold lasts.
  app.post('/events/:slug/orders/:reference/pay', hide, async (request, reply) => {
    const o = await orderOf(request);
    if (o.role !== 'buyer' || !card || o.order.payment_method !== 'card') throw notFound();
    if (o.order.status !== 'pending') return reply.redirect(orderPath(o.event, o.order), 303);
    const url = await cardCheckoutFor(request, o.event, o.order);
    if (!url) return showOrder(request, reply, { status: 409, error: 'registration:order.holdOver' });
    return reply.redirect(url, 303);
  });

  app.post('/events/:slug/orders/:reference/transfer', hide, async (request, reply) => {
    const o = await orderOf(request);
    if (o.role === 'organiser') throw notFound();
    const values = formInput(request.body);
    const ticketId = Number(values.ticket_id);
    if (!o.tickets.some((t) => t.id === ticketId)) throw notFound();
    const parsed = parseForm(TransferInput, request.body);
    if (!parsed.ok) return showOrder(request, reply, { status: 400, transfer: { ticketId, state: { values, errors: parsed.errors } } });
    try {
      await transferTicket(db, actorFromRequest(request), { event: o.event, order: o.order, ticketId, name: parsed.data.name, email: parsed.data.email });
    } catch (err) {
      const failure = failureState(err, values);
      if (!failure) throw err;
      return showOrder(request, reply, { status: failure.status, error: failure.formError, transfer: { ticketId, state: failure } });
    }
    reply.setFlash({ type: 'success', message: 'registration:flash.transferred' });
    // The attendee who gave their ticket away can no longer see the order.
    return reply.redirect(o.role === 'buyer' ? orderPath(o.event, o.order) : '/events/mine', 303);
  });

  app.post('/events/:slug/orders/:reference/refund', hide, async (request, reply) => {
    const o = await orderOf(request);
    if (!o.organiser) throw notFound();
    const parsed = parseForm(RefundIssuedInput, request.body);
    if (!parsed.ok) return showOrder(request, reply, { status: 400, refundState: { values: parsed.values, errors: parsed.errors } });
    try {
      await markRefundIssued(db, actorFromRequest(request), o.order, parsed.data.reference);
    } catch (err) {
      const failure = failureState(err, parsed.data);
      if (!failure) throw err;
      return showOrder(request, reply, { status: failure.status, error: failure.formError });
    }
    reply.setFlash({ type: 'success', message: 'registration:flash.refundRecorded' });
    return reply.redirect(orderPath(o.event, o.order), 303);
  });
}
