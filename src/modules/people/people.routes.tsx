import type { FastifyInstance } from 'fastify';

/** People pages (admin list, person view/edit, roles, invitations) and /api/v1/people. */
export async function registerPeopleRoutes(app: FastifyInstance): Promise<void> {}
