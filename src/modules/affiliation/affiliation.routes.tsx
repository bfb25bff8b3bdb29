import type { FastifyInstance } from 'fastify';
import { registerAffiliationAdminRoutes } from './affiliation-admin.routes.tsx';
import { registerAffiliationApi } from './affiliation-api.routes.ts';
import { registerAffiliationPageRoutes } from './affiliation-pages.routes.tsx';

/** Pages and API of the affiliation module. */
export async function registerAffiliationRoutes(app: FastifyInstance): Promise<void> {
  await registerAffiliationPageRoutes(app);
  await registerAffiliationAdminRoutes(app);
  await registerAffiliationApi(app);
}
