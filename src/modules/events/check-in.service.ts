import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import * as repo from './attendees.repository.ts';
import { checkerName } from './attendees.service.ts';

type Db = Kysely<Database>;

/** Most results the door's search shows (staff narrow it by typing more). */
export const DOOR_RESULTS = 25;

/**
 * Whether a ticket gets its holder in: `valid` (not yet checked in), `checkedIn`, `pending` (a card
 * payment that has not arrived) or `invalid` (cancelled ticket or order, or an expired card hold).
 */
export type DoorState = 'valid' | 'checkedIn' | 'pending' | 'invalid';

export interface DoorTicket extends repo.AttendeeRow {
  state: DoorState;
  checkedInByName: string | null;
}

export function doorState(t: repo.AttendeeRow): DoorState {
  if (t.status !== 'active' || t.order_status === 'cancelled' || t.order_status === 'expired') return 'invalid';
  if (t.checked_in_at) return 'checkedIn';
  return t.order_status === 'pending' ? 'pending' : 'valid';
}

async function toDoorTicket(db: Db, t: repo.AttendeeRow): Promise<DoorTicket> {
  return { ...t, state: doorState(t), checkedInByName: t.checked_in_at ? await checkerName(db, t.checked_in_by) : null };
}

/** Tickets matching a name, email, order reference or ticket code (any state), for the door. */
export async function searchAtDoor(db: Db, event: CoalitionEvent, text: string): Promise<DoorTicket[]> {
  const rows = await repo.searchTickets(db, event.id, text, DOOR_RESULTS);
  return Promise.all(rows.map((r) => toDoorTicket(db, r)));
}

/**
 * The ticket a QR code names, at this event. A code from another event, a mistyped one, or one a
 * transfer replaced is simply not found here (the door page words that as "not a valid ticket").
 */
export async function ticketAtDoor(db: Db, event: CoalitionEvent, code: string): Promise<DoorTicket> {
  const found = await repo.findTicketByCode(db, event.id, code);
  if (!found) throw notFound();
  return toDoorTicket(db, found);
}

export type CheckInResult = { outcome: 'checkedIn' | 'already'; ticket: DoorTicket };

/**
 * Checks a ticket in by a guarded update (`checked_in_at IS NULL`), so two scanners at two doors
 * count one arrival once. A second check-in changes nothing and answers `already`, with the first
 * time and who made it. Cancelled and unpaid tickets are refused with the reason.
 */
export async function checkIn(db: Db, actor: Actor, event: CoalitionEvent, code: string): Promise<CheckInResult> {
  return db.transaction().execute(async (trx) => {
    const before = await ticketAtDoor(trx, event, code);
    if (before.state === 'invalid') throw conflict('attendees:door.notValid');
    if (before.state === 'pending') throw conflict('attendees:door.paymentPending');
    const at = nowIso();
    if (!(await repo.markCheckedIn(trx, before.id, actor.personId, at))) {
      const now = await ticketAtDoor(trx, event, code);
      if (now.state !== 'checkedIn') throw conflict('attendees:door.notValid');
      return { outcome: 'already', ticket: now };
    }
    await recordAudit(trx, actor, { action: 'ticket.checked_in', subjectType: 'ticket', subjectId: before.id, organisationId: event.organiser_id });
    return { outcome: 'checkedIn', ticket: await ticketAtDoor(trx, event, code) };
  });
}

/** Undoes a check-in made by mistake (organisers); refused when the ticket is not checked in. */
export async function undoCheckIn(db: Db, actor: Actor, event: CoalitionEvent, code: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ticket = await ticketAtDoor(trx, event, code);
    if (!(await repo.clearCheckIn(trx, ticket.id, nowIso()))) throw conflict('attendees:door.notCheckedIn');
    await recordAudit(trx, actor, { action: 'ticket.check_in_undone', subjectType: 'ticket', subjectId: ticket.id, organisationId: event.organiser_id, changes: { checked_in_at: [ticket.checked_in_at, null] } });
  });
}
