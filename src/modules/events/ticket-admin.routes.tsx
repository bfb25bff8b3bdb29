import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { bool } from '../../db/dialect.ts';
import { notFound } from '../../platform/errors.ts';
import { viewContext } from '../../platform/http/view.ts';
import { emptyForm, type FormState } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { fields, formInput, parseForm } from '../../platform/validation.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import type { EventWithOrganiser } from './events.service.ts';
import { failureState, hide, organisedEvent } from './registration-http.ts';
import { PoolInput, PromoCodeInput, TicketTypeInput } from './registration.schemas.ts';
import * as repo from './ticket-admin.repository.ts';
import * as tickets from './ticket-admin.service.ts';
import { PoolFormPage, PromoFormPage, TicketsPage, TicketTypeFormPage } from './views/ticket-admin-pages.tsx';

const ItemParams = z.object({ slug: z.string().max(120), id: fields.id() });

/** Organisers: pools of seats, ticket types and promo codes of an event (every change audited). */
export async function registerTicketAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;
  const idOf = (request: FastifyRequest) => {
    const parsed = ItemParams.safeParse(request.params);
    if (!parsed.success) throw notFound();
    return parsed.data.id;
  };
  const back = (reply: FastifyReply, e: EventWithOrganiser, message: string) => {
    reply.setFlash({ type: 'success', message });
    return reply.redirect(`/events/${e.event.slug}/tickets`, 303);
  };

  /** Runs a change from a form: bad input and refusals re-render the form with the typed values. */
  async function submit<T>(request: FastifyRequest, schema: z.ZodType<T>, render: (state: FormState, status: number) => Promise<FastifyReply> | FastifyReply, change: (input: T) => Promise<unknown>, done: () => FastifyReply) {
    const parsed = parseForm(schema, request.body);
    if (!parsed.ok) return render({ values: parsed.values, errors: parsed.errors }, 400);
    try {
      await change(parsed.data);
    } catch (err) {
      const failure = failureState(err, formInput(request.body));
      if (!failure) throw err;
      return render(failure, failure.status);
    }
    return done();
  }

  app.get('/events/:slug/tickets', hide, async (request, reply) => {
    const { event } = await organisedEvent(db, request);
    return sendPage(reply, <TicketsPage ctx={viewContext(request, reply)} event={event} setup={await tickets.getTicketSetup(db, event.id)} />);
  });

  // Pools.
  const poolPage = (request: FastifyRequest, reply: FastifyReply, e: EventWithOrganiser, pool: Awaited<ReturnType<typeof repo.findPool>> | null, state: FormState, status = 200) =>
    sendPage(reply, <PoolFormPage ctx={viewContext(request, reply)} event={e.event} pool={pool ?? null} state={state} />, status);

  app.get('/events/:slug/tickets/pools/new', hide, async (request, reply) => poolPage(request, reply, await organisedEvent(db, request), null, emptyForm()));
  app.post('/events/:slug/tickets/pools/new', hide, async (request, reply) => {
    const e = await organisedEvent(db, request);
    return submit(request, PoolInput, (s, st) => poolPage(request, reply, e, null, s, st), (input) => tickets.createPool(db, actorFromRequest(request), e.event, input), () => back(reply, e, 'registration-admin:flash.poolSaved'));
  });
  app.get('/events/:slug/tickets/pools/:id', hide, async (request, reply) => {
    const e = await organisedEvent(db, request);
    const pool = await repo.findPool(db, e.event.id, idOf(request));
    if (!pool) throw notFound();
    return poolPage(request, reply, e, pool, emptyForm({ name: pool.name, capacity: pool.capacity }));
  });
  app.post('/events/:slug/tickets/pools/:id', hide, async (request, reply) => {
    const e = await organisedEvent(db, request);
    const pool = await repo.findPool(db, e.event.id, idOf(request));
    if (!pool) throw notFound();
    return submit(request, PoolInput, (s, st) => poolPage(request, reply, e, pool, s, st), (input) => tickets.updatePool(db, actorFromRequest(request), e.event, pool.id, input), () => back(reply, e, 'registration-admin:flash.poolSaved'));
  });

  // Ticket types.
  const typePage = async (request: FastifyRequest, reply: FastifyReply, e: EventWithOrganiser, type: Awaited<ReturnType<typeof repo.findTicketType>> | null, state: FormState, status = 200) =>
    sendPage(reply, <TicketTypeFormPage ctx={viewContext(request, reply)} event={e.event} type={type ?? null} pools={await repo.findPoolsOfEvent(db, e.event.id)} state={state} />, status);

  app.get('/events/:slug/tickets/types/new', hide, async (request, reply) =>
    typePage(request, reply, await organisedEvent(db, request), null, emptyForm({ audience: 'anyone', price: '0', seats_per_unit: 1, max_per_order: 10, member_discount: 'on', position: 0 })),
  );
  app.post('/events/:slug/tickets/types/new', hide, async (request, reply) => {
    const e = await organisedEvent(db, request);
    return submit(request, TicketTypeInput, (s, st) => typePage(request, reply, e, null, s, st), (input) => tickets.createTicketType(db, actorFromRequest(request), e.event, input), () => back(reply, e, 'registration-admin:flash.typeSaved'));
  });
  app.get('/events/:slug/tickets/types/:id', hide, async (request, reply) => {
    const e = await organisedEvent(db, request);
    const type = await repo.findTicketType(db, e.event.id, idOf(request));
    if (!type) throw notFound();
    const tz = e.event.timezone;
    return typePage(
      request,
      reply,
      e,
      type,
      emptyForm({
        ...type,
        price: (type.price_cents / 100).toFixed(2),
        member_discount: bool(type.member_discount) ? 'on' : undefined,
        is_add_on: bool(type.is_add_on) ? 'on' : undefined,
        sales_start: tickets.utcToLocal(type.sales_start_at, tz),
        sales_end: tickets.utcToLocal(type.sales_end_at, tz),
      }),
    );
  });
  app.post('/events/:slug/tickets/types/:id', hide, async (request, reply) => {
    const e = await organisedEvent(db, request);
    const type = await repo.findTicketType(db, e.event.id, idOf(request));
    if (!type) throw notFound();
    return submit(request, TicketTypeInput, (s, st) => typePage(request, reply, e, type, s, st), (input) => tickets.updateTicketType(db, actorFromRequest(request), e.event, type.id, input), () => back(reply, e, 'registration-admin:flash.typeSaved'));
  });
  for (const [action, retired] of [['retire', true], ['restore', false]] as const) {
    app.post(`/events/:slug/tickets/types/:id/${action}`, hide, async (request, reply) => {
      const e = await organisedEvent(db, request);
      await tickets.setTicketTypeRetired(db, actorFromRequest(request), e.event, idOf(request), retired);
      return back(reply, e, retired ? 'registration-admin:flash.typeRetired' : 'registration-admin:flash.typeRestored');
    });
  }

  // Promo codes.
  const promoPage = async (request: FastifyRequest, reply: FastifyReply, e: EventWithOrganiser, state: FormState, status = 200) =>
    sendPage(reply, <PromoFormPage ctx={viewContext(request, reply)} event={e.event} types={await repo.findTicketTypesOfEvent(db, e.event.id)} state={state} />, status);

  app.get('/events/:slug/tickets/promos/new', hide, async (request, reply) => promoPage(request, reply, await organisedEvent(db, request), emptyForm({ kind: 'percent' })));
  app.post('/events/:slug/tickets/promos/new', hide, async (request, reply) => {
    const e = await organisedEvent(db, request);
    return submit(request, PromoCodeInput, (s, st) => promoPage(request, reply, e, s, st), (input) => tickets.createPromoCode(db, actorFromRequest(request), e.event, input), () => back(reply, e, 'registration-admin:flash.promoSaved'));
  });
  app.post('/events/:slug/tickets/promos/:id/end', hide, async (request, reply) => {
    const e = await organisedEvent(db, request);
    await tickets.endPromoCode(db, actorFromRequest(request), e.event, idOf(request));
    return back(reply, e, 'registration-admin:flash.promoEnded');
  });
}
