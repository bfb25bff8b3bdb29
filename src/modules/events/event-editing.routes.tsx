import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../platform/auth/policy.ts';
import { notFound } from '../../platform/errors.ts';
import { formFailure } from '../../platform/http/form-failure.ts';
import { viewContext } from '../../platform/http/view.ts';
import { emptyForm, type FormState } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { formInput, parseForm } from '../../platform/validation.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { CancelInput, EventInput, EventSlugParams } from './calendar.schemas.ts';
import { eventsOfOrganisers } from './calendar.service.ts';
import * as editing from './event-editing.service.ts';
import { loadTagVocabulary } from './event-tags.ts';
import { eventsPolicy as policy } from './events.policy.ts';
import { getVisibleEvent, type EventWithOrganiser } from './events.service.ts';
import { isNetworkAdmin } from '../../platform/auth/principal.ts';
import { CancelEventPage, EditEventPage, ManageEventsPage, NewEventPage } from './views/event-edit-pages.tsx';

const hide = { schema: { hide: true } };

const signInFirst = (request: FastifyRequest, reply: FastifyReply) => reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);

/** Organisers' pages: their events, a new event, editing, publishing and cancelling. Only those who may organise the event's organiser get past the guard. */
export async function registerEventEditingRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;

  /** The event in the URL, once the signed-in person is known to organise it (drafts 404 to everyone else; published events 403). */
  async function organisedEvent(request: FastifyRequest, reply: FastifyReply): Promise<EventWithOrganiser | null> {
    if (!request.principal) {
      signInFirst(request, reply);
      return null;
    }
    const params = EventSlugParams.safeParse(request.params);
    if (!params.success) throw notFound();
    const found = await getVisibleEvent(db, params.data.slug, request.principal);
    authorize(request.principal, policy.canOrganise(request.principal, found.organiserRef));
    return found;
  }

  function mayCreate(request: FastifyRequest, reply: FastifyReply): boolean {
    if (!request.principal) {
      signInFirst(request, reply);
      return false;
    }
    authorize(request.principal, policy.canCreateEvents(request.principal));
    return true;
  }

  app.get('/events/manage', hide, async (request, reply) => {
    if (!mayCreate(request, reply)) return reply;
    const p = request.principal!;
    const organisers = await editing.organiserChoices(db, p);
    const events = await eventsOfOrganisers(db, isNetworkAdmin(p) ? 'all' : organisers.map((o) => o.id));
    return sendPage(reply, <ManageEventsPage ctx={viewContext(request, reply)} events={events} canCreate={organisers.length > 0} />);
  });

  const newPage = async (request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) =>
    sendPage(reply, <NewEventPage ctx={viewContext(request, reply)} state={state} organisers={await editing.organiserChoices(db, request.principal)} vocab={await loadTagVocabulary(db)} />, status);

  app.get('/events/new', hide, async (request, reply) => {
    if (!mayCreate(request, reply)) return reply;
    const organisers = await editing.organiserChoices(db, request.principal);
    return newPage(request, reply, emptyForm({ kind: 'workshop', timezone: 'America/New_York', organiser_id: organisers[0]?.id, registration_enabled: true, transfers_allowed: true }));
  });

  app.post('/events/new', hide, async (request, reply) => {
    if (!mayCreate(request, reply)) return reply;
    const parsed = parseForm(EventInput, request.body);
    if (!parsed.ok) return newPage(request, reply, { values: parsed.values, errors: parsed.errors }, 400);
    try {
      const event = await editing.createEvent(db, actorFromRequest(request), request.principal!, parsed.data);
      reply.setFlash({ type: 'success', message: 'events-admin:flash.created' });
      return reply.redirect(`/events/${event.slug}/edit`, 303);
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return newPage(request, reply, { values: formInput(request.body), ...failure }, failure.status);
    }
  });

  const editPage = async (request: FastifyRequest, reply: FastifyReply, found: EventWithOrganiser, state: FormState, status = 200) => {
    // The current organiser stays a choice even for someone who could not pick it anew.
    const choices = await editing.organiserChoices(db, request.principal);
    const organisers = choices.some((o) => o.id === found.organiser.id) ? choices : [{ ...found.organiser }, ...choices];
    return sendPage(reply, <EditEventPage ctx={viewContext(request, reply)} event={found.event} state={state} organisers={organisers} vocab={await loadTagVocabulary(db)} />, status);
  };

  app.get('/events/:slug/edit', hide, async (request, reply) => {
    const found = await organisedEvent(request, reply);
    if (!found) return reply;
    return editPage(request, reply, found, emptyForm(await editing.formValuesOf(db, found.event)));
  });

  app.post('/events/:slug/edit', hide, async (request, reply) => {
    const found = await organisedEvent(request, reply);
    if (!found) return reply;
    const parsed = parseForm(EventInput, request.body);
    if (!parsed.ok) return editPage(request, reply, found, { values: parsed.values, errors: parsed.errors }, 400);
    try {
      const saved = await editing.updateEvent(db, actorFromRequest(request), request.principal!, found.event, parsed.data);
      reply.setFlash({ type: 'success', message: 'events-admin:flash.saved' });
      return reply.redirect(`/events/${saved.slug}/edit`, 303);
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return editPage(request, reply, found, { values: formInput(request.body), ...failure }, failure.status);
    }
  });

  app.post('/events/:slug/publish', hide, async (request, reply) => {
    const found = await organisedEvent(request, reply);
    if (!found) return reply;
    await editing.publishEvent(db, actorFromRequest(request), found.event);
    reply.setFlash({ type: 'success', message: 'events-admin:flash.published' });
    return reply.redirect(`/events/${found.event.slug}`, 303);
  });

  const cancelPage = (request: FastifyRequest, reply: FastifyReply, found: EventWithOrganiser, state: FormState, status = 200) =>
    sendPage(reply, <CancelEventPage ctx={viewContext(request, reply)} event={found.event} state={state} />, status);

  app.get('/events/:slug/cancel', hide, async (request, reply) => {
    const found = await organisedEvent(request, reply);
    if (!found) return reply;
    return cancelPage(request, reply, found, emptyForm());
  });

  app.post('/events/:slug/cancel', hide, async (request, reply) => {
    const found = await organisedEvent(request, reply);
    if (!found) return reply;
    const parsed = parseForm(CancelInput, request.body);
    if (!parsed.ok) return cancelPage(request, reply, found, { values: parsed.values, errors: parsed.errors }, 400);
    await editing.cancelEvent(db, actorFromRequest(request), found.event);
    reply.setFlash({ type: 'success', message: 'events-admin:flash.cancelled' });
    return reply.redirect(`/events/${found.event.slug}`, 303);
  });
}
