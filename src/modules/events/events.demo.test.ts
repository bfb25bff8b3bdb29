import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/helpers/database.ts';
import { seedDemoAffiliation } from '../affiliation/affiliation.demo.ts';
import { registerInvoicePurposes } from '../invoice-purposes.ts';
import { seedDemoNetwork } from '../../db/seeds/demo-network.ts';
import { seedDemoEvents } from './events.demo.ts';
import { seedDemoFrameworks } from '../framework/framework.demo.ts';

for (const dialect of testDialects()) {
  describe(`events demo data (${dialect})`, () => {
    let database: TestDatabase;
    before(async () => {
      registerInvoicePurposes();
      database = await createTestDatabase(dialect);
      await seedDemoNetwork(database.db);
      await seedDemoAffiliation(database.db);
      await seedDemoFrameworks(database.db);
      await seedDemoEvents(database.db);
    });
    after(() => database.drop());

    it('holds a Fall Forum with ticket types, sessions, proposals under review and the demo leader’s team order by invoice', async () => {
      const db = database.db;
      const forum = await db.selectFrom('events').selectAll().where('slug', '=', 'fall-forum').executeTakeFirstOrThrow();
      assert.equal(forum.status, 'published');
      const types = await db.selectFrom('ticket_types').select(['name', 'audience', 'seats_per_unit', 'is_add_on']).where('event_id', '=', forum.id).execute();
      assert.deepEqual(new Set(types.map((t) => t.audience)), new Set(['anyone', 'members', 'students', 'presenters']));
      assert.ok(types.some((t) => t.seats_per_unit === 5) && types.some((t) => Boolean(t.is_add_on)));
      const sessions = await db.selectFrom('event_sessions').select('proposal_id').where('event_id', '=', forum.id).execute();
      assert.ok(sessions.length >= 10 && sessions.some((s) => s.proposal_id !== null), 'an accepted proposal became a session');
      const proposals = await db.selectFrom('session_proposals').select('status').where('event_id', '=', forum.id).execute();
      assert.deepEqual(new Set(proposals.map((p) => p.status)), new Set(['submitted', 'accepted', 'declined']));
      const team = await db
        .selectFrom('event_orders')
        .innerJoin('people', 'people.id', 'event_orders.buyer_person_id')
        .select(['event_orders.id', 'event_orders.status', 'event_orders.invoice_id', 'event_orders.discount_cents', 'event_orders.organisation_id'])
        .where('people.email', '=', 'leader@demo.coalition.invalid')
        .where('event_orders.event_id', '=', forum.id)
        .executeTakeFirstOrThrow();
      assert.equal(team.status, 'confirmed');
      assert.ok(team.invoice_id !== null && team.organisation_id !== null);
      const seats = await db.selectFrom('tickets').select('id').where('order_id', '=', team.id).where('status', '=', 'active').execute();
      assert.equal(seats.length, 5);
    });

    it('holds center workshops, a sold-out fundraiser with a waitlist, a past workshop with check-ins and a cancelled event; running again adds nothing', async () => {
      const db = database.db;
      const events = await db.selectFrom('events').select(['id', 'slug', 'kind', 'status', 'organiser_id', 'starts_at']).execute();
      assert.ok(events.filter((e) => e.kind === 'workshop').length >= 2);
      const movie = events.find((e) => e.kind === 'fundraiser')!;
      const pool = await db.selectFrom('capacity_pools').select(['sold', 'capacity']).where('event_id', '=', movie.id).executeTakeFirstOrThrow();
      assert.equal(pool.sold, pool.capacity, 'sold out');
      const waiting = await db.selectFrom('waitlist_entries').select('status').where('event_id', '=', movie.id).execute();
      assert.equal(waiting.filter((w) => w.status === 'waiting').length, 2);
      const past = events.find((e) => e.starts_at < new Date().toISOString())!;
      const checkedIn = await db.selectFrom('tickets').select('id').where('event_id', '=', past.id).where('checked_in_at', 'is not', null).execute();
      assert.ok(checkedIn.length > 0);
      assert.ok(events.some((e) => e.status === 'cancelled'));
      const before = (await db.selectFrom('tickets').select('id').execute()).length;
      await seedDemoEvents(db);
      assert.equal((await db.selectFrom('events').select('id').execute()).length, events.length);
      assert.equal((await db.selectFrom('tickets').select('id').execute()).length, before);
    });
  });
}
