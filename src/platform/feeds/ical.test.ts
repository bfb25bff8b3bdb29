import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ical, { type VEvent } from 'node-ical';
import { dayAfter, renderCalendar, type IcalEntry } from './ical.ts';

const timed: IcalEntry = {
  uid: 'one@test', sequence: 3, stamp: '2026-01-02T03:04:05.000Z', summary: 'Forum, day one; ' + 'ñ'.repeat(60),
  allDay: false, startsAt: '2026-03-07T15:00:00.000Z', endsAt: '2026-03-09T15:00:00.000Z', timezone: 'America/New_York', categories: ['principle:1'], organizer: { name: 'National office', email: 'events@example.org' },
};

describe('renderCalendar (RFC 5545)', () => {
  it('writes local times with TZID and a VTIMEZONE, across a daylight-saving change, read back by node-ical', () => {
    const body = renderCalendar({ name: 'Test', entries: [timed] });
    assert.match(body, /DTSTART;TZID=America\/New_York:20260307T100000\r\n/, '10:00 EST');
    assert.match(body, /DTEND;TZID=America\/New_York:20260309T110000\r\n/, '11:00 EDT after the change');
    assert.match(body, /BEGIN:VTIMEZONE\r\nTZID:America\/New_York\r\n/);
    const ev = Object.values(ical.sync.parseICS(body)).find((v) => v?.type === 'VEVENT') as VEvent;
    assert.equal(ev.start.toISOString(), timed.startsAt);
    assert.equal(ev.end!.toISOString(), timed.endsAt);
    assert.equal(String(ev.sequence), '3');
    assert.equal(ev.summary, timed.summary, 'escaped and folded text reads back whole');
    assert.match(body, /DTSTAMP:20260102T030405Z/);
  });

  it('folds lines at 75 octets with CRLF, never splitting a character', () => {
    const body = renderCalendar({ name: 'Test', entries: [timed] });
    assert.ok(!/[^\r]\n/.test(body));
    for (const line of body.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line);
    assert.ok(!body.includes('\uFFFD'));
  });

  it('writes all-day entries as DATE values ending the day after the last day, and keeps cancelled ones', () => {
    const body = renderCalendar({ name: 'Test', entries: [{ uid: 'ad@test', sequence: 0, stamp: '2026-01-01T00:00:00Z', summary: 'Forum', allDay: true, startDate: '2026-12-30', endDate: '2026-12-31', cancelled: true }] });
    assert.match(body, /DTSTART;VALUE=DATE:20261230\r\nDTEND;VALUE=DATE:20270101\r\n/);
    assert.match(body, /STATUS:CANCELLED/);
    assert.equal(dayAfter('2028-02-28'), '2028-02-29');
  });
});
