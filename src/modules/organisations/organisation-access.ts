import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { canAdministerNetwork, canManageOrganisation, canViewOrganisationPrivate } from '../../platform/auth/policy.ts';

/**
 * The policy questions this module's handlers ask, gathered in one object. The rules themselves
 * live only in platform/auth/policy.ts; this indirection exists so the access-matrix test can swap
 * in an allow-everything stub and prove that its assertions would catch a missing check.
 */
export const organisationPolicy = { canViewOrganisationPrivate, canManageOrganisation, canAdministerNetwork };

/**
 * Sends a signed-out browser to sign in and come back here. Pages redirect rather than show a 401
 * page, since signing in is the obvious next step.
 */
export function redirectToSignIn(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);
}

/**
 * The refusal when someone who may edit an organisation's profile tries to change a field only a
 * network admin may set: 403, naming the fields, never a silent partial save.
 */
export const adminOnlyRefusal = (fields: readonly string[]): AppError =>
  new AppError(403, 'forbidden', 'organisations:errors.adminOnlyFields', {
    fields: Object.fromEntries(fields.map((f) => [f, ['organisations:errors.adminOnlyFields']])),
  });
