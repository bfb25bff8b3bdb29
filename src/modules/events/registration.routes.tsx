import type { FastifyInstance } from 'fastify';
import { registerOrderAdminRoutes } from './order-admin.routes.tsx';
import { registerRegistrationApi } from './registration-api.routes.ts';
import { registerRegistrationPages } from './registration-pages.routes.tsx';
import { registerTicketAdminRoutes } from './ticket-admin.routes.tsx';

/**
 * Registration: the register form and order pages (with cancellation and transfers), "my
 * registrations", the organisers' tickets and orders pages, and the registration API.
 */
export async function registerRegistrationRoutes(app: FastifyInstance): Promise<void> {
  await registerRegistrationPages(app);
  await registerTicketAdminRoutes(app);
  await registerOrderAdminRoutes(app);
  await registerRegistrationApi(app);
}
