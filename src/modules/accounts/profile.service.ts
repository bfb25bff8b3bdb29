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
