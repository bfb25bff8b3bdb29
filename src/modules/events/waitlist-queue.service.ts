import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database, WaitlistEntry } from '../../db/schema.ts';
import { bool, nowIso } from '../../db/dialect.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import type { JoinWaitlistInput } from './attendees.schemas.ts';
import * as repo from './waitlist.repository.ts';
import { makeOffer, queueOf, releaseOfferSeats, seatsOf } from './waitlist.service.ts';

type Db = Kysely<Database>;

// Joining, leaving and seeing one's place; and the organisers' view and overrides.

const free = (t: repo.TicketTypeSeats): number => t.capacity - t.sold;
/** Sold out for this ticket type: not even one unit (a group's worth of seats) is free. */
export const isSoldOut = (t: repo.TicketTypeSeats): boolean => free(t) < t.seats_per_unit;

/** Registration is open for the event at all (the waitlist follows it). */
const isOpen = (event: CoalitionEvent, now: string): boolean => event.status === 'published' && bool(event.registration_enabled) && event.ends_at > now;

/** One ticket type on the person's waitlist page. */
export interface WaitlistLine {
  type: repo.TicketTypeSeats;
  soldOut: boolean;
  entry: WaitlistEntry | null;
  /** Waiting entries ahead of theirs in the queue (0: next). */
  ahead: number | null;
}

/** Positions are counted in the pool's one queue (ticket types sharing seats share it). */
async function aheadOf(db: Db, entry: WaitlistEntry, types: repo.TicketTypeSeats[]): Promise<number> {
  const pool = types.find((t) => t.id === entry.ticket_type_id)!.pool_id;
  return repo.countWaitingAhead(db, queueOf(types.filter((t) => t.pool_id === pool)), entry.id);
}

/** What the waitlist page shows a person: each ticket type, whether it is sold out, and their place or offer. */
export async function waitlistFor(db: Db, event: CoalitionEvent, personId: number): Promise<{ open: boolean; lines: WaitlistLine[] }> {
  const [types, entries] = await Promise.all([repo.findTicketTypesOfEvent(db, event.id), repo.findLiveEntriesOfPerson(db, event.id, personId)]);
  const lines: WaitlistLine[] = [];
  for (const type of types.filter((t) => !t.retired_at)) {
    const entry = entries.find((e) => e.ticket_type_id === type.id) ?? null;
    const ahead = entry?.status === 'waiting' ? await aheadOf(db, entry, types) : null;
    lines.push({ type, soldOut: isSoldOut(type), entry, ahead });
  }
  return { open: isOpen(event, nowIso()), lines };
}

/**
 * Puts a person on a sold-out ticket type's waitlist. One live entry per person and ticket type:
 * joining again (a double submit) finds the first, and a new quantity replaces the old one without
 * losing the place. Refused, with a reason, when seats are free (register instead) or the event is
 * not open.
 */
export async function joinWaitlist(db: Db, event: CoalitionEvent, person: { personId: number; name: string; email: string }, input: JoinWaitlistInput): Promise<{ entry: WaitlistEntry; outcome: 'joined' | 'updated' | 'already' }> {
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    if (!isOpen(event, now)) throw conflict('waitlist:errors.closed');
    await repo.lockTicketType(trx, input.ticket_type_id);
    const [type] = await repo.findTicketTypesByIds(trx, [input.ticket_type_id]);
    if (!type || type.event_id !== event.id || type.retired_at) throw badRequest({ ticket_type_id: ['validation:choice'] });
    if (input.quantity > type.max_per_order) throw badRequest({ quantity: ['waitlist:errors.tooMany'] }, 'errors:badRequest');
    const live = (await repo.findLiveEntriesOfPerson(trx, event.id, person.personId)).find((e) => e.ticket_type_id === type.id);
    if (live) {
      if (live.status !== 'waiting' || live.quantity === input.quantity) return { entry: live, outcome: 'already' as const };
      await repo.setWaitingQuantity(trx, live.id, input.quantity, now);
      return { entry: { ...live, quantity: input.quantity }, outcome: 'updated' as const };
    }
    if (!isSoldOut(type)) throw conflict('waitlist:errors.seatsAvailable');
    const entry = await repo.insertEntry(trx, {
      event_id: event.id, ticket_type_id: type.id, person_id: person.personId, name: person.name, email: person.email,
      quantity: input.quantity, status: 'waiting', offer_token: null, offered_at: null, offer_expires_at: null, claimed_order_id: null, created_at: now, updated_at: now,
    });
    return { entry, outcome: 'joined' as const };
  });
}

/**
 * Takes an entry off the list (the person leaving, or an organiser removing it). An open offer is
 * declined: its seats go straight to the next in the queue.
 */
async function endEntry(trx: Db, entry: WaitlistEntry, personId: number | undefined): Promise<boolean> {
  const now = new Date();
  if (await repo.moveEntry(trx, entry.id, ['offered'], 'left', now.toISOString(), { personId })) {
    await releaseOfferSeats(trx, entry, now);
    return true;
  }
  return repo.moveEntry(trx, entry.id, ['waiting'], 'left', now.toISOString(), { personId });
}

/** The person leaves the waitlist (their own entry only; anyone else's is "not found"). */
export async function leaveWaitlist(db: Db, event: CoalitionEvent, personId: number, entryId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const entry = await repo.findEntry(trx, entryId);
    if (!entry || entry.event_id !== event.id || entry.person_id !== personId) throw notFound();
    if (!(await endEntry(trx, entry, personId))) throw conflict('waitlist:errors.notOnList');
  });
}

/** An entry on the organisers' page: its ticket type and place. */
export interface ManagedEntry {
  entry: WaitlistEntry;
  position: number | null;
  seats: number;
}

/** The organisers' view: live entries by ticket type (queue order), with the pool's free seats. */
export async function waitlistForOrganisers(db: Db, event: CoalitionEvent): Promise<{ type: repo.TicketTypeSeats; free: number; entries: ManagedEntry[] }[]> {
  const [types, entries] = await Promise.all([repo.findTicketTypesOfEvent(db, event.id), repo.findEntriesOfEvent(db, event.id, ['waiting', 'offered'])]);
  const out = [];
  for (const type of types) {
    const mine = entries.filter((e) => e.ticket_type_id === type.id);
    if (mine.length === 0 && type.retired_at) continue;
    const rows: ManagedEntry[] = [];
    for (const entry of mine) rows.push({ entry, position: entry.status === 'waiting' ? (await aheadOf(db, entry, types)) + 1 : null, seats: seatsOf(entry, type) });
    out.push({ type, free: free(type), entries: rows });
  }
  return out;
}

async function entryOfEvent(trx: Db, event: CoalitionEvent, entryId: number): Promise<WaitlistEntry> {
  const entry = await repo.findEntry(trx, entryId);
  if (!entry || entry.event_id !== event.id) throw notFound();
  return entry;
}

/** An organiser offers seats to one entry now, out of turn (seats must be free; nothing is taken from anyone). */
export async function offerNow(db: Db, actor: Actor, event: CoalitionEvent, entryId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const entry = await entryOfEvent(trx, event, entryId);
    const [type] = await repo.findTicketTypesByIds(trx, [entry.ticket_type_id]);
    if (!type || entry.status !== 'waiting') throw conflict('waitlist:errors.notWaiting');
    await repo.lockPool(trx, type.pool_id);
    if (!isOpen(event, nowIso())) throw conflict('waitlist:errors.closed');
    if (!(await repo.claimSeats(trx, type.pool_id, seatsOf(entry, type)))) throw conflict('waitlist:errors.noSeatsFree');
    if (!(await makeOffer(trx, event, type, entry, new Date()))) throw conflict('waitlist:errors.notWaiting');
    await recordAudit(trx, actor, { action: 'waitlist_entry.offered', subjectType: 'waitlist_entry', subjectId: entry.id, organisationId: event.organiser_id });
  });
}

/** An organiser removes an entry (an open offer's seats pass on). */
export async function removeEntry(db: Db, actor: Actor, event: CoalitionEvent, entryId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const entry = await entryOfEvent(trx, event, entryId);
    if (!(await endEntry(trx, entry, undefined))) throw conflict('waitlist:errors.notOnList');
    await recordAudit(trx, actor, { action: 'waitlist_entry.removed', subjectType: 'waitlist_entry', subjectId: entry.id, organisationId: event.organiser_id, changes: { status: [entry.status, 'left'] } });
  });
}
