import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database } from '../../db/schema.ts';
import type { Actor } from '../audit/audit.service.ts';
import { cancelAllOrdersOfEvent } from './order-changes.service.ts';

type Db = Kysely<Database>;

/**
 * CONTRACT (registration owner implements): called by the calendar owner inside the transaction
 * that cancels an event. Cancels its orders and tickets, voids open invoices, marks refunds due on
 * paid ones (whatever the refund policy: the organiser cancelled, not the attendee), releases
 * nothing to the waitlist, and emails every attendee and buyer.
 */
export async function cancelRegistrationsOfEvent(trx: Db, actor: Actor, event: CoalitionEvent): Promise<void> {
  await cancelAllOrdersOfEvent(trx, actor, event);
}
