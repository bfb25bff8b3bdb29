import type { FastifyInstance } from 'fastify';
import { registerAccountsRoutes } from './accounts/accounts.routes.tsx';
import { registerAdminRoutes } from './admin/admin.routes.tsx';
import { registerAffiliationRoutes } from './affiliation/affiliation.routes.tsx';
import { registerApiDocs, registerApiDocsUi } from './api-docs/api-docs.routes.ts';
import { registerBillingRoutes } from './billing/billing.routes.tsx';
import { registerCentersRoutes } from './centers/centers.routes.tsx';
import { registerInvoicePurposes } from './invoice-purposes.ts';
import { registerDirectoryRoutes } from './directory/directory.routes.tsx';
import { registerEventsRoutes } from './events/events.routes.tsx';
import { registerFrameworkRoutes } from './framework/framework.routes.tsx';
import { registerAssessmentRoutes } from './assessment/assessment.routes.tsx';
import { registerCoachingRoutes } from './coaching/coaching.routes.tsx';
import { registerImprovementRoutes } from './improvement/improvement.routes.tsx';
import { registerAssessmentHistoryRoutes } from './assessment/assessment-history.routes.tsx';
import { registerFrameworkApi } from './framework/framework-api.routes.ts';
import { registerFrameworkEditingApi } from './framework/framework-api-editing.routes.ts';
import { registerNetworkHealthRoutes } from './network-health/network-health.routes.tsx';
import { registerOrganisationsRoutes } from './organisations/organisations.routes.tsx';
import { registerPagesRoutes } from './pages/pages.routes.tsx';
import { registerPeopleRoutes } from './people/people.routes.tsx';

/**
 * Mounts every module. The OpenAPI collector goes first so it sees every /api route, and its
 * browsable UI last.
 */
export async function registerModules(app: FastifyInstance): Promise<void> {
  registerInvoicePurposes();
  await registerApiDocs(app);
  await registerPagesRoutes(app);
  await registerAccountsRoutes(app);
  await registerOrganisationsRoutes(app);
  await registerDirectoryRoutes(app);
  await registerPeopleRoutes(app);
  await registerAffiliationRoutes(app);
  await registerBillingRoutes(app);
  await registerCentersRoutes(app);
  await registerEventsRoutes(app);
  await registerFrameworkRoutes(app);
  await registerAssessmentRoutes(app);
  await registerCoachingRoutes(app);
  await registerImprovementRoutes(app);
  await registerAssessmentHistoryRoutes(app);
  await registerFrameworkApi(app);
  await registerFrameworkEditingApi(app);
  await registerNetworkHealthRoutes(app);
  await registerAdminRoutes(app);
  await registerApiDocsUi(app);
}
