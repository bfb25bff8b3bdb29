import { canManageOrganisation, type OrganisationRef } from '../../platform/auth/policy.ts';
import { CENTER_STAFF, SCHOOL_TEAM, isNetworkAdmin, rolesAt, type Principal } from '../../platform/auth/principal.ts';

// The centers module's rules, on top of the one policy layer. Plain functions, gathered in one
// object so the access tests can swap in an allow-everything stub and show their checks bite.

/** May edit the center's space (about text, services, news): its directors and network admins. */
export function canEditCenter(p: Principal | null, center: OrganisationRef): boolean {
  return center.kind === 'affiliate_center' && canManageOrganisation(p, center);
}

/** May see and answer the center's service requests: its directors and coaches, and network admins. */
export function canHandleRequests(p: Principal | null, centerId: number): boolean {
  return isNetworkAdmin(p) || rolesAt(p, centerId).some((r) => CENTER_STAFF.includes(r));
}

/** May ask for a service on behalf of a school: its leaders and staff, and only from the school's own center. */
export function canRequestForSchool(p: Principal | null, school: OrganisationRef, centerId: number): boolean {
  return school.kind === 'school' && school.centerId === centerId && rolesAt(p, school.id).some((r) => SCHOOL_TEAM.includes(r));
}

/** The organisations where someone works as school leader or staff (candidates for requesting). */
export const schoolIdsOf = (p: Principal | null): number[] => (p ? p.roles.filter((r) => SCHOOL_TEAM.includes(r.role)).map((r) => r.organisationId) : []);

/** May read a request: the center's staff, or people of the school that made it. */
export function canViewRequest(p: Principal | null, request: { centerId: number; schoolId: number }): boolean {
  return canHandleRequests(p, request.centerId) || rolesAt(p, request.schoolId).some((r) => SCHOOL_TEAM.includes(r));
}

/** May post in the directors' exchange: center directors and network staff. */
export function canPostInExchange(p: Principal | null): boolean {
  return isNetworkAdmin(p) || !!p?.roles.some((r) => r.role === 'center_director');
}

/**
 * May read the exchange: those who post, and center coaches, who carry the ideas shared there into
 * the schools; they read but leave posting to their directors, as the network's practice has it.
 */
export function canReadExchange(p: Principal | null): boolean {
  return canPostInExchange(p) || !!p?.roles.some((r) => r.role === 'center_coach');
}

export const centersPolicy = { canEditCenter, canHandleRequests, canRequestForSchool, canViewRequest, canPostInExchange, canReadExchange };
