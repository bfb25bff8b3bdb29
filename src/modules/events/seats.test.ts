import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createEvent, createPool, createTicketType } from '../../../test/factories/events.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson } from '../../../test/factories/people.ts';
import { openDatabase } from '../../db/connection.ts';
import type { Database, Person } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { attendees, buyerOf, orderInput, seatCounts, testActor } from './registration-test-support.ts';
import { placeOrder } from './registration.service.ts';
import { SeatsUnavailable, useUnguardedSeatClaimsForTests } from './seats.ts';

/**
 * Fires `n` orders of 1–4 seats through the order service, `inFlight` at a time (all at once by
 * default); returns how many succeeded, how many were refused as sold out, and anything else.
 */
async function burst(db: Kysely<Database>, event: Awaited<ReturnType<typeof createEvent>>, typeId: number, buyer: Person, n: number, inFlight = n) {
  let seed = 7;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const wanted: number[] = Array.from({ length: n }, () => 1 + Math.floor(rand() * 4));
  const attempt = (seats: number, i: number) => placeOrder(db, testActor, { event, buyer: buyerOf(buyer), input: orderInput([[typeId, seats]], { attendees: attendees(seats, `b${i}-`), payment_method: 'invoice' }), cardAvailable: false });
  const results: PromiseSettledResult<unknown>[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(inFlight, n) }, async () => {
      while (next < n) {
        const i = next++;
        results.push(...(await Promise.allSettled([attempt(wanted[i]!, i)])));
      }
    }),
  );
  const ok = results.filter((r) => r.status === 'fulfilled').length;
  const refusals = results.filter((r) => r.status === 'rejected' && r.reason instanceof SeatsUnavailable).length;
  const other = results.filter((r) => r.status === 'rejected' && !(r.reason instanceof SeatsUnavailable)).map((r) => (r as PromiseRejectedResult).reason);
  return { ok, refusals, other };
}

for (const dialect of testDialects()) {
  describe(`never oversell (${dialect})`, () => {
    let t: TestApp;
    let buyer: Person;
    let office: Awaited<ReturnType<typeof createOrganisation>>;
    // PostgreSQL: a wider pool, so many transactions really run at the same time.
    let wide: Kysely<Database>;
    let closeWide: () => Promise<void>;
    before(async () => {
      t = await createTestApp(dialect);
      office = await createOrganisation(t.db, { kind: 'national_office' });
      buyer = await createPerson(t.db);
      if (dialect === 'postgres') {
        const h = openDatabase({ databaseUrl: t.database.location.databaseUrl, sqlitePath: '', poolSize: 20 });
        wide = h.db;
        closeWide = () => h.destroy();
      } else {
        wide = t.db;
        closeWide = async () => {};
      }
    });
    after(async () => {
      useUnguardedSeatClaimsForTests(false);
      await closeWide?.();
      await t?.close();
    });

    // PostgreSQL: all 2,000 at once over 20 connections. SQLite has one connection that every
    // transaction queues for anyway, and Kysely's SQLite mutex wakes every waiter on each release
    // (quadratic in the queue), so there 200 are kept in flight at a time.
    it('2,000 simultaneous orders of 1–4 seats for 50 seats: sold equals tickets issued, never above capacity', async () => {
      const event = await createEvent(t.db, office.id);
      const type = await createTicketType(t.db, event.id, { capacity: 50, max_per_order: 4, price_cents: 5_000 });
      const started = Date.now();
      const { ok, refusals, other } = await burst(wide, event, type.id, buyer, 2_000, dialect === 'postgres' ? 2_000 : 200);
      assert.deepEqual(other, [], 'every refusal is a clear "sold out / only N left"');
      assert.ok(ok > 0 && refusals > 0, `${ok} orders, ${refusals} refused`);
      const counts = await seatCounts(t.db, event.id);
      assert.equal(counts.sold, counts.tickets, 'the pool counter equals the seats on active tickets');
      assert.ok(counts.sold <= 50, `sold ${counts.sold} of 50`);
      assert.ok(counts.sold >= 47, `a burst of 2,000 leaves at most 3 seats unsold (sold ${counts.sold})`);
      const orders = await t.db.selectFrom('event_orders').select((eb) => eb.fn.countAll<number | string>().as('n')).where('event_id', '=', event.id).executeTakeFirstOrThrow();
      assert.equal(Number(orders.n), ok, 'a refused order leaves no row behind');
      assert.ok(Date.now() - started < 20_000, 'the burst finishes in time');
    });

    it('the last seat goes to exactly one of two buyers', async () => {
      const event = await createEvent(t.db, office.id);
      const type = await createTicketType(t.db, event.id, { capacity: 1 });
      const other = await createPerson(t.db);
      const results = await Promise.allSettled([buyer, other].map((p) => placeOrder(wide, testActor, { event, buyer: buyerOf(p), input: orderInput([[type.id, 1]]), cardAvailable: false })));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.ok(lost.reason instanceof SeatsUnavailable && lost.reason.messageKey === 'registration:errors.soldOut');
      assert.deepEqual(await seatCounts(t.db, event.id), { sold: 1, capacity: 1, tickets: 1 });
    });

    it('an add-on pool that runs out rolls the main tickets back too', async () => {
      const event = await createEvent(t.db, office.id);
      const main = await createTicketType(t.db, event.id, { capacity: 10 });
      const workshop = await createTicketType(t.db, event.id, { capacity: 1, is_add_on: true, name: 'Workshop' });
      const err = await placeOrder(t.db, testActor, { event, buyer: buyerOf(buyer), input: orderInput([[main.id, 2], [workshop.id, 2]], { attendees: attendees(2, 'w') }), cardAvailable: false }).catch((e: unknown) => e);
      assert.ok(err instanceof SeatsUnavailable && err.left === 1, String(err));
      assert.equal(err.messageKey, 'registration:errors.onlyLeft');
      assert.deepEqual(await seatCounts(t.db, event.id), { sold: 0, capacity: 11, tickets: 0 }, 'nothing claimed, nothing issued');
      assert.equal((await t.db.selectFrom('invoices').selectAll().where('purpose', '=', 'event').execute()).filter((i) => i.purpose_id !== null && i.bill_to_name === buyer.name && i.total_cents === 40_000).length, 0, 'no invoice');
    });

    it('a shared pool seats two ticket types together', async () => {
      const event = await createEvent(t.db, office.id);
      const pool = await createPool(t.db, event.id, 3);
      const member = await createTicketType(t.db, event.id, { pool_id: pool.id, name: 'Member' });
      const guest = await createTicketType(t.db, event.id, { pool_id: pool.id, name: 'Guest' });
      await placeOrder(t.db, testActor, { event, buyer: buyerOf(buyer), input: orderInput([[member.id, 2]], { attendees: attendees(2, 's') }), cardAvailable: false });
      const err = await placeOrder(t.db, testActor, { event, buyer: buyerOf(buyer), input: orderInput([[guest.id, 2]], { attendees: attendees(2, 't') }), cardAvailable: false }).catch((e: unknown) => e);
      assert.ok(err instanceof AppError && err.status === 409);
      assert.deepEqual(await seatCounts(t.db, event.id), { sold: 2, capacity: 3, tickets: 2 });
    });

    if (dialect === 'postgres') {
      it('negative control: with the guard switched off, the same burst oversells or loses count', async () => {
        const event = await createEvent(t.db, office.id);
        const type = await createTicketType(t.db, event.id, { capacity: 50, max_per_order: 4 });
        useUnguardedSeatClaimsForTests(true);
        try {
          await burst(wide, event, type.id, buyer, 150);
        } finally {
          useUnguardedSeatClaimsForTests(false);
        }
        const counts = await seatCounts(t.db, event.id);
        assert.ok(counts.tickets > 50 || counts.tickets !== counts.sold, `unguarded claims should oversell or lose updates, got ${JSON.stringify(counts)}`);
      });
    } else {
      it('negative control (PostgreSQL only): SQLite has one connection, so transactions run one at a time and cannot race', { skip: 'one SQLite connection serialises transactions' }, () => {});
    }
  });
}
