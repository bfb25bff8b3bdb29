import type { FastifyInstance } from 'fastify';

/** Pages and API of the network-health module. */
export async function registerNetworkHealthRoutes(_app: FastifyInstance): Promise<void> {}
