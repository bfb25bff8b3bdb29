import { canManageOrganisation, type OrganisationRef } from '../../platform/auth/policy.ts';
import { isNetworkAdmin, rolesAt, type Principal } from '../../platform/auth/principal.ts';

// The events module's rules, on top of the one policy layer. Plain functions, gathered in one
// object so the access tests can swap in an allow-everything stub and show their checks bite.

/** The organiser as the policy layer sees it (the national office or a center). */
export type Organiser = OrganisationRef;

/** May create, edit, publish and cancel the organiser's events, and see their orders: network admins and the organiser's leads (a center's directors). */
export function canOrganise(p: Principal | null, organiser: Organiser): boolean {
  return canManageOrganisation(p, organiser);
}

/** May check attendees in at the door and read the attendee list: organisers and anyone on the organiser's staff (a center's coaches too). */
export function canCheckIn(p: Principal | null, organiser: Organiser): boolean {
  return isNetworkAdmin(p) || canOrganise(p, organiser) || rolesAt(p, organiser.id).length > 0;
}

/** May organise events at all (shows the "new event" link): network admins and center directors. */
export function canCreateEvents(p: Principal | null): boolean {
  return isNetworkAdmin(p) || !!p?.roles.some((r) => r.role === 'center_director');
}

export const eventsPolicy = { canOrganise, canCheckIn, canCreateEvents };
