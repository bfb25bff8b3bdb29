import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CoalitionEvent, Person, TicketType } from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { drainJobs } from '../../../test/helpers/jobs.ts';
import { recipients } from '../../../test/helpers/smtp.ts';
import { cancelOrderDirectly, createOrderWithTickets, poolBalance } from '../../../test/factories/event-orders.ts';
import { createEvent, createTicketType } from '../../../test/factories/events.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson } from '../../../test/factories/people.ts';
import * as repo from './waitlist.repository.ts';
import { expireDueOffers, passFreedSeatsOn, takeOffer } from './waitlist.service.ts';

for (const dialect of testDialects()) {
  describe(`waitlist offers expiring and passing on (${dialect})`, () => {
    let t: TestApp;
    let organiserId: number;
    before(async () => {
      t = await createTestApp(dialect);
      organiserId = (await createOrganisation(t.db, { kind: 'affiliate_center' })).id;
    });
    after(() => t.close());

    const now = () => new Date().toISOString();
    const wait = async (event: CoalitionEvent, type: TicketType, person: Person, quantity: number) =>
      repo.insertEntry(t.db, { event_id: event.id, ticket_type_id: type.id, person_id: person.id, name: person.name, email: person.email, quantity, status: 'waiting', offer_token: null, offered_at: null, offer_expires_at: null, claimed_order_id: null, created_at: now(), updated_at: now() });
    const statuses = async (eventId: number) => (await t.db.selectFrom('waitlist_entries').select(['person_id', 'status']).where('event_id', '=', eventId).orderBy('id').execute()).map((r) => r.status);
    const pass = (type: TicketType) => t.db.transaction().execute((trx) => passFreedSeatsOn(trx, [type.id]));
    const balanced = async (type: TicketType) => {
      const b = await poolBalance(t.db, type.pool_id);
      assert.equal(b.sold, b.accounted, 'pool.sold == live tickets + seats held by offers');
    };
    const lapse = (ids: number[]) => t.db.updateTable('waitlist_entries').set({ offer_expires_at: new Date(Date.now() - 60_000).toISOString() }).where('id', 'in', ids).execute();

    it('keeps strict order, expires unclaimed offers hourly, passes their seats on, and never expires a claimed one', async () => {
      const event = await createEvent(t.db, organiserId, { title: `Fall Forum ${dialect}` });
      const type = await createTicketType(t.db, event.id, { capacity: 3, name: 'Member' });
      const { order: one } = await createOrderWithTickets(t.db, event, type, { quantity: 1 });
      const { order: two } = await createOrderWithTickets(t.db, event, type, { quantity: 2 });
      const [p1, p2, p3] = [await createPerson(t.db, { name: 'Pia' }), await createPerson(t.db, { name: 'Quin' }), await createPerson(t.db, { name: 'Rae' })];
      const w1 = await wait(event, type, p1, 2);
      const w2 = await wait(event, type, p2, 1);
      await wait(event, type, p3, 1);

      // One seat frees: Pia (2) is first and does not fit; Quin (1) behind her does not jump ahead.
      await cancelOrderDirectly(t.db, one, type);
      await pass(type);
      assert.deepEqual(await statuses(event.id), ['waiting', 'waiting', 'waiting']);
      await cancelOrderDirectly(t.db, two, type);
      await pass(type);
      assert.deepEqual(await statuses(event.id), ['offered', 'offered', 'waiting']);
      await balanced(type);

      // Quin claims his offer (the order uses the held seat); then both deadlines pass.
      const w2row = (await repo.findEntry(t.db, w2.id))!;
      await t.db.transaction().execute((trx) => takeOffer(trx, w2row.offer_token!, { personId: p2.id, email: p2.email }));
      await createOrderWithTickets(t.db, event, type, { quantity: 1, seatsAlreadyHeld: true });
      await lapse([w1.id, w2.id]);
      t.smtp.messages.length = 0;
      await drainJobs(t, { schedule: true });
      assert.deepEqual(await statuses(event.id), ['expired', 'claimed', 'offered'], "Pia's offer expired and went to Rae; Quin's claimed offer stands");
      await balanced(type);
      const pool = await t.db.selectFrom('capacity_pools').selectAll().where('id', '=', type.pool_id).executeTakeFirstOrThrow();
      assert.equal(pool.sold, 2, 'Quin’s ticket and Rae’s held seat; one seat free');
      await t.smtp.waitFor((m) => recipients(m).includes(p3.email));
      assert.ok(t.smtp.messages.some((m) => recipients(m).includes(p1.email) && /expired/.test(m.subject ?? '')), 'Pia is told');
      assert.ok(t.smtp.messages.some((m) => recipients(m).includes(p3.email) && /Seats are held for you/.test(m.subject ?? '')), 'Rae gets the offer');
      // Running again changes nothing.
      assert.equal(await expireDueOffers(t.db, new Date()), 0);
      assert.deepEqual(await statuses(event.id), ['expired', 'claimed', 'offered']);
    });

    it('offers nothing for a cancelled event, but still frees the seats of lapsed offers', async () => {
      const event = await createEvent(t.db, organiserId, { title: `Cancelled Forum ${dialect}` });
      const type = await createTicketType(t.db, event.id, { capacity: 1 });
      const { order } = await createOrderWithTickets(t.db, event, type);
      const [a, b] = [await createPerson(t.db), await createPerson(t.db)];
      const wa = await wait(event, type, a, 1);
      await wait(event, type, b, 1);
      await cancelOrderDirectly(t.db, order, type);
      await pass(type);
      await t.db.updateTable('events').set({ status: 'cancelled' }).where('id', '=', event.id).execute();
      await lapse([wa.id]);
      await expireDueOffers(t.db, new Date());
      assert.deepEqual(await statuses(event.id), ['expired', 'waiting']);
      await balanced(type);
    });

    if (dialect === 'postgres') {
      it('never expires an offer twice nor offers seats twice when two processes run the job at once', async () => {
        const event = await createEvent(t.db, organiserId, { title: `Busy Workshop ${dialect}` });
        const type = await createTicketType(t.db, event.id, { capacity: 8 });
        const { order } = await createOrderWithTickets(t.db, event, type, { quantity: 8 });
        const people = await Promise.all(Array.from({ length: 16 }, (_, i) => createPerson(t.db, { name: `Waiter ${i}` })));
        const first = [];
        for (const p of people.slice(0, 8)) first.push(await wait(event, type, p, 1));
        await cancelOrderDirectly(t.db, order, type);
        await pass(type);
        for (const p of people.slice(8)) await wait(event, type, p, 1);
        await lapse(first.map((e) => e.id));
        const at = new Date();
        const runs = await Promise.all([expireDueOffers(t.db, at), expireDueOffers(t.db, at), expireDueOffers(t.db, at)]);
        assert.equal(runs.reduce((a, b) => a + b, 0), 8, `each lapsed offer expired exactly once (runs: ${runs})`);
        assert.deepEqual(await statuses(event.id), [...Array(8).fill('expired'), ...Array(8).fill('offered')]);
        await balanced(type);
        const pool = await t.db.selectFrom('capacity_pools').selectAll().where('id', '=', type.pool_id).executeTakeFirstOrThrow();
        assert.equal(pool.sold, 8);
        // One offer email per newly offered person, never two.
        const mails = await t.db.selectFrom('jobs').select('payload').where('kind', '=', 'mail.send').execute();
        for (const p of people.slice(8)) {
          const offers = mails.filter((m) => m.payload.includes(p.email) && m.payload.includes('Seats are held for you'));
          assert.equal(offers.length, 1, p.name);
        }
        // Negative control: the guards are what stop a second run. Replaying a transition that
        // already happened changes no row.
        const someone = (await repo.findEntry(t.db, first[0]!.id))!;
        assert.equal(await repo.expireOffer(t.db, someone.id, new Date().toISOString()), false);
        assert.equal(await repo.markOffered(t.db, someone.id, { token: 'x', at: now(), expiresAt: now() }), false);
        // …and without the guard (a plain update by id), the same replay would change the row again.
        const unguarded = await t.db.updateTable('waitlist_entries').set({ updated_at: now() }).where('id', '=', someone.id).executeTakeFirst();
        assert.equal(Number(unguarded.numUpdatedRows), 1);
      });
    }
  });
}
