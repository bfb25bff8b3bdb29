import type { Kysely } from 'kysely';
import type { Database, EventOrder, WaitlistEntry } from '../../db/schema.ts';
import { badRequest, conflict } from '../../platform/errors.ts';
import { prepareOrder, type Prepared } from './registration-checks.ts';
import * as repo from './registration.repository.ts';
import type { PlaceOrderRequest } from './registration.service.ts';
import { SeatsUnavailable } from './seats.ts';
import * as admin from './ticket-admin.repository.ts';
import * as waitlist from './waitlist.repository.ts';

type Db = Kysely<Database>;

// The review step before an order is placed: the same checks as placing (prepareOrder, the
// waitlist offer, the seats), answered from reads only. Nothing is claimed, so a seat shown as
// available here can still be gone when the buyer places the order; placing checks again with
// the guarded claim and says "only N seats left" then.

export type Review = { kind: 'placed'; order: EventOrder } | { kind: 'review'; prepared: Prepared };

/**
 * Reviews an order without writing anything. A submission key that already placed an order of
 * this buyer's gives that order back (the buyer went back after placing); anyone else's is a conflict,
 * as placing would say. Refusals are the ones placing throws (400 with fields, 409 for seats or offers).
 */
export async function reviewOrder(db: Db, req: PlaceOrderRequest): Promise<Review> {
  const now = req.now ?? new Date();
  const key = req.input.submission_key;
  if (key) {
    const found = await repo.findOrderByKey(db, key);
    if (found && (found.event_id !== req.event.id || found.buyer_person_id !== req.buyer.personId)) throw conflict('registration:errors.keyTaken');
    if (found) return { kind: 'placed', order: found };
  }
  const prepared = await prepareOrder(db, req, now);
  const offer = req.input.offer ? await offerFor(db, req.input.offer, req.buyer.personId, now) : null;
  await checkSeats(db, req.event.id, prepared, offer, now);
  return { kind: 'review', prepared };
}

/** The waitlist offer as taking it would find it, or the refusal taking it would give (waitlist.service takeOffer). */
async function offerFor(db: Db, token: string, personId: number, now: Date): Promise<WaitlistEntry> {
  const entry = await waitlist.findEntryByToken(db, token);
  if (!entry || entry.person_id !== personId) throw conflict('waitlist:errors.offerNotYours');
  if (entry.status === 'claimed') throw conflict('waitlist:errors.offerUsed');
  if (entry.status === 'expired' || (entry.status === 'offered' && (entry.offer_expires_at ?? '') <= now.toISOString())) throw conflict('waitlist:errors.offerExpired');
  if (entry.status !== 'offered') throw conflict('waitlist:errors.offerGone');
  return entry;
}

/**
 * Whether each pool can seat the order now: seats left, plus seats of card holds already past
 * their time (placing expires those before it claims), less nothing for seats a waitlist offer
 * already holds. Refuses as claimSeats would, with the seats left.
 */
async function checkSeats(db: Db, eventId: number, p: Prepared, offer: WaitlistEntry | null, now: Date): Promise<void> {
  const need = new Map<number, number>();
  for (const l of p.lines) need.set(l.type.pool_id, (need.get(l.type.pool_id) ?? 0) + l.units * l.type.seats_per_unit);
  if (offer) {
    const line = p.lines.find((l) => l.type.id === offer.ticket_type_id);
    if (!line) throw badRequest({ [`qty_${offer.ticket_type_id}`]: ['registration:errors.offerType'] }, 'registration:errors.fixOrder');
    const held = Math.min(line.units, offer.quantity) * line.type.seats_per_unit;
    need.set(line.type.pool_id, need.get(line.type.pool_id)! - held);
  }
  const pools = new Map((await admin.findPoolsOfEvent(db, eventId)).map((x) => [x.id, x]));
  const stale = await staleHeldSeats(db, eventId, now);
  for (const [poolId, seats] of [...need].sort((a, b) => a[0] - b[0])) {
    if (seats <= 0) continue;
    const pool = pools.get(poolId);
    const left = pool ? Math.max(0, pool.capacity - pool.sold + (stale.get(poolId) ?? 0)) : 0;
    if (seats > left) throw new SeatsUnavailable(poolId, left);
  }
}

/** Seats per pool on card holds of this event that have run out but not yet been expired by the job. */
async function staleHeldSeats(db: Db, eventId: number, now: Date): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('tickets')
    .innerJoin('event_orders', 'event_orders.id', 'tickets.order_id')
    .select(['tickets.pool_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('event_orders.event_id', '=', eventId)
    .where('event_orders.status', '=', 'pending')
    .where('event_orders.hold_expires_at', '<', now.toISOString())
    .where('tickets.status', '=', 'active')
    .groupBy('tickets.pool_id')
    .execute();
  return new Map(rows.map((r) => [r.pool_id, Number(r.n)]));
}
