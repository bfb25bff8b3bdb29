import type { FastifyInstance } from 'fastify';

/** Pages and API of the centers module. */
export async function registerCentersRoutes(_app: FastifyInstance): Promise<void> {}
