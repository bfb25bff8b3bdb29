import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memberPercent, memberUnitPrice, priceOrder, promoApplies, splitCents, type PricedType } from './pricing.ts';

const standard: PricedType = { id: 1, name: 'Standard', priceCents: 35_000, memberDiscount: true, seatsPerUnit: 1 };
const student: PricedType = { id: 2, name: 'Student', priceCents: 9_999, memberDiscount: false, seatsPerUnit: 1 };
const team: PricedType = { id: 3, name: 'Team of 3', priceCents: 100_000, memberDiscount: true, seatsPerUnit: 3 };

describe('pricing', () => {
  it('reads only percentages from the event-discount benefit', () => {
    assert.equal(memberPercent('20%'), 20);
    assert.equal(memberPercent(' 12.5 % '), 12.5);
    assert.equal(memberPercent('150%'), 100);
    for (const v of [undefined, '', '$50', '20', '0%', '-10%', 'lots']) assert.equal(memberPercent(v), null, String(v));
  });

  it('rounds member prices to the cent, halves up, never below 0', () => {
    assert.equal(memberUnitPrice(35_000, 20), 28_000);
    assert.equal(memberUnitPrice(9_999, 12.5), 8_749); // 8749.125
    assert.equal(memberUnitPrice(1, 50), 1); // 0.5 rounds up
    assert.equal(memberUnitPrice(10_000, 100), 0);
    assert.equal(memberUnitPrice(10_000, null), 10_000);
  });

  it('applies the member discount only to types that allow it, and counts group seats', () => {
    const p = priceOrder([{ type: standard, units: 2 }, { type: student, units: 1 }, { type: team, units: 1 }], 20, null);
    assert.deepEqual(p.lines.map((l) => [l.unitCents, l.seats, l.totalCents]), [[28_000, 2, 56_000], [9_999, 1, 9_999], [80_000, 3, 80_000]]);
    assert.equal(p.subtotalCents, 70_000 + 9_999 + 100_000);
    assert.equal(p.totalCents, 56_000 + 9_999 + 80_000);
    assert.equal(p.discountCents, p.subtotalCents - p.totalCents);
    assert.deepEqual(priceOrder([{ type: standard, units: 0 }], 20, null).lines, [], 'zero units make no line');
  });

  it('takes a percent promo off matching lines, an amount promo in line order, never below 0', () => {
    const pct = priceOrder([{ type: standard, units: 1 }, { type: student, units: 1 }], null, { percentOff: 10, amountOffCents: null, ticketTypeId: 2 });
    assert.deepEqual(pct.lines.map((l) => l.promoDiscountCents), [0, 1_000]); // 999.9 → 1000
    const amount = priceOrder([{ type: student, units: 1 }, { type: standard, units: 1 }], null, { percentOff: null, amountOffCents: 15_000, ticketTypeId: null });
    assert.deepEqual(amount.lines.map((l) => l.totalCents), [0, 35_000 - 5_001]);
    const huge = priceOrder([{ type: standard, units: 1 }], 20, { percentOff: null, amountOffCents: 10_000_000, ticketTypeId: null });
    assert.equal(huge.totalCents, 0);
    assert.equal(promoApplies(pct.lines, { percentOff: 10, amountOffCents: null, ticketTypeId: 99 }), false);
  });

  it('splits a line over its seats so ticket prices sum to what was paid', () => {
    assert.deepEqual(splitCents(100_000, 3), [33_334, 33_333, 33_333]);
    assert.deepEqual(splitCents(0, 2), [0, 0]);
    for (const [total, n] of [[1, 4], [99_999, 7], [12_345, 1]] as const) assert.equal(splitCents(total, n).reduce((a, b) => a + b, 0), total);
  });
});
