import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';
import { holderContacts, holderName, notify } from './affiliation-state.ts';
import { addDays, daysBetween, dateOf } from './affiliation-status.ts';
import * as repo from './affiliation.repository.ts';
import * as plansRepo from './plans.repository.ts';

/** Days before the end of the paid period when a reminder goes out. */
export const REMINDER_DAYS = [60, 30, 7] as const;

/**
 * Sends the renewal reminders due on `now`'s date. For each paid period ending within 60 days, the
 * tightest threshold reached is sent (a reminder missed while the job was down is not sent late
 * alongside a later one). The unique (affiliation, end, threshold) row is inserted in the same
 * transaction as the email, so each goes out once even with several processes. A renewal paid in
 * advance moves the end, so no reminder follows; cancelled affiliations are skipped.
 */
export async function sendRenewalReminders(db: Kysely<Database>, now: Date): Promise<number> {
  const today = dateOf(now);
  let sent = 0;
  for (const row of await repo.findEndingBetween(db, today, addDays(today, REMINDER_DAYS[0]))) {
    const left = daysBetween(today, row.paid_through as string);
    const threshold = [...REMINDER_DAYS].reverse().find((d) => left <= d);
    if (threshold === undefined) continue;
    await db.transaction().execute(async (trx) => {
      const aff = await repo.lockAffiliation(trx, row.id);
      if (!aff || aff.cancelled_at) return;
      if (!(await repo.insertReminderOnce(trx, { affiliation_id: aff.id, term_ends_on: row.paid_through as string, days_before: threshold, sent_at: nowIso() }))) return;
      const plan = await plansRepo.findPlanById(trx, aff.plan_id);
      const vars = { plan: plan?.name ?? '', holder: await holderName(trx, aff), days: left, endsOn: addDays(row.paid_through as string, -1) };
      await notify(trx, await holderContacts(trx, aff), 'reminder', vars, `/affiliation/${aff.id}/renew`);
      sent += 1;
    });
  }
  return sent;
}
