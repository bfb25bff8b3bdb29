import type { FastifyInstance } from 'fastify';

/** Register, verify, sign in and out, reset a password, sign in by email link, the account page. */
export async function registerAccountsRoutes(app: FastifyInstance): Promise<void> {}
