import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ilike, likePattern } from '../../db/dialect.ts';

type Db = Kysely<Database>;

// Reads of tickets for the door and the attendee list, and the only writes this part makes to
// tickets: the check-in fields, each by a guarded update.

/** A ticket as the door and the attendee list see it. */
export interface AttendeeRow {
  id: number;
  code: string;
  status: 'active' | 'cancelled';
  attendee_name: string;
  attendee_email: string;
  ticket_type_id: number;
  ticket_type_name: string;
  order_reference: string;
  order_status: 'pending' | 'confirmed' | 'cancelled' | 'expired';
  organisation_id: number | null;
  checked_in_at: string | null;
  checked_in_by: number | null;
}

export interface AttendeeFilters {
  eventId: number;
  q?: string;
  state?: 'all' | 'in' | 'out';
  ticketTypeId?: number;
}

function base(db: Db, eventId: number) {
  return db
    .selectFrom('tickets as t')
    .innerJoin('event_orders as o', 'o.id', 't.order_id')
    .innerJoin('ticket_types as tt', 'tt.id', 't.ticket_type_id')
    .where('t.event_id', '=', eventId);
}

const columns = [
  't.id', 't.code', 't.status', 't.attendee_name', 't.attendee_email', 't.ticket_type_id', 'tt.name as ticket_type_name',
  'o.reference as order_reference', 'o.status as order_status', 'o.organisation_id', 't.checked_in_at', 't.checked_in_by',
] as const;

/** Who holds a seat: active tickets of confirmed orders and of pending ones (a card payment on its way). */
function attending(db: Db, f: AttendeeFilters) {
  let q = base(db, f.eventId).where('t.status', '=', 'active').where('o.status', 'in', ['confirmed', 'pending']);
  if (f.state === 'in') q = q.where('t.checked_in_at', 'is not', null);
  if (f.state === 'out') q = q.where('t.checked_in_at', 'is', null);
  if (f.ticketTypeId !== undefined) q = q.where('t.ticket_type_id', '=', f.ticketTypeId);
  if (f.q) q = q.where(matches(db, f.q));
  return q;
}

/** A name or email containing the text, or an order reference or ticket code equal to it (any case). */
function matches(db: Db, text: string) {
  const pattern = likePattern(text);
  const op = sql.raw(ilike(db));
  // ESCAPE is spelled out because SQLite's LIKE has no default escape character.
  return sql<boolean>`(${sql.ref('t.attendee_name')} ${op} ${pattern} escape '\\' or ${sql.ref('t.attendee_email')} ${op} ${pattern} escape '\\' or upper(${sql.ref('o.reference')}) = ${text.toUpperCase()} or ${sql.ref('t.code')} = ${text})`;
}

export function findAttendees(db: Db, f: AttendeeFilters, limit: number, offset: number): Promise<AttendeeRow[]> {
  return attending(db, f).select(columns).orderBy('t.attendee_name').orderBy('t.id').limit(limit).offset(offset).execute() as Promise<AttendeeRow[]>;
}

export async function countAttendees(db: Db, f: AttendeeFilters): Promise<number> {
  const row = await attending(db, f).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Sold and checked-in tickets per ticket type (attending tickets only). */
export async function countByTicketType(db: Db, eventId: number): Promise<{ ticket_type_id: number; name: string; sold: number; checked_in: number }[]> {
  const rows = await attending(db, { eventId })
    .select((eb) => ['t.ticket_type_id', 'tt.name', 'tt.position', eb.fn.countAll<number | string>().as('sold'), eb.fn.count<number | string>('t.checked_in_at').as('checked_in')])
    .groupBy(['t.ticket_type_id', 'tt.name', 'tt.position'])
    .orderBy('tt.position')
    .orderBy('t.ticket_type_id')
    .execute();
  return rows.map((r) => ({ ticket_type_id: r.ticket_type_id, name: r.name, sold: Number(r.sold), checked_in: Number(r.checked_in) }));
}

/** Every ticket of the event with this code, whatever its state (the door explains why one is not valid). */
export function findTicketByCode(db: Db, eventId: number, code: string): Promise<AttendeeRow | undefined> {
  return base(db, eventId).where('t.code', '=', code).select(columns).executeTakeFirst() as Promise<AttendeeRow | undefined>;
}

/** Checks a ticket in, guarded: only an active ticket not yet checked in. False when someone was first. */
export async function markCheckedIn(db: Db, ticketId: number, by: number | null, at: string): Promise<boolean> {
  const res = await db
    .updateTable('tickets')
    .set({ checked_in_at: at, checked_in_by: by, updated_at: at })
    .where('id', '=', ticketId)
    .where('status', '=', 'active')
    .where('checked_in_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Undoes a check-in made by mistake (guarded: only a checked-in ticket). */
export async function clearCheckIn(db: Db, ticketId: number, at: string): Promise<boolean> {
  const res = await db.updateTable('tickets').set({ checked_in_at: null, checked_in_by: null, updated_at: at }).where('id', '=', ticketId).where('checked_in_at', 'is not', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function findTicketTypeChoices(db: Db, eventId: number): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('ticket_types').select(['id', 'name']).where('event_id', '=', eventId).orderBy('position').orderBy('id').execute();
}

/** The door's search: every ticket of the event matching the text, in any state (so staff can say why one is not valid). */
export function searchTickets(db: Db, eventId: number, text: string, limit: number): Promise<AttendeeRow[]> {
  return base(db, eventId).where(matches(db, text)).select(columns).orderBy('t.status').orderBy('t.attendee_name').orderBy('t.id').limit(limit).execute() as Promise<AttendeeRow[]>;
}
