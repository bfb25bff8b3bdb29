import type { FastifyInstance } from 'fastify';

// Placeholder until this part of the events module is built.
export async function registerRegistrationRoutes(_app: FastifyInstance): Promise<void> {}
