import type { FastifyInstance } from 'fastify';

/** Pages and API of the billing module. */
export async function registerBillingRoutes(_app: FastifyInstance): Promise<void> {}
