import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createEvent, createTicketType } from '../../../test/factories/events.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import type { CoalitionEvent } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { getInvoiceById, recordOfflinePayment } from '../billing/billing.service.ts';
import { cancelEvent } from './event-editing.service.ts';
import { cancelOrder } from './order-changes.service.ts';
import { expireHolds } from './order-payments.service.ts';
import { attendees, buyerOf, orderInput, seatCounts, testActor } from './registration-test-support.ts';
import { CARD_HOLD_MINUTES, placeOrder } from './registration.service.ts';
import { releasePromoUse } from './ticket-admin.repository.ts';

// Money already paid survives cancellations: part-paid invoices, refunds on event cancellation
// limited to what that cancellation cancels, and promo code uses given back.

const today = new Date().toISOString().slice(0, 10);
let seq = 0;

for (const dialect of testDialects()) {
  describe(`refunds and money already paid (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
    });
    after(() => t?.close());

    const orderRow = (id: number) => t.db.selectFrom('event_orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const ticketsOf = (id: number) => t.db.selectFrom('tickets').selectAll().where('order_id', '=', id).orderBy('id').execute();
    const setUp = async (overrides: Parameters<typeof createEvent>[2] = {}) => {
      const event = await createEvent(t.db, n.center.id, { title: `Refunds ${dialect} ${++seq}`, ...overrides });
      const type = await createTicketType(t.db, event.id, { capacity: 10, price_cents: 10_000, member_discount: false });
      return { event, type };
    };
    const buy = (event: CoalitionEvent, typeId: number, seats: number, extra: Parameters<typeof orderInput>[1] = {}, cardAvailable = false) =>
      placeOrder(t.db, testActor, { event, buyer: buyerOf(n.staffA), input: orderInput([[typeId, seats]], { ...(seats > 1 && { attendees: attendees(seats, `r${seq}`) }), ...extra }), cardAvailable });
    const pay = (invoiceId: number, cents: number) => recordOfflinePayment(t.db, testActor, invoiceId, { method: 'check', reference: `C-${seq}`, amountCents: cents, receivedOn: today });

    it('a part-paid invoice: cancelling one ticket bills only what is still owed; the money paid is not lost', async () => {
      const { event, type } = await setUp();
      const { order } = await buy(event, type.id, 3);
      await pay(order.invoice_id!, 10_000);
      const [first] = await ticketsOf(order.id);
      await cancelOrder(t.db, testActor, { event, order, ticketId: first!.id, by: 'buyer' });
      const after1 = await orderRow(order.id);
      assert.equal((await getInvoiceById(t.db, order.invoice_id!))?.state, 'void');
      const next = (await getInvoiceById(t.db, after1.invoice_id!))!;
      assert.notEqual(next.id, order.invoice_id);
      assert.equal(next.total_cents, 10_000, 'two tickets kept ($200) less $100 paid: exactly $100 more');
      assert.deepEqual([after1.status, after1.total_cents, after1.refund_state], ['confirmed', 20_000, 'none']);
      // Paying the balance settles the order; cancelling the event then refunds everything paid ($200).
      await pay(next.id, 10_000);
      assert.equal((await getInvoiceById(t.db, next.id))?.state, 'paid');
      await cancelEvent(t.db, testActor, (await t.db.selectFrom('events').selectAll().where('id', '=', event.id).executeTakeFirstOrThrow()));
      assert.deepEqual(await orderRow(order.id).then((o) => [o.status, o.refund_state, o.refund_cents]), ['cancelled', 'due', 20_000]);
    });

    it('a part-paid invoice paid beyond what is kept: no new invoice, the surplus is a refund due', async () => {
      const { event, type } = await setUp();
      const { order } = await buy(event, type.id, 3);
      await pay(order.invoice_id!, 25_000);
      const [first] = await ticketsOf(order.id);
      const { refundCents } = await cancelOrder(t.db, testActor, { event, order, ticketId: first!.id, by: 'buyer' });
      const row = await orderRow(order.id);
      assert.equal(refundCents, 5_000);
      assert.deepEqual([row.invoice_id, row.refund_state, row.refund_cents], [order.invoice_id, 'due', 5_000], 'nothing more to bill');
      assert.equal((await t.db.selectFrom('invoices').select('id').where('purpose', '=', 'event').where('purpose_id', '=', order.id).execute()).length, 1);
    });

    it('a part-paid order cancelled in full before the cutoff refunds what was paid', async () => {
      const { event, type } = await setUp();
      const { order } = await buy(event, type.id, 2);
      await pay(order.invoice_id!, 5_000);
      await cancelOrder(t.db, testActor, { event, order, by: 'buyer' });
      assert.deepEqual(await orderRow(order.id).then((o) => [o.status, o.refund_state, o.refund_cents]), ['cancelled', 'due', 5_000]);
    });

    it('cancelling the event refunds what was actually paid on a part-paid invoice', async () => {
      const { event, type } = await setUp();
      const { order } = await buy(event, type.id, 2);
      await pay(order.invoice_id!, 15_000);
      await cancelEvent(t.db, testActor, event);
      const row = await orderRow(order.id);
      assert.equal((await getInvoiceById(t.db, order.invoice_id!))?.state, 'void');
      assert.deepEqual([row.status, row.refund_state, row.refund_cents], ['cancelled', 'due', 15_000]);
    });

    it('cancelling the event refunds only the tickets it cancels, not one the buyer cancelled without a refund', async () => {
      const { event, type } = await setUp({ refund_cutoff_days: 60 });
      const { order } = await buy(event, type.id, 3);
      await pay(order.invoice_id!, 30_000);
      const [first] = await ticketsOf(order.id);
      const { refundCents } = await cancelOrder(t.db, testActor, { event, order, ticketId: first!.id, by: 'buyer' });
      assert.equal(refundCents, 0, 'after the cutoff: no refund');
      await cancelEvent(t.db, testActor, event);
      assert.deepEqual(await orderRow(order.id).then((o) => [o.refund_state, o.refund_cents]), ['due', 20_000], 'the two tickets the event cancellation cancelled');
    });

    it('gives a promo code use back when its order expires or is cancelled in full', async () => {
      const { event, type } = await setUp();
      const at = new Date().toISOString();
      const promo = await t.db.insertInto('promo_codes').values({ event_id: event.id, code: `ONCE${seq}`, percent_off: 10, amount_off_cents: null, max_uses: 1, used: 0, ticket_type_id: null, valid_from: null, valid_until: null, created_at: at }).returningAll().executeTakeFirstOrThrow();
      const used = () => t.db.selectFrom('promo_codes').select('used').where('id', '=', promo.id).executeTakeFirstOrThrow().then((r) => r.used);
      const { order: held } = await buy(event, type.id, 1, { payment_method: 'card', promo_code: promo.code }, true);
      assert.equal(await used(), 1);
      const refused = await buy(event, type.id, 1, { promo_code: promo.code }).catch((e: unknown) => e);
      assert.ok(refused instanceof AppError && refused.status === 400, 'used up while the hold lasts');
      assert.equal(await expireHolds(t.db, new Date(Date.now() + (CARD_HOLD_MINUTES + 1) * 60_000)), 1);
      assert.equal((await orderRow(held.id)).status, 'expired');
      assert.equal(await used(), 0, 'the expired hold gave its use back');
      const { order } = await buy(event, type.id, 1, { promo_code: promo.code });
      assert.equal(await used(), 1, 'the code works again');
      await cancelOrder(t.db, testActor, { event, order, by: 'buyer' });
      assert.equal(await used(), 0, 'a full cancellation gives it back');
      await releasePromoUse(t.db, promo.id);
      assert.equal(await used(), 0, 'never below 0');
      assert.deepEqual(await seatCounts(t.db, event.id), { sold: 0, capacity: 10, tickets: 0 });
    });
  });
}
