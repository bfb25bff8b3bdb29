import { CENTER_STAFF, SCHOOL_TEAM, centerStaffIdsOf, isNetworkAdmin, rolesAt, schoolTeamIdsOf, type RoleHolder } from '../../platform/auth/principal.ts';

// Who may do what with a center's coaching engagements. A center is a small team whose coaches
// cover for one another, so every coach of the center manages all of its engagements (not only
// those they are a member of); the caseload page still lists only their own. A school's leaders
// and staff read their school's engagements, and of the session notes only those marked shareable.

// The rules take a RoleHolder, not only a signed-in principal: the reminder job has no request, yet
// asks the same questions of a step's owner from their current role grants.
export type { RoleHolder };

/** May create, edit and log sessions on the center's engagements: its directors and coaches, and network admins. */
export function canManageEngagements(p: RoleHolder, centerId: number): boolean {
  return isNetworkAdmin(p) || rolesAt(p, centerId).some((r) => CENTER_STAFF.includes(r));
}

/** May see the center's summary (hours by school and benchmark): its directors and network admins. */
export function canSeeCenterSummary(p: RoleHolder, centerId: number): boolean {
  return isNetworkAdmin(p) || rolesAt(p, centerId).includes('center_director');
}

/** Reads the engagement as its school does (shareable notes only): the engaged school's leaders and staff. */
export function isEngagedSchool(p: RoleHolder, schoolId: number): boolean {
  return rolesAt(p, schoolId).some((r) => SCHOOL_TEAM.includes(r));
}

/** May open an engagement at all: the center's staff, admins, or the engaged school. */
export function canViewEngagement(p: RoleHolder, e: { centerId: number; schoolId: number }): boolean {
  return canManageEngagements(p, e.centerId) || isEngagedSchool(p, e.schoolId);
}

/** The schools where someone is a leader or staff member. */
export const schoolIdsOf = (p: RoleHolder): number[] => schoolTeamIdsOf(p);

/** The centers where someone is a director or coach. */
export const centerIdsOf = (p: RoleHolder): number[] => centerStaffIdsOf(p);

export const coachingPolicy = { canManageEngagements, canSeeCenterSummary, isEngagedSchool, canViewEngagement };
