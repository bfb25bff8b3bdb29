import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database } from '../../db/schema.ts';
import { createTicketType } from '../../../test/factories/events.ts';

/** A live order with one active ticket for `personId` (what the calendar reads; registration writes the real ones). */
export async function giveTicket(db: Kysely<Database>, event: CoalitionEvent, person: { id: number; name: string; email: string }, status: 'confirmed' | 'pending' | 'cancelled' = 'confirmed') {
  const type = await createTicketType(db, event.id, { capacity: 10 });
  const now = new Date().toISOString();
  const order = await db
    .insertInto('event_orders')
    .values({
      event_id: event.id,
      reference: `T-${randomUUID().slice(0, 8)}`,
      buyer_person_id: person.id,
      buyer_name: person.name,
      buyer_email: person.email,
      organisation_id: null,
      status,
      payment_method: 'free',
      invoice_id: null,
      promo_code_id: null,
      subtotal_cents: 0,
      discount_cents: 0,
      total_cents: 0,
      refund_cents: 0,
      refund_state: 'none',
      submission_key: randomUUID(),
      hold_expires_at: null,
      confirmed_at: now,
      cancelled_at: null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('tickets')
    .values({ order_id: order.id, event_id: event.id, ticket_type_id: type.id, pool_id: type.pool_id, parent_ticket_id: null, attendee_person_id: person.id, attendee_name: person.name, attendee_email: person.email, code: randomUUID(), price_cents: 0, status: 'active', checked_in_at: null, checked_in_by: null, created_at: now, updated_at: now })
    .execute();
  return order;
}

/** A scheduled session on the event's agenda. */
export async function addSession(db: Kysely<Database>, event: CoalitionEvent, overrides: { title?: string; status?: 'scheduled' | 'cancelled'; sequence?: number } = {}) {
  const now = new Date().toISOString();
  const starts = new Date(Date.parse(event.starts_at) + 3_600_000).toISOString();
  return db
    .insertInto('event_sessions')
    .values({ event_id: event.id, uid: `${randomUUID()}@sessions.test`, sequence: overrides.sequence ?? 0, title: overrides.title ?? 'A session', description: 'What we will do.', starts_at: starts, ends_at: new Date(Date.parse(starts) + 3_600_000).toISOString(), room: 'Room 1', capacity: null, status: overrides.status ?? 'scheduled', proposal_id: null, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}
