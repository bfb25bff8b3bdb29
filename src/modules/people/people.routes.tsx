import type { FastifyInstance } from 'fastify';
import { registerOrganisationPeopleRoutes } from './organisation-people.routes.tsx';
import { registerPeopleAdminRoutes } from './people-admin.routes.tsx';
import { registerPeopleApiRoutes } from './people-api.routes.ts';
import { registerPersonPagesRoutes } from './person-pages.routes.tsx';

/** People pages (admin list, person view/edit, roles, invitations) and /api/v1/people. */
export async function registerPeopleRoutes(app: FastifyInstance): Promise<void> {
  await registerPersonPagesRoutes(app);
  await registerOrganisationPeopleRoutes(app);
  await registerPeopleAdminRoutes(app);
  await registerPeopleApiRoutes(app);
}
