import type { FastifyRequest } from 'fastify';
import { unauthenticated } from '../errors.ts';
import { authorize } from './policy.ts';
import { isNetworkAdmin, type Principal } from './principal.ts';

/** The signed-in principal, or a 401 (which sends a browser to the sign-in page). */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthenticated();
  return request.principal;
}

/** Network admins only: 401 when signed out, 403 otherwise. */
export function requireNetworkAdmin(request: FastifyRequest): Principal {
  const p = requirePrincipal(request);
  authorize(p, isNetworkAdmin(p));
  return p;
}
