import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database } from '../../db/schema.ts';
import type { CsvTable } from '../../platform/csv/csv-export.ts';
import * as repo from './registration.repository.ts';
import type { OrderListQuery } from './registration.schemas.ts';
import * as admin from './ticket-admin.repository.ts';

type Db = Kysely<Database>;

/** Orders per page in the organisers' list. */
export const ORDERS_PER_PAGE = 50;
/** The export's ceiling: far above any convening's orders, and a bound on one request's work. */
const EXPORT_LIMIT = 20_000;

const filtersOf = (eventId: number, q: OrderListQuery): repo.OrderFilters => ({ eventId, status: q.status, payment: q.payment, q: q.q });

/** A page of the event's orders, newest first. */
export async function listOrders(db: Db, eventId: number, q: OrderListQuery) {
  const f = filtersOf(eventId, q);
  const [items, total] = await Promise.all([repo.findOrdersOfEvent(db, f, { limit: ORDERS_PER_PAGE, offset: (q.page - 1) * ORDERS_PER_PAGE }), repo.countOrdersOfEvent(db, f)]);
  return { items, total, page: q.page, perPage: ORDERS_PER_PAGE };
}

/** The filtered orders as a table, one row per ticket (what the office reconciles against invoices). */
export async function ordersCsv(db: Db, event: CoalitionEvent, q: OrderListQuery): Promise<CsvTable> {
  const orders = await repo.findOrdersOfEvent(db, filtersOf(event.id, q), { limit: EXPORT_LIMIT, offset: 0 });
  const tickets = await repo.findTicketsOfOrders(db, orders.map((o) => o.id));
  const types = new Map((await admin.findTicketTypesOfEvent(db, event.id)).map((t) => [t.id, t.name]));
  const byOrder = new Map<number, typeof tickets>();
  for (const t of tickets) byOrder.set(t.order_id, [...(byOrder.get(t.order_id) ?? []), t]);
  const rows = orders.flatMap((o) =>
    (byOrder.get(o.id) ?? [null]).map((t) => [
      o.reference,
      o.status,
      o.payment_method,
      o.buyer_name,
      o.buyer_email,
      o.total_cents / 100,
      o.refund_state,
      o.refund_cents / 100,
      o.created_at,
      t ? (types.get(t.ticket_type_id) ?? '') : '',
      t?.attendee_name ?? '',
      t?.attendee_email ?? '',
      t?.status ?? '',
      t ? t.price_cents / 100 : '',
    ]),
  );
  return {
    header: ['reference', 'status', 'payment', 'buyer', 'buyer_email', 'order_total', 'refund_state', 'refund', 'placed_at', 'ticket_type', 'attendee', 'attendee_email', 'ticket_status', 'ticket_price'],
    rows,
  };
}
