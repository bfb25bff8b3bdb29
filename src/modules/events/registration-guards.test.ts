import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createEvent, createTicketType } from '../../../test/factories/events.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { signIn } from '../../../test/factories/people.ts';
import type { CoalitionEvent, TicketType } from '../../db/schema.ts';
import { getInvoiceById } from '../billing/billing.service.ts';
import { addSession } from './calendar.test-support.ts';
import { attendees, buyerOf, makeMember, orderInput, seatCounts, testActor } from './registration-test-support.ts';
import { placeOrder } from './registration.service.ts';

// Who may cancel what, and when; personal tickets; text that PostgreSQL cannot store.

let seq = 0;
const HOUR = 3_600_000;

for (const dialect of testDialects()) {
  describe(`registration guards (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
    });
    after(() => t?.close());

    const as = async (personId: number): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, personId);
      return c;
    };
    const orderRow = (id: number) => t.db.selectFrom('event_orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const ticketsOf = (id: number) => t.db.selectFrom('tickets').selectAll().where('order_id', '=', id).orderBy('id').execute();
    const setUp = async (overrides: Parameters<typeof createEvent>[2] = {}) => {
      const event = await createEvent(t.db, n.center.id, { title: `Guards ${dialect} ${++seq}`, ...overrides });
      const type = await createTicketType(t.db, event.id, { capacity: 10, price_cents: 10_000, member_discount: false });
      return { event, type };
    };
    const buy = (event: CoalitionEvent, type: TicketType, seats: number) =>
      placeOrder(t.db, testActor, { event, buyer: buyerOf(n.staffA), input: orderInput([[type.id, seats]], seats > 1 ? { attendees: attendees(seats, `g${seq}`) } : {}), cardAvailable: false });
    /** The order's status, its invoice's state and the event's seats: what a refused cancel must leave alone. */
    const snapshot = async (event: CoalitionEvent, orderId: number) => {
      const o = await orderRow(orderId);
      return [o.status, o.total_cents, (await getInvoiceById(t.db, o.invoice_id!))?.state, await seatCounts(t.db, event.id)];
    };
    const cancelAs = async (c: TestClient, event: CoalitionEvent, reference: string, fields: Record<string, string> = {}) =>
      c.submit(`/events/${event.slug}/orders/${reference}`, fields, `/events/${event.slug}/orders/${reference}/cancel`);

    it('refuses a buyer\'s cancel once the event has started; the organiser may still cancel for them', async () => {
      const { event, type } = await setUp({ starts_at: new Date(Date.now() - HOUR).toISOString(), ends_at: new Date(Date.now() + HOUR).toISOString() });
      const { order } = await buy(event, type, 1);
      const before1 = await snapshot(event, order.id);
      const buyer = await as(n.staffA.id);
      const page = await buyer.get(`/events/${event.slug}/orders/${order.reference}`);
      assert.match(textOf(page.body), /The event has started/);
      assert.doesNotMatch(page.body, /Cancel the whole order/);
      const res = await cancelAs(buyer, event, order.reference);
      assert.equal(res.statusCode, 409);
      assert.match(textOf(res.body), /can no longer be cancelled/);
      const api = await buyer.request({ method: 'POST', url: `/api/v1/events/${event.slug}/orders/${order.reference}/cancel`, headers: { 'content-type': 'application/json' }, payload: '{}' });
      assert.equal(api.statusCode, 409);
      assert.deepEqual(await snapshot(event, order.id), before1, 'nothing changed');
      const byOrganiser = await cancelAs(await as(n.directorC.id), event, order.reference);
      assert.equal(byOrganiser.statusCode, 303);
      assert.equal((await orderRow(order.id)).status, 'cancelled');
    });

    it('refuses to cancel a ticket used at the door (or the order holding it); the other tickets may go', async () => {
      const { event, type } = await setUp();
      const { order } = await buy(event, type, 2);
      const [used, other] = await ticketsOf(order.id);
      await t.db.updateTable('tickets').set({ checked_in_at: new Date().toISOString() }).where('id', '=', used!.id).execute();
      const buyer = await as(n.staffA.id);
      const before1 = await snapshot(event, order.id);
      for (const fields of [{}, { ticket_id: String(used!.id) }] as Record<string, string>[]) {
        const res = await cancelAs(buyer, event, order.reference, fields);
        assert.equal(res.statusCode, 409, JSON.stringify(fields));
        assert.match(textOf(res.body), /already used at the door/);
      }
      assert.deepEqual(await snapshot(event, order.id), before1, 'nothing changed');
      const transfer = await buyer.submit(`/events/${event.slug}/orders/${order.reference}`, { ticket_id: String(used!.id), name: 'Cora', email: 'cora@example.org' }, `/events/${event.slug}/orders/${order.reference}/transfer`);
      assert.equal(transfer.statusCode, 409, 'nor given away');
      assert.equal((await cancelAs(buyer, event, order.reference, { ticket_id: String(other!.id) })).statusCode, 303);
    });

    it('after the refund cutoff, an unpaid invoice stays due: the buyer cannot cancel it (the page says why); a paid one may still be let go', async () => {
      const { event, type } = await setUp({ refund_cutoff_days: 60 });
      const { order } = await buy(event, type, 1);
      const buyer = await as(n.staffA.id);
      const page = await buyer.get(`/events/${event.slug}/orders/${order.reference}`);
      assert.match(textOf(page.body), /the invoice stays due/);
      assert.doesNotMatch(page.body, /Cancel the whole order/);
      const before1 = await snapshot(event, order.id);
      const res = await cancelAs(buyer, event, order.reference);
      assert.equal(res.statusCode, 409);
      assert.match(textOf(res.body), /Give them to a colleague/);
      assert.deepEqual(await snapshot(event, order.id), before1, 'the invoice is still open and the seat still taken');
      // Before the cutoff the same order may be cancelled (control).
      const early = await setUp();
      const { order: o2 } = await buy(early.event, early.type, 1);
      assert.equal((await cancelAs(buyer, early.event, o2.reference)).statusCode, 303);
    });

    it('presenter tickets are for the presenter themself, one per order', async () => {
      const { event, type } = await setUp();
      const presenterType = await createTicketType(t.db, event.id, { name: 'Presenter', price_cents: 0, audience: 'presenters', pool_id: type.pool_id });
      const session = await addSession(t.db, event);
      await t.db.insertInto('session_presenters').values({ session_id: session.id, person_id: n.staffA.id, name: n.staffA.name, affiliation: null, position: 1 }).execute();
      const c = await as(n.staffA.id);
      const url = `/events/${event.slug}/register`;
      const count = async () => (await t.db.selectFrom('event_orders').select('id').where('event_id', '=', event.id).execute()).length;
      for (const fields of [
        { [`qty_${presenterType.id}`]: '1', attendees: 'Friend Of Mine, friend@example.org' },
        { [`qty_${presenterType.id}`]: '2', attendees: `${n.staffA.name}, ${n.staffA.email}\nFriend Of Mine, friend@example.org` },
      ]) {
        const res = await c.submit(url, fields);
        assert.equal(res.statusCode, 400, JSON.stringify(fields));
        assert.match(textOf(res.body), /presenter's ticket is for yourself only/);
      }
      assert.equal(await count(), 0, 'nothing written');
      const mine = await c.submit(url, { [`qty_${presenterType.id}`]: '1' });
      assert.equal(mine.statusCode, 303, textOf(mine.body));
      const [ticket] = await t.db.selectFrom('tickets').selectAll().where('event_id', '=', event.id).execute();
      assert.equal(ticket!.attendee_person_id, n.staffA.id);
    });

    it('members\' tickets in an order for oneself are for the buyer only; a school\'s order covers its staff', async () => {
      const { event, type } = await setUp();
      await makeMember(t.db, n.schoolA);
      const members = await createTicketType(t.db, event.id, { name: 'Member day', audience: 'members', pool_id: type.pool_id });
      const url = `/events/${event.slug}/register`;
      const staff = await as(n.staffA.id);
      const forFriend = await staff.submit(url, { [`qty_${members.id}`]: '1', attendees: 'Non Member, non.member@example.org' });
      assert.equal(forFriend.statusCode, 400);
      assert.match(textOf(forFriend.body), /members' ticket in an order for yourself is for you only/);
      await createTicketType(t.db, event.id, { name: 'Student', audience: 'students', pool_id: type.pool_id });
      assert.match(textOf((await staff.get(url)).body), /self-declared/, 'the form says student status is taken on trust');
      assert.equal((await staff.submit(url, { [`qty_${members.id}`]: '1' })).statusCode, 303, 'for oneself');
      const leader = await as(n.leaderA.id);
      const group = await leader.submit(`${url}?school=${n.schoolA.id}`, { organisation_id: String(n.schoolA.id), [`qty_${members.id}`]: '2', attendees: 'Guest One, g1@example.org\nGuest Two, g2@example.org' }, url);
      assert.equal(group.statusCode, 303, textOf(group.body));
    });

    it('refuses control characters in text fields with 400 (PostgreSQL cannot store a NUL)', async () => {
      const { event, type } = await setUp();
      const { order } = await buy(event, type, 1);
      const [ticket] = await ticketsOf(order.id);
      const c = await as(n.staffA.id);
      const base = `/events/${event.slug}`;
      for (const path of [`${base}/orders/%00`, `${base}/orders/ab%00cd`, `${base}/orders/${'X'.repeat(30)}`]) assert.equal((await c.get(path)).statusCode, 400, path);
      const before1 = (await t.db.selectFrom('event_orders').select('id').execute()).length;
      for (const extra of [{ offer: 'ab\u0000cd' }, { promo_code: 'AB\u0000CD' }, { attendees: 'Ma\u0000ya, maya@example.org' }, { po_number: 'P\u0000O' }] as Record<string, string>[]) {
        const res = await c.submit(`${base}/register`, { [`qty_${type.id}`]: '1', payment_method: 'invoice', ...extra });
        assert.equal(res.statusCode, 400, JSON.stringify(extra));
      }
      const api = await c.request({ method: 'POST', url: `/api/v1/events/${event.slug}/orders`, headers: { 'content-type': 'application/json' }, payload: { items: [{ ticket_type_id: type.id, quantity: 1 }], attendees: [{ name: 'A\u0000B', email: 'ab@example.org' }] } });
      assert.equal(api.statusCode, 400);
      assert.equal((await t.db.selectFrom('event_orders').select('id').execute()).length, before1, 'no order written');
      const page = `${base}/orders/${order.reference}`;
      const transfer = await c.submit(page, { ticket_id: String(ticket!.id), name: 'Co\u0000ra', email: 'cora@example.org' }, `${page}/transfer`);
      assert.equal(transfer.statusCode, 400);
      assert.equal((await ticketsOf(order.id))[0]!.attendee_email, ticket!.attendee_email, 'not transferred');
    });
  });
}
