import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Organisation, Person } from '../../db/schema.ts';
import { systemActor } from '../audit/audit.service.ts';
import { createTestPlans } from '../affiliation/affiliation-test-support.ts';
import type { OrderInput } from './registration.schemas.ts';
import type { Buyer } from './registration.service.ts';

// Test helpers for the registration tests (not shipped code).

export const testActor = systemActor('registration test');

/** A buyer from a person, with the schools they may register for. */
export const buyerOf = (p: Person, schools: Organisation[] = []): Buyer => ({ personId: p.id, name: p.name, email: p.email, locale: 'en', schools });

/** An order input: units per ticket type, a fresh submission key, paid by invoice unless told otherwise. */
export function orderInput(items: [typeId: number, units: number][], extra: Partial<OrderInput> = {}): OrderInput {
  return { items: items.map(([ticket_type_id, quantity]) => ({ ticket_type_id, quantity })), payment_method: 'invoice', submission_key: randomUUID(), ...extra };
}

/** `n` attendees with distinct addresses. */
export const attendees = (n: number, tag = 'a') => Array.from({ length: n }, (_, i) => ({ name: `Attendee ${tag}${i + 1}`, email: `attendee-${tag}${i + 1}-${process.pid}@example.org` }));

/** Makes a school a current member on the school plan (event-discount 20%), paid through next year. */
export async function makeMember(db: Kysely<Database>, school: Organisation): Promise<void> {
  const existing = await db.selectFrom('affiliation_plans').select(['id']).where('name', '=', 'School membership').executeTakeFirst();
  const planId = existing?.id ?? (await createTestPlans(db)).school.id;
  const at = new Date().toISOString();
  const today = at.slice(0, 10);
  const next = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  const aff = await db
    .insertInto('affiliations')
    .values({ plan_id: planId, organisation_id: school.id, person_id: null, applicant_person_id: null, center_id: null, statement: null, decision: 'approved', status: 'current', status_on: today, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('affiliation_terms').values({ affiliation_id: aff.id, kind: 'join', starts_on: `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`, ends_on: next, invoice_id: null, paid_at: at, created_at: at }).execute();
}

/** Seats sold per the pool counters, and seats on active tickets of live orders, for an event. */
export async function seatCounts(db: Kysely<Database>, eventId: number): Promise<{ sold: number; capacity: number; tickets: number }> {
  const pools = await db.selectFrom('capacity_pools').select(['sold', 'capacity']).where('event_id', '=', eventId).execute();
  const tickets = await db
    .selectFrom('tickets')
    .innerJoin('event_orders', 'event_orders.id', 'tickets.order_id')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('tickets.event_id', '=', eventId)
    .where('tickets.status', '=', 'active')
    .where('event_orders.status', 'in', ['pending', 'confirmed'])
    .executeTakeFirstOrThrow();
  return { sold: pools.reduce((s, p) => s + p.sold, 0), capacity: pools.reduce((s, p) => s + p.capacity, 0), tickets: Number(tickets.n) };
}
