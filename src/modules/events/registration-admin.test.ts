import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createEvent, createTicketType } from '../../../test/factories/events.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import type { CoalitionEvent, TicketType } from '../../db/schema.ts';
import { attendees, buyerOf, orderInput, seatCounts, testActor } from './registration-test-support.ts';
import { placeOrder } from './registration.service.ts';

for (const dialect of testDialects()) {
  describe(`registration: organisers' pages and the API (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let event: CoalitionEvent;
    let type: TicketType;
    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      event = await createEvent(t.db, n.center.id, { title: `Center Workshop ${dialect}` });
      type = await createTicketType(t.db, event.id, { capacity: 6, price_cents: 12_000, member_discount: false, max_per_order: 4 });
    });
    after(() => t?.close());

    const as = async (personId: number): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, personId);
      return c;
    };
    const base = () => `/events/${event.slug}`;

    it('only the event\'s organisers reach its tickets and orders pages (404 for everyone else)', async () => {
      for (const personId of [n.coachC.id, n.leaderA.id, n.staffB.id]) {
        const c = await as(personId);
        for (const path of ['/tickets', '/tickets/pools/new', '/tickets/types/new', '/orders', '/orders.csv']) assert.equal((await c.get(`${base()}${path}`)).statusCode, 404, `${personId} ${path}`);
        assert.equal((await c.submit('/events/mine', { name: 'X', capacity: '5' }, `${base()}/tickets/pools/new`)).statusCode, 404);
      }
      assert.equal((await t.db.selectFrom('capacity_pools').selectAll().where('event_id', '=', event.id).execute()).length, 1, 'no pool was added');
      const director = await as(n.directorC.id);
      assert.equal((await director.get(`${base()}/tickets`)).statusCode, 200);
      assert.equal((await (await as(n.admin.id)).get(`${base()}/orders`)).statusCode, 200);
    });

    it('sets up pools, ticket types and promo codes; capacity cannot go below what is sold', async () => {
      const director = await as(n.directorC.id);
      await placeOrder(t.db, testActor, { event, buyer: buyerOf(n.staffA), input: orderInput([[type.id, 3]], { attendees: attendees(3, 'p') }), cardAvailable: false });
      const poolPath = `${base()}/tickets/pools/${type.pool_id}`;
      const low = await director.submit(poolPath, { name: 'Main hall', capacity: '2' });
      assert.equal(low.statusCode, 400);
      assert.match(textOf(low.body), /can't be lower than the seats already sold/);
      assert.match(low.body, /name="capacity"[^>]*value="2"/, 'the typed value is kept');
      assert.equal((await t.db.selectFrom('capacity_pools').select('capacity').where('id', '=', type.pool_id).executeTakeFirstOrThrow()).capacity, 6, 'unchanged');
      assert.equal((await director.submit(poolPath, { name: 'Main hall', capacity: '8' })).statusCode, 303);
      assert.equal((await t.db.selectFrom('capacity_pools').select('capacity').where('id', '=', type.pool_id).executeTakeFirstOrThrow()).capacity, 8);

      const bad = await director.submit(`${base()}/tickets/types/new`, { name: 'Group of 5', audience: 'anyone', price: '12.345', pool_id: String(type.pool_id), seats_per_unit: '5', max_per_order: '2', sales_start: '2030-01-02T09:00', sales_end: '2030-01-01T09:00' });
      assert.equal(bad.statusCode, 400);
      assert.match(textOf(bad.body), /amount in dollars/);
      assert.match(textOf(bad.body), /end must come after the start/);
      const ok = await director.submit(`${base()}/tickets/types/new`, { name: 'Group of 5', audience: 'anyone', price: '500.00', member_discount: 'on', pool_id: String(type.pool_id), seats_per_unit: '5', max_per_order: '2', sales_start: '2026-01-02T09:00' });
      assert.equal(ok.statusCode, 303, textOf(ok.body));
      const group = await t.db.selectFrom('ticket_types').selectAll().where('event_id', '=', event.id).where('name', '=', 'Group of 5').executeTakeFirstOrThrow();
      assert.deepEqual([group.price_cents, group.seats_per_unit, group.sales_start_at], [50_000, 5, '2026-01-02T14:00:00.000Z'], 'sale times are read in the event\'s zone (New York)');

      assert.equal((await director.submit(`${base()}/tickets/promos/new`, { code: 'early', kind: 'percent', percent_off: '25', max_uses: '1' })).statusCode, 303);
      const dup = await director.submit(`${base()}/tickets/promos/new`, { code: 'EARLY', kind: 'amount', amount_off: '10' });
      assert.equal(dup.statusCode, 409);
      assert.match(textOf(dup.body), /already has that code/);
      const audits = await t.db.selectFrom('audit_events').select('action').where('actor_person_id', '=', n.directorC.id).execute();
      assert.deepEqual([...new Set(audits.map((a) => a.action))].sort(), ['capacity_pool.updated', 'promo_code.created', 'ticket_type.created']);
    });

    it('a promo code is used once when it has one use; the second order is refused and nothing is saved', async () => {
      const first = await placeOrder(t.db, testActor, { event, buyer: buyerOf(n.staffB), input: orderInput([[type.id, 1]], { promo_code: 'Early' }), cardAvailable: false });
      assert.equal(first.order.total_cents, 9_000);
      const before = await seatCounts(t.db, event.id);
      const res = await (await as(n.leaderB.id)).submit(`${base()}/register`, { [`qty_${type.id}`]: '1', promo_code: 'early' });
      assert.equal(res.statusCode, 400);
      assert.match(textOf(res.body), /used up/);
      assert.deepEqual(await seatCounts(t.db, event.id), before);
    });

    it('lists, searches and exports orders (formula-escaped)', async () => {
      const tricky = await createPerson(t.db, { name: '=HYPERLINK("http://evil")', email: `tricky-${dialect}@example.org` });
      await placeOrder(t.db, testActor, { event, buyer: buyerOf(tricky), input: orderInput([[type.id, 1]]), cardAvailable: false });
      const director = await as(n.directorC.id);
      const all = await director.get(`${base()}/orders`);
      assert.equal(all.statusCode, 200);
      assert.match(textOf(all.body), /3 orders/);
      const found = await director.get(`${base()}/orders?q=tricky-${dialect}`);
      assert.match(textOf(found.body), /1 order\b/);
      const csv = await director.get(`${base()}/orders.csv?q=tricky-${dialect}`);
      assert.equal(csv.statusCode, 200);
      assert.match(csv.headers['content-type'] as string, /text\/csv/);
      assert.match(csv.body, /'=HYPERLINK/);
      assert.doesNotMatch(csv.body, /[,\n]"?=HYPERLINK/);
    });

    it('API: places an order idempotently, answers 400 with field paths and 409 when sold out, lists and cancels', async () => {
      const c = await as(n.staffA.id);
      const key = randomUUID();
      const post = (body: unknown, k = key) => c.request({ method: 'POST', url: `/api/v1/events/${event.slug}/orders`, payload: body as object, headers: { 'idempotency-key': k } });
      const bad = await post({ items: [{ ticket_type_id: type.id, quantity: -1 }] }, randomUUID());
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.json().error.fields['items.0.quantity']);
      const over = await post({ items: [{ ticket_type_id: type.id, quantity: 9 }] }, randomUUID());
      assert.equal(over.statusCode, 400);
      assert.ok(over.json().error.fields['items.0.quantity'], JSON.stringify(over.json()));
      const first = await post({ items: [{ ticket_type_id: type.id, quantity: 1 }], payment_method: 'invoice' });
      assert.equal(first.statusCode, 201, first.body);
      const again = await post({ items: [{ ticket_type_id: type.id, quantity: 1 }], payment_method: 'invoice' });
      assert.equal(again.statusCode, 200);
      assert.equal(again.json().reference, first.json().reference);
      const left = (await t.db.selectFrom('capacity_pools').selectAll().where('id', '=', type.pool_id).executeTakeFirstOrThrow());
      const sold = await post({ items: [{ ticket_type_id: type.id, quantity: 4 }], attendees: attendees(4, 'api') }, randomUUID());
      assert.equal(sold.statusCode, 409);
      assert.match(sold.json().error.message, new RegExp(`Only ${left.capacity - left.sold} seat`));
      const mine = await c.get('/api/v1/me/registrations');
      assert.equal(mine.statusCode, 200);
      assert.ok(mine.json().data.some((o: { reference: string }) => o.reference === first.json().reference));
      const stranger = await as(n.staffB.id);
      const denied = await stranger.request({ method: 'POST', url: `/api/v1/events/${event.slug}/orders/${first.json().reference}/cancel`, payload: {} });
      assert.equal(denied.statusCode, 404);
      const cancel = await c.request({ method: 'POST', url: `/api/v1/events/${event.slug}/orders/${first.json().reference}/cancel`, payload: {} });
      assert.equal(cancel.statusCode, 200, cancel.body);
      assert.equal(cancel.json().status, 'cancelled');
      const twice = await c.request({ method: 'POST', url: `/api/v1/events/${event.slug}/orders/${first.json().reference}/cancel`, payload: {} });
      assert.equal(twice.statusCode, 409);
      assert.equal((await t.client().request({ method: 'POST', url: `/api/v1/events/${event.slug}/orders`, payload: { items: [] } })).statusCode, 401);
    });

    it('an HTTP burst for the last seats never oversells', async () => {
      const small = await createEvent(t.db, n.center.id, { title: `Burst ${dialect}` });
      const seats = await createTicketType(t.db, small.id, { capacity: 5, max_per_order: 4 });
      const clients = await Promise.all(Array.from({ length: 10 }, async () => as((await createPerson(t.db)).id)));
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) => {
          const q = 1 + (i % 3);
          return clients[i % clients.length]!.request({ method: 'POST', url: `/api/v1/events/${small.slug}/orders`, payload: { items: [{ ticket_type_id: seats.id, quantity: q }], ...(q > 1 && { attendees: attendees(q, `h${i}-`) }) }, headers: { 'idempotency-key': randomUUID() } });
        }),
      );
      assert.deepEqual([...new Set(results.map((r) => r.statusCode))].sort(), [201, 409]);
      const counts = await seatCounts(t.db, small.id);
      assert.equal(counts.sold, counts.tickets);
      assert.ok(counts.sold <= 5);
    });
  });
}
