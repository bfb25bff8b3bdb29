import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database, Organisation } from '../../db/schema.ts';
import { requirePrincipal } from '../../platform/auth/guards.ts';
import { authorize, canEditPerson, canViewOrganisationPrivate, canViewPerson, type OrganisationRef } from '../../platform/auth/policy.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { getOrganisationById, getOrganisationBySlug, organisationRef } from '../organisations/organisations.service.ts';
import { getPersonProfile, type PersonProfile } from './people-management.service.ts';
import { profileFor, type VisiblePersonProfile } from './people-visibility.service.ts';
import type { PersonView } from './person-view.ts';
import type { InvitationDeps } from './staff-invitations.service.ts';

// Small pieces the people routes (pages and API) share, so each handler stays a few lines.

/** What sending an invitation needs from the app. */
export const invitationDeps = (app: FastifyInstance): InvitationDeps => ({ db: app.deps.database.db, mailer: app.deps.mailer, config: app.deps.config });

/**
 * The organisation by slug or id, if this request may see its private side (people, roles);
 * otherwise 404, so another organisation's staff list does not reveal itself.
 */
export async function visibleOrganisation(db: Kysely<Database>, request: FastifyRequest, key: { slug: string } | { id: number }): Promise<{ organisation: Organisation; ref: OrganisationRef }> {
  const organisation = 'slug' in key ? await getOrganisationBySlug(db, key.slug) : await getOrganisationById(db, key.id);
  if (!organisation) throw notFound();
  const ref = organisationRef(organisation);
  authorize(request.principal, canViewOrganisationPrivate(request.principal, ref), 'hidden');
  return { organisation, ref };
}

/** The organisations a person holds roles at, as the policy sees them (for canViewPerson). */
export const organisationRefsOf = (profile: PersonProfile): OrganisationRef[] => profile.roles.map((r) => organisationRef(r.organisation));


/**
 * A person and their roles, if this request may see them (themselves, an admin, or someone who
 * may see one of their organisations); 404 otherwise so nobody learns who exists. Signed out: 401.
 * Anyone but an admin or the person gets the cut-down profile (see profileFor).
 */
export async function visiblePersonProfile(db: Kysely<Database>, request: FastifyRequest, id: number): Promise<VisiblePersonProfile> {
  const p = requirePrincipal(request);
  const profile = await getPersonProfile(db, id);
  if (!profile) throw notFound();
  authorize(p, canViewPerson(p, id, organisationRefsOf(profile)), 'hidden');
  return profileFor(p, profile);
}

/** The person behind /people/:id/edit and PATCH: 404 when hidden, 403 when seen but not theirs to edit. */
export async function editablePerson(db: Kysely<Database>, request: FastifyRequest, id: number): Promise<PersonView> {
  const { person } = await visiblePersonProfile(db, request, id);
  authorize(request.principal, canEditPerson(request.principal, person.id));
  // Whoever may edit someone is an admin or that person, so sees the whole account.
  if (person.limited) throw forbidden();
  return person;
}
