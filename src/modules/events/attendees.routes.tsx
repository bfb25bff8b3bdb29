import type { FastifyInstance } from 'fastify';
import { sendCsv } from '../../platform/csv/csv-export.ts';
import { viewContext } from '../../platform/http/view.ts';
import { sendPage } from '../../platform/ui/render.ts';
import { eventForStaff } from './attendees-access.ts';
import { registerAttendeesApi } from './attendees-api.routes.ts';
import { AttendeeQuery, BadgeQuery, SlugParams } from './attendees.schemas.ts';
import * as attendees from './attendees.service.ts';
import { registerCheckInRoutes } from './check-in.routes.tsx';
import { AttendeeListPage } from './views/attendee-list-page.tsx';
import { BadgeSheetPage } from './views/badge-sheet-page.tsx';
import { registerWaitlistRoutes } from './waitlist.routes.tsx';

const hide = { schema: { hide: true } };

/** Attendees at the door and before it: the waitlist, the attendee list and its CSV, badges, check-in, and their API. */
export async function registerAttendeeRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;
  await registerWaitlistRoutes(app);
  await registerCheckInRoutes(app);
  await registerAttendeesApi(app);

  app.get('/events/:slug/attendees', hide, async (request, reply) => {
    const { event } = await eventForStaff(db, request, SlugParams.parse(request.params).slug, 'checkIn');
    const q = AttendeeQuery.parse(request.query ?? {});
    const [list, types] = await Promise.all([attendees.listAttendees(db, event, q), attendees.ticketTypeChoices(db, event)]);
    return sendPage(reply, <AttendeeListPage ctx={viewContext(request, reply)} event={event} list={list} q={q} types={types} />);
  });

  app.get('/events/:slug/attendees.csv', hide, async (request, reply) => {
    const { event } = await eventForStaff(db, request, SlugParams.parse(request.params).slug, 'checkIn');
    const q = AttendeeQuery.parse(request.query ?? {});
    return sendCsv(reply, `${event.slug}-attendees`, await attendees.attendeesCsv(db, event, q, request.t));
  });

  app.get('/events/:slug/badges', hide, async (request, reply) => {
    const { event } = await eventForStaff(db, request, SlugParams.parse(request.params).slug, 'checkIn');
    const q = BadgeQuery.parse(request.query ?? {});
    const [result, types] = await Promise.all([attendees.badgesOf(db, event, q), attendees.ticketTypeChoices(db, event)]);
    return sendPage(reply, <BadgeSheetPage ctx={viewContext(request, reply)} event={event} result={result} type={q.type} types={types} />);
  });
}
