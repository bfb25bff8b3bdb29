import type { FastifyInstance } from 'fastify';

/** Organisation pages (private view, edit, admin list) and /api/v1/organisations. */
export async function registerOrganisationsRoutes(app: FastifyInstance): Promise<void> {}
