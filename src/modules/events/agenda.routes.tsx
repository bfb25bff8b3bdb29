import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { viewContext } from '../../platform/http/view.ts';
import { emptyForm, type FormState } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { parseForm } from '../../platform/validation.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { registerAgendaApi } from './agenda-api.routes.ts';
import { failedForm, organisedEvent, redirectToSignIn, safeBack, visibleEvent } from './agenda-http.ts';
import { eventDays, utcToLocal } from './agenda-time.ts';
import { AgendaQuery, SessionInput, SessionParams } from './agenda.schemas.ts';
import * as agenda from './agenda.service.ts';
import { canOrganise } from './events.policy.ts';
import { loadTagVocabulary, vocabularyFor } from './event-tags.ts';
import type { EventWithOrganiser } from './events.service.ts';
import { proposalWindow } from './proposals.service.ts';
import { registerProposalRoutes } from './proposals.routes.tsx';
import { AgendaPage, MyAgendaPage } from './views/agenda-pages.tsx';
import { SessionFormPage, SessionManagePage } from './views/session-manage-pages.tsx';

const hide = { schema: { hide: true } };

/** The agenda: the public page, stars and personal agendas, organisers' sessions; then the call for proposals and the API. */
export async function registerAgendaRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;

  app.get('/events/:slug/agenda', hide, async (request, reply) => {
    const { event, organiserRef } = await visibleEvent(db, request);
    const query = AgendaQuery.parse(request.query ?? {});
    const all = await agenda.loadSessions(db, event.id);
    const usedTags = [...new Set(all.flatMap((s) => s.tags))].sort();
    const p = request.principal;
    const organiser = canOrganise(p, organiserRef);
    const sessions = agenda.withAllTags(all, query.tag).filter((s) => !query.day || utcToLocal(s.starts_at, event.timezone).day === query.day);
    const view = {
      event,
      sessions,
      days: eventDays(event),
      usedTags,
      filter: { tags: query.tag, day: query.day },
      starred: p?.personId ? await agenda.starredIds(db, event.id, p.personId) : null,
      stars: organiser ? await agenda.starCounts(db, event.id) : null,
      canManage: organiser,
      canPropose: proposalWindow(event) === 'open',
      vocab: await vocabularyFor(db, usedTags),
    };
    return sendPage(reply, <AgendaPage ctx={viewContext(request, reply)} view={view} />);
  });

  for (const action of ['star', 'unstar'] as const) {
    app.post(`/events/:slug/agenda/:id/${action}`, hide, async (request, reply) => {
      const p = request.principal;
      if (!p?.personId) return redirectToSignIn(request, reply);
      const { event } = await visibleEvent(db, request);
      const { id } = SessionParams.parse(request.params);
      await (action === 'star' ? agenda.starSession : agenda.unstarSession)(db, event.id, id, p.personId);
      const back = safeBack(event.slug, (request.body as Record<string, unknown> | undefined)?.back);
      return reply.redirect(`${back}${back.includes('my-agenda') ? '' : `#session-${id}`}`, 303);
    });
  }

  app.get('/events/:slug/my-agenda', hide, async (request, reply) => {
    const p = request.principal;
    if (!p?.personId) return redirectToSignIn(request, reply);
    const { event } = await visibleEvent(db, request);
    const mine = await agenda.personalAgenda(db, event.id, p.personId);
    const vocab = await vocabularyFor(db, [...mine.starred, ...mine.presenting].flatMap((s) => s.tags));
    return sendPage(reply, <MyAgendaPage ctx={viewContext(request, reply)} vocab={vocab} event={event} {...mine} />);
  });

  app.get('/events/:slug/agenda/manage', hide, async (request, reply) => {
    const found = await organisedEvent(db, request, reply);
    if (!found) return reply;
    const [sessions, stars] = await Promise.all([agenda.loadSessions(db, found.event.id), agenda.starCounts(db, found.event.id)]);
    return sendPage(reply, <SessionManagePage ctx={viewContext(request, reply)} event={found.event} sessions={sessions} stars={stars} />);
  });

  const formPage = async (request: FastifyRequest, reply: FastifyReply, found: EventWithOrganiser, session: agenda.AgendaSession | null, state: FormState, status = 200) =>
    sendPage(reply, <SessionFormPage ctx={viewContext(request, reply)} vocab={await loadTagVocabulary(db)} event={found.event} session={session} state={state} />, status);

  /** Saves the form (new when session is null): bad input and room clashes come back beside the fields. */
  async function save(request: FastifyRequest, reply: FastifyReply, session: agenda.AgendaSession | null, found: EventWithOrganiser) {
    const parsed = parseForm(SessionInput, request.body);
    if (!parsed.ok) return formPage(request, reply, found, session, { values: parsed.values, errors: parsed.errors }, 400);
    try {
      await agenda.saveSession(db, actorFromRequest(request), found.event, session?.id ?? null, parsed.data);
    } catch (err) {
      const failure = failedForm(err, request.body);
      if (!failure) throw err;
      return formPage(request, reply, found, session, failure.state, failure.status);
    }
    reply.setFlash({ type: 'success', message: 'proposals-admin:sessions.saved' });
    return reply.redirect(`/events/${found.event.slug}/agenda/manage`, 303);
  }

  app.get('/events/:slug/agenda/manage/new', hide, async (request, reply) => {
    const found = await organisedEvent(db, request, reply);
    if (!found) return reply;
    const start = utcToLocal(found.event.starts_at, found.event.timezone);
    // A fresh one-time key per form shown: a double submit of this form makes one session.
    return formPage(request, reply, found, null, emptyForm({ day: start.day, start_time: start.time, submission_key: randomUUID() }));
  });

  app.post('/events/:slug/agenda/manage/new', hide, async (request, reply) => {
    const found = await organisedEvent(db, request, reply);
    if (!found) return reply;
    return save(request, reply, null, found);
  });

  app.get('/events/:slug/agenda/manage/:id', hide, async (request, reply) => {
    const found = await organisedEvent(db, request, reply);
    if (!found) return reply;
    const session = await agenda.getSession(db, found.event.id, SessionParams.parse(request.params).id);
    return formPage(request, reply, found, session, emptyForm(await agenda.sessionFormValues(db, found.event, session)));
  });

  app.post('/events/:slug/agenda/manage/:id', hide, async (request, reply) => {
    const found = await organisedEvent(db, request, reply);
    if (!found) return reply;
    const session = await agenda.getSession(db, found.event.id, SessionParams.parse(request.params).id);
    return save(request, reply, session, found);
  });

  for (const action of ['cancel', 'restore'] as const) {
    app.post(`/events/:slug/agenda/manage/:id/${action}`, hide, async (request, reply) => {
      const found = await organisedEvent(db, request, reply);
      if (!found) return reply;
      const { id } = SessionParams.parse(request.params);
      try {
        await agenda.setSessionCancelled(db, actorFromRequest(request), found.event, id, action === 'cancel');
        reply.setFlash({ type: 'success', message: action === 'cancel' ? 'proposals-admin:sessions.cancelledFlash' : 'proposals-admin:sessions.restoredFlash' });
      } catch (err) {
        if (!failedForm(err, {})) throw err;
        reply.setFlash({ type: 'error', message: 'proposals-admin:sessions.cannotRestore' });
      }
      return reply.redirect(`/events/${found.event.slug}/agenda/manage`, 303);
    });
  }

  await registerProposalRoutes(app);
  await registerAgendaApi(app);
}
