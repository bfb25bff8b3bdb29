import type { Kysely } from 'kysely';
import type { Database, EventOrder, Organisation, TicketType } from '../../db/schema.ts';
import { bool } from '../../db/dialect.ts';
import { badRequest, conflict, type FieldErrors } from '../../platform/errors.ts';
import { benefitsForOrganisation, benefitsForPerson, benefitValue, type Benefit } from '../affiliation/benefits.service.ts';
import { listPeopleOfOrganisation } from '../people/roles.service.ts';
import { isPresenterAt } from './presenters.service.ts';
import { memberPercent, priceOrder, promoApplies, type OrderPrice } from './pricing.ts';
import { eventTakesRegistrations, saleState } from './registration-rules.ts';
import type { Buyer, PlaceOrderRequest } from './registration.service.ts';
import * as admin from './ticket-admin.repository.ts';

type Db = Kysely<Database>;

// The checks an order passes before anything is written: the event takes registrations, each
// ticket type is on sale and within its per-order limit, the buyer may buy it (members, presenters),
// the attendees match the seats, the promo code is valid, and the payment method fits the total.
// Member pricing comes from the affiliation service only, for the buyer or their school.

/** The membership benefits that price this order: the school's for a school order, else the buyer's own. */
export function benefitsForOrder(db: Db, buyer: Buyer, school: Organisation | null): Promise<Benefit[]> {
  return school ? benefitsForOrganisation(db, school.id) : benefitsForPerson(db, buyer.personId);
}

/** The member discount this viewer (or school) gets on event tickets, with the plan's label, or null. */
export function memberDiscountOf(benefits: Benefit[]): { percent: number; label: string } | null {
  const value = benefitValue(benefits, 'event-discount');
  const percent = memberPercent(value);
  if (percent === null) return null;
  const b = benefits.find((x) => x.key === 'event-discount' && x.value === value)!;
  return { percent, label: `${b.label} (${b.planName})` };
}

export interface Prepared {
  school: Organisation | null;
  lines: { type: TicketType; units: number }[];
  price: OrderPrice;
  promoId: number | null;
  attendees: { personId: number | null; name: string; email: string }[];
  method: EventOrder['payment_method'];
  /** The membership discount that priced it, with the plan's label (the review page names it). */
  member: { percent: number; label: string } | null;
}

/**
 * Checks an order against the event, its ticket types, the buyer's memberships and the promo code,
 * and prices it. Every problem is reported against its field; nothing is written.
 */
export async function prepareOrder(db: Db, req: PlaceOrderRequest, now: Date): Promise<Prepared> {
  const { event, buyer, input } = req;
  const errors: FieldErrors = {};
  const add = (field: string, key: string) => {
    const list = (errors[field] ??= []);
    if (!list.includes(key)) list.push(key);
  };
  if (!eventTakesRegistrations(event, now)) throw conflict('registration:errors.closed');
  let school: Organisation | null = null;
  if (input.organisation_id !== undefined) {
    school = buyer.schools.find((s) => s.id === input.organisation_id) ?? null;
    if (!school) add('organisation_id', 'registration:errors.notYourSchool');
  }
  const types = new Map((await admin.findTicketTypesOfEvent(db, event.id)).map((t) => [t.id, t]));
  const units = new Map<number, number>();
  for (const item of input.items) units.set(item.ticket_type_id, (units.get(item.ticket_type_id) ?? 0) + item.quantity);
  const lines: Prepared['lines'] = [];
  for (const [typeId, n] of units) {
    const type = types.get(typeId);
    const field = `qty_${typeId}`;
    if (!type) {
      add(field, 'registration:errors.unknownType');
      continue;
    }
    if (n === 0) continue;
    const state = saleState(type, event, now);
    if (state !== 'on_sale') add(field, `registration:errors.sale.${state}`);
    if (n > type.max_per_order) add(field, 'registration:errors.overMax');
    lines.push({ type, units: n });
  }
  const mainSeats = lines.filter((l) => !bool(l.type.is_add_on)).reduce((s, l) => s + l.units * l.type.seats_per_unit, 0);
  const addOnSeats = lines.filter((l) => bool(l.type.is_add_on)).reduce((s, l) => s + l.units * l.type.seats_per_unit, 0);
  if (lines.length === 0 && Object.keys(errors).length === 0) add('items', 'registration:errors.noTickets');
  else if (mainSeats === 0 && addOnSeats > 0) add('items', 'registration:errors.addOnNeedsMain');
  else if (addOnSeats > mainSeats) add('items', 'registration:errors.addOnPerMain');

  const benefits = await benefitsForOrder(db, buyer, school);
  for (const l of lines) {
    if (l.type.audience === 'members' && benefits.length === 0) add(`qty_${l.type.id}`, 'registration:errors.membersOnly');
    if (l.type.audience === 'presenters' && !(await isPresenterAt(db, event.id, buyer.personId))) add(`qty_${l.type.id}`, 'registration:errors.presentersOnly');
  }

  // Attendees: chosen staff first, then typed names; one seat alone defaults to the buyer.
  const attendees: Prepared['attendees'] = [];
  if (input.staff_ids?.length) {
    if (!school) add('staff_ids', 'registration:errors.staffNeedsSchool');
    else {
      const staff = new Map((await listPeopleOfOrganisation(db, school.id)).map((s) => [s.person.id, s.person]));
      for (const id of new Set(input.staff_ids)) {
        const p = staff.get(id);
        if (!p) add('staff_ids', 'registration:errors.notStaff');
        else attendees.push({ personId: p.id, name: p.name, email: p.email });
      }
    }
  }
  for (const a of input.attendees ?? []) attendees.push({ personId: null, name: a.name, email: a.email });
  if (attendees.length === 0 && mainSeats === 1) attendees.push({ personId: buyer.personId, name: buyer.name, email: buyer.email });
  if (mainSeats > 0 && attendees.length !== mainSeats) add('attendees', 'registration:errors.attendeeCount');
  else personalTicketProblems(lines, attendees, buyer, school).forEach(([field, key]) => add(field, key));

  let promoId: number | null = null;
  let promo = null;
  if (input.promo_code) {
    const found = await admin.findPromoCodeByCode(db, event.id, input.promo_code);
    if (!found) add('promo_code', 'registration:errors.promo.unknown');
    else if (found.valid_from && new Date(found.valid_from) > now) add('promo_code', 'registration:errors.promo.notYet');
    else if (found.valid_until && new Date(found.valid_until) < now) add('promo_code', 'registration:errors.promo.expired');
    else if (found.max_uses !== null && found.used >= found.max_uses) add('promo_code', 'registration:errors.promo.usedUp');
    else {
      promoId = found.id;
      promo = { percentOff: found.percent_off, amountOffCents: found.amount_off_cents, ticketTypeId: found.ticket_type_id };
    }
  }
  const member = memberDiscountOf(benefits);
  const memberPct = member?.percent ?? null;
  const price = priceOrder(lines.map((l) => ({ type: { id: l.type.id, name: l.type.name, priceCents: l.type.price_cents, memberDiscount: bool(l.type.member_discount), seatsPerUnit: l.type.seats_per_unit }, units: l.units })), memberPct, promo);
  if (promo && !promoApplies(price.lines, promo)) add('promo_code', 'registration:errors.promo.notApplicable');

  let method = input.payment_method;
  if (price.totalCents === 0) method = 'free';
  else if (method === 'free') add('payment_method', 'registration:errors.notFree');
  else if (method === 'card' && !req.cardAvailable) add('payment_method', 'registration:errors.noCard');
  if (Object.keys(errors).length > 0) throw badRequest(errors, 'registration:errors.fixOrder');
  return { school, lines, price, promoId, attendees, method, member };
}


/**
 * Presenters' tickets, and members' tickets in an order for oneself, are personal: the buyer was
 * checked (a presenter here, a member), not the people they list, so such a ticket must be the
 * buyer's own, and one person holds one. A school's order rests on the school's membership, so its
 * members' tickets may be for any of its people. Seats go to attendees in the order tickets are
 * issued: main ticket types in the order's order, each type's seats one after another.
 */
function personalTicketProblems(lines: Prepared['lines'], attendees: Prepared['attendees'], buyer: Buyer, school: Organisation | null): [string, string][] {
  const isBuyer = (a: Prepared['attendees'][number]) => a.personId === buyer.personId || a.email.toLowerCase() === buyer.email.toLowerCase();
  const problems: [string, string][] = [];
  let seat = 0;
  let personal = 0;
  for (const l of lines.filter((x) => !bool(x.type.is_add_on))) {
    const n = l.units * l.type.seats_per_unit;
    if (l.type.audience === 'presenters' || (l.type.audience === 'members' && !school)) {
      personal += n;
      if (personal > 1 || attendees.slice(seat, seat + n).some((a) => !isBuyer(a))) problems.push([`qty_${l.type.id}`, `registration:errors.personalTicket.${l.type.audience}`]);
    }
    seat += n;
  }
  return problems;
}
