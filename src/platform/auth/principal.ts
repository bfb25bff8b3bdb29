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

export const isNetworkAdmin = (p: Principal | null | undefined): boolean =>
  !!p?.roles.some((r) => r.role === 'network_admin');

export const rolesAt = (p: Principal | null | undefined, organisationId: number): RoleKind[] =>
  p ? p.roles.filter((r) => r.organisationId === organisationId).map((r) => r.role) : [];
