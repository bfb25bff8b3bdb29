import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';

type Db = Kysely<Database>;

// Never oversell: seats are claimed inside the order's transaction by one guarded UPDATE per pool
// (`sold + n <= capacity`, checked by the database on the row it updates), so two buyers racing
// for the last seat cannot both win, on SQLite or PostgreSQL, with one app process or many. A
// claim that changes no row means the seats are gone: the caller's whole transaction rolls back.

/** Seats wanted from one pool. */
export interface SeatClaim {
  poolId: number;
  seats: number;
}

/** The refusal when a pool cannot seat an order: "only N seats left", or "sold out — join the waitlist". */
export class SeatsUnavailable extends AppError {
  constructor(
    readonly poolId: number,
    readonly left: number,
  ) {
    super(409, left > 0 ? 'seats_limited' : 'sold_out', left > 0 ? 'registration:errors.onlyLeft' : 'registration:errors.soldOut', { params: { count: left } });
  }
}

let unguarded = false;

/**
 * TEST-ONLY: switches claims to the naive read-then-write (read `sold`, check in JavaScript, write
 * back what was read plus n), so the concurrency test can show it catches overselling. Never
 * called by the app.
 */
export function useUnguardedSeatClaimsForTests(on: boolean): void {
  unguarded = on;
}

async function seatsLeft(trx: Db, poolId: number): Promise<number> {
  const pool = await trx.selectFrom('capacity_pools').select(['capacity', 'sold']).where('id', '=', poolId).executeTakeFirst();
  return pool ? Math.max(0, pool.capacity - pool.sold) : 0;
}

async function claimUnguarded(trx: Db, poolId: number, seats: number): Promise<boolean> {
  const pool = await trx.selectFrom('capacity_pools').select(['capacity', 'sold']).where('id', '=', poolId).executeTakeFirst();
  if (!pool || pool.sold + seats > pool.capacity) return false;
  await new Promise((r) => setImmediate(r));
  await trx.updateTable('capacity_pools').set({ sold: pool.sold + seats }).where('id', '=', poolId).execute();
  return true;
}

/**
 * Claims seats in one pool with the guarded update. Returns whether it fitted; on false nothing
 * changed. Call inside the transaction that records what the seats are for.
 */
export async function tryClaimSeats(trx: Db, poolId: number, seats: number): Promise<boolean> {
  if (!Number.isInteger(seats) || seats < 0) throw new RangeError(`seats must be a whole number ≥ 0, got ${seats}`);
  if (seats === 0) return true;
  if (unguarded) return claimUnguarded(trx, poolId, seats);
  const result = await trx
    .updateTable('capacity_pools')
    .set({ sold: sql<number>`sold + ${seats}` })
    .where('id', '=', poolId)
    .where(sql<boolean>`sold + ${seats} <= capacity`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Claims every pool an order needs, in pool-id order (so two orders needing the same pools lock
 * them in the same order and cannot deadlock on PostgreSQL). The first pool that cannot seat its
 * share throws SeatsUnavailable; the caller's transaction then rolls back the claims already made.
 */
export async function claimSeats(trx: Db, claims: SeatClaim[]): Promise<void> {
  const merged = new Map<number, number>();
  for (const c of claims) merged.set(c.poolId, (merged.get(c.poolId) ?? 0) + c.seats);
  for (const [poolId, seats] of [...merged].sort((a, b) => a[0] - b[0])) {
    if (!(await tryClaimSeats(trx, poolId, seats))) throw new SeatsUnavailable(poolId, await seatsLeft(trx, poolId));
  }
}

/** Gives seats back to their pools (a cancellation, an expired hold). `sold` never goes below 0. */
export async function releaseSeats(trx: Db, claims: SeatClaim[]): Promise<void> {
  const merged = new Map<number, number>();
  for (const c of claims) merged.set(c.poolId, (merged.get(c.poolId) ?? 0) + c.seats);
  for (const [poolId, seats] of [...merged].sort((a, b) => a[0] - b[0])) {
    if (seats <= 0) continue;
    await trx
      .updateTable('capacity_pools')
      .set({ sold: sql<number>`CASE WHEN sold >= ${seats} THEN sold - ${seats} ELSE 0 END` })
      .where('id', '=', poolId)
      .execute();
  }
}
