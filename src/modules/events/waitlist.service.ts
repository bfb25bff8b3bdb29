import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

/**
 * CONTRACT (waitlist owner implements): called inside the transaction that just released seats of
 * these ticket types' pools (a cancellation, an expired hold, a raised capacity). Offers the freed
 * seats to the next waiting entries, in order, holding them in the pool, and emails each offer.
 */
export async function passFreedSeatsOn(_trx: Db, _ticketTypeIds: number[]): Promise<void> {}

/** A waitlist offer being taken up: the seats it holds are already counted in the pool. */
export interface TakenOffer {
  entryId: number;
  ticketTypeId: number;
  quantity: number;
}

/**
 * CONTRACT: inside the order's transaction, takes up the offer with this token for this person
 * (guarded: only an `offered`, unexpired entry of theirs). Throws a conflict when the offer has
 * expired, was already used, or is someone else's.
 */
export async function takeOffer(_trx: Db, _token: string, _who: { personId: number | null; email: string }): Promise<TakenOffer> {
  throw new Error('not built yet');
}

/** CONTRACT: records which order the taken offer became (same transaction). */
export async function linkOfferToOrder(_trx: Db, _entryId: number, _orderId: number): Promise<void> {}
