import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import jsqrModule from 'jsqr';
import ical from 'node-ical';
import { PNG } from 'pngjs';
import Stripe from 'stripe';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { drainJobs } from '../../../test/helpers/jobs.ts';
import { recipients } from '../../../test/helpers/smtp.ts';
import { createEvent, createTicketType } from '../../../test/factories/events.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import type { CoalitionEvent, EventOrder, TicketType } from '../../db/schema.ts';
import { useStripeApiEndpointForTests } from '../../platform/payments/stripe-provider.ts';
import { checkInUrl } from './ticket-qr.ts';

// The card path of registration end to end over HTTP: the register form and its summary, the
// provider's checkout (a fake Stripe API on loopback), signed webhook deliveries, the card-hold
// job, and the emails. The service-level rules are in registration.test.ts and seats.test.ts.

type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR: Decode = ((jsqrModule as unknown as { default?: Decode }).default ?? jsqrModule) as unknown as Decode;

const SECRET = 'whsec_test_secret_for_registration';
const stripe = new Stripe('sk_test_registration');

/** Stripe's checkout-session endpoint on loopback: a session per idempotency key, every request kept. */
async function startFakeStripe() {
  const byKey = new Map<string, string>();
  const requests: { key: string | undefined; body: URLSearchParams }[] = [];
  /** How many of the next requests answer 500 (Stripe is down). */
  const outage = { requests: 0 };
  let n = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      if (outage.requests > 0) {
        outage.requests -= 1;
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { type: 'api_error', message: 'down' } }));
        return;
      }
      if (req.method !== 'POST' || req.url !== '/v1/checkout/sessions') {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'unknown' } }));
        return;
      }
      const key = req.headers['idempotency-key'] as string | undefined;
      requests.push({ key, body: new URLSearchParams(raw) });
      let body = key ? byKey.get(key) : undefined;
      if (!body) {
        n += 1;
        const id = `cs_reg_${process.pid}_${n}`;
        body = JSON.stringify({ id, object: 'checkout.session', mode: 'payment', url: `https://checkout.stripe.test/c/pay/${id}` });
        if (key) byKey.set(key, body);
      }
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_${n}` }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, requests, outage, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let eventSeq = 0;
function eventBody(type: string, object: Record<string, unknown>): string {
  return JSON.stringify({ id: `evt_reg_${process.pid}_${++eventSeq}`, object: 'event', type, api_version: '2025-01-01', created: Math.floor(Date.now() / 1000), livemode: false, data: { object } });
}

/** The `expires_at` (unix seconds) a checkout request asked Stripe for. */
function expiresAtOf(sent: { body: URLSearchParams }): number {
  const raw = sent.body.get('expires_at');
  assert.ok(raw, 'the checkout request carries expires_at');
  return Number(raw);
}

/** The summary page's form (the one that places the order) as a browser would send it: its hidden fields. */
function summaryFields(html: string, action: string): Record<string, string[]> {
  const start = html.indexOf(`action="${action}"`);
  assert.ok(start >= 0, 'the summary has a form that places the order');
  const form = html.slice(start, html.indexOf('</form>', start));
  const fields: Record<string, string[]> = {};
  const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) (fields[m[1]!] ??= []).push(unescape(m[2]!));
  return fields;
}

for (const dialect of testDialects()) {
  describe(`registration paid by card, over HTTP (${dialect})`, () => {
    let t: TestApp;
    let fake: Awaited<ReturnType<typeof startFakeStripe>>;
    let n: PeopleNetwork;
    let event: CoalitionEvent;
    let standard: TicketType;

    before(async () => {
      fake = await startFakeStripe();
      useStripeApiEndpointForTests({ host: '127.0.0.1', port: fake.port, protocol: 'http' });
      t = await createTestApp(dialect, { env: { STRIPE_SECRET_KEY: 'sk_test_registration', STRIPE_WEBHOOK_SECRET: SECRET } });
      n = await createPeopleNetwork(t.db);
    });
    /** Each test has an event of its own, so one test's holds and counts never blur another's. */
    let events = 0;
    async function freshEvent(): Promise<void> {
      event = await createEvent(t.db, n.center.id, { title: `Card Forum ${dialect} ${++events}` });
      standard = await createTicketType(t.db, event.id, { name: 'Standard', price_cents: 35_000, capacity: 6, max_per_order: 4, member_discount: false });
    }
    after(async () => {
      await t?.close();
      await fake?.close();
      useStripeApiEndpointForTests(undefined);
    });

    const register = () => `/events/${event.slug}/register`;
    const deliver = (payload: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/payments/stripe/webhook',
        headers: { 'content-type': 'application/json', 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }) },
        payload,
      });
    const sold = async () => (await t.db.selectFrom('capacity_pools').select('sold').where('id', '=', standard.pool_id).executeTakeFirstOrThrow()).sold;
    const orderById = (id: number) => t.db.selectFrom('event_orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const invoiceOf = (order: EventOrder) => t.db.selectFrom('invoices').selectAll().where('id', '=', order.invoice_id!).executeTakeFirstOrThrow();
    const ticketsOf = (order: EventOrder) => t.db.selectFrom('tickets').selectAll().where('order_id', '=', order.id).orderBy('id').execute();
    const ticketMails = (email: string) => t.smtp.messages.filter((m) => recipients(m).includes(email.toLowerCase()) && (m.subject ?? '').includes(event.title));
    const completed = (sessionId: string, invoiceNumber: string, amount: number, paymentIntent = `pi_${sessionId}`) =>
      eventBody('checkout.session.completed', { id: sessionId, object: 'checkout.session', payment_status: 'paid', payment_intent: paymentIntent, amount_total: amount, currency: 'usd', metadata: { invoice_number: invoiceNumber } });
    const as = async (personId: number): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, personId);
      return c;
    };

    /** Reviews, then places a card order from the summary, as a browser does; answers the order and the final response. */
    async function placeCardOrder(c: TestClient, fields: Record<string, string>) {
      const review = await c.submit(register(), { ...fields, payment_method: 'card', step: 'review' });
      assert.equal(review.statusCode, 200, textOf(review.body));
      assert.match(textOf(review.body), /Card/);
      const before = await t.db.selectFrom('event_orders').select('id').where('event_id', '=', event.id).execute();
      assert.ok(!summaryFields(review.body, register()).step, 'the summary places: it sends no step');
      const placed = await c.post(register(), summaryFields(review.body, register()));
      const orders = await t.db.selectFrom('event_orders').selectAll().where('event_id', '=', event.id).orderBy('id').execute();
      assert.equal(orders.length, before.length + 1, 'placing wrote one order');
      return { res: placed, order: orders.at(-1)! };
    }
    /** The checkout session the buyer was sent to (from the redirect). */
    const sessionOf = (location: string | undefined) => /\/c\/pay\/(cs_\w+)$/.exec(location ?? '')?.[1] ?? assert.fail(`not a checkout URL: ${location}`);

    it('offers card, places the order pending with a hold and held seats, and sends the buyer to the checkout; no email yet', async () => {
      await freshEvent();
      const c = await as(n.staffB.id);
      const form = await c.get(register());
      assert.match(form.body, /name="payment_method" value="card"/, 'card is offered when a card provider is configured');
      assert.match(textOf(form.body), /Seats are held for 35 minutes while you pay/, 'the hold the buyer is promised');
      const soldBefore = await sold();
      const startedAt = Date.now();
      const { res, order } = await placeCardOrder(c, { [`qty_${standard.id}`]: '1' });

      assert.equal(res.statusCode, 303);
      const sessionId = sessionOf(res.headers.location);
      assert.equal(res.headers.location, `https://checkout.stripe.test/c/pay/${sessionId}`);
      assert.deepEqual([order.status, order.payment_method, order.total_cents, order.confirmed_at], ['pending', 'card', 35_000, null]);
      const holdMs = new Date(order.hold_expires_at!).getTime() - startedAt;
      assert.ok(holdMs > 34 * 60_000 && holdMs <= 36 * 60_000, `seats held for about 35 minutes (${holdMs} ms)`);
      assert.equal(await sold(), soldBefore + 1, 'the seat is held in the pool');
      assert.deepEqual((await ticketsOf(order)).map((x) => x.status), ['active']);

      const invoice = await invoiceOf(order);
      assert.deepEqual([invoice.state, invoice.purpose, invoice.purpose_id, invoice.total_cents], ['open', 'event', order.id, 35_000]);
      const sent = fake.requests.at(-1)!;
      assert.equal(sent.key, `invoice-${invoice.id}-attempt-1`);
      assert.equal(sent.body.get('metadata[invoice_number]'), invoice.number);
      assert.equal(sent.body.get('line_items[0][price_data][unit_amount]'), '35000');
      assert.equal(sent.body.get('success_url'), `http://localhost:3000/events/${event.slug}/orders/${order.reference}?checkout=success`);
      assert.equal(sent.body.get('cancel_url'), `http://localhost:3000/events/${event.slug}/orders/${order.reference}?checkout=cancelled`);
      assert.equal(expiresAtOf(sent), Math.floor(Date.parse(order.hold_expires_at!) / 1000), 'the checkout stops taking payment when the hold ends, not after Stripe\'s default 24 hours');
      const checkout = await t.db.selectFrom('payment_checkouts').selectAll().where('invoice_id', '=', invoice.id).executeTakeFirstOrThrow();
      assert.deepEqual([checkout.session_id, checkout.state], [sessionId, 'open']);

      await drainJobs(t);
      assert.equal(ticketMails(n.staffB.email).length, 0, 'no confirmation while unpaid');
      const page = await c.get(`/events/${event.slug}/orders/${order.reference}?checkout=cancelled`);
      assert.equal(page.statusCode, 200);
      assert.match(textOf(page.body), /held until/);
      assert.match(textOf(page.body), /Pay by card/, 'the buyer can go back to paying');
      assert.match(page.body, new RegExp(`action="/events/${event.slug}/orders/${order.reference}/pay"`));
      assert.doesNotMatch(page.body, /data:image\/svg\+xml;base64/, 'no QR code for an unpaid order');
    });

    it('a signed completion confirms the order and pays the invoice; the ticket email follows; a replay changes nothing', async () => {
      await freshEvent();
      const c = await as(n.staffB.id);
      const { res, order } = await placeCardOrder(c, { [`qty_${standard.id}`]: '1' });
      const sessionId = sessionOf(res.headers.location);
      const invoice = await invoiceOf(order);
      const soldHeld = await sold();
      const body = completed(sessionId, invoice.number, 35_000);
      // Back from the checkout before the webhook: told to wait, not offered to pay a second time.
      const back = `/events/${event.slug}/orders/${order.reference}?checkout=success`;
      const waiting = textOf((await c.get(back)).body);
      assert.match(waiting, /waiting for the card payment to be confirmed/);
      assert.doesNotMatch(waiting, /Pay by card/);

      const done = await deliver(body);
      assert.equal(done.statusCode, 200);
      assert.equal(done.json().outcome, 'applied');
      const confirmed = await orderById(order.id);
      assert.deepEqual([confirmed.status, confirmed.hold_expires_at, confirmed.refund_state], ['confirmed', null, 'none']);
      assert.ok(confirmed.confirmed_at);
      assert.equal((await invoiceOf(order)).state, 'paid');
      assert.equal(await sold(), soldHeld, 'the held seat becomes the sold seat: no second claim');
      const shown = await c.get(back);
      assert.match(textOf(shown.body), /Confirmed: show the QR code/);
      assert.doesNotMatch(textOf(shown.body), /waiting for the card payment/);
      assert.match(shown.body, /data:image\/svg\+xml;base64/, 'the ticket\'s QR code on the page');

      await drainJobs(t);
      const mails = ticketMails(n.staffB.email).filter((m) => m.subject?.includes(order.reference));
      assert.equal(mails.length, 1, 'one confirmation');
      const mail = mails[0]!;
      const [ticket] = await ticketsOf(order);
      const png = PNG.sync.read(mail.attachments.find((a) => a.contentType === 'image/png')!.content);
      assert.equal(jsQR(Uint8ClampedArray.from(png.data), png.width, png.height)?.data, checkInUrl(event.slug, ticket!.code), 'the QR code opens this ticket at the door');
      const ics = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
      assert.ok(ics, 'the .ics is attached');
      const vevents = Object.values(ical.sync.parseICS(ics.content.toString('utf8'))).filter((v) => v?.type === 'VEVENT');
      assert.equal(vevents.length, 1);
      assert.equal((vevents[0] as { summary?: unknown }).summary, event.title);

      // Replays: the same delivery, and another event about the same payment.
      const snapshot = async () => ({ order: await orderById(order.id), invoice: (await invoiceOf(order)).state, sold: await sold(), payments: (await t.db.selectFrom('payments').select('id').where('invoice_id', '=', invoice.id).execute()).length });
      const was = await snapshot();
      assert.equal((await deliver(body)).json().outcome, 'duplicate_event');
      const other = eventBody('checkout.session.async_payment_succeeded', { id: sessionId, object: 'checkout.session', payment_status: 'paid', payment_intent: `pi_${sessionId}`, amount_total: 35_000, metadata: { invoice_number: invoice.number } });
      assert.equal((await deliver(other)).json().outcome, 'duplicate_payment');
      assert.deepEqual(await snapshot(), was);
      assert.equal(was.payments, 1);
      await drainJobs(t);
      assert.equal(ticketMails(n.staffB.email).filter((m) => m.subject?.includes(order.reference)).length, 1, 'no second email');
    });

    it('an abandoned checkout: the hourly job expires the hold and frees the seats; money arriving later is a refund due', async () => {
      await freshEvent();
      const c = await as(n.staffB.id);
      const soldBefore = await sold();
      const { res, order } = await placeCardOrder(c, { [`qty_${standard.id}`]: '2', attendees: `Ana Ruiz <ana-${process.pid}@example.org>\nBo Chen <bo-${process.pid}@example.org>` });
      const sessionId = sessionOf(res.headers.location);
      const invoice = await invoiceOf(order);
      assert.equal(await sold(), soldBefore + 2);

      // Negative control: the job before the hold ends leaves it alone.
      await drainJobs(t, { now: new Date(Date.now() + 5 * 60_000), schedule: true });
      assert.equal((await orderById(order.id)).status, 'pending');
      assert.equal(await sold(), soldBefore + 2);

      await drainJobs(t, { now: new Date(Date.now() + 2 * 3_600_000), schedule: true });
      const expired = await orderById(order.id);
      assert.deepEqual([expired.status, expired.hold_expires_at, expired.refund_state], ['expired', null, 'none']);
      assert.equal(await sold(), soldBefore, 'the held seats are back in the pool');
      assert.deepEqual((await ticketsOf(order)).map((x) => x.status), ['cancelled', 'cancelled']);
      assert.equal((await invoiceOf(order)).state, 'void');

      // The buyer finishes paying in the old tab after all: nothing is confirmed, the money is owed back.
      const late = completed(sessionId, invoice.number, 70_000);
      const res2 = await deliver(late);
      assert.equal(res2.json().outcome, 'flagged_void_invoice');
      const owed = await orderById(order.id);
      assert.deepEqual([owed.status, owed.refund_state, owed.refund_cents], ['expired', 'due', 70_000]);
      assert.equal(await sold(), soldBefore, 'no seat claimed by a late payment');
      assert.equal((await deliver(late)).json().outcome, 'duplicate_event');
      assert.equal((await orderById(order.id)).refund_cents, 70_000, 'a replay does not owe it twice');
      await drainJobs(t);
      assert.equal(ticketMails(`ana-${process.pid}@example.org`).length, 0, 'no ticket for an expired order');
      const page = textOf((await c.get(`/events/${event.slug}/orders/${order.reference}`)).body);
      assert.doesNotMatch(page, /Pay by card/);
    });

    it('a checkout the provider expires before the hold ends leaves the seats held: the buyer pays again from the order page', async () => {
      await freshEvent();
      const c = await as(n.staffB.id);
      const { res, order } = await placeCardOrder(c, { [`qty_${standard.id}`]: '1' });
      const first = sessionOf(res.headers.location);
      const invoice = await invoiceOf(order);
      const expiredBody = eventBody('checkout.session.expired', { id: first, object: 'checkout.session', payment_status: 'unpaid', payment_intent: null, amount_total: 35_000, metadata: { invoice_number: invoice.number } });
      const out = await deliver(expiredBody);
      assert.equal(out.json().outcome, 'checkout_expired');
      const held = await orderById(order.id);
      assert.deepEqual([held.status, held.hold_expires_at, (await invoiceOf(order)).state, await sold()], ['pending', order.hold_expires_at, 'open', 1], 'the hold is the buyer\'s promised window');
      assert.equal((await t.db.selectFrom('payment_checkouts').select('state').where('session_id', '=', first).executeTakeFirstOrThrow()).state, 'expired');

      // Only the buyer may open a checkout for the order (negative control: another person gets 404, nothing opened).
      const sessionsBefore = fake.requests.length;
      const page = `/events/${event.slug}/orders/${order.reference}`;
      const stranger = await as(n.staffA.id);
      assert.equal((await stranger.post(`${page}/pay`, { _csrf: await c.csrfFrom(page) })).statusCode, 403, 'a form token is the session\'s own');
      assert.equal((await stranger.post(`${page}/pay`, { _csrf: await stranger.csrfFrom('/events/mine') })).statusCode, 404);
      assert.equal(fake.requests.length, sessionsBefore);

      const again = await c.submit(page, {}, `${page}/pay`);
      assert.equal(again.statusCode, 303);
      const second = sessionOf(again.headers.location);
      assert.notEqual(second, first);
      const sent = fake.requests.at(-1)!;
      assert.equal(sent.key, `invoice-${invoice.id}-attempt-2`);
      assert.equal(sent.body.get('success_url'), `http://localhost:3000${page}?checkout=success`, 'back to the order page, not the invoice');
      assert.equal(expiresAtOf(sent), Math.floor(Date.parse(order.hold_expires_at!) / 1000), 'a checkout opened again also ends with the hold');
      assert.equal((await deliver(completed(second, invoice.number, 35_000))).json().outcome, 'applied');
      assert.equal((await orderById(order.id)).status, 'confirmed');
      assert.equal(await sold(), 1);
      // A late "expired" for the first session undoes nothing.
      assert.equal((await deliver(eventBody('checkout.session.expired', { id: first, object: 'checkout.session', payment_status: 'unpaid', metadata: { invoice_number: invoice.number } }))).json().outcome, 'stale_expired');
      assert.equal((await orderById(order.id)).status, 'confirmed');
      // Paying a confirmed order again just shows it.
      const paid = await c.submit(page, {}, `${page}/pay`);
      assert.deepEqual([paid.statusCode, paid.headers.location], [303, page]);
      assert.equal(fake.requests.at(-1)!.key, `invoice-${invoice.id}-attempt-2`, 'no third checkout');
    });

    it('when the provider is down, the order keeps its hold and the buyer pays from the order page once it is back', async () => {
      await freshEvent();
      const c = await as(n.staffB.id);
      fake.outage.requests = 10;
      const { res, order } = await placeCardOrder(c, { [`qty_${standard.id}`]: '1' });
      const page = `/events/${event.slug}/orders/${order.reference}`;
      assert.deepEqual([res.statusCode, res.headers.location], [303, page], 'to the order page, not an error');
      const shown = textOf((await c.get(page)).body);
      assert.match(shown, /Your seats are held\. Please complete the payment\./);
      assert.match(shown, /Pay by card/);
      assert.deepEqual([(await orderById(order.id)).status, await sold()], ['pending', 1]);
      assert.equal((await t.db.selectFrom('payment_checkouts').select('id').where('invoice_id', '=', order.invoice_id!).execute()).length, 0);
      // Still down: a clear error, nothing stored.
      const down = await c.submit(page, {}, `${page}/pay`);
      assert.equal(down.statusCode, 502);
      assert.match(textOf(down.body), /Card payment is not available right now/);
      assert.equal((await t.db.selectFrom('payment_checkouts').select('id').where('invoice_id', '=', order.invoice_id!).execute()).length, 0);
      fake.outage.requests = 0;
      const up = await c.submit(page, {}, `${page}/pay`);
      assert.equal(up.statusCode, 303);
      const invoice = await invoiceOf(order);
      assert.equal((await deliver(completed(sessionOf(up.headers.location), invoice.number, 35_000))).json().outcome, 'applied');
      assert.equal((await orderById(order.id)).status, 'confirmed');
    });

    it('once the hold has run out, no new checkout is opened; the job then releases the seats', async () => {
      await freshEvent();
      const c = await as(n.staffB.id);
      const { order } = await placeCardOrder(c, { [`qty_${standard.id}`]: '1' });
      const page = `/events/${event.slug}/orders/${order.reference}`;
      assert.match(textOf((await c.get(page)).body), /Pay by card/, 'positive control: offered while the hold lasts');
      // The hold ran out a minute ago and no job has run yet.
      await t.db.updateTable('event_orders').set({ hold_expires_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', order.id).execute();
      const view = textOf((await c.get(page)).body);
      assert.doesNotMatch(view, /Pay by card/);
      assert.match(view, /time to pay has run out/);
      const sessionsBefore = fake.requests.length;
      const refused = await c.submit(page, {}, `${page}/pay`);
      assert.equal(refused.statusCode, 409);
      assert.match(textOf(refused.body), /time to pay has run out/);
      assert.equal(fake.requests.length, sessionsBefore, 'no checkout opened');
      assert.equal((await t.db.selectFrom('payment_checkouts').select('id').where('invoice_id', '=', order.invoice_id!).execute()).length, 1);
      assert.equal(await sold(), 1);
      await drainJobs(t, { now: new Date(Date.now() + 4 * 3_600_000), schedule: true });
      assert.equal((await orderById(order.id)).status, 'expired');
      assert.equal(await sold(), 0);
    });

    it('paying again with little of the hold left: the checkout gets Stripe\'s 30-minute minimum, not 24 hours', async () => {
      await freshEvent();
      const c = await as(n.staffB.id);
      const { order } = await placeCardOrder(c, { [`qty_${standard.id}`]: '1' });
      const page = `/events/${event.slug}/orders/${order.reference}`;
      const holdEnds = new Date(Date.now() + 10 * 60_000).toISOString();
      await t.db.updateTable('event_orders').set({ hold_expires_at: holdEnds }).where('id', '=', order.id).execute();
      const asked = Date.now() / 1000;
      const again = await c.submit(page, {}, `${page}/pay`);
      assert.equal(again.statusCode, 303);
      const expiresAt = expiresAtOf(fake.requests.at(-1)!);
      assert.ok(expiresAt >= asked + 30 * 60, `at least Stripe's 30 minutes (${expiresAt - asked} s)`);
      assert.ok(expiresAt <= asked + 33 * 60, `and only a few minutes past the hold, not a day (${expiresAt - asked} s)`);
      assert.equal((await orderById(order.id)).hold_expires_at, holdEnds, 'the hold itself is not lengthened');
    });

    it('paying a card order from its invoice page: the checkout ends with the hold, and none opens after it', async () => {
      await freshEvent();
      const c = await as(n.staffB.id);
      const { order } = await placeCardOrder(c, { [`qty_${standard.id}`]: '1' });
      const invoice = await invoiceOf(order);
      const page = `/invoices/${invoice.number}`;
      const res = await c.submit(page, {}, `${page}/pay`);
      assert.equal(res.statusCode, 303, textOf(res.body));
      sessionOf(res.headers.location);
      assert.equal(expiresAtOf(fake.requests.at(-1)!), Math.floor(Date.parse(order.hold_expires_at!) / 1000), 'not Stripe\'s default 24 hours');
      // The hold ran out (no job yet): the invoice page opens no checkout either.
      await t.db.updateTable('event_orders').set({ hold_expires_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', order.id).execute();
      const sessionsBefore = fake.requests.length;
      const refused = await c.submit(page, {}, `${page}/pay`);
      assert.equal(refused.statusCode, 409);
      assert.match(textOf(refused.body), /time to pay has run out/);
      assert.equal(fake.requests.length, sessionsBefore, 'no checkout opened');
    });

    it('the API places a card order and answers the checkout the provider opened, ending with the hold', async () => {
      await freshEvent();
      const c = await as(n.staffB.id);
      const api = `/api/v1/events/${event.slug}/orders`;
      const csrf = await c.csrfFrom(register());
      const post = (payload: Record<string, unknown>, key: string) =>
        c.request({ method: 'POST', url: api, headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, 'idempotency-key': key }, payload });
      const card = { items: [{ ticket_type_id: standard.id, quantity: 1 }], payment_method: 'card' };
      const key = `api-card-${dialect}-${process.pid}-0001`;
      const sessionsBefore = fake.requests.length;
      const res = await post(card, key);
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json();
      const order = await t.db.selectFrom('event_orders').selectAll().where('reference', '=', body.reference).executeTakeFirstOrThrow();
      assert.deepEqual([body.status, body.payment_method, body.checkout_error, order.status], ['pending', 'card', null, 'pending']);
      assert.equal(fake.requests.length, sessionsBefore + 1, 'one checkout opened');
      const sent = fake.requests.at(-1)!;
      const session = sessionOf(body.checkout_url);
      assert.equal(body.checkout_url, `https://checkout.stripe.test/c/pay/${session}`, 'the URL the provider issued');
      assert.equal((await t.db.selectFrom('payment_checkouts').select('session_id').where('invoice_id', '=', order.invoice_id!).executeTakeFirstOrThrow()).session_id, session);
      assert.equal(expiresAtOf(sent), Math.floor(Date.parse(body.hold_expires_at) / 1000), 'the checkout ends with the hold');
      assert.equal(sent.body.get('success_url'), `http://localhost:3000/events/${event.slug}/orders/${order.reference}?checkout=success`);
      assert.equal(await sold(), 1);
      // Paying through it confirms the order, as from the web form.
      const invoice = await invoiceOf(order);
      assert.equal((await deliver(completed(session, invoice.number, 35_000))).json().outcome, 'applied');
      assert.equal((await orderById(order.id)).status, 'confirmed');
      // A retry of a confirmed order returns it, with nothing left to pay.
      const replay = await post(card, key);
      assert.deepEqual([replay.statusCode, replay.json().reference, replay.json().checkout_url], [200, body.reference, null]);
      assert.equal(fake.requests.length, sessionsBefore + 1, 'no checkout for a paid order');

      // Negative control: an invoice order opens no checkout.
      const invoiced = await post({ items: [{ ticket_type_id: standard.id, quantity: 1 }], payment_method: 'invoice' }, `api-inv-${dialect}-${process.pid}-0001`);
      assert.equal(invoiced.statusCode, 201, invoiced.body);
      assert.deepEqual([invoiced.json().status, invoiced.json().checkout_url, invoiced.json().checkout_error], ['confirmed', null, null]);
      assert.equal(fake.requests.length, sessionsBefore + 1);

      // The fields are in the published OpenAPI document, for client generators.
      const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      const schema = spec.paths['/api/v1/events/{slug}/orders'].post.responses['201'].content['application/json'].schema;
      assert.ok(schema.properties.checkout_url && schema.properties.checkout_error, 'checkout_url and checkout_error are documented');
      assert.match(schema.properties.checkout_url.description, /hold/);
    });

    it('the API with the provider down: the order is placed and keeps its hold, the answer says no checkout and why; a retry with the key gets one', async () => {
      await freshEvent();
      const c = await as(n.staffB.id);
      const api = `/api/v1/events/${event.slug}/orders`;
      const csrf = await c.csrfFrom(register());
      const key = `api-down-${dialect}-${process.pid}-0001`;
      const post = () =>
        c.request({ method: 'POST', url: api, headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, 'idempotency-key': key }, payload: { items: [{ ticket_type_id: standard.id, quantity: 1 }], payment_method: 'card' } });
      fake.outage.requests = 10;
      const res = await post();
      fake.outage.requests = 0;
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json();
      assert.equal(body.checkout_url, null);
      assert.equal(body.checkout_error.code, 'payment_provider_unavailable');
      assert.match(body.checkout_error.message, /Card payment is not available right now/);
      assert.match(body.url, new RegExp(`/events/${event.slug}/orders/${body.reference}$`), 'the order page to pay from later');
      const order = await t.db.selectFrom('event_orders').selectAll().where('reference', '=', body.reference).executeTakeFirstOrThrow();
      assert.deepEqual([order.status, body.hold_expires_at, await sold()], ['pending', order.hold_expires_at, 1], 'placed, seat held');
      assert.equal((await t.db.selectFrom('payment_checkouts').select('id').where('invoice_id', '=', order.invoice_id!).execute()).length, 0);
      // The provider is back: the same request returns the same order, now with a checkout.
      const retry = await post();
      assert.equal(retry.statusCode, 200, retry.body);
      assert.equal(retry.json().reference, body.reference);
      assert.equal(retry.json().checkout_error, null);
      sessionOf(retry.json().checkout_url);
      assert.equal(await sold(), 1, 'no second claim');
    });

    it('a webhook has no session: the emails still go in the buyer\'s language, to attendees without an account too', async () => {
      await freshEvent();
      const buyer = await createPerson(t.db, { locale: 'es', name: 'Lucía Paredes' });
      const c = await as(buyer.id);
      const guest = `invitada-${process.pid}@example.org`;
      const { res, order } = await placeCardOrder(c, { [`qty_${standard.id}`]: '2', attendees: `Lucía Paredes <${buyer.email}>\nMarta Invitada <${guest}>` });
      const invoice = await invoiceOf(order);
      assert.equal((await deliver(completed(sessionOf(res.headers.location), invoice.number, 70_000))).json().outcome, 'applied');
      await drainJobs(t);
      const mail = ticketMails(guest)[0];
      assert.ok(mail, 'the attendee gets their ticket');
      assert.match(mail.subject ?? '', /^Su inscripción/, 'in the buyer\'s language');
      assert.match(ticketMails(buyer.email)[0]?.subject ?? '', /^Su inscripción/);
    });
  });

  describe(`registration without a card provider (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let event: CoalitionEvent;
    let standard: TicketType;
    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      event = await createEvent(t.db, n.center.id, { title: `No Card Forum ${dialect}` });
      standard = await createTicketType(t.db, event.id, { name: 'Standard', price_cents: 35_000, capacity: 6, member_discount: false });
    });
    after(() => t?.close());

    it('does not offer card, refuses a forged card order with a clear message, and writes nothing', async () => {
      const c = t.client();
      await signIn(t.db, c, n.staffB.id);
      const url = `/events/${event.slug}/register`;
      const form = await c.get(url);
      assert.equal(form.statusCode, 200);
      assert.doesNotMatch(form.body, /value="card"/);
      assert.match(form.body, /name="payment_method" value="invoice"/);
      const count = async () => ({
        orders: (await t.db.selectFrom('event_orders').select('id').execute()).length,
        tickets: (await t.db.selectFrom('tickets').select('id').execute()).length,
        invoices: (await t.db.selectFrom('invoices').select('id').execute()).length,
        checkouts: (await t.db.selectFrom('payment_checkouts').select('id').execute()).length,
        sold: (await t.db.selectFrom('capacity_pools').select('sold').where('id', '=', standard.pool_id).executeTakeFirstOrThrow()).sold,
      });
      const before = await count();
      for (const step of ['review', undefined]) {
        const res = await c.submit(url, { [`qty_${standard.id}`]: '1', payment_method: 'card', ...(step && { step }) });
        assert.equal(res.statusCode, 400, `step ${step}`);
        assert.match(textOf(res.body), /Card payments are not available/);
        assert.match(res.body, new RegExp(`name="qty_${standard.id}"[^>]*value="1"`), 'typed values kept');
      }
      const api = await c.request({ method: 'POST', url: `/api/v1/events/${event.slug}/orders`, headers: { 'content-type': 'application/json', 'x-csrf-token': await c.csrfFrom(url) }, payload: { items: [{ ticket_type_id: standard.id, quantity: 1 }], payment_method: 'card' } });
      assert.equal(api.statusCode, 400, api.body);
      assert.ok(api.json().error.fields?.payment_method, 'the API names the field');
      assert.deepEqual(await count(), before, 'nothing written');
      const hook = await t.app.inject({ method: 'POST', url: '/api/v1/payments/stripe/webhook', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=x' }, payload: '{}' });
      assert.equal(hook.statusCode, 404, 'no webhook without a provider');
      // Positive control: the same order by invoice is placed.
      const ok = await c.submit(url, { [`qty_${standard.id}`]: '1', payment_method: 'invoice' });
      assert.equal(ok.statusCode, 303);
      assert.equal((await count()).orders, before.orders + 1);
    });
  });
}
