import { centerStaffIdsOf, isNetworkAdmin, type Principal } from '../../platform/auth/principal.ts';

// Who sees the network roll-ups. Levels are formative, not a ranking, so only those who support
// schools see them: network admins the whole network, a center's directors and coaches their own
// centers' schools. Everyone else gets a 404 (the page is not theirs to know about).

/** What part of the network someone's roll-ups cover: all of it, their centers, or nothing (null). */
export type RollupScope = { network: true } | { network: false; centerIds: number[] };

export function rollupScope(p: Principal | null): RollupScope | null {
  if (isNetworkAdmin(p)) return { network: true };
  const centerIds = centerStaffIdsOf(p);
  return centerIds.length ? { network: false, centerIds } : null;
}

/** May a person in this scope filter by this center (0 = schools without a center: admins only)? */
export const mayFilterCenter = (scope: RollupScope, centerId: number): boolean => (scope.network ? true : scope.centerIds.includes(centerId));
