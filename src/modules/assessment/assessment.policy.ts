import type { CycleStatus, CycleVisibility } from '../../db/schema.ts';
import { CENTER_STAFF, SCHOOL_TEAM, centerStaffIdsOf, isNetworkAdmin, rolesAt, schoolTeamIdsOf, type Principal } from '../../platform/auth/principal.ts';

// Who may do what with a school's self-assessment. Plain functions, so tests can enumerate them.
// Refusals of a cycle someone may not see answer 404 (its existence is the school's business);
// what a cycle's status forbids (edits after submission) is the service's 409, not a policy answer.

/** What the rules need to know of a cycle. */
export interface CycleRef {
  schoolId: number;
  /** The school's center (null when the school has none). */
  centerId: number | null;
  status: CycleStatus;
}

/** The school's leaders and staff: the team that assesses itself. */
export const isSchoolTeam = (p: Principal | null, schoolId: number): boolean => rolesAt(p, schoolId).some((r) => SCHOOL_TEAM.includes(r));

/** The center's directors and coaches. */
const isCenterStaff = (p: Principal | null, centerId: number | null): boolean => centerId !== null && rolesAt(p, centerId).some((r) => CENTER_STAFF.includes(r));

/** May open a cycle for the school: its leaders and staff. */
export const canOpenCycle = (p: Principal | null, schoolId: number): boolean => isSchoolTeam(p, schoolId);

/** May read the cycle: the school's team always; its center's staff and network admins once it is submitted. */
export function canViewCycle(p: Principal | null, c: CycleRef): boolean {
  if (isSchoolTeam(p, c.schoolId)) return true;
  return c.status !== 'draft' && (isNetworkAdmin(p) || isCenterStaff(p, c.centerId));
}

/** May rate benchmarks and attach evidence (the service also requires a draft): the school's team. */
export const canWorkOnCycle = (p: Principal | null, c: CycleRef): boolean => isSchoolTeam(p, c.schoolId);

/** May submit the cycle to the center: the school's leaders only. */
export const canSubmitCycle = (p: Principal | null, c: CycleRef): boolean => rolesAt(p, c.schoolId).includes('school_leader');

/** May record coach ratings and finish the review of a submitted cycle: the center's staff and network admins. */
export const canReviewCycle = (p: Principal | null, c: CycleRef): boolean => c.status !== 'draft' && (isNetworkAdmin(p) || isCenterStaff(p, c.centerId));

/** The centers where someone is a director or coach (whose schools' submitted cycles they review). */
export const centerIdsOf = (p: Principal | null): number[] => centerStaffIdsOf(p);

/** The schools where someone is a leader or staff member. */
export const schoolIdsOf = (p: Principal | null): number[] => schoolTeamIdsOf(p);

/** May choose whether the cycle's summary is shared network-wide: the school's leaders. */
export const canChangeVisibility = (p: Principal | null, c: CycleRef): boolean => rolesAt(p, c.schoolId).includes('school_leader');

/**
 * May read a cycle's summary (levels per benchmark, no comments or evidence): whoever may read the
 * cycle, and, once the school shares it network-wide, anyone signed in with a role in the network.
 */
export function canViewSummary(p: Principal | null, c: CycleRef & { visibility: CycleVisibility }): boolean {
  if (canViewCycle(p, c)) return true;
  return c.status !== 'draft' && c.visibility === 'network_summary' && p !== null && (p.roles.length > 0 || isNetworkAdmin(p));
}
/**
 * May open a school's history: whoever may read its submitted cycles (the school's team, its
 * center's staff, network admins). Which cycles show is then decided cycle by cycle (drafts only
 * for the team).
 */
export const canViewHistory = (p: Principal | null, school: { id: number; center_id: number | null }): boolean => canViewCycle(p, { schoolId: school.id, centerId: school.center_id, status: 'submitted' });

/** Signed in with any role in the network: who may browse the summaries schools chose to share. */
export const hasNetworkRole = (p: Principal | null): boolean => p !== null && p.roles.length > 0;

export const assessmentPolicy = { canOpenCycle, canViewCycle, canWorkOnCycle, canSubmitCycle, canReviewCycle, canChangeVisibility, canViewSummary };
