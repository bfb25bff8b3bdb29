import type { FastifyInstance } from 'fastify';

/** The admin area: dashboard, outbox, audit log, API tokens. */
export async function registerAdminRoutes(app: FastifyInstance): Promise<void> {}
