import type { FastifyInstance } from 'fastify';

// Placeholder until this part of the events module is built.
export async function registerAgendaRoutes(_app: FastifyInstance): Promise<void> {}
