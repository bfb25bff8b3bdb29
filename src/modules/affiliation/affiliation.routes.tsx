import type { FastifyInstance } from 'fastify';

/** Pages and API of the affiliation module. */
export async function registerAffiliationRoutes(_app: FastifyInstance): Promise<void> {}
