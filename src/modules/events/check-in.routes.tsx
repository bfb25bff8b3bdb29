import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { viewContext } from '../../platform/http/view.ts';
import { sendPage } from '../../platform/ui/render.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { eventForStaff } from './attendees-access.ts';
import { CheckInForm, CheckInSearchQuery, CodeParams, SlugParams } from './attendees.schemas.ts';
import { listAttendees } from './attendees.service.ts';
import * as door from './check-in.service.ts';
import { canOrganise } from './events.policy.ts';
import type { EventWithOrganiser } from './events.service.ts';
import { CheckInSearchPage, TicketDoorPage, UnknownTicketPage } from './views/check-in-pages.tsx';

const hide = { schema: { hide: true } };

/** The door: search and check in, the QR code's page, and undo for organisers. */
export async function registerCheckInRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;

  /** The ticket page, or "not a valid ticket" (404) for a code this event does not have. */
  async function ticketPage(request: FastifyRequest, reply: FastifyReply, found: EventWithOrganiser, code: string, extra: { notice?: 'already'; error?: string; status?: number } = {}) {
    const ctx = viewContext(request, reply);
    try {
      const ticket = await door.ticketAtDoor(db, found.event, code);
      const canUndo = canOrganise(request.principal, found.organiserRef);
      return sendPage(reply, <TicketDoorPage ctx={ctx} event={found.event} ticket={ticket} notice={extra.notice ?? null} error={extra.error ?? null} canUndo={canUndo} />, extra.status ?? 200);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 404) throw err;
      return sendPage(reply, <UnknownTicketPage ctx={ctx} event={found.event} />, 404);
    }
  }

  app.get('/events/:slug/check-in', hide, async (request, reply) => {
    const { event } = await eventForStaff(db, request, SlugParams.parse(request.params).slug, 'checkIn');
    const q = CheckInSearchQuery.parse(request.query ?? {}).q ?? '';
    const [results, list] = await Promise.all([q ? door.searchAtDoor(db, event, q) : null, listAttendees(db, event, { page: 1 }, 1)]);
    const counts = { sold: list.counts.sold, checkedIn: list.counts.checkedIn };
    return sendPage(reply, <CheckInSearchPage ctx={viewContext(request, reply)} event={event} q={q} results={results} counts={counts} />);
  });

  app.get('/events/:slug/check-in/:code', hide, async (request, reply) => {
    const { slug, code } = CodeParams.parse(request.params);
    return ticketPage(request, reply, await eventForStaff(db, request, slug, 'checkIn'), code);
  });

  app.post('/events/:slug/check-in/:code', hide, async (request, reply) => {
    const { slug, code } = CodeParams.parse(request.params);
    const found = await eventForStaff(db, request, slug, 'checkIn');
    const form = CheckInForm.safeParse(request.body ?? {});
    const q = form.success ? form.data.q : undefined;
    let result: door.CheckInResult;
    try {
      result = await door.checkIn(db, actorFromRequest(request), found.event, code);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 409) throw err;
      return ticketPage(request, reply, found, code, { error: err.messageKey, status: 409 });
    }
    // Checking in twice changes nothing: the page says when, and by whom, it first happened.
    if (result.outcome === 'already') return ticketPage(request, reply, found, code, { notice: 'already', status: 409 });
    reply.setFlash({ type: 'success', message: 'attendees:flash.checkedIn' });
    const back = q ? `/events/${slug}/check-in?q=${encodeURIComponent(q)}` : `/events/${slug}/check-in/${encodeURIComponent(code)}`;
    return reply.redirect(back, 303);
  });

  app.post('/events/:slug/check-in/:code/undo', hide, async (request, reply) => {
    const { slug, code } = CodeParams.parse(request.params);
    const found = await eventForStaff(db, request, slug, 'organise');
    try {
      await door.undoCheckIn(db, actorFromRequest(request), found.event, code);
      reply.setFlash({ type: 'success', message: 'attendees:flash.undone' });
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 409) throw err;
      reply.setFlash({ type: 'error', message: err.messageKey });
    }
    return reply.redirect(`/events/${slug}/check-in/${encodeURIComponent(code)}`, 303);
  });
}
