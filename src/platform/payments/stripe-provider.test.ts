import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stripeExpiresAt } from './stripe-provider.ts';

// Stripe refuses a checkout whose expires_at is under 30 minutes or over 24 hours after it creates
// the session; the adapter clamps what it is asked for into that range, a minute inside each end.

const now = new Date('2026-03-01T12:00:20.500Z');
const at = (ms: number) => new Date(now.getTime() + ms);
const MIN = 60_000;
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

describe('stripeExpiresAt', () => {
  it('keeps a time inside Stripe\'s range, to the second', () => {
    assert.equal(stripeExpiresAt(at(35 * MIN), now), seconds(at(35 * MIN)));
    assert.equal(stripeExpiresAt(at(6 * 3_600_000), now), seconds(at(6 * 3_600_000)));
  });

  it('lengthens a time sooner than 31 minutes to 31 minutes, rounded up to the whole minute', () => {
    const expected = Date.parse('2026-03-01T12:32:00Z') / 1000;
    for (const soon of [-5 * MIN, 0, 10 * MIN, 30 * MIN, 31 * MIN]) assert.equal(stripeExpiresAt(at(soon), now), expected, `${soon / MIN} min`);
    assert.ok(expected - now.getTime() / 1000 >= 31 * 60, 'never under Stripe\'s 30 minutes, with a minute to spare');
    // A double-click a few seconds later sends the same value (same idempotency key, same parameters).
    assert.equal(stripeExpiresAt(at(0), new Date(now.getTime() + 9_000)), expected);
  });

  it('shortens a time beyond 24 hours to 23 h 59 min', () => {
    const max = seconds(at(24 * 3_600_000 - MIN));
    assert.equal(stripeExpiresAt(at(24 * 3_600_000), now), max);
    assert.equal(stripeExpiresAt(at(72 * 3_600_000), now), max);
    assert.ok(stripeExpiresAt(at(24 * 3_600_000 - 2 * MIN), now) < max, 'just inside is kept');
  });
});
