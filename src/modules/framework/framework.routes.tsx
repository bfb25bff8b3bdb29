import type { FastifyInstance } from 'fastify';
import { registerFrameworkAdminRoutes } from './framework-admin.routes.tsx';
import { registerFrameworkPublicRoutes } from './framework-public.routes.tsx';

/** The framework module: the public /framework pages and the network admins' editor. */
export async function registerFrameworkRoutes(app: FastifyInstance): Promise<void> {
  await registerFrameworkPublicRoutes(app);
  await registerFrameworkAdminRoutes(app);
}
