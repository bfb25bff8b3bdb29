import type { OrganisationKind, RoleKind } from '../../db/schema.ts';

/** One role someone holds, with what the policy needs to know about its organisation. */
export interface RoleGrant {
  role: RoleKind;
  organisationId: number;
  organisationKind: OrganisationKind;
  organisationName: string;
  organisationSlug: string;
}

/**
 * Who is acting: a signed-in person, or an API token acting as exactly one role. The policy layer
 * (policy.ts) decides everything from this; nothing else looks at roles directly.
 */
export interface Principal {
  kind: 'person' | 'api_token';
  /** The person (null for an API token). */
  personId: number | null;
  name: string;
  email: string | null;
  locale: string | null;
  emailVerified: boolean;
  roles: RoleGrant[];
  /** How the audit log names this actor. */
  auditLabel: string;
}

/** Whoever holds roles: a principal, or anything with its role grants (a person's roles read for a job). */
export type RoleHolder = Pick<Principal, 'roles'> | null | undefined;

export const isNetworkAdmin = (p: RoleHolder): boolean =>
  !!p?.roles.some((r) => r.role === 'network_admin');

export const rolesAt = (p: RoleHolder, organisationId: number): RoleKind[] =>
  p ? p.roles.filter((r) => r.organisationId === organisationId).map((r) => r.role) : [];

/** A school's leaders and staff: the team that assesses itself and reads its engagements. */
export const SCHOOL_TEAM: readonly RoleKind[] = ['school_leader', 'school_staff'];

/** A center's directors and coaches: who review its schools' cycles and run its engagements. */
export const CENTER_STAFF: readonly RoleKind[] = ['center_director', 'center_coach'];

const organisationsWhere = (p: RoleHolder, kinds: readonly RoleKind[]): number[] => (p ? [...new Set(p.roles.filter((r) => kinds.includes(r.role)).map((r) => r.organisationId))] : []);

/** The schools where someone is a leader or staff member (each once). */
export const schoolTeamIdsOf = (p: RoleHolder): number[] => organisationsWhere(p, SCHOOL_TEAM);

/** The centers where someone is a director or coach (each once: a director who also coaches is one center). */
export const centerStaffIdsOf = (p: RoleHolder): number[] => organisationsWhere(p, CENTER_STAFF);
