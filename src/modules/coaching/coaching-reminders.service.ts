import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { bool } from '../../db/dialect.ts';
import { enqueueEmail } from '../../platform/mail/mail-jobs.ts';
import { siteUrl } from '../../platform/site-url.ts';
import { getOrganisationById } from '../organisations/organisations.service.ts';
import { getPersonById, listRoleGrantsOfPerson } from '../people/people.service.ts';
import { nextStepDueEmail } from './coaching-emails.ts';
import { canManageEngagements, canViewEngagement } from './coaching.policy.ts';
import * as repo from './coaching.repository.ts';
import { today } from './coaching.service.ts';

/**
 * Emails the owner of each open next step due today or earlier, once. Each step is claimed by a
 * guarded update (`reminded_at IS NULL`) in the transaction that queues its email, so two
 * processes running this at once send each reminder once. Returns how many were queued.
 *
 * The email quotes the step, so it goes only to an owner who may read it now: for a session kept
 * private to the center, someone who manages the center's engagements (its directors and coaches,
 * network admins); for a shared one, also the engaged school's people. A step skipped for that
 * reason is not claimed: it is looked at again on the next run, and reminded then if the session
 * has been shared or the owner has the role again. The query already leaves out private steps of
 * owners who do not coach the engagement, and steps are read a page at a time after the last id,
 * so skipped steps never crowd out the others.
 */
export async function sendNextStepReminders(db: Kysely<Database>, now = new Date()): Promise<number> {
  let sent = 0;
  const slugs = new Map<number, string>();
  for (let afterId = 0; ; ) {
    const page = await repo.findStepsToRemind(db, today(now), afterId);
    if (page.length === 0) break;
    afterId = page[page.length - 1]!.id;
    for (const step of page) {
      const owner = await getPersonById(db, step.owner_person_id!);
      if (!owner || owner.disabled_at) continue;
      const roles = { roles: await listRoleGrantsOfPerson(db, owner.id) };
      const mayRead = bool(step.shareable) ? canViewEngagement(roles, { centerId: step.center_id, schoolId: step.school_id }) : canManageEngagements(roles, step.center_id);
      if (!mayRead) continue;
      if (!slugs.has(step.center_id)) slugs.set(step.center_id, (await getOrganisationById(db, step.center_id))?.slug ?? '');
      const link = siteUrl(`/centers/${slugs.get(step.center_id)}/engagements/${step.engagement_id}`);
      const claimed = await db.transaction().execute(async (trx) => {
        if ((await repo.claimReminder(trx, step.id, now.toISOString())) !== 1) return false;
        await enqueueEmail(trx, nextStepDueEmail(owner, { step: step.description, engagement: step.engagement_title, due: step.due_on, link }));
        return true;
      });
      if (claimed) sent += 1;
    }
  }
  return sent;
}
