import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { enqueueEmail } from '../../platform/mail/mail-jobs.ts';
import { siteUrl } from '../../platform/site-url.ts';
import { getOrganisationById } from '../organisations/organisations.service.ts';
import { getPersonById } from '../people/people.service.ts';
import { nextStepDueEmail } from './coaching-emails.ts';
import * as repo from './coaching.repository.ts';
import { today } from './coaching.service.ts';

/**
 * Emails the owner of each open next step due today or earlier, once. Each step is claimed by a
 * guarded update (`reminded_at IS NULL`) in the transaction that queues its email, so two
 * processes running this at once send each reminder once. Returns how many were queued.
 */
export async function sendNextStepReminders(db: Kysely<Database>, now = new Date()): Promise<number> {
  let sent = 0;
  const slugs = new Map<number, string>();
  for (const step of await repo.findStepsToRemind(db, today(now))) {
    const owner = await getPersonById(db, step.owner_person_id!);
    if (!owner || owner.disabled_at) continue;
    if (!slugs.has(step.center_id)) slugs.set(step.center_id, (await getOrganisationById(db, step.center_id))?.slug ?? '');
    const link = siteUrl(`/centers/${slugs.get(step.center_id)}/engagements/${step.engagement_id}`);
    const claimed = await db.transaction().execute(async (trx) => {
      if ((await repo.claimReminder(trx, step.id, now.toISOString())) !== 1) return false;
      await enqueueEmail(trx, nextStepDueEmail(owner, { step: step.description, engagement: step.engagement_title, due: step.due_on, link }));
      return true;
    });
    if (claimed) sent += 1;
  }
  return sent;
}
