import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { poolBalance } from '../../../test/factories/event-orders.ts';
import { createEvent, createPool, createTicketType } from '../../../test/factories/events.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { signIn } from '../../../test/factories/people.ts';
import type { TicketType } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { cancelOrder } from './order-changes.service.ts';
import { attendees, buyerOf, orderInput, testActor } from './registration-test-support.ts';
import { placeOrder } from './registration.service.ts';
import type { TicketTypeInput } from './registration.schemas.ts';
import { updateTicketType } from './ticket-admin.service.ts';
import { expireDueOffers } from './waitlist.service.ts';

// A ticket type's pool, seats per ticket and add-on setting are what seats are claimed and given
// back by, for tickets and for waitlist offers alike: once anything was sold or offered they are
// fixed, or the pool's count drifts from what it holds.

const inputOf = (type: TicketType, changes: Partial<TicketTypeInput> = {}): TicketTypeInput => ({
  name: type.name,
  audience: type.audience,
  price: type.price_cents,
  member_discount: false,
  seats_per_unit: type.seats_per_unit,
  is_add_on: false,
  pool_id: type.pool_id,
  max_per_order: type.max_per_order,
  position: 0,
  ...changes,
});

for (const dialect of testDialects()) {
  describe(`editing a ticket type with live tickets or offers (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
    });
    after(() => t?.close());
    const reload = (id: number) => t.db.selectFrom('ticket_types').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    it('refuses to change seats per ticket, pool or add-on once an offer holds seats; the pool stays balanced through expiry', async () => {
      const event = await createEvent(t.db, n.center.id, { title: `Group tables ${dialect}` });
      const type = await createTicketType(t.db, event.id, { capacity: 2, price_cents: 0, seats_per_unit: 2, max_per_order: 5, member_discount: false });
      const other = await createPool(t.db, event.id, 10, 'Overflow');
      const balanced = async (why: string) => {
        const b = await poolBalance(t.db, type.pool_id);
        assert.equal(b.sold, b.accounted, `pool.sold == active tickets' seats + offered holds (${why})`);
      };
      const { order } = await placeOrder(t.db, testActor, { event, buyer: buyerOf(n.staffA), input: orderInput([[type.id, 1]], { attendees: attendees(2, `w${dialect}`) }), cardAvailable: false });
      const at = new Date().toISOString();
      await t.db.insertInto('waitlist_entries').values({ event_id: event.id, ticket_type_id: type.id, person_id: n.staffB.id, name: n.staffB.name, email: n.staffB.email, quantity: 1, status: 'waiting', offer_token: null, offered_at: null, offer_expires_at: null, claimed_order_id: null, created_at: at, updated_at: at }).execute();
      await cancelOrder(t.db, testActor, { event, order, by: 'buyer' });
      assert.equal((await t.db.selectFrom('waitlist_entries').select('status').where('event_id', '=', event.id).executeTakeFirstOrThrow()).status, 'offered');
      await balanced('offer made');

      for (const change of [{ seats_per_unit: 1 }, { pool_id: other.id }, { is_add_on: true }]) {
        const err = await updateTicketType(t.db, testActor, event, type.id, inputOf(type, change)).catch((e: unknown) => e);
        assert.ok(err instanceof AppError && err.status === 409 && err.messageKey === 'registration-admin:errors.typeInUse', JSON.stringify(change));
      }
      const unchanged = await reload(type.id);
      assert.deepEqual([unchanged.seats_per_unit, unchanged.pool_id, Boolean(unchanged.is_add_on)], [2, type.pool_id, false], 'nothing changed');
      // The organiser's form says why.
      const director = t.client();
      await signIn(t.db, director, n.directorC.id);
      const page = `/events/${event.slug}/tickets/types/${type.id}`;
      const form = await director.submit(page, { name: type.name, audience: 'anyone', price: '0', pool_id: String(type.pool_id), seats_per_unit: '1', max_per_order: '5' });
      assert.equal(form.statusCode, 409);
      assert.match(textOf(form.body), /can't change now/);
      // Control: the name and price may still change.
      await updateTicketType(t.db, testActor, event, type.id, inputOf(type, { name: 'Table of two' }));
      assert.equal((await reload(type.id)).name, 'Table of two');

      await expireDueOffers(t.db, new Date(Date.now() + 49 * 3_600_000));
      await balanced('offer expired');
      assert.equal((await poolBalance(t.db, type.pool_id)).sold, 0);
    });

    it('lets a type nobody bought or waits for change its seats, pool and add-on setting (negative control)', async () => {
      const event = await createEvent(t.db, n.center.id, { title: `Fresh type ${dialect}` });
      const type = await createTicketType(t.db, event.id, { capacity: 4, seats_per_unit: 2, max_per_order: 2 });
      const other = await createPool(t.db, event.id, 10, 'Workshops');
      await updateTicketType(t.db, testActor, event, type.id, inputOf(type, { seats_per_unit: 1, pool_id: other.id, is_add_on: true }));
      const row = await reload(type.id);
      assert.deepEqual([row.seats_per_unit, row.pool_id, Boolean(row.is_add_on)], [1, other.id, true]);
    });
  });
}
