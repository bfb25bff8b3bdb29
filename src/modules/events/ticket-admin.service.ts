import { TZDate } from '@date-fns/tz';
import type { Kysely } from 'kysely';
import type { CapacityPool, CoalitionEvent, Database, PromoCode, TicketType } from '../../db/schema.ts';
import { bool, isUniqueViolation, nowIso } from '../../db/dialect.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import type { PoolInput, PromoCodeInput, TicketTypeInput } from './registration.schemas.ts';
import * as repo from './ticket-admin.repository.ts';
import { passFreedSeatsOn } from './waitlist.service.ts';

type Db = Kysely<Database>;

// Organisers set up what is sold: pools of seats, ticket types drawing on them, promo codes.
// Every change is audited against the organiser (the national office or a center).

/** A datetime-local value ("2026-10-01T09:00"), read in the event's time zone, as a UTC instant. */
export function localToUtc(value: string | undefined, timezone: string): string | null {
  if (!value) return null;
  const [d, t] = value.split('T') as [string, string];
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const [h, min] = t.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, day, h, min, timezone).getTime()).toISOString();
}

/** A UTC instant as a datetime-local value in the event's time zone (for re-filling a form). */
export function utcToLocal(iso: string | null, timezone: string): string {
  if (!iso) return '';
  return new TZDate(new Date(iso).getTime(), timezone).toISOString().slice(0, 16);
}

export interface TicketSetup {
  pools: CapacityPool[];
  types: TicketType[];
  promos: PromoCode[];
  /** Seats on active tickets per ticket type. */
  soldByType: Map<number, number>;
}

export async function getTicketSetup(db: Db, eventId: number): Promise<TicketSetup> {
  const [pools, types, promos, soldByType] = await Promise.all([repo.findPoolsOfEvent(db, eventId), repo.findTicketTypesOfEvent(db, eventId), repo.findPromoCodesOfEvent(db, eventId), repo.countSeatsByType(db, eventId)]);
  return { pools, types, promos, soldByType };
}

const audit = (trx: Db, actor: Actor, event: CoalitionEvent, action: string, subjectType: string, subjectId: number, changes: Record<string, unknown>) =>
  recordAudit(trx, actor, { action, subjectType, subjectId, organisationId: event.organiser_id, changes: { event: event.id, ...changes } });

export async function createPool(db: Db, actor: Actor, event: CoalitionEvent, input: PoolInput): Promise<CapacityPool> {
  return db.transaction().execute(async (trx) => {
    const pool = await repo.insertPool(trx, { event_id: event.id, name: input.name, capacity: input.capacity });
    await audit(trx, actor, event, 'capacity_pool.created', 'capacity_pool', pool.id, { name: input.name, capacity: input.capacity });
    return pool;
  });
}

/**
 * Renames a pool or changes its capacity. It cannot go below the seats already sold (refused with
 * the number, nothing changed); raising it offers the new seats to the waitlist at once.
 */
export async function updatePool(db: Db, actor: Actor, event: CoalitionEvent, poolId: number, input: PoolInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const pool = await repo.findPool(trx, event.id, poolId);
    if (!pool) throw notFound();
    if ((await repo.updatePoolIfFits(trx, pool.id, input.name, input.capacity)) !== 1) {
      throw badRequest({ capacity: ['registration-admin:errors.belowSold'] }, 'registration-admin:errors.belowSold');
    }
    await audit(trx, actor, event, 'capacity_pool.updated', 'capacity_pool', pool.id, { capacity: [pool.capacity, input.capacity], name: [pool.name, input.name] });
    if (input.capacity > pool.capacity) await passFreedSeatsOn(trx, await repo.findTicketTypeIdsOfPool(trx, pool.id));
  });
}

function typeColumns(event: CoalitionEvent, input: TicketTypeInput) {
  return {
    pool_id: input.pool_id,
    name: input.name,
    description: input.description ?? null,
    audience: input.audience,
    price_cents: input.price,
    member_discount: input.member_discount,
    seats_per_unit: input.seats_per_unit,
    is_add_on: input.is_add_on,
    max_per_order: input.max_per_order,
    sales_start_at: localToUtc(input.sales_start, event.timezone),
    sales_end_at: localToUtc(input.sales_end, event.timezone),
    position: input.position,
  };
}

async function checkPool(db: Db, event: CoalitionEvent, poolId: number): Promise<void> {
  if (!(await repo.findPool(db, event.id, poolId))) throw badRequest({ pool_id: ['validation:choice'] });
}

export async function createTicketType(db: Db, actor: Actor, event: CoalitionEvent, input: TicketTypeInput): Promise<TicketType> {
  await checkPool(db, event, input.pool_id);
  return db.transaction().execute(async (trx) => {
    const at = nowIso();
    const type = await repo.insertTicketType(trx, { event_id: event.id, ...typeColumns(event, input), retired_at: null, created_at: at, updated_at: at });
    await audit(trx, actor, event, 'ticket_type.created', 'ticket_type', type.id, { name: type.name, price_cents: type.price_cents });
    return type;
  });
}

/**
 * Changes a ticket type. Tickets already sold keep the price they were sold at. Its pool, seats per
 * ticket and add-on setting are fixed once anything was sold or offered in them: seats held and
 * released by those numbers would no longer add up (an organiser makes a new type instead).
 */
export async function updateTicketType(db: Db, actor: Actor, event: CoalitionEvent, typeId: number, input: TicketTypeInput): Promise<void> {
  const before = await repo.findTicketType(db, event.id, typeId);
  if (!before) throw notFound();
  await checkPool(db, event, input.pool_id);
  await db.transaction().execute(async (trx) => {
    const cols = typeColumns(event, input);
    const fixed = (['pool_id', 'seats_per_unit', 'is_add_on'] as const).filter((k) => (k === 'is_add_on' ? bool(before.is_add_on) !== cols.is_add_on : before[k] !== cols[k]));
    if (fixed.length > 0) {
      // The pool's row lock makes orders and offers of this type wait (or finish) before the check.
      await repo.lockPool(trx, before.pool_id);
      if (await repo.ticketTypeInUse(trx, typeId)) throw conflict('registration-admin:errors.typeInUse', Object.fromEntries(fixed.map((k) => [k, ['registration-admin:errors.typeInUse']])));
    }
    await repo.updateTicketType(trx, typeId, { ...cols, updated_at: nowIso() });
    await audit(trx, actor, event, 'ticket_type.updated', 'ticket_type', typeId, { price_cents: [before.price_cents, cols.price_cents], name: [before.name, cols.name] });
  });
}

/** Takes a ticket type off sale (or back on): sold tickets stay valid. */
export async function setTicketTypeRetired(db: Db, actor: Actor, event: CoalitionEvent, typeId: number, retired: boolean): Promise<void> {
  const before = await repo.findTicketType(db, event.id, typeId);
  if (!before) throw notFound();
  await db.transaction().execute(async (trx) => {
    await repo.updateTicketType(trx, typeId, { retired_at: retired ? nowIso() : null, updated_at: nowIso() });
    await audit(trx, actor, event, retired ? 'ticket_type.retired' : 'ticket_type.restored', 'ticket_type', typeId, {});
  });
}

export async function createPromoCode(db: Db, actor: Actor, event: CoalitionEvent, input: PromoCodeInput): Promise<PromoCode> {
  if (input.ticket_type_id !== undefined && !(await repo.findTicketType(db, event.id, input.ticket_type_id))) throw badRequest({ ticket_type_id: ['validation:choice'] });
  try {
    return await db.transaction().execute(async (trx) => {
      const promo = await repo.insertPromoCode(trx, {
        event_id: event.id,
        code: input.code,
        percent_off: input.kind === 'percent' ? input.percent_off! : null,
        amount_off_cents: input.kind === 'amount' ? input.amount_off! : null,
        max_uses: input.max_uses ?? null,
        used: 0,
        ticket_type_id: input.ticket_type_id ?? null,
        valid_from: localToUtc(input.valid_from, event.timezone),
        valid_until: localToUtc(input.valid_until, event.timezone),
        created_at: nowIso(),
      });
      await audit(trx, actor, event, 'promo_code.created', 'promo_code', promo.id, { code: promo.code });
      return promo;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('registration-admin:errors.codeTaken', { code: ['registration-admin:errors.codeTaken'] });
    throw err;
  }
}

/** Ends a promo code now (it stays on record with its uses). */
export async function endPromoCode(db: Db, actor: Actor, event: CoalitionEvent, promoId: number): Promise<void> {
  const promo = await repo.findPromoCode(db, event.id, promoId);
  if (!promo) throw notFound();
  await db.transaction().execute(async (trx) => {
    await repo.updatePromoCode(trx, promo.id, { valid_until: nowIso() });
    await audit(trx, actor, event, 'promo_code.ended', 'promo_code', promo.id, { code: promo.code });
  });
}
