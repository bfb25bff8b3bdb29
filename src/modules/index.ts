import type { FastifyInstance } from 'fastify';
import { registerApiDocs, registerApiDocsUi } from './api-docs/api-docs.routes.ts';
import { registerPagesRoutes } from './pages/pages.routes.tsx';

/**
 * Mounts every module. The OpenAPI collector goes first so it sees every /api route, and its
 * browsable UI last.
 */
export async function registerModules(app: FastifyInstance): Promise<void> {
  await registerApiDocs(app);
  await registerPagesRoutes(app);
  await registerApiDocsUi(app);
}
