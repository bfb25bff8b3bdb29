import type { FastifyInstance } from 'fastify';

// Placeholder until this module's pages are built.
export async function registerAssessmentRoutes(_app: FastifyInstance): Promise<void> {}
