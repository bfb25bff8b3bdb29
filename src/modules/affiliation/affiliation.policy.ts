import type { Organisation } from '../../db/schema.ts';
import { canManageOrganisation, canViewOrganisationPrivate } from '../../platform/auth/policy.ts';
import { isNetworkAdmin, rolesAt, type Principal } from '../../platform/auth/principal.ts';

// The affiliation module's rules, as plain functions over the principal (see platform/auth/policy.ts).

const ref = (o: Pick<Organisation, 'id' | 'kind' | 'center_id'>) => ({ id: o.id, kind: o.kind, centerId: o.center_id });

/** May decide an application: network admins, and the directors of the center it names. */
export function canDecideApplication(p: Principal | null, application: { center_id: number | null }): boolean {
  if (!p) return false;
  if (isNetworkAdmin(p)) return true;
  return application.center_id !== null && rolesAt(p, application.center_id).includes('center_director');
}

/** The centers whose applications this person may decide ('all' for network admins). */
export function decidableCenters(p: Principal | null): number[] | 'all' {
  if (!p) return [];
  if (isNetworkAdmin(p)) return 'all';
  return p.roles.filter((r) => r.role === 'center_director').map((r) => r.organisationId);
}

/** May see the application queue at all. */
export const canSeeApplications = (p: Principal | null): boolean => decidableCenters(p) === 'all' || (decidableCenters(p) as number[]).length > 0;

/**
 * May act for an affiliation's holder (renew, cancel, see its invoices): the individual member
 * themselves, an organisation's managers, or a network admin.
 */
export function canManageAffiliation(p: Principal | null, aff: { organisation_id: number | null; person_id: number | null }, org: Pick<Organisation, 'id' | 'kind' | 'center_id'> | null): boolean {
  if (!p) return false;
  if (isNetworkAdmin(p)) return true;
  if (aff.organisation_id !== null) return org !== null && canManageOrganisation(p, ref(org));
  return aff.person_id !== null && p.personId === aff.person_id;
}

/** May apply on behalf of an organisation (its leads, or an admin). */
export const canApplyFor = (p: Principal | null, org: Pick<Organisation, 'id' | 'kind' | 'center_id'>): boolean => canManageOrganisation(p, ref(org));

/** May see an organisation's benefits: whoever may see its private side (its people, an admin, its center). */
export const canSeeOrganisationBenefits = (p: Principal | null, org: Pick<Organisation, 'id' | 'kind' | 'center_id'>): boolean => canViewOrganisationPrivate(p, ref(org));

/** May see an affiliation's detail: those who manage it, or who may decide it. */
export const canViewAffiliation = (p: Principal | null, aff: { organisation_id: number | null; person_id: number | null; center_id: number | null }, org: Pick<Organisation, 'id' | 'kind' | 'center_id'> | null): boolean =>
  canManageAffiliation(p, aff, org) || canDecideApplication(p, aff) || (org !== null && canViewOrganisationPrivate(p, ref(org)));

/** Gathered so an access test can swap in an allow-all stub and prove its assertions would catch a missing check. */
export const affiliationPolicy = { canDecideApplication, decidableCenters, canSeeApplications, canManageAffiliation, canApplyFor, canSeeOrganisationBenefits, canViewAffiliation, isNetworkAdmin };
