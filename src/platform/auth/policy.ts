import type { OrganisationKind, RoleKind } from '../../db/schema.ts';
import { forbidden, notFound, unauthenticated } from '../errors.ts';
import { isNetworkAdmin, rolesAt, type Principal } from './principal.ts';

/**
 * The one policy layer. Every handler that touches an organisation's or a person's data asks here,
 * and nothing else inspects roles. Rules are plain functions so tests can enumerate them.
 */

export interface OrganisationRef {
  id: number;
  kind: OrganisationKind;
  centerId: number | null;
}

/** Which roles make sense at which kind of organisation. */
export const ROLES_BY_KIND: Record<OrganisationKind, RoleKind[]> = {
  national_office: ['network_admin'],
  affiliate_center: ['center_director', 'center_coach'],
  school: ['school_leader', 'school_staff'],
  partner: ['partner_staff'],
  other: ['partner_staff'],
};

/** The roles whose holders may edit the organisation and manage its people. */
const LEAD_ROLES: Partial<Record<OrganisationKind, RoleKind[]>> = {
  affiliate_center: ['center_director'],
  school: ['school_leader'],
  partner: ['partner_staff'],
  other: ['partner_staff'],
};

const CENTER_ROLES: RoleKind[] = ['center_director', 'center_coach'];

/** May see the organisation's private fields (contacts, enrolment detail, people). */
export function canViewOrganisationPrivate(p: Principal | null, org: OrganisationRef): boolean {
  if (!p) return false;
  if (isNetworkAdmin(p) || rolesAt(p, org.id).length > 0) return true;
  // A center supports its schools, so its director and coaches may read (not change) them.
  return org.kind === 'school' && org.centerId !== null && rolesAt(p, org.centerId).some((r) => CENTER_ROLES.includes(r));
}

/** May edit the organisation's profile and invite or remove its people. */
export function canManageOrganisation(p: Principal | null, org: OrganisationRef): boolean {
  if (!p) return false;
  if (isNetworkAdmin(p)) return true;
  const leads = LEAD_ROLES[org.kind] ?? [];
  return rolesAt(p, org.id).some((r) => leads.includes(r));
}

/** May create or delete organisations, or change an organisation's kind, center or NCES ID. */
export const canAdministerNetwork = (p: Principal | null): boolean => isNetworkAdmin(p);

/** May give `role` at `org` to someone (or take it away). */
export function canGrantRole(p: Principal | null, org: OrganisationRef, role: RoleKind): boolean {
  if (!ROLES_BY_KIND[org.kind].includes(role)) return false;
  if (isNetworkAdmin(p)) return true;
  return role !== 'network_admin' && canManageOrganisation(p, org);
}

/** May see a person's details: themselves, an admin, or someone who can see one of their organisations. */
export function canViewPerson(p: Principal | null, personId: number, personOrgs: OrganisationRef[]): boolean {
  if (!p) return false;
  if (p.personId === personId || isNetworkAdmin(p)) return true;
  return personOrgs.some((org) => canViewOrganisationPrivate(p, org));
}

/** May change a person's name, email or sign-in state: themselves or an admin. */
export const canEditPerson = (p: Principal | null, personId: number): boolean =>
  !!p && (p.personId === personId || isNetworkAdmin(p));

/**
 * Turns a policy answer into the right refusal. Hidden objects (people, private records) answer
 * 404 so their existence does not leak; public ones (organisations in the directory) answer 403.
 */
export function authorize(p: Principal | null, allowed: boolean, visibility: 'hidden' | 'public' = 'public'): void {
  if (allowed) return;
  if (!p) throw unauthenticated();
  throw visibility === 'hidden' ? notFound() : forbidden();
}
