import type { FastifyReply, FastifyRequest } from 'fastify';
import { isNetworkAdmin } from '../auth/principal.ts';
import type { ViewContext } from '../ui/view-context.ts';

/** The per-request context page components render with. */
export function viewContext(request: FastifyRequest, reply: FastifyReply): ViewContext {
  let token: string | undefined;
  return {
    t: request.t,
    locale: request.locale,
    principal: request.principal,
    path: request.url.split('?')[0] ?? '/',
    csrf: () => (token ??= reply.generateCsrf()),
    flash: request.flash,
    isAdmin: isNetworkAdmin(request.principal),
  };
}
