import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database, WaitlistEntry } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';
import { conflict } from '../../platform/errors.ts';
import { enqueueEmail } from '../../platform/mail/mail-jobs.ts';
import { siteUrl } from '../../platform/site-url.ts';
import { getPersonById } from '../people/people.service.ts';
import { findEventById } from './events.repository.ts';
import { offerEmail, offerExpiredEmail, type OfferFacts } from './waitlist-emails.ts';
import * as repo from './waitlist.repository.ts';

type Db = Kysely<Database>;

/**
 * How long an offer holds its seats. Two days gives someone who reads email once a day a fair
 * chance, without leaving seats idle for long before an event. The expiry job runs hourly, so an
 * offer may outlive its deadline by up to an hour, but it can no longer be taken up after it.
 */
export const OFFER_HOURS = 48;

/** Most offers one pass makes in one pool (a safety stop; a pool never frees this many at once). */
const MAX_OFFERS_PER_PASS = 1000;

const newOfferToken = (): string => randomBytes(24).toString('base64url');
const unique = (ids: number[]): number[] => [...new Set(ids)].sort((a, b) => a - b);

/** The seats an entry needs: a group ticket seats `seats_per_unit` people per unit. */
export const seatsOf = (entry: Pick<WaitlistEntry, 'quantity'>, type: Pick<repo.TicketTypeSeats, 'seats_per_unit'>): number => entry.quantity * type.seats_per_unit;

/** The ticket types whose waiting entries form one queue: every live type sharing the pool. */
export function queueOf(types: repo.TicketTypeSeats[]): number[] {
  return types.filter((t) => !t.retired_at).map((t) => t.id);
}

async function recipientOf(db: Db, entry: WaitlistEntry) {
  const person = entry.person_id !== null ? await getPersonById(db, entry.person_id) : undefined;
  return { email: entry.email, name: entry.name, locale: person?.locale ?? null };
}

const factsOf = (event: CoalitionEvent, type: repo.TicketTypeSeats, entry: WaitlistEntry): OfferFacts => ({ event: event.title, ticketType: type.name, quantity: entry.quantity, timezone: event.timezone });

/**
 * Marks a waiting entry offered (guarded), holding seats the caller already claimed, and queues the
 * email with the link and deadline. Returns false when the entry was no longer waiting.
 */
export async function makeOffer(trx: Db, event: CoalitionEvent, type: repo.TicketTypeSeats, entry: WaitlistEntry, now: Date): Promise<boolean> {
  const token = newOfferToken();
  const expiresAt = new Date(now.getTime() + OFFER_HOURS * 3_600_000).toISOString();
  if (!(await repo.markOffered(trx, entry.id, { token, at: now.toISOString(), expiresAt }))) return false;
  const link = siteUrl(`/events/${event.slug}/register?offer=${encodeURIComponent(token)}`);
  await enqueueEmail(trx, offerEmail(await recipientOf(trx, entry), factsOf(event, type, entry), { link, expiresAt }));
  return true;
}

/**
 * Offers a pool's free seats down its queue. Strict order: the first waiting entry that does not
 * fit stops the pass (a smaller entry behind it does not jump ahead), so nobody is overtaken
 * because they asked for more seats. Ticket types sharing a pool share one queue, by join order.
 */
async function offerFreeSeatsOfPool(trx: Db, poolId: number, now: Date): Promise<void> {
  if (!(await repo.lockPool(trx, poolId))) return;
  const types = await repo.findTicketTypesOfPool(trx, poolId);
  const event = types[0] && (await findEventById(trx, types[0].event_id));
  // A cancelled or finished event offers nothing: there is nothing left to register for.
  if (!event || event.status !== 'published' || event.ends_at <= now.toISOString()) return;
  const byId = new Map(types.map((t) => [t.id, t]));
  const queue = queueOf(types);
  if (queue.length === 0) return;
  for (let made = 0; made < MAX_OFFERS_PER_PASS; ) {
    const next = await repo.findNextWaiting(trx, queue);
    if (!next) return;
    const type = byId.get(next.ticket_type_id)!;
    const seats = seatsOf(next, type);
    if (!(await repo.claimSeats(trx, poolId, seats))) return;
    if (await makeOffer(trx, event, type, next, now)) made += 1;
    else await repo.releaseSeats(trx, poolId, seats); // it left meanwhile: give the seats back and look again
  }
}

/**
 * CONTRACT (waitlist owner implements): called inside the transaction that just released seats of
 * these ticket types' pools (a cancellation, an expired hold, a raised capacity). Offers the freed
 * seats to the next waiting entries, in order, holding them in the pool, and emails each offer.
 */
export async function passFreedSeatsOn(trx: Db, ticketTypeIds: number[], now: Date = new Date()): Promise<void> {
  const types = await repo.findTicketTypesByIds(trx, unique(ticketTypeIds));
  // Pools in id order, so two transactions passing seats on in several pools lock them in the same order.
  for (const poolId of unique(types.map((t) => t.pool_id))) await offerFreeSeatsOfPool(trx, poolId, now);
}

/** A waitlist offer being taken up: the seats it holds are already counted in the pool. */
export interface TakenOffer {
  entryId: number;
  ticketTypeId: number;
  quantity: number;
}

const isTheirs = (entry: WaitlistEntry, who: { personId: number | null; email: string }): boolean =>
  who.personId !== null ? entry.person_id === who.personId : entry.person_id === null && entry.email.toLowerCase() === who.email.toLowerCase();

/**
 * CONTRACT: inside the order's transaction, takes up the offer with this token for this person
 * (guarded: only an `offered`, unexpired entry of theirs). Throws a conflict when the offer has
 * expired, was already used, or is someone else's.
 */
export async function takeOffer(trx: Db, token: string, who: { personId: number | null; email: string }): Promise<TakenOffer> {
  const now = nowIso();
  const taken = await repo.claimOffer(trx, token, who, now);
  if (taken) return { entryId: taken.id, ticketTypeId: taken.ticket_type_id, quantity: taken.quantity };
  // Why not: read the entry only to word the refusal.
  const entry = await repo.findEntryByToken(trx, token);
  if (!entry || !isTheirs(entry, who)) throw conflict('waitlist:errors.offerNotYours');
  if (entry.status === 'claimed') throw conflict('waitlist:errors.offerUsed');
  if (entry.status === 'expired' || (entry.status === 'offered' && (entry.offer_expires_at ?? '') <= now)) throw conflict('waitlist:errors.offerExpired');
  throw conflict('waitlist:errors.offerGone');
}

/** CONTRACT: records which order the taken offer became (same transaction). */
export async function linkOfferToOrder(trx: Db, entryId: number, orderId: number): Promise<void> {
  await repo.setClaimedOrder(trx, entryId, orderId, nowIso());
}

/** Ends an offer (expired, declined, removed) and frees its seats for the next in the queue; the caller moved its status. */
export async function releaseOfferSeats(trx: Db, entry: WaitlistEntry, now: Date): Promise<void> {
  const [type] = await repo.findTicketTypesByIds(trx, [entry.ticket_type_id]);
  if (!type) return;
  await repo.releaseSeats(trx, type.pool_id, seatsOf(entry, type));
  await passFreedSeatsOn(trx, [type.id], now);
}

async function expireOne(trx: Db, id: number, now: Date): Promise<boolean> {
  if (!(await repo.expireOffer(trx, id, now.toISOString()))) return false; // claimed, left or expired by another run
  const entry = (await repo.findEntry(trx, id))!;
  const [type] = await repo.findTicketTypesByIds(trx, [entry.ticket_type_id]);
  const event = type && (await findEventById(trx, type.event_id));
  if (type && event) {
    const link = siteUrl(`/events/${event.slug}/waitlist`);
    await enqueueEmail(trx, offerExpiredEmail(await recipientOf(trx, entry), factsOf(event, type, entry), { link }));
  }
  await releaseOfferSeats(trx, entry, now);
  return true;
}

/**
 * The expiry job's work: every offer past its deadline becomes `expired`, its seats go back to the
 * pool and straight on to the next in the queue, each in its own transaction. Safe to run in two
 * processes at once: the guarded status change lets only one of them expire a given offer.
 */
export async function expireDueOffers(db: Db, now: Date): Promise<number> {
  let expired = 0;
  for (;;) {
    const due = await repo.findDueOffers(db, now.toISOString(), 100);
    let changed = 0;
    for (const { id } of due) if (await db.transaction().execute((trx) => expireOne(trx, id, now))) changed += 1;
    expired += changed;
    // Another process may hold the rest; stop when a batch changed nothing or was the last.
    if (due.length < 100 || changed === 0) return expired;
  }
}
