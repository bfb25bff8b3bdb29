import type { FastifyInstance } from 'fastify';

// Placeholder until this part of the framework module is built.
export async function registerFrameworkAdminRoutes(_app: FastifyInstance): Promise<void> {}
