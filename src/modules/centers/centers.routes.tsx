import type { FastifyInstance } from 'fastify';
import { registerMultipartForms } from '../../platform/storage/multipart-form.ts';
import { registerCentersApi } from './centers-api.routes.ts';
import { registerCenterSpaceRoutes } from './center-space.routes.tsx';
import { registerExchangeRoutes } from './exchange.routes.tsx';
import { registerServiceRequestRoutes } from './service-requests.routes.tsx';

/**
 * Pages and API of the centers module, in their own plugin scope: multipart uploads (the
 * exchange's attachments) are accepted here and nowhere else in the app.
 */
export async function registerCentersRoutes(app: FastifyInstance): Promise<void> {
  await app.register(async (scope) => {
    await registerMultipartForms(scope, app.deps.config.uploadMaxBytes);
    await registerCenterSpaceRoutes(scope);
    await registerServiceRequestRoutes(scope);
    await registerExchangeRoutes(scope);
    await registerCentersApi(scope);
  });
}
