import type { RoleKind } from '../../db/schema.ts';
import { isNetworkAdmin, type Principal } from '../../platform/auth/principal.ts';

// Who sees the network roll-ups. Levels are formative, not a ranking, so only those who support
// schools see them: network admins the whole network, a center's directors and coaches their own
// centers' schools. Everyone else gets a 404 (the page is not theirs to know about).

const CENTER_STAFF: RoleKind[] = ['center_director', 'center_coach'];

/** What part of the network someone's roll-ups cover: all of it, their centers, or nothing (null). */
export type RollupScope = { network: true } | { network: false; centerIds: number[] };

export function rollupScope(p: Principal | null): RollupScope | null {
  if (isNetworkAdmin(p)) return { network: true };
  const centerIds = p ? [...new Set(p.roles.filter((r) => CENTER_STAFF.includes(r.role)).map((r) => r.organisationId))] : [];
  return centerIds.length ? { network: false, centerIds } : null;
}

/** May a person in this scope filter by this center (0 = schools without a center: admins only)? */
export const mayFilterCenter = (scope: RollupScope, centerId: number): boolean => (scope.network ? true : scope.centerIds.includes(centerId));
