import type { FastifyInstance } from 'fastify';
import { registerAgendaRoutes } from './agenda.routes.tsx';
import { registerAttendeeRoutes } from './attendees.routes.tsx';
import { registerCalendarRoutes } from './calendar.routes.tsx';
import { registerRegistrationRoutes } from './registration.routes.tsx';

/**
 * Pages, feeds and API of the events module: the calendar and event pages (with their feeds and
 * the organisers' editing), registration and payment, attendees at the door, and the agenda.
 */
export async function registerEventsRoutes(app: FastifyInstance): Promise<void> {
  await registerCalendarRoutes(app);
  await registerRegistrationRoutes(app);
  await registerAttendeeRoutes(app);
  await registerAgendaRoutes(app);
}
