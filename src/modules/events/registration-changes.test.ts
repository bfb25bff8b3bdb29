import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { drainJobs } from '../../../test/helpers/jobs.ts';
import { recipients } from '../../../test/helpers/smtp.ts';
import { createEvent, createTicketType } from '../../../test/factories/events.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { signIn } from '../../../test/factories/people.ts';
import type { CoalitionEvent, EventOrder } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { PaymentEvent } from '../../platform/payments/payment-provider.ts';
import { getInvoiceById, recordOfflinePayment } from '../billing/billing.service.ts';
import { handlePaymentEvent } from '../billing/card-payments.service.ts';
import { cancelRegistrationsOfEvent } from './event-cancellation.ts';
import { cancelOrder } from './order-changes.service.ts';
import { expireHolds } from './order-payments.service.ts';
import { attendees, buyerOf, orderInput, seatCounts, testActor } from './registration-test-support.ts';
import { CARD_HOLD_MINUTES, placeOrder } from './registration.service.ts';

const today = new Date().toISOString().slice(0, 10);
let eventSeq = 0;

for (const dialect of testDialects()) {
  describe(`cancellations, refunds, transfers and card holds (${dialect})`, () => {
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
    const setUp = async (overrides: Parameters<typeof createEvent>[2] = {}, capacity = 10) => {
      const event = await createEvent(t.db, n.center.id, { title: `Workshop ${dialect} ${++eventSeq}`, ...overrides });
      const type = await createTicketType(t.db, event.id, { capacity, price_cents: 10_000, member_discount: false });
      return { event, type };
    };
    const buy = (event: CoalitionEvent, typeId: number, seats: number, extra: Parameters<typeof orderInput>[1] = {}, who = n.staffA, cardAvailable = false) =>
      placeOrder(t.db, testActor, { event, buyer: buyerOf(who), input: orderInput([[typeId, seats]], { ...(seats > 1 && { attendees: attendees(seats, `c${eventSeq}`) }), ...extra }), cardAvailable });

    it('cancelling one ticket of an unpaid order voids the invoice and reissues it for the rest; cancelling twice changes nothing', async () => {
      const { event, type } = await setUp();
      const { order } = await buy(event, type.id, 3);
      const c = await as(n.staffA.id);
      const path = `/events/${event.slug}/orders/${order.reference}`;
      const [first] = await ticketsOf(order.id);
      const res = await c.submit(path, { ticket_id: String(first!.id) }, `${path}/cancel`);
      assert.equal(res.statusCode, 303, textOf(res.body));
      const after1 = await orderRow(order.id);
      assert.equal(after1.status, 'confirmed');
      assert.equal(after1.total_cents, 20_000);
      assert.notEqual(after1.invoice_id, order.invoice_id, 'a new invoice');
      assert.equal((await getInvoiceById(t.db, order.invoice_id!))?.state, 'void');
      assert.equal((await getInvoiceById(t.db, after1.invoice_id!))?.total_cents, 20_000);
      assert.deepEqual(await seatCounts(t.db, event.id), { sold: 2, capacity: 10, tickets: 2 });

      const again = await c.submit(path, { ticket_id: String(first!.id) }, `${path}/cancel`);
      assert.equal(again.statusCode, 409);
      assert.match(textOf(again.body), /already cancelled/);
      const whole = await c.submit(path, {}, `${path}/cancel`);
      assert.equal(whole.statusCode, 303);
      const after2 = await orderRow(order.id);
      assert.deepEqual([after2.status, after2.refund_state], ['cancelled', 'none']);
      assert.equal((await getInvoiceById(t.db, after1.invoice_id!))?.state, 'void');
      const twice = await c.submit(path, {}, `${path}/cancel`);
      assert.equal(twice.statusCode, 409);
      assert.deepEqual(await seatCounts(t.db, event.id), { sold: 0, capacity: 10, tickets: 0 }, 'counts unchanged by the second cancel');
      await drainJobs(t);
      assert.ok(t.smtp.messages.some((m) => recipients(m).includes(n.staffA.email) && /^Cancelled:/.test(m.subject ?? '')));
    });

    it('a paid order cancelled before the cutoff owes a refund; after the cutoff it does not', async () => {
      const { event, type } = await setUp({ refund_cutoff_days: 7 });
      const { order } = await buy(event, type.id, 1);
      await recordOfflinePayment(t.db, testActor, order.invoice_id!, { method: 'check', reference: 'C-1', amountCents: 10_000, receivedOn: today });
      const res = await (await as(n.staffA.id)).submit(`/events/${event.slug}/orders/${order.reference}`, {}, `/events/${event.slug}/orders/${order.reference}/cancel`);
      assert.equal(res.statusCode, 303);
      assert.deepEqual(await orderRow(order.id).then((o) => [o.status, o.refund_state, o.refund_cents]), ['cancelled', 'due', 10_000]);
      // The organiser records the refund; a second time is refused.
      const director = await as(n.directorC.id);
      const page = `/events/${event.slug}/orders/${order.reference}`;
      const stranger = await as(n.staffB.id);
      assert.equal((await stranger.submit(`/events/${event.slug}/register`, { reference: 'X' }, `${page}/refund`)).statusCode, 404, 'not an organiser');
      assert.equal((await director.submit(page, { reference: 'CHK 5521' }, `${page}/refund`)).statusCode, 303);
      assert.equal((await orderRow(order.id)).refund_state, 'issued');

      const late = await setUp({ refund_cutoff_days: 60 });
      const { order: lateOrder } = await buy(late.event, late.type.id, 1);
      await recordOfflinePayment(t.db, testActor, lateOrder.invoice_id!, { method: 'check', reference: 'C-2', amountCents: 10_000, receivedOn: today });
      await (await as(n.staffA.id)).submit(`/events/${late.event.slug}/orders/${lateOrder.reference}`, {}, `/events/${late.event.slug}/orders/${lateOrder.reference}/cancel`);
      assert.deepEqual(await orderRow(lateOrder.id).then((o) => [o.status, o.refund_state, o.refund_cents]), ['cancelled', 'none', 0]);
    });

    it('transfers a ticket to a colleague: new code, old QR code invalid, both emailed; not after the start', async () => {
      const { event, type } = await setUp();
      const { order } = await buy(event, type.id, 1);
      const [before] = await ticketsOf(order.id);
      const path = `/events/${event.slug}/orders/${order.reference}`;
      const bad = await (await as(n.staffA.id)).submit(path, { ticket_id: String(before!.id), name: 'Colleague', email: 'not-an-email' }, `${path}/transfer`);
      assert.equal(bad.statusCode, 400);
      const res = await (await as(n.staffA.id)).submit(path, { ticket_id: String(before!.id), name: 'Cora Colleague', email: 'Cora@Example.org' }, `${path}/transfer`);
      assert.equal(res.statusCode, 303, textOf(res.body));
      const [after1] = await ticketsOf(order.id);
      assert.deepEqual([after1!.attendee_name, after1!.attendee_email], ['Cora Colleague', 'cora@example.org']);
      assert.notEqual(after1!.code, before!.code);
      assert.equal((await t.db.selectFrom('tickets').select('id').where('code', '=', before!.code).execute()).length, 0, 'the old code finds no ticket');
      await drainJobs(t);
      assert.ok(t.smtp.messages.some((m) => recipients(m).includes('cora@example.org') && /is yours/.test(m.subject ?? '') && m.attachments.some((a) => a.contentType === 'image/png')));
      assert.ok(t.smtp.messages.some((m) => recipients(m).includes(n.staffA.email) && /was transferred/.test(m.subject ?? '')));
      const started = await setUp({ starts_at: new Date(Date.now() - 3_600_000).toISOString(), ends_at: new Date(Date.now() + 3_600_000).toISOString() });
      const { order: o2 } = await buy(started.event, started.type.id, 1);
      const [x] = await ticketsOf(o2.id);
      const refused = await (await as(n.staffA.id)).submit(`/events/${started.event.slug}/orders/${o2.reference}`, { ticket_id: String(x!.id), name: 'Late', email: 'late@example.org' }, `/events/${started.event.slug}/orders/${o2.reference}/transfer`);
      assert.equal(refused.statusCode, 409);
      assert.match(textOf(refused.body), /can't be transferred/);
    });

    it('a card order holds its seats; an expired hold gives them back; a payment after that confirms nothing', async () => {
      const { event, type } = await setUp({}, 2);
      const { order } = await buy(event, type.id, 2, { payment_method: 'card' }, n.staffA, true);
      assert.equal(order.status, 'pending');
      assert.ok(order.hold_expires_at);
      assert.deepEqual(await seatCounts(t.db, event.id), { sold: 2, capacity: 2, tickets: 2 });
      const soldOut = await buy(event, type.id, 1, {}, n.staffB).catch((e: unknown) => e);
      assert.ok(soldOut instanceof AppError && soldOut.status === 409, 'held seats are taken');
      assert.equal(await expireHolds(t.db, new Date()), 0, 'not yet');
      const later = new Date(Date.now() + (CARD_HOLD_MINUTES + 1) * 60_000);
      await drainJobs(t, { now: later, schedule: true });
      assert.equal((await orderRow(order.id)).status, 'expired');
      assert.deepEqual(await seatCounts(t.db, event.id), { sold: 0, capacity: 2, tickets: 0 });
      const invoice = (await getInvoiceById(t.db, order.invoice_id!))!;
      assert.equal(invoice.state, 'void');
      const outcome = await handlePaymentEvent(t.db, paymentFor(invoice.number, invoice.total_cents, `late-${dialect}`));
      assert.equal(outcome, 'flagged_void_invoice');
      assert.deepEqual(await orderRow(order.id).then((o) => [o.status, o.refund_state, o.refund_cents]), ['expired', 'due', invoice.total_cents], 'the late payment confirmed nothing and is owed back');
      assert.equal(await handlePaymentEvent(t.db, paymentFor(invoice.number, invoice.total_cents, `late-${dialect}`)), 'duplicate_event');
      assert.equal((await orderRow(order.id)).refund_cents, invoice.total_cents, 'a replayed webhook owes nothing twice');
      assert.deepEqual(await seatCounts(t.db, event.id), { sold: 0, capacity: 2, tickets: 0 });
    });

    it('a card payment in time confirms the order and sends the tickets; a cancelled order paid later only owes a refund', async () => {
      const { event, type } = await setUp({}, 5);
      const { order } = await buy(event, type.id, 1, { payment_method: 'card' }, n.staffA, true);
      const invoice = (await getInvoiceById(t.db, order.invoice_id!))!;
      assert.equal(await handlePaymentEvent(t.db, paymentFor(invoice.number, invoice.total_cents, `ok-${dialect}`)), 'applied');
      const confirmed = await orderRow(order.id);
      assert.deepEqual([confirmed.status, confirmed.hold_expires_at], ['confirmed', null]);
      await drainJobs(t);
      assert.ok(t.smtp.messages.some((m) => recipients(m).includes(n.staffA.email) && m.subject?.includes(order.reference) && /Your registration/.test(m.subject)));

      // A card order the organiser cancels while its checkout is still open, paid anyway: the money
      // lands on the void invoice (billing flags it) and the order owes it back.
      const { order: other } = await buy(event, type.id, 1, { payment_method: 'card' }, n.staffB, true);
      const otherInvoice = (await getInvoiceById(t.db, other.invoice_id!))!;
      await cancelOrder(t.db, testActor, { event, order: other, by: 'organiser' });
      assert.equal((await getInvoiceById(t.db, otherInvoice.id))?.state, 'void');
      assert.equal(await handlePaymentEvent(t.db, paymentFor(otherInvoice.number, otherInvoice.total_cents, `after-cancel-${dialect}`)), 'flagged_void_invoice');
      assert.deepEqual(await orderRow(other.id).then((o) => [o.status, o.refund_state, o.refund_cents]), ['cancelled', 'due', otherInvoice.total_cents]);
    });

    it('a waitlist offer becomes an order without claiming its held seats twice; a foreign or already used offer is refused', async () => {
      const { event, type } = await setUp({}, 1);
      const { order } = await buy(event, type.id, 1);
      const at = new Date().toISOString();
      await t.db.insertInto('waitlist_entries').values({ event_id: event.id, ticket_type_id: type.id, person_id: n.staffB.id, name: n.staffB.name, email: n.staffB.email, quantity: 1, status: 'waiting', offer_token: null, offered_at: null, offer_expires_at: null, claimed_order_id: null, created_at: at, updated_at: at }).execute();
      const c = await as(n.staffA.id);
      await c.submit(`/events/${event.slug}/orders/${order.reference}`, {}, `/events/${event.slug}/orders/${order.reference}/cancel`);
      const entry = await t.db.selectFrom('waitlist_entries').selectAll().where('event_id', '=', event.id).executeTakeFirstOrThrow();
      assert.equal(entry.status, 'offered', 'the freed seat was passed on');
      assert.deepEqual(await seatCounts(t.db, event.id), { sold: 1, capacity: 1, tickets: 0 }, 'held by the offer');
      const foreign = await buy(event, type.id, 1, { offer: entry.offer_token! }, n.leaderA).catch((e: unknown) => e);
      assert.ok(foreign instanceof AppError && foreign.status === 409);
      const b = await as(n.staffB.id);
      const form = await b.get(`/events/${event.slug}/register?offer=${entry.offer_token}`);
      assert.match(form.body, new RegExp(`name="offer" value="${entry.offer_token}"`));
      const res = await b.submit(`/events/${event.slug}/register?offer=${entry.offer_token}`, { [`qty_${type.id}`]: '1', offer: entry.offer_token! }, `/events/${event.slug}/register`);
      assert.equal(res.statusCode, 303, textOf(res.body));
      assert.deepEqual(await seatCounts(t.db, event.id), { sold: 1, capacity: 1, tickets: 1 }, 'the held seat became the ticket');
      const used = await b.submit(`/events/${event.slug}/register`, { [`qty_${type.id}`]: '1', offer: entry.offer_token! });
      assert.equal(used.statusCode, 409, 'an offer is taken once');
      assert.deepEqual(await seatCounts(t.db, event.id), { sold: 1, capacity: 1, tickets: 1 });
    });

    it('cancelling the event cancels every order, voids open invoices, owes refunds on paid ones, and tells everyone', async () => {
      const { event, type } = await setUp({ refund_cutoff_days: null });
      const open = (await buy(event, type.id, 2)).order;
      const paid = (await buy(event, type.id, 1, {}, n.staffB)).order;
      await recordOfflinePayment(t.db, testActor, paid.invoice_id!, { method: 'check', reference: 'C-3', amountCents: 10_000, receivedOn: today });
      await t.db.transaction().execute(async (trx) => {
        await trx.updateTable('events').set({ status: 'cancelled', cancelled_at: new Date().toISOString() }).where('id', '=', event.id).execute();
        await cancelRegistrationsOfEvent(trx, testActor, { ...event, status: 'cancelled' });
      });
      const rows: EventOrder[] = await Promise.all([orderRow(open.id), orderRow(paid.id)]);
      assert.deepEqual(rows.map((o) => [o.status, o.refund_state, o.refund_cents]), [['cancelled', 'none', 0], ['cancelled', 'due', 10_000]], 'refunded in full even with no refund policy');
      assert.equal((await getInvoiceById(t.db, open.invoice_id!))?.state, 'void');
      assert.deepEqual(await seatCounts(t.db, event.id), { sold: 0, capacity: 10, tickets: 0 });
      await drainJobs(t);
      assert.ok(t.smtp.messages.some((m) => recipients(m).includes(n.staffB.email) && /has been cancelled/.test(m.text ?? '')));
      const reg = await (await as(n.staffA.id)).get(`/events/${event.slug}/register`);
      assert.equal(reg.statusCode, 409, 'no registration for a cancelled event');
    });
  });
}

function paymentFor(invoiceNumber: string, amountCents: number, id: string): PaymentEvent {
  return {
    provider: 'stripe',
    eventId: `evt_${id}_${process.pid}`,
    type: 'checkout.session.completed',
    kind: 'payment_succeeded',
    created: Math.floor(Date.now() / 1000),
    objectId: `cs_${id}`,
    sessionId: null,
    paymentId: `pi_${id}_${process.pid}`,
    invoiceNumber,
    amountCents,
    payload: '{}',
  };
}
