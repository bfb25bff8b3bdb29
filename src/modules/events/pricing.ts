// What an order costs: pure arithmetic on whole cents, no database. The service gathers the facts
// (list prices, the buyer's `event-discount` benefit from the affiliation service, a promo code)
// and this file turns them into lines, totals and the price each ticket carries (for refunds).
//
// Rounding, to the cent: a member discount of p% makes a unit cost round(price × (100 − p) / 100),
// halves rounding up; a promo of p% takes round(line × p / 100) off each line it applies to; an
// amount-off promo is spent on the matching lines in order until used up. Nothing goes below 0.

/** A ticket type as pricing sees it. */
export interface PricedType {
  id: number;
  name: string;
  priceCents: number;
  memberDiscount: boolean;
  seatsPerUnit: number;
}

export interface PromoTerms {
  percentOff: number | null;
  amountOffCents: number | null;
  /** Only this ticket type's lines; null: the whole order. */
  ticketTypeId: number | null;
}

export interface PriceLine {
  typeId: number;
  name: string;
  units: number;
  seats: number;
  listUnitCents: number;
  /** After the member discount. */
  unitCents: number;
  memberDiscountCents: number;
  promoDiscountCents: number;
  /** units × unitCents − promoDiscountCents. */
  totalCents: number;
}

export interface OrderPrice {
  lines: PriceLine[];
  /** At list prices. */
  subtotalCents: number;
  /** Member discount and promo together. */
  discountCents: number;
  totalCents: number;
}

/** The percentage in an `event-discount` benefit value ("20%", "12.5 %"), or null when it is not a percentage. */
export function memberPercent(value: string | undefined): number | null {
  const m = value === undefined ? null : /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
  if (!m) return null;
  const n = Number(m[1]);
  return n > 0 ? Math.min(n, 100) : null;
}

/** A unit's price after a member discount of `percent` (none when null), rounded to the cent. */
export function memberUnitPrice(priceCents: number, percent: number | null): number {
  if (percent === null) return priceCents;
  return Math.max(0, Math.round((priceCents * (100 - percent)) / 100));
}

/**
 * Prices an order: `units` of each type, the member percentage (only applied to types with
 * member_discount), then the promo code.
 */
export function priceOrder(items: { type: PricedType; units: number }[], memberPct: number | null, promo: PromoTerms | null): OrderPrice {
  const lines: PriceLine[] = items
    .filter((i) => i.units > 0)
    .map(({ type, units }) => {
      const unitCents = type.memberDiscount ? memberUnitPrice(type.priceCents, memberPct) : type.priceCents;
      return {
        typeId: type.id,
        name: type.name,
        units,
        seats: units * type.seatsPerUnit,
        listUnitCents: type.priceCents,
        unitCents,
        memberDiscountCents: units * (type.priceCents - unitCents),
        promoDiscountCents: 0,
        totalCents: units * unitCents,
      };
    });
  if (promo) applyPromo(lines, promo);
  const subtotalCents = lines.reduce((s, l) => s + l.units * l.listUnitCents, 0);
  const totalCents = lines.reduce((s, l) => s + l.totalCents, 0);
  return { lines, subtotalCents, discountCents: subtotalCents - totalCents, totalCents };
}

function applyPromo(lines: PriceLine[], promo: PromoTerms): void {
  const matching = lines.filter((l) => promo.ticketTypeId === null || l.typeId === promo.ticketTypeId);
  if (promo.percentOff !== null) {
    const pct = Math.min(Math.max(promo.percentOff, 0), 100);
    for (const l of matching) {
      const off = Math.min(l.totalCents, Math.round((l.totalCents * pct) / 100));
      l.promoDiscountCents += off;
      l.totalCents -= off;
    }
  } else if (promo.amountOffCents !== null) {
    let left = Math.max(0, promo.amountOffCents);
    for (const l of matching) {
      const off = Math.min(l.totalCents, left);
      l.promoDiscountCents += off;
      l.totalCents -= off;
      left -= off;
    }
  }
}

/** Whether a promo code takes anything off this order (a code for a type not in the order does not). */
export function promoApplies(lines: PriceLine[], promo: PromoTerms): boolean {
  return lines.some((l) => promo.ticketTypeId === null || l.typeId === promo.ticketTypeId);
}

/**
 * Splits a line's total over its seats, so each ticket carries what was paid for it (a refund of
 * one ticket gives back exactly its share). The first seats take the odd cents; the parts sum to the total.
 */
export function splitCents(totalCents: number, seats: number): number[] {
  if (seats <= 0) return [];
  const base = Math.floor(totalCents / seats);
  const rest = totalCents - base * seats;
  return Array.from({ length: seats }, (_, i) => base + (i < rest ? 1 : 0));
}

/** One formatter per language: building an Intl.NumberFormat costs far more than using one, and pages format many prices. */
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Formats cents as dollars for pages and emails ("$1,234.50"), in the reader's language. */
export function formatMoney(cents: number, locale = 'en'): string {
  const tag = locale === 'es' ? 'es-US' : 'en-US';
  let format = moneyFormats.get(tag);
  if (!format) moneyFormats.set(tag, (format = new Intl.NumberFormat(tag, { style: 'currency', currency: 'USD' })));
  return format.format(cents / 100);
}
