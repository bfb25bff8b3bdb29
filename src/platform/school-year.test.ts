import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { schoolYearDates, schoolYearOf, schoolYearsUpTo } from './school-year.ts';

describe('school years', () => {
  it('run from 1 July to 30 June, both days included', () => {
    assert.deepEqual(schoolYearDates('2025-26'), { from: '2025-07-01', to: '2026-06-30' });
    assert.deepEqual(schoolYearDates('1999-00'), { from: '1999-07-01', to: '2000-06-30' }, 'across a century');
  });

  it('a moment falls in the year that began on the last 1 July (UTC)', () => {
    const cases: [string, string][] = [
      ['2026-06-30T23:59:59.999Z', '2025-26'],
      ['2026-07-01T00:00:00.000Z', '2026-27'],
      ['2026-11-22T12:00:00.000Z', '2026-27'],
      ['2027-01-01T00:00:00.000Z', '2026-27'],
      ['2099-12-31T00:00:00.000Z', '2099-00'],
    ];
    for (const [moment, year] of cases) assert.equal(schoolYearOf(new Date(moment)), year, moment);
    for (const [moment] of cases) {
      const { from, to } = schoolYearDates(schoolYearOf(new Date(moment)));
      assert.ok(from <= moment.slice(0, 10) && moment.slice(0, 10) <= to, `${moment} lies in its year's dates`);
    }
  });

  it('counts back from a year, across a century', () => {
    assert.deepEqual(schoolYearsUpTo('2026-27', 3), ['2024-25', '2025-26', '2026-27']);
    assert.deepEqual(schoolYearsUpTo('2000-01', 2), ['1999-00', '2000-01']);
  });
});
