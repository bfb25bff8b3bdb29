import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { CoalitionEvent, Database, EventOrder, OrderStatus, Ticket, TicketType } from '../../src/db/schema.ts';

let seq = 0;

/**
 * An order with one ticket per seat of `quantity` units of a ticket type, seats claimed from its
 * pool the way registration does (guarded; throws if they are not free), inserted directly so the
 * waitlist and door tests do not depend on the registration flow.
 */
export async function createOrderWithTickets(
  db: Kysely<Database>,
  event: CoalitionEvent,
  type: TicketType,
  opts: { quantity?: number; status?: OrderStatus; buyer?: { id?: number; name: string; email: string }; organisationId?: number | null; attendees?: { name: string; email: string; personId?: number }[]; seatsAlreadyHeld?: boolean } = {},
): Promise<{ order: EventOrder; tickets: Ticket[] }> {
  seq += 1;
  const now = new Date().toISOString();
  const seats = (opts.quantity ?? 1) * type.seats_per_unit;
  // An order from a waitlist offer uses the seats the offer holds: it claims none of its own.
  if (!opts.seatsAlreadyHeld) {
    const claimed = await db.updateTable('capacity_pools').set({ sold: sql`sold + ${seats}` }).where('id', '=', type.pool_id).where(sql<boolean>`sold + ${seats} <= capacity`).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw new Error('createOrderWithTickets: not enough free seats');
  }
  const buyer = opts.buyer ?? { name: `Buyer ${seq}`, email: `buyer-${process.pid}-${seq}@example.org` };
  const order = await db
    .insertInto('event_orders')
    .values({
      event_id: event.id, reference: `T${process.pid % 1000}-${seq}${randomBytes(2).toString('hex')}`.toUpperCase().slice(0, 24), buyer_person_id: buyer.id ?? null, buyer_name: buyer.name, buyer_email: buyer.email,
      organisation_id: opts.organisationId ?? null, status: opts.status ?? 'confirmed', payment_method: 'invoice', invoice_id: null, promo_code_id: null,
      subtotal_cents: 0, discount_cents: 0, total_cents: 0, refund_cents: 0, refund_state: 'none', submission_key: randomBytes(16).toString('hex'), hold_expires_at: null,
      confirmed_at: now, cancelled_at: null, created_at: now, updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const tickets: Ticket[] = [];
  for (let i = 0; i < seats; i++) {
    const who = opts.attendees?.[i] ?? { name: `${buyer.name}${seats > 1 ? ` guest ${i + 1}` : ''}`, email: buyer.email };
    tickets.push(
      await db
        .insertInto('tickets')
        .values({
          order_id: order.id, event_id: event.id, ticket_type_id: type.id, pool_id: type.pool_id, parent_ticket_id: null, attendee_person_id: who.personId ?? null,
          attendee_name: who.name, attendee_email: who.email, code: randomBytes(12).toString('base64url'), price_cents: type.price_cents, status: 'active',
          checked_in_at: null, checked_in_by: null, created_at: now, updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  }
  return { order, tickets };
}

/** Cancels an order's tickets and gives their seats back, as registration's cancellation does (without the waitlist). */
export async function cancelOrderDirectly(db: Kysely<Database>, order: EventOrder, type: TicketType): Promise<number> {
  const now = new Date().toISOString();
  const res = await db.updateTable('tickets').set({ status: 'cancelled', updated_at: now }).where('order_id', '=', order.id).where('status', '=', 'active').executeTakeFirst();
  const seats = Number(res.numUpdatedRows);
  await db.updateTable('event_orders').set({ status: 'cancelled', cancelled_at: now, updated_at: now }).where('id', '=', order.id).execute();
  await db.updateTable('capacity_pools').set({ sold: sql`sold - ${seats}` }).where('id', '=', type.pool_id).execute();
  return seats;
}

/**
 * The pool invariant the waitlist must keep: seats sold = seats of live tickets (confirmed and
 * pending orders) + seats held by open offers. Returns both sides.
 */
export async function poolBalance(db: Kysely<Database>, poolId: number): Promise<{ sold: number; accounted: number }> {
  const pool = await db.selectFrom('capacity_pools').select('sold').where('id', '=', poolId).executeTakeFirstOrThrow();
  const tickets = await db
    .selectFrom('tickets as t')
    .innerJoin('event_orders as o', 'o.id', 't.order_id')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('t.pool_id', '=', poolId)
    .where('t.status', '=', 'active')
    .where('o.status', 'in', ['confirmed', 'pending'])
    .executeTakeFirstOrThrow();
  const offers = await db
    .selectFrom('waitlist_entries as w')
    .innerJoin('ticket_types as tt', 'tt.id', 'w.ticket_type_id')
    .select(['w.quantity', 'tt.seats_per_unit'])
    .where('tt.pool_id', '=', poolId)
    .where('w.status', '=', 'offered')
    .execute();
  return { sold: pool.sold, accounted: Number(tickets.n) + offers.reduce((n, o) => n + o.quantity * o.seats_per_unit, 0) };
}
