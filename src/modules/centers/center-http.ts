import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Organisation } from '../../db/schema.ts';
import type { OrganisationRef } from '../../platform/auth/policy.ts';

/** What the policy layer needs of a center or school. */
export const refOf = (o: Organisation): OrganisationRef => ({ id: o.id, kind: o.kind, centerId: o.center_id });

/** Sends a signed-out browser to sign in and come back (pages redirect; a 401 page helps nobody). */
export function redirectToSignIn(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);
}

/** The form's fields without the ones a schema does not take (hidden helpers such as "seen"). */
export function without(body: unknown, ...names: string[]): Record<string, unknown> {
  const out = { ...((body ?? {}) as Record<string, unknown>) };
  for (const n of names) delete out[n];
  return out;
}
