import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, addMonths, computeStatus, daysBetween, EARLY_PAYMENT_DAYS, termFor, type StatusInput } from './affiliation-status.ts';

const term = (startsOn: string, endsOn: string, paid = true) => ({ startsOn, endsOn, paid });
const base: StatusInput = { decision: 'approved', cancelledAt: null, terms: [term('2026-01-01', '2027-01-01')], today: '2026-06-01', graceDays: 30 };

describe('computeStatus', () => {
  const cases: [string, Partial<StatusInput>, string][] = [
    ['an application awaiting a decision is pending', { decision: 'applied', terms: [] }, 'pending'],
    ['a declined application is declined', { decision: 'declined', terms: [] }, 'declined'],
    ['declined wins over a cancellation', { decision: 'declined', cancelledAt: '2026-02-01T00:00:00Z' }, 'declined'],
    ['cancelled wins over a paid term', { cancelledAt: '2026-02-01T00:00:00Z' }, 'cancelled'],
    ['approved with nothing paid is pending', { terms: [term('2026-01-01', '2027-01-01', false)] }, 'pending'],
    ['a paid term covering today is current', {}, 'current'],
    ['the first day of the term is current', { today: '2026-01-01' }, 'current'],
    ['the last day before the end is current', { today: '2026-12-31' }, 'current'],
    ['the end day (exclusive) starts the grace period', { today: '2027-01-01' }, 'grace'],
    ['the last grace day is grace', { today: '2027-01-30' }, 'grace'],
    ['the day after the last grace day is expired', { today: '2027-01-31' }, 'expired'],
    ['no grace days: the end day is expired', { today: '2027-01-01', graceDays: 0 }, 'expired'],
    ['an unpaid renewal does not extend the period', { today: '2027-02-15', terms: [term('2026-01-01', '2027-01-01'), term('2027-01-01', '2028-01-01', false)] }, 'expired'],
    ['a paid renewal extends it', { today: '2027-02-15', terms: [term('2026-01-01', '2027-01-01'), term('2027-01-01', '2028-01-01')] }, 'current'],
    ['a paid term not yet started is pending', { today: '2025-12-31' }, 'pending'],
    ['leap year: grace over 29 February', { terms: [term('2027-02-28', '2028-02-28')], today: '2028-02-29', graceDays: 2 }, 'grace'],
    ['leap year: grace ends after 29 February', { terms: [term('2027-02-28', '2028-02-28')], today: '2028-03-01', graceDays: 2 }, 'expired'],
  ];
  for (const [name, change, expected] of cases) {
    it(name, () => assert.equal(computeStatus({ ...base, ...change }), expected));
  }
});

describe('date rules', () => {
  it('adds months, clamping to the end of the month', () => {
    assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
    assert.equal(addMonths('2028-01-31', 1), '2028-02-29');
    assert.equal(addMonths('2028-02-29', 12), '2029-02-28');
    assert.equal(addMonths('2026-11-15', 3), '2027-02-15');
  });
  it('adds days across a leap day and counts days', () => {
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2028-03-01', -1), '2028-02-29');
    assert.equal(daysBetween('2026-01-01', '2026-03-02'), 60);
  });
  it('a rolling term starts on the anchor day', () => {
    assert.deepEqual(termFor({ termKind: 'rolling', fixedStartMonth: null, fixedStartDay: null, termMonths: 12 }, '2026-05-17'), { startsOn: '2026-05-17', endsOn: '2027-05-17' });
  });
  it('a fixed term starts on the yearly date on or before the anchor', () => {
    const rule = { termKind: 'fixed' as const, fixedStartMonth: 7, fixedStartDay: 1, termMonths: 12 };
    assert.deepEqual(termFor(rule, '2026-03-17'), { startsOn: '2025-07-01', endsOn: '2026-07-01' });
    assert.deepEqual(termFor(rule, '2026-07-01'), { startsOn: '2026-07-01', endsOn: '2027-07-01' });
    assert.deepEqual(termFor(rule, '2026-05-01'), { startsOn: '2025-07-01', endsOn: '2026-07-01' }, '61 days before the next start: still this plan year');
  });
  // Guards the early-payment rule: a payment within 60 days before the next yearly start buys the
  // next plan year (from the payment day to the end of that year), not a term ending days later.
  // Before the rule, 2026-06-30 bought 2025-07-01 to 2026-07-01: one day of membership.
  it('a fixed term paid within 60 days before the next yearly start is the next plan year', () => {
    const rule = { termKind: 'fixed' as const, fixedStartMonth: 7, fixedStartDay: 1, termMonths: 12 };
    assert.equal(EARLY_PAYMENT_DAYS, 60);
    assert.deepEqual(termFor(rule, '2026-05-02'), { startsOn: '2026-05-02', endsOn: '2027-07-01' }, 'exactly 60 days before');
    assert.deepEqual(termFor(rule, '2026-06-30'), { startsOn: '2026-06-30', endsOn: '2027-07-01' });
    assert.deepEqual(termFor({ ...rule, fixedStartMonth: 1 }, '2026-12-15'), { startsOn: '2026-12-15', endsOn: '2028-01-01' }, 'across the new year');
  });
  it('a fixed 29 February start falls on the 28th in other years', () => {
    const rule = { termKind: 'fixed' as const, fixedStartMonth: 2, fixedStartDay: 29, termMonths: 12 };
    assert.deepEqual(termFor(rule, '2027-03-01'), { startsOn: '2027-02-28', endsOn: '2028-02-28' });
    assert.deepEqual(termFor(rule, '2028-03-01').startsOn, '2028-02-29');
  });
});
