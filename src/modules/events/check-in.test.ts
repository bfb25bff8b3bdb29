import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CoalitionEvent, EventOrder, Ticket } from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createOrderWithTickets } from '../../../test/factories/event-orders.ts';
import { createEvent, createTicketType } from '../../../test/factories/events.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { createPeopleNetwork, insertApiToken, type PeopleNetwork } from '../../../test/factories/people-network.ts';

for (const dialect of testDialects()) {
  describe(`check-in at the door (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let event: CoalitionEvent;
    let other: CoalitionEvent;
    let maya: Ticket;
    let mayaOrder: EventOrder;
    let jo: Ticket;
    let cancelled: Ticket;
    let pending: Ticket;
    let elsewhere: Ticket;
    const as = async (personId: number): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, personId);
      return c;
    };
    const ticket = (id: number) => t.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const checkedInCount = async () => Number((await t.db.selectFrom('tickets').select((eb) => eb.fn.count('checked_in_at').as('n')).where('event_id', '=', event.id).executeTakeFirstOrThrow()).n);
    const path = (code: string, ev = event) => `/events/${ev.slug}/check-in/${code}`;

    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      event = await createEvent(t.db, n.center.id, { title: `Door Test ${dialect}` });
      other = await createEvent(t.db, n.center.id, { title: `Other Door ${dialect}` });
      const type = await createTicketType(t.db, event.id, { capacity: 10, name: 'General' });
      const made = await createOrderWithTickets(t.db, event, type, { attendees: [{ name: 'Maya Okafor', email: 'maya@example.org' }] });
      [maya, mayaOrder] = [made.tickets[0]!, made.order];
      jo = (await createOrderWithTickets(t.db, event, type, { attendees: [{ name: 'Jo Park', email: 'jo@example.org' }] })).tickets[0]!;
      cancelled = (await createOrderWithTickets(t.db, event, type, { attendees: [{ name: 'Cal Cancelled', email: 'cal@example.org' }] })).tickets[0]!;
      await t.db.updateTable('tickets').set({ status: 'cancelled' }).where('id', '=', cancelled.id).execute();
      pending = (await createOrderWithTickets(t.db, event, type, { status: 'pending', attendees: [{ name: 'Pat Pending', email: 'pat@example.org' }] })).tickets[0]!;
      const otherType = await createTicketType(t.db, other.id, { capacity: 5 });
      elsewhere = (await createOrderWithTickets(t.db, other, otherType, { attendees: [{ name: 'Eli Elsewhere', email: 'eli@example.org' }] })).tickets[0]!;
    });
    after(() => t.close());

    it('finds attendees by name, email, order reference or ticket code', async () => {
      const c = await as(n.coachC.id);
      const search = async (q: string) => textOf((await c.get(`/events/${event.slug}/check-in?q=${encodeURIComponent(q)}`)).body);
      assert.match(await search('maya'), /Maya Okafor/);
      assert.match(await search('JO@EXAMPLE'), /Jo Park/);
      assert.match(await search(mayaOrder.reference.toLowerCase()), /Maya Okafor/);
      assert.match(await search(jo.code), /1 ticket found.*Jo Park/);
      assert.match(await search('cal'), /Cal Cancelled Not valid/);
      assert.match(await search('eli'), /0 tickets found/, "another event's attendees are not found");
      assert.match(await search('%'), /0 tickets found/, 'LIKE wildcards are matched literally');
    });

    it('checks in from the QR code page once; a second check-in is refused with the first time and changes nothing', async () => {
      const coach = await as(n.coachC.id);
      const page = await coach.get(path(maya.code));
      assert.equal(page.statusCode, 200);
      assert.match(textOf(page.body), /Maya Okafor Valid General/);
      const first = await coach.submit(path(maya.code), {});
      assert.equal(first.statusCode, 303);
      const after1 = await ticket(maya.id);
      assert.ok(after1.checked_in_at);
      assert.equal(after1.checked_in_by, n.coachC.id);
      assert.match(textOf((await coach.get(String(first.headers.location))).body), /Checked in\. .*Checked in at \d\d:\d\d( [AP]M)? by Carl Coach/);
      const director = await as(n.directorC.id);
      const token = await director.csrfFrom(`/events/${event.slug}/check-in?q=jo`);
      const second = await director.post(path(maya.code), { _csrf: token });
      assert.equal(second.statusCode, 409);
      assert.match(textOf(second.body), /Already checked in Checked in at \d\d:\d\d( [AP]M)? by Carl Coach/);
      assert.equal((await ticket(maya.id)).checked_in_at, after1.checked_in_at, 'the first time stands');
      assert.equal(await checkedInCount(), 1);
    });

    it('counts one arrival once when two scanners check the same ticket in at the same moment', async () => {
      const [a, b] = [await as(n.coachC.id), await as(n.directorC.id)];
      const [ta, tb] = [await a.csrfFrom(path(jo.code)), await b.csrfFrom(path(jo.code))];
      const results = await Promise.all([a.post(path(jo.code), { _csrf: ta }), b.post(path(jo.code), { _csrf: tb })]);
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [303, 409]);
      assert.equal(await checkedInCount(), 2);
    });

    it('refuses cancelled and unpaid tickets, and codes of other events, with clear messages', async () => {
      const c = await as(n.coachC.id);
      const token = await c.csrfFrom(`/events/${event.slug}/check-in?q=pat`);
      const bad = await c.post(path(cancelled.code), { _csrf: token });
      assert.equal(bad.statusCode, 409);
      assert.match(textOf(bad.body), /This ticket is not valid/);
      const unpaid = await c.post(path(pending.code), { _csrf: token });
      assert.equal(unpaid.statusCode, 409);
      assert.match(textOf(unpaid.body), /card payment has not arrived/);
      const foreign = await c.get(path(elsewhere.code));
      assert.equal(foreign.statusCode, 404);
      assert.match(textOf(foreign.body), /No ticket for Door Test .* has this code/);
      assert.equal((await c.post(path(elsewhere.code), { _csrf: token })).statusCode, 404);
      assert.equal((await c.get(path('x'.repeat(65)))).statusCode, 400);
      assert.equal((await ticket(cancelled.id)).checked_in_at, null);
      assert.equal((await ticket(pending.id)).checked_in_at, null);
      assert.equal((await ticket(elsewhere.id)).checked_in_at, null);
    });

    it('keeps the door from outsiders, and undo for organisers only', async () => {
      const leader = await as(n.leaderA.id);
      const center2Director = await createPerson(t.db, { roles: [['center_director', n.schoolB.id]] });
      for (const c of [leader, await as(center2Director.id)]) {
        assert.equal((await c.get(path(maya.code))).statusCode, 404);
        assert.equal((await c.get(`/events/${event.slug}/check-in`)).statusCode, 404);
      }
      assert.equal((await t.client().get(path(maya.code))).statusCode, 303, 'a visitor is sent to sign in');
      // A leader's own token does not let them check anyone in.
      const leaderToken = await leader.csrfFrom('/account').catch(async () => leader.csrfFrom(`/events/${other.slug}/waitlist`));
      assert.equal((await leader.post(`/events/${event.slug}/check-in/${pending.code}`, { _csrf: leaderToken })).statusCode, 404);
      // Undo: the coach (door staff) cannot; the director can.
      const coach = await as(n.coachC.id);
      assert.doesNotMatch((await coach.get(path(maya.code))).body, /Undo check-in/);
      const coachToken = await coach.csrfFrom(`/events/${event.slug}/check-in?q=pat`);
      assert.equal((await coach.post(`${path(maya.code)}/undo`, { _csrf: coachToken })).statusCode, 404);
      assert.ok((await ticket(maya.id)).checked_in_at, 'still checked in');
      const director = await as(n.directorC.id);
      const undone = await director.submit(path(maya.code), {}, `${path(maya.code)}/undo`);
      assert.equal(undone.statusCode, 303);
      assert.equal((await ticket(maya.id)).checked_in_at, null);
      const audit = await t.db.selectFrom('audit_events').select('action').where('subject_id', '=', maya.id).where('subject_type', '=', 'ticket').execute();
      assert.deepEqual(audit.map((a) => a.action).sort(), ['ticket.check_in_undone', 'ticket.checked_in']);
    });

    it('checks in over the API idempotently: 201, then 409 with the first time', async () => {
      const staff = await insertApiToken(t.db, 'center_coach', n.center.id);
      const outsider = await insertApiToken(t.db, 'school_leader', n.schoolA.id);
      const post = (token: string | null, payload: unknown) =>
        t.app.inject({ method: 'POST', url: `/api/v1/events/${event.slug}/check-ins`, payload: payload as object, headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) } });
      assert.equal((await post(outsider, { code: maya.code })).statusCode, 404);
      assert.equal((await post(null, { code: maya.code })).statusCode, 401);
      assert.equal((await ticket(maya.id)).checked_in_at, null, 'refusals change nothing');
      const first = await post(staff, { code: maya.code });
      assert.equal(first.statusCode, 201, first.body);
      const firstAt = first.json().checked_in_at;
      const again = await post(staff, { code: maya.code });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, 'already_checked_in');
      assert.equal(again.json().checked_in_at, firstAt);
      const bad = await post(staff, { code: '' });
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.json().error.fields.code);
      assert.equal((await post(staff, { code: elsewhere.code })).statusCode, 404);
      assert.equal((await post(staff, { code: cancelled.code })).statusCode, 409);
    });
  });
}
