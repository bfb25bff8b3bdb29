import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import ical from 'node-ical';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import type { CoalitionEvent, Person, SessionProposal } from '../../db/schema.ts';
import { existingLocalToUtc } from './agenda-time.ts';
import { createForum, formTokens } from './agenda.test-support.ts';
import { seedDemoFrameworks } from '../framework/framework.demo.ts';
import { loadTagVocabulary, TAG_GROUPS } from './event-tags.ts';
import { personalFeed } from './event-calendar.ts';
import { isPresenterAt } from './presenters.service.ts';

// Guards of the agenda and the call that only show under pressure: long tag lists, slots at the
// edge of a day, clock changes, concurrent saves, and a presenter's status after changes.

const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const open = { proposals_open_at: iso(-1), proposals_close_at: iso(10) };

describe('local times that do not exist', () => {
  it('knows the hour New York skips on 10 March 2030', () => {
    assert.equal(existingLocalToUtc('2030-03-10', '02:30', 'America/New_York'), null);
    assert.equal(existingLocalToUtc('2030-03-10', '03:00', 'America/New_York'), '2030-03-10T07:00:00.000Z');
    assert.equal(existingLocalToUtc('2030-03-10', '01:59', 'America/New_York'), '2030-03-10T06:59:00.000Z');
  });
});

for (const dialect of testDialects()) {
  describe(`agenda guards (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    const as = async (personId: number): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, personId);
      return c;
    };
    const sessionsOf = (eventId: number) => t.db.selectFrom('event_sessions').selectAll().where('event_id', '=', eventId).orderBy('id').execute();
    /** Submits a proposal through the call's form and returns its row. */
    async function propose(forum: CoalitionEvent, who: Person | { id: number }, fields: Record<string, string | string[]> = {}): Promise<SessionProposal> {
      const c = await as(who.id);
      const url = `/events/${forum.slug}/proposals`;
      const { csrf, key } = formTokens((await c.get(url)).body);
      const res = await c.post(url, { title: 'Portfolios', abstract: 'Children defend their work.', format: 'workshop', duration_minutes: '90', ...fields, _csrf: csrf, submission_key: key });
      assert.equal(res.statusCode, 303, textOf(res.body).slice(0, 300));
      return t.db.selectFrom('session_proposals').selectAll().where('submission_key', '=', key).executeTakeFirstOrThrow();
    }
    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      // The principles and benchmarks on offer are the shared framework's.
      await seedDemoFrameworks(t.db);
    });
    after(() => t.close());

    it('takes a proposal with every tag ticked', async () => {
      const vocab = await loadTagVocabulary(t.db);
      const ALL_TAGS = TAG_GROUPS.flatMap((g) => vocab.groups[g]);
      assert.equal(ALL_TAGS.length, 10 + 14 + 7 + 3);
      const forum = await createForum(t.db, n.center.id, { title: 'Every Tag Forum', ...open });
      const p = await propose(forum, n.staffA, { tags: [...ALL_TAGS] });
      assert.ok(p.tags.length > 600, 'longer than the old varchar(600)');
      assert.deepEqual(p.tags.split(',').sort(), [...ALL_TAGS].sort());
    });

    it('accepts only into a slot that ends the same day and within the event, saving nothing otherwise', async () => {
      const forum = await createForum(t.db, n.center.id, { title: 'Edge Slot Forum', ...open });
      const sub = await createPerson(t.db, { name: 'Edge Submitter' });
      const p = await propose(forum, sub);
      const director = await as(n.directorC.id);
      const page = `/events/${forum.slug}/proposals/manage/${p.id}`;
      const decide = (fields: Record<string, string>) => director.submit(page, { decision: 'accept', ...fields }, `${page}/decide`);
      const untouched = async () => {
        assert.equal((await t.db.selectFrom('session_proposals').select('status').where('id', '=', p.id).executeTakeFirstOrThrow()).status, 'submitted');
        assert.equal((await sessionsOf(forum.id)).length, 0);
      };

      const noSlot = await decide({});
      assert.equal(noSlot.statusCode, 400);
      for (const field of ['day', 'start_time']) assert.match(noSlot.body, new RegExp(`id="field-${field}-error"[^>]*>[^<]*To accept, choose the day and start time`), `beside ${field}`);
      const noTime = await decide({ day: '2030-10-18' });
      assert.equal(noTime.statusCode, 400);
      assert.match(noTime.body, /<option value="2030-10-18" selected/, 'the chosen day kept');
      await untouched();
      for (const [start_time, day, message] of [['23:30', '2030-10-18', /run past midnight/], ['22:30', '2030-10-18', /run past midnight/], ['16:00', '2030-10-19', /end after the event ends/]] as const) {
        const res = await decide({ day, start_time });
        assert.equal(res.statusCode, 400, `${day} ${start_time}`);
        assert.match(textOf(res.body), message);
        assert.match(res.body, new RegExp(`name="start_time"[^>]*value="${start_time}"`), 'the typed time kept');
        await untouched();
      }
      // Ending exactly when the event ends is fine, and what a decision places the form can save again.
      assert.equal((await decide({ day: '2030-10-19', start_time: '15:30', room: 'Hall' })).statusCode, 303);
      const [s] = await sessionsOf(forum.id);
      assert.deepEqual([s!.starts_at, s!.ends_at], ['2030-10-19T19:30:00.000Z', '2030-10-19T21:00:00.000Z']);
      const edit = `/events/${forum.slug}/agenda/manage/${s!.id}`;
      assert.equal((await director.submit(edit, { title: 'Portfolios', day: '2030-10-19', start_time: '15:30', end_time: '17:00', room: 'Hall', presenters: sub.email })).statusCode, 303);
      // The session form keeps to the same rule on the last day.
      const late = await director.submit(edit, { title: 'Portfolios', day: '2030-10-19', start_time: '15:30', end_time: '17:30', room: 'Hall' });
      assert.equal(late.statusCode, 400);
      assert.match(textOf(late.body), /end after the event ends/);
      assert.equal((await sessionsOf(forum.id))[0]!.ends_at, '2030-10-19T21:00:00.000Z', 'nothing saved');
    });

    it('refuses a local time that does not exist on the day clocks go forward', async () => {
      const forum = await createForum(t.db, n.center.id, { title: 'Spring Forward Forum', starts_at: '2030-03-09T14:00:00.000Z', ends_at: '2030-03-10T21:00:00.000Z', start_date: '2030-03-09', end_date: '2030-03-10' });
      const director = await as(n.directorC.id);
      const form = `/events/${forum.slug}/agenda/manage/new`;
      const skipped = await director.submit(form, { title: 'Skipped hour', day: '2030-03-10', start_time: '02:30', end_time: '03:30' });
      assert.equal(skipped.statusCode, 400);
      assert.match(textOf(skipped.body), /This time does not exist on that day/);
      assert.equal((await sessionsOf(forum.id)).length, 0);
      // Across the change is fine: 01:00 EST to 03:30 EDT is an hour and a half.
      assert.equal((await director.submit(form, { title: 'Across the change', day: '2030-03-10', start_time: '01:00', end_time: '03:30' })).statusCode, 303);
      const [s] = await sessionsOf(forum.id);
      assert.deepEqual([s!.starts_at, s!.ends_at], ['2030-03-10T06:00:00.000Z', '2030-03-10T07:30:00.000Z']);
    });

    it('makes one session of concurrent saves: one room at a time, one session per form', async () => {
      const forum = await createForum(t.db, n.center.id, { title: 'Race Forum' });
      const director = await as(n.directorC.id);
      const form = `/events/${forum.slug}/agenda/manage/new`;
      const { csrf } = formTokens((await director.get(form)).body);
      const slot = { day: '2030-10-18', start_time: '10:00', end_time: '11:00', _csrf: csrf };
      // Eight different forms for the same room and time: one wins, the others are told the room is taken.
      const rooms = await Promise.all(Array.from({ length: 8 }, (_, i) => director.post(form, { ...slot, title: `Session ${i}`, room: 'Hall', submission_key: randomUUID() })));
      assert.deepEqual(rooms.map((r) => r.statusCode).sort(), [303, 400, 400, 400, 400, 400, 400, 400]);
      assert.equal((await sessionsOf(forum.id)).length, 1);
      // One form sent eight times (a double click, a resend): one session, and every answer is the saved one.
      const { key } = formTokens((await director.get(form)).body);
      assert.match(key, /^[0-9a-f-]{36}$/);
      const same = { ...slot, title: 'Sent twice', start_time: '12:00', end_time: '13:00', submission_key: key };
      const sends = await Promise.all(Array.from({ length: 8 }, () => director.post(form, same)));
      assert.deepEqual(sends.map((r) => r.statusCode), Array(8).fill(303));
      const made = (await sessionsOf(forum.id)).filter((s) => s.title === 'Sent twice');
      assert.equal(made.length, 1);
      assert.equal(made[0]!.submission_key, key);
      // Restoring cancelled sessions of one room and time at once: only one comes back.
      const manage = `/events/${forum.slug}/agenda/manage`;
      const [first] = await sessionsOf(forum.id);
      await director.submit(manage, {}, `${manage}/${first!.id}/cancel`);
      for (let i = 0; i < 5; i++) {
        assert.equal((await director.submit(form, { ...slot, title: `Rival ${i}`, room: 'Hall' })).statusCode, 303);
        const rival = (await sessionsOf(forum.id)).find((s) => s.title === `Rival ${i}`)!;
        await director.submit(manage, {}, `${manage}/${rival.id}/cancel`);
      }
      const inHall = async () => (await sessionsOf(forum.id)).filter((s) => s.room === 'Hall');
      assert.deepEqual((await inHall()).map((s) => s.status), Array(6).fill('cancelled'));
      await Promise.all((await inHall()).map((s) => director.post(`${manage}/${s.id}/restore`, { _csrf: csrf })));
      assert.equal((await inHall()).filter((s) => s.status === 'scheduled').length, 1, 'one session back in the room');
      // The key of another event's form is not a way into this one.
      const other = await createForum(t.db, n.center.id, { title: 'Race Forum Two' });
      const { _csrf, ...fields } = same;
      const stolen = await director.submit(`/events/${other.slug}/agenda/manage/new`, { ...fields, title: 'Elsewhere' });
      assert.equal(stolen.statusCode, 409);
      assert.equal((await sessionsOf(other.id)).length, 0);
    });

    it('counts a person as presenter only while they present a scheduled session', async () => {
      const forum = await createForum(t.db, n.center.id, { title: 'Presenter Forum', ...open });
      const sub = await createPerson(t.db, { name: 'Pia Presenter' });
      const p = await propose(forum, sub);
      const director = await as(n.directorC.id);
      const page = `/events/${forum.slug}/proposals/manage/${p.id}`;
      assert.equal(await isPresenterAt(t.db, forum.id, sub.id), false, 'a proposal alone does not count');
      assert.equal((await director.submit(page, { decision: 'accept', day: '2030-10-18', start_time: '10:00' }, `${page}/decide`)).statusCode, 303);
      assert.equal(await isPresenterAt(t.db, forum.id, sub.id), true);
      const [s] = await sessionsOf(forum.id);
      const manage = `/events/${forum.slug}/agenda/manage`;
      await director.submit(manage, {}, `${manage}/${s!.id}/cancel`);
      assert.equal(await isPresenterAt(t.db, forum.id, sub.id), false, 'the accepted session was cancelled');
      await director.submit(manage, {}, `${manage}/${s!.id}/restore`);
      assert.equal(await isPresenterAt(t.db, forum.id, sub.id), true, 'restored');
      assert.equal((await director.submit(`${manage}/${s!.id}`, { title: 'Portfolios', day: '2030-10-18', start_time: '10:00', end_time: '11:30', presenters: 'Guest Speaker, Harbor School' })).statusCode, 303);
      assert.equal(await isPresenterAt(t.db, forum.id, sub.id), false, 'taken off the presenters');
    });

    it('raises a starred session\'s SEQUENCE in the private feed when its event is cancelled', async () => {
      const forum = await createForum(t.db, n.center.id, { title: 'Feed Forum' });
      const director = await as(n.directorC.id);
      assert.equal((await director.submit(`/events/${forum.slug}/agenda/manage/new`, { title: 'Starred talk', day: '2030-10-18', start_time: '10:00', end_time: '11:00' })).statusCode, 303);
      const [s] = await sessionsOf(forum.id);
      const staff = await as(n.staffB.id);
      await staff.submit(`/events/${forum.slug}/agenda`, {}, `/events/${forum.slug}/agenda/${s!.id}/star`);
      const entry = async () => {
        const parsed = ical.sync.parseICS(await personalFeed(t.db, n.staffB.id, 'Mine')) as Record<string, any>;
        const found = Object.values(parsed).find((v) => v.type === 'VEVENT' && v.uid === s!.uid);
        assert.ok(found, 'the starred session is in the feed');
        return found as { sequence: string; status?: string; dtstamp: Date };
      };
      // Both last changed long ago, so the stamp after the cancellation can only come from the event.
      await t.db.updateTable('event_sessions').set({ updated_at: '2020-01-01T00:00:00.000Z' }).where('id', '=', s!.id).execute();
      await t.db.updateTable('events').set({ updated_at: '2020-01-01T00:00:00.000Z' }).where('id', '=', forum.id).execute();
      const before = await entry();
      assert.notEqual(before.status, 'CANCELLED');
      assert.equal(before.dtstamp.toISOString(), '2020-01-01T00:00:00.000Z');
      assert.equal((await director.submit(`/events/${forum.slug}/cancel`, { confirm: 'on' })).statusCode, 303);
      const cancelled = (await t.db.selectFrom('events').select(['status', 'sequence']).where('id', '=', forum.id).executeTakeFirstOrThrow());
      assert.equal(cancelled.status, 'cancelled');
      const afterCancel = await entry();
      assert.equal(afterCancel.status, 'CANCELLED');
      assert.ok(Number(afterCancel.sequence) > Number(before.sequence), `SEQUENCE ${before.sequence} → ${afterCancel.sequence}`);
      assert.ok(afterCancel.dtstamp.getTime() > before.dtstamp.getTime(), `DTSTAMP moves with the event: ${before.dtstamp.toISOString()} → ${afterCancel.dtstamp.toISOString()}`);
    });
  });
}
