import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { canViewOrganisationPrivate } from '../../platform/auth/policy.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { organisationRef } from '../organisations/organisations.service.ts';
import type { PersonProfile, RoleAtOrganisation } from './people-management.service.ts';
import { visiblePerson, type PersonView, type RoleView, type VisiblePerson } from './person-view.ts';
import { listPeopleOfOrganisation } from './roles.service.ts';

// What one viewer may see of people. The policy (canViewPerson, canViewOrganisationPrivate)
// decides whether someone is seen at all; this decides how much of them.

/** A person's profile as one viewer sees it. */
export interface VisiblePersonProfile {
  person: VisiblePerson;
  roles: RoleAtOrganisation[];
}

/**
 * Cuts a profile down for a viewer the policy already lets see the person. Network admins and the
 * person themself get everything; anyone else gets the name, the email address and only the roles
 * at organisations whose people they may see — never roles elsewhere, the last sign-in, or whether
 * the account is verified or disabled.
 */
export function profileFor(viewer: Principal | null, profile: PersonProfile): VisiblePersonProfile {
  const person = visiblePerson(viewer, profile.person);
  if (!person.limited) return { person, roles: profile.roles };
  return { person, roles: profile.roles.filter((r) => canViewOrganisationPrivate(viewer, organisationRef(r.organisation))) };
}

/** One role at an organisation with its holder, as one viewer sees them. */
export interface OrganisationPersonEntry {
  role: RoleView;
  person: VisiblePerson;
  /**
   * The holder has not signed in since being given this role: the invitation is still open. Told
   * per role, not from the account, so it reads the same for a new address, an existing account
   * and a disabled one until that person actually joins.
   */
  invitationPending: boolean;
}

/** Has the person not signed in since the role was given? (Both are ISO timestamps in UTC, so they compare as text.) */
export const invitationPending = (person: Pick<PersonView, 'lastSignInAt'>, role: Pick<RoleView, 'createdAt'>): boolean =>
  !person.lastSignInAt || person.lastSignInAt < role.createdAt;

/** Everyone holding a role at an organisation, by name, as this viewer may see them (the caller checked canViewOrganisationPrivate). */
export async function listOrganisationPeopleFor(db: Kysely<Database>, viewer: Principal | null, organisationId: number): Promise<OrganisationPersonEntry[]> {
  const entries = await listPeopleOfOrganisation(db, organisationId);
  return entries.map(({ role, person }) => ({ role, person: visiblePerson(viewer, person), invitationPending: invitationPending(person, role) }));
}
