import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Database, EventOrder, EventOrderTable, OrderStatus, Ticket, TicketTable } from '../../db/schema.ts';
import { ilike, isPostgres, likePattern } from '../../db/dialect.ts';

type Db = Kysely<Database>;

// Orders and tickets: the registration flow's own tables (ticket types, pools and promo codes are
// in ticket-admin.repository.ts).

export function insertOrder(db: Db, row: Insertable<EventOrderTable>): Promise<EventOrder> {
  return db.insertInto('event_orders').values(row).returningAll().executeTakeFirstOrThrow();
}

export function insertTicket(db: Db, row: Insertable<TicketTable>): Promise<Ticket> {
  return db.insertInto('tickets').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findOrderByKey(db: Db, key: string) {
  return db.selectFrom('event_orders').selectAll().where('submission_key', '=', key).executeTakeFirst();
}

export function findOrderById(db: Db, id: number) {
  return db.selectFrom('event_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOrderByReference(db: Db, eventId: number, reference: string) {
  return db.selectFrom('event_orders').selectAll().where('event_id', '=', eventId).where('reference', '=', reference).executeTakeFirst();
}

/** The order, locked for the rest of the transaction on PostgreSQL (SQLite's write lock already serialises). */
export function lockOrder(db: Db, id: number) {
  const q = db.selectFrom('event_orders').selectAll().where('id', '=', id);
  return (isPostgres(db) ? q.forUpdate() : q).executeTakeFirst();
}

/**
 * The event re-read inside the order's transaction, share-locked on PostgreSQL: a cancel or
 * publish (an UPDATE of this row) waits for orders in flight and they wait for it, so no order is
 * confirmed on an event cancelled meanwhile. A share lock, not FOR UPDATE, so orders at a busy
 * event do not queue behind one another (their seats are already serialised by the pool's row).
 * SQLite runs one write transaction at a time, which gives the same guarantee.
 */
export function lockEventForOrder(db: Db, id: number) {
  const q = db.selectFrom('events').selectAll().where('id', '=', id);
  return (isPostgres(db) ? q.forShare() : q).executeTakeFirst();
}

export function findTicketsOfOrders(db: Db, orderIds: number[]): Promise<Ticket[]> {
  if (orderIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('tickets').selectAll().where('order_id', 'in', orderIds).orderBy('id').execute();
}

export function findTicketByCode(db: Db, code: string) {
  return db.selectFrom('tickets').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Moves an order from one status to another; 0 when it was no longer in `from` (someone got there first). */
export async function updateOrderIfStatus(db: Db, id: number, from: OrderStatus[], changes: Updateable<EventOrderTable>): Promise<number> {
  const r = await db.updateTable('event_orders').set(changes).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function updateOrder(db: Db, id: number, changes: Updateable<EventOrderTable>): Promise<void> {
  await db.updateTable('event_orders').set(changes).where('id', '=', id).execute();
}

/** Cancels active tickets (guarded): returns the ones this call cancelled. */
export async function cancelTickets(db: Db, ids: number[], at: string): Promise<Ticket[]> {
  if (ids.length === 0) return [];
  const active = await db.selectFrom('tickets').selectAll().where('id', 'in', ids).where('status', '=', 'active').execute();
  if (active.length === 0) return [];
  await db.updateTable('tickets').set({ status: 'cancelled', updated_at: at }).where('id', 'in', active.map((t) => t.id)).where('status', '=', 'active').execute();
  return active;
}

export async function updateTicketIfActive(db: Db, id: number, changes: Updateable<TicketTable>): Promise<number> {
  const r = await db.updateTable('tickets').set(changes).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Card holds past their time. */
export function findExpiredHolds(db: Db, now: string, limit: number, eventId?: number) {
  let q = db.selectFrom('event_orders').select(['id']).where('status', '=', 'pending').where('hold_expires_at', '<', now);
  if (eventId !== undefined) q = q.where('event_id', '=', eventId);
  return q.orderBy('id').limit(limit).execute();
}

/** A refund made: due → issued, guarded (false when none was due). */
export async function setRefundIssued(db: Db, id: number, at: string): Promise<boolean> {
  const r = await db.updateTable('event_orders').set({ refund_state: 'issued', updated_at: at }).where('id', '=', id).where('refund_state', '=', 'due').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Orders someone bought, or holds a ticket of (by person or email), newest event first. */
export function findOrdersOfPerson(db: Db, personId: number, email: string | null) {
  return db
    .selectFrom('event_orders')
    .innerJoin('events', 'events.id', 'event_orders.event_id')
    .selectAll('event_orders')
    .select(['events.slug as event_slug', 'events.title as event_title', 'events.starts_at as event_starts_at', 'events.ends_at as event_ends_at', 'events.status as event_status'])
    .where((eb) =>
      eb.or([
        eb('event_orders.buyer_person_id', '=', personId),
        eb.exists(
          eb
            .selectFrom('tickets')
            .select('tickets.id')
            .whereRef('tickets.order_id', '=', 'event_orders.id')
            .where((w) => w.or([w('tickets.attendee_person_id', '=', personId), ...(email ? [w('tickets.attendee_email', '=', email)] : [])])),
        ),
      ]),
    )
    .where('event_orders.status', 'in', ['pending', 'confirmed', 'cancelled'])
    .orderBy('events.starts_at', 'desc')
    .orderBy('event_orders.id', 'desc')
    .limit(500)
    .execute();
}

export interface OrderFilters {
  eventId: number;
  status?: OrderStatus;
  payment?: 'free' | 'invoice' | 'card' | 'refund_due';
  q?: string;
}

function filtered(db: Db, f: OrderFilters) {
  let q = db.selectFrom('event_orders').where('event_orders.event_id', '=', f.eventId);
  if (f.status) q = q.where('event_orders.status', '=', f.status);
  if (f.payment === 'refund_due') q = q.where('event_orders.refund_state', '=', 'due');
  else if (f.payment) q = q.where('event_orders.payment_method', '=', f.payment);
  if (f.q) {
    const pattern = likePattern(f.q);
    const op = ilike(db);
    q = q.where((eb) =>
      eb.or([
        eb('event_orders.reference', op, pattern),
        eb('event_orders.buyer_name', op, pattern),
        eb('event_orders.buyer_email', op, pattern),
        eb.exists(
          eb
            .selectFrom('tickets')
            .select('tickets.id')
            .whereRef('tickets.order_id', '=', 'event_orders.id')
            .where((w) => w.or([w('tickets.attendee_name', op, pattern), w('tickets.attendee_email', op, pattern)])),
        ),
      ]),
    );
  }
  return q;
}

/** Orders of an event for the organisers' list, newest first. */
export function findOrdersOfEvent(db: Db, f: OrderFilters, page: { limit: number; offset: number }) {
  return filtered(db, f)
    .selectAll('event_orders')
    .select((eb) => eb.selectFrom('tickets').select(sql<number>`count(*)`.as('n')).whereRef('tickets.order_id', '=', 'event_orders.id').where('tickets.status', '=', 'active').as('active_tickets'))
    .orderBy('event_orders.created_at', 'desc')
    .orderBy('event_orders.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countOrdersOfEvent(db: Db, f: OrderFilters): Promise<number> {
  const row = await filtered(db, f).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The orders of an event that a cancellation of the event must undo. */
export function findLiveOrdersOfEvent(db: Db, eventId: number) {
  return db.selectFrom('event_orders').selectAll().where('event_id', '=', eventId).where('status', 'in', ['pending', 'confirmed']).orderBy('id').execute();
}

/** The viewer's active tickets and live orders for one event (the event page's "your registrations"). */
export function findOrdersOfPersonForEvent(db: Db, eventId: number, personId: number) {
  return db
    .selectFrom('event_orders')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('status', 'in', ['pending', 'confirmed'])
    .where((eb) =>
      eb.or([
        eb('buyer_person_id', '=', personId),
        eb.exists(eb.selectFrom('tickets').select('tickets.id').whereRef('tickets.order_id', '=', 'event_orders.id').where('tickets.attendee_person_id', '=', personId).where('tickets.status', '=', 'active')),
      ]),
    )
    .orderBy('id')
    .execute();
}
