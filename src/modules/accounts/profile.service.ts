import { centerStaffIdsOf, isNetworkAdmin, schoolTeamIdsOf, type RoleGrant } from '../../platform/auth/principal.ts';
import { recordAudit, changedFields } from '../audit/audit.service.ts';
import { getPersonById, updateSignInFields } from '../people/people.service.ts';
import type { AccountDeps } from './account-deps.ts';
import type { ProfileInput } from './accounts.schemas.ts';

/** Saves a person's own name and language; the change is audited (only the fields that changed). */
export async function updateOwnProfile(deps: AccountDeps, personId: number, input: ProfileInput): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await getPersonById(trx, personId);
    if (!before) return;
    const changes = changedFields({ name: before.name, locale: before.locale }, { name: input.name, locale: input.locale });
    if (Object.keys(changes).length === 0) return;
    await updateSignInFields(trx, personId, { name: input.name, locale: input.locale });
    await recordAudit(trx, deps.actor, { action: 'person.updated', subjectType: 'person', subjectId: personId, changes });
  });
}

/** Which "Your work" links the account page offers: decided from the roles, once, for the view to draw. */
export interface AccountWork {
  /** Self-assessments and coaching: for a school's team and a center's staff. */
  assessment: boolean;
  coaching: boolean;
  /** The network roll-ups: for network admins and a center's staff. */
  rollups: boolean;
  /** Each center (once) whose engagements the person runs as director or coach. */
  centers: { slug: string; name: string }[];
}

/** The work someone's roles give them (the same role lists the assessment, coaching and roll-up policies use). */
export function accountWorkOf(roles: RoleGrant[]): AccountWork {
  const holder = { roles };
  const centerIds = centerStaffIdsOf(holder);
  const centers = centerIds.map((id) => roles.find((r) => r.organisationId === id)!).map((r) => ({ slug: r.organisationSlug, name: r.organisationName }));
  const supportsSchools = schoolTeamIdsOf(holder).length > 0 || centers.length > 0;
  return { assessment: supportsSchools, coaching: supportsSchools, rollups: isNetworkAdmin(holder) || centers.length > 0, centers };
}
