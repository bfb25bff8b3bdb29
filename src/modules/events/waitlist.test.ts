import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CoalitionEvent, Person, TicketType } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { drainJobs } from '../../../test/helpers/jobs.ts';
import { recipients } from '../../../test/helpers/smtp.ts';
import { cancelOrderDirectly, createOrderWithTickets, poolBalance } from '../../../test/factories/event-orders.ts';
import { createEvent, createTicketType } from '../../../test/factories/events.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { linkOfferToOrder, OFFER_HOURS, passFreedSeatsOn, takeOffer } from './waitlist.service.ts';

for (const dialect of testDialects()) {
  describe(`waitlist (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let event: CoalitionEvent;
    let type: TicketType;
    let ana: Person;
    let ben: Person;
    let cruz: Person;
    const as = async (personId: number): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, personId);
      return c;
    };
    const entries = () => t.db.selectFrom('waitlist_entries').selectAll().where('event_id', '=', event.id).orderBy('id').execute();
    const join = async (c: TestClient, quantity: string, typeId = type.id, ev = event) => c.submit(`/events/${ev.slug}/waitlist`, { ticket_type_id: String(typeId), quantity });
    const expectBalanced = async (poolId = type.pool_id) => {
      const b = await poolBalance(t.db, poolId);
      assert.equal(b.sold, b.accounted, 'pool.sold == live tickets + seats held by offers');
    };

    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      event = await createEvent(t.db, n.center.id, { title: `Movie Night ${dialect}` });
      type = await createTicketType(t.db, event.id, { capacity: 3, name: 'Adult', max_per_order: 4 });
      await createOrderWithTickets(t.db, event, type, { quantity: 3 });
      ana = await createPerson(t.db, { name: 'Ana Waits', locale: 'es' });
      ben = await createPerson(t.db, { name: 'Ben Waits' });
      cruz = await createPerson(t.db, { name: 'Cruz Waits' });
    });
    after(() => t.close());

    it('asks a visitor to sign in, and lets a person join a sold-out ticket type and see their place', async () => {
      const visitor = await t.client().get(`/events/${event.slug}/waitlist`);
      assert.equal(visitor.statusCode, 303);
      assert.match(String(visitor.headers.location), /^\/login\?next=/);
      const a = await as(ana.id);
      assert.equal((await join(a, '1')).statusCode, 303);
      const b = await as(ben.id);
      assert.equal((await join(b, '2')).statusCode, 303);
      assert.match(textOf((await a.get(`/events/${event.slug}/waitlist`)).body), /Es la siguiente persona de la lista/);
      assert.match(textOf((await b.get(`/events/${event.slug}/waitlist`)).body), /1 person is ahead of you/);
      const rows = await entries();
      assert.deepEqual(rows.map((r) => [r.person_id, r.quantity, r.status, r.name]), [[ana.id, 1, 'waiting', 'Ana Waits'], [ben.id, 2, 'waiting', 'Ben Waits']]);
      assert.equal(rows[0]!.email, ana.email);
    });

    it('keeps one entry per person under double and concurrent submits; a new quantity keeps the place', async () => {
      const a = await as(ana.id);
      const again = await join(a, '1');
      assert.equal(again.statusCode, 303);
      assert.match(textOf((await a.get(String(again.headers.location))).body), /Ya está en esta lista de espera/);
      const c = await as(cruz.id);
      const token = await c.csrfFrom(`/events/${event.slug}/waitlist`);
      const body = { ticket_type_id: String(type.id), quantity: '1', _csrf: token };
      const both = await Promise.all([c.post(`/events/${event.slug}/waitlist`, body), c.post(`/events/${event.slug}/waitlist`, body)]);
      assert.deepEqual(both.map((r) => r.statusCode), [303, 303]);
      assert.equal((await entries()).filter((e) => e.person_id === cruz.id).length, 1);
      assert.equal((await join(c, '3')).statusCode, 303);
      const cruzRow = (await entries()).find((e) => e.person_id === cruz.id)!;
      assert.equal(cruzRow.quantity, 3);
      assert.match(textOf((await c.get(`/events/${event.slug}/waitlist`)).body), /2 people are ahead of you/);
    });

    it('refuses bad quantities with the form kept, and changes nothing', async () => {
      const other = await createPerson(t.db);
      const c = await as(other.id);
      for (const [quantity, message] of [['0', /at least 1/], ['-2', /at least 1/], ['abc', /value is not valid/], ['5', /at most 4/], ['1.5', /value is not valid/]] as const) {
        const res = await join(c, quantity);
        assert.equal(res.statusCode, 400, quantity);
        assert.match(textOf(res.body), message, quantity);
        assert.match(res.body, new RegExp(`value="${quantity.replace('.', '\\.')}"`), 'what was typed is kept');
      }
      const ghost = await join(c, '1', 2_000_000);
      assert.equal(ghost.statusCode, 400);
      assert.equal((await entries()).filter((e) => e.person_id === other.id).length, 0);
    });

    it('tells people to register when seats are free', async () => {
      const open = await createTicketType(t.db, event.id, { capacity: 5, name: 'Student', position: 2 });
      const res = await join(await as(ben.id), '1', open.id);
      assert.equal(res.statusCode, 409);
      assert.match(textOf(res.body), /Seats are available: register instead/);
      assert.equal((await entries()).filter((e) => e.ticket_type_id === open.id).length, 0);
    });

    it('lets people leave their own entry only', async () => {
      const dee = await createPerson(t.db, { name: 'Dee Leaves' });
      const d = await as(dee.id);
      await join(d, '1');
      const mine = (await entries()).find((e) => e.person_id === dee.id)!;
      const anas = (await entries()).find((e) => e.person_id === ana.id)!;
      const token = await d.csrfFrom(`/events/${event.slug}/waitlist`);
      assert.equal((await d.post(`/events/${event.slug}/waitlist/leave`, { entry_id: String(anas.id), _csrf: token })).statusCode, 404, "someone else's entry");
      assert.equal((await entries()).find((e) => e.id === anas.id)!.status, 'waiting');
      assert.equal((await d.post(`/events/${event.slug}/waitlist/leave`, { entry_id: String(mine.id), _csrf: token })).statusCode, 303);
      assert.equal((await entries()).find((e) => e.id === mine.id)!.status, 'left');
      assert.match(textOf((await d.get(`/events/${event.slug}/waitlist`)).body), /Join the waitlist/);
    });

    it('offers freed seats in strict order, holds them in the pool, and emails the link', async () => {
      // Ana (1) is first, Ben (2) next, Cruz (3) last. One seat frees: Ana is offered it.
      const full = await t.db.selectFrom('event_orders').selectAll().where('event_id', '=', event.id).executeTakeFirstOrThrow();
      await cancelOrderDirectly(t.db, full, type); // three seats free
      await t.db.transaction().execute((trx) => passFreedSeatsOn(trx, [type.id]));
      let rows = await entries();
      const live = rows.filter((r) => r.status === 'offered' || r.status === 'waiting');
      // Ana (1) and Ben (2) fit in three seats; Cruz (3) does not fit in the one left and waits.
      assert.deepEqual(live.map((r) => [r.person_id, r.status]), [[ana.id, 'offered'], [ben.id, 'offered'], [cruz.id, 'waiting']]);
      const anaRow = rows.find((r) => r.person_id === ana.id)!;
      const hours = (Date.parse(anaRow.offer_expires_at!) - Date.parse(anaRow.offered_at!)) / 3_600_000;
      assert.equal(hours, OFFER_HOURS);
      assert.match(anaRow.offer_token!, /^[A-Za-z0-9_-]{32}$/);
      const pool = await t.db.selectFrom('capacity_pools').selectAll().where('id', '=', type.pool_id).executeTakeFirstOrThrow();
      assert.equal(pool.sold, 3, 'the offers hold 1 + 2 seats');
      await expectBalanced();
      // Running it again offers nothing more: no seats are free and nobody is offered twice.
      await t.db.transaction().execute((trx) => passFreedSeatsOn(trx, [type.id, type.id]));
      rows = await entries();
      assert.equal(rows.filter((r) => r.status === 'offered').length, 2);
      await drainJobs(t);
      const mail = t.smtp.messages.find((m) => recipients(m).includes(ana.email))!;
      assert.match(mail.subject ?? '', /Le reservamos plazas/, "in Ana's language");
      assert.ok(mail.text?.includes(`/events/${event.slug}/register?offer=${anaRow.offer_token}`), mail.text);
      assert.match(textOf((await (await as(ana.id)).get(`/events/${event.slug}/waitlist`)).body), /Le reservamos 1 entrada hasta/);
    });

    it('lets only the offer’s own person take it, once, and before it expires', async () => {
      const rows = await entries();
      const anaRow = rows.find((r) => r.person_id === ana.id)!;
      const benRow = rows.find((r) => r.person_id === ben.id)!;
      const attempt = (token: string, who: { personId: number | null; email: string }) => t.db.transaction().execute((trx) => takeOffer(trx, token, who));
      const refusal = async (p: Promise<unknown>) => {
        const err = await p.then(() => null, (e: unknown) => e);
        assert.ok(err instanceof AppError && err.status === 409, String(err));
        return err.messageKey;
      };
      assert.equal(await refusal(attempt(anaRow.offer_token!, { personId: ben.id, email: ben.email })), 'waitlist:errors.offerNotYours');
      assert.equal(await refusal(attempt('no-such-token', { personId: ana.id, email: ana.email })), 'waitlist:errors.offerNotYours');
      const taken = await attempt(anaRow.offer_token!, { personId: ana.id, email: ana.email });
      assert.deepEqual(taken, { entryId: anaRow.id, ticketTypeId: type.id, quantity: 1 });
      assert.equal(await refusal(attempt(anaRow.offer_token!, { personId: ana.id, email: ana.email })), 'waitlist:errors.offerUsed');
      // The order the offer became: its tickets use the held seats, and the entry points at it.
      const { order } = await createOrderWithTickets(t.db, event, type, { quantity: 1, seatsAlreadyHeld: true, buyer: { id: ana.id, name: ana.name, email: ana.email } });
      await t.db.transaction().execute((trx) => linkOfferToOrder(trx, anaRow.id, order.id));
      assert.equal((await entries()).find((r) => r.id === anaRow.id)!.claimed_order_id, order.id);
      await expectBalanced();
      // Ben's deadline passes before he registers: refused, though the job has not run yet.
      await t.db.updateTable('waitlist_entries').set({ offer_expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', benRow.id).execute();
      assert.equal(await refusal(attempt(benRow.offer_token!, { personId: ben.id, email: ben.email })), 'waitlist:errors.offerExpired');
      assert.equal((await entries()).find((r) => r.id === benRow.id)!.status, 'offered', 'a refusal changes nothing');
    });

    it('shows organisers the queue and lets them offer out of turn and remove; others get 404', async () => {
      const center2 = await createOrganisation(t.db, { kind: 'affiliate_center' });
      const otherDirector = await createPerson(t.db, { roles: [['center_director', center2.id]] });
      const path = `/events/${event.slug}/waitlist/manage`;
      for (const id of [n.leaderA.id, otherDirector.id, n.coachC.id]) assert.equal((await (await as(id)).get(path)).statusCode, 404);
      assert.equal((await t.client().get(path)).statusCode, 303);
      const director = await as(n.directorC.id);
      const page = await director.get(path);
      assert.equal(page.statusCode, 200);
      assert.match(textOf(page.body), /Cruz Waits/);
      const cruzRow = (await entries()).find((r) => r.person_id === cruz.id)!;
      // Not enough seats for Cruz's 3: refused with the reason; nothing changes.
      const token = await director.csrfFrom(path);
      const refused = await director.post(`${path}/offer`, { entry_id: String(cruzRow.id), _csrf: token });
      assert.equal(refused.statusCode, 303);
      assert.match(textOf((await director.get(path)).body), /Not enough seats are free/);
      assert.equal((await entries()).find((r) => r.id === cruzRow.id)!.status, 'waiting');
      // A school leader cannot remove entries (404, unchanged).
      const leader = await as(n.leaderA.id);
      const leaderToken = await leader.csrfFrom(`/events/${event.slug}/waitlist`);
      assert.equal((await leader.post(`${path}/remove`, { entry_id: String(cruzRow.id), _csrf: leaderToken })).statusCode, 404);
      assert.equal((await entries()).find((r) => r.id === cruzRow.id)!.status, 'waiting');
      const removed = await director.post(`${path}/remove`, { entry_id: String(cruzRow.id), _csrf: token });
      assert.equal(removed.statusCode, 303);
      assert.equal((await entries()).find((r) => r.id === cruzRow.id)!.status, 'left');
      const audit = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'waitlist_entry.removed').execute();
      assert.equal(audit.length, 1);
      await expectBalanced();
    });
  });
}
