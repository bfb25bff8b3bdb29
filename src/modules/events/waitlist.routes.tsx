import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../platform/auth/policy.ts';
import { AppError, unauthenticated } from '../../platform/errors.ts';
import { formFailure } from '../../platform/http/form-failure.ts';
import { viewContext } from '../../platform/http/view.ts';
import { sendPage } from '../../platform/ui/render.ts';
import { parseForm } from '../../platform/validation.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { EntryInput, JoinWaitlistInput, SlugParams } from './attendees.schemas.ts';
import { canOrganise } from './events.policy.ts';
import { getVisibleEvent, type EventWithOrganiser } from './events.service.ts';
import * as queue from './waitlist-queue.service.ts';
import { WaitlistManagePage } from './views/waitlist-manage-page.tsx';
import { WaitlistPage, type JoinState } from './views/waitlist-page.tsx';

const hide = { schema: { hide: true } };

/** The waitlist: people join, see their place or offer, and leave; organisers manage the queue. */
export async function registerWaitlistRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;

  /** The event for a signed-in person (the waitlist is theirs, so it needs an account). */
  async function forPerson(request: FastifyRequest): Promise<EventWithOrganiser & { personId: number }> {
    const p = request.principal;
    if (!p || p.personId === null) throw unauthenticated();
    return { ...(await getVisibleEvent(db, SlugParams.parse(request.params).slug, p)), personId: p.personId };
  }

  async function forOrganiser(request: FastifyRequest): Promise<EventWithOrganiser> {
    const found = await getVisibleEvent(db, SlugParams.parse(request.params).slug, request.principal);
    authorize(request.principal, canOrganise(request.principal, found.organiserRef), 'hidden');
    return found;
  }

  const page = async (request: FastifyRequest, reply: FastifyReply, found: EventWithOrganiser & { personId: number }, join: JoinState | null, status = 200) => {
    const view = await queue.waitlistFor(db, found.event, found.personId);
    return sendPage(reply, <WaitlistPage ctx={viewContext(request, reply)} event={found.event} open={view.open} lines={view.lines} join={join} />, status);
  };

  app.get('/events/:slug/waitlist', hide, async (request, reply) => page(request, reply, await forPerson(request), null));

  app.post('/events/:slug/waitlist', hide, async (request, reply) => {
    const found = await forPerson(request);
    const p = request.principal!;
    const parsed = parseForm(JoinWaitlistInput, request.body);
    const typeId = Number((request.body as Record<string, unknown> | undefined)?.ticket_type_id) || 0;
    if (!parsed.ok) return page(request, reply, found, { ticketTypeId: typeId, state: { values: parsed.values, errors: parsed.errors } }, 400);
    try {
      const { outcome } = await queue.joinWaitlist(db, found.event, { personId: found.personId, name: p.name, email: p.email ?? '' }, parsed.data);
      reply.setFlash({ type: outcome === 'already' ? 'info' : 'success', message: `waitlist:flash.${outcome}` });
      return reply.redirect(`/events/${found.event.slug}/waitlist`, 303);
    } catch (err) {
      const failed = formFailure(err);
      if (!failed) throw err;
      return page(request, reply, found, { ticketTypeId: typeId, state: { values: parsed.data, errors: failed.errors, formError: failed.formError } }, failed.status);
    }
  });

  app.post('/events/:slug/waitlist/leave', hide, async (request, reply) => {
    const found = await forPerson(request);
    const { entry_id } = EntryInput.parse(request.body ? { entry_id: (request.body as Record<string, unknown>).entry_id } : {});
    await queue.leaveWaitlist(db, found.event, found.personId, entry_id);
    reply.setFlash({ type: 'success', message: 'waitlist:flash.left' });
    return reply.redirect(`/events/${found.event.slug}/waitlist`, 303);
  });

  app.get('/events/:slug/waitlist/manage', hide, async (request, reply) => {
    const { event } = await forOrganiser(request);
    return sendPage(reply, <WaitlistManagePage ctx={viewContext(request, reply)} event={event} groups={await queue.waitlistForOrganisers(db, event)} />);
  });

  for (const [action, run, flash] of [
    ['offer', queue.offerNow, 'waitlist:flash.offered'],
    ['remove', queue.removeEntry, 'waitlist:flash.removed'],
  ] as const) {
    app.post(`/events/:slug/waitlist/manage/${action}`, hide, async (request, reply) => {
      const { event } = await forOrganiser(request);
      const { entry_id } = EntryInput.parse({ entry_id: (request.body as Record<string, unknown> | undefined)?.entry_id });
      try {
        await run(db, actorFromRequest(request), event, entry_id);
        reply.setFlash({ type: 'success', message: flash });
      } catch (err) {
        // A lost race (no seats after all, someone left meanwhile): say why on the page itself.
        if (!(err instanceof AppError) || err.status !== 409) throw err;
        reply.setFlash({ type: 'error', message: err.messageKey });
      }
      return reply.redirect(`/events/${event.slug}/waitlist/manage`, 303);
    });
  }
}
