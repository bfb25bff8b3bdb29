import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { signIn } from '../../../test/factories/people.ts';
import { useStripeApiEndpointForTests } from '../../platform/payments/stripe-provider.ts';
import { issueInvoice, settledCount, testActor } from './billing.test-support.ts';
import { getInvoiceById, recordOfflinePayment, voidInvoice, type Invoice } from './billing.service.ts';

const SECRET = 'whsec_test_secret_for_billing';
const stripe = new Stripe('sk_test_billing');

/** A tiny stand-in for Stripe's API on loopback: creates checkout sessions, idempotently by key. */
async function startFakeStripe() {
  const byKey = new Map<string, string>();
  const requests: { key: string | undefined; body: URLSearchParams }[] = [];
  let n = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/checkout/sessions') {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'unknown' } }));
        return;
      }
      const key = req.headers['idempotency-key'] as string | undefined;
      requests.push({ key, body: new URLSearchParams(raw) });
      let body = key ? byKey.get(key) : undefined;
      if (!body) {
        n += 1;
        const id = `cs_test_${n}`;
        body = JSON.stringify({ id, object: 'checkout.session', mode: 'payment', url: `https://checkout.stripe.test/c/pay/${id}`, metadata: Object.fromEntries(new URLSearchParams(raw)) });
        if (key) byKey.set(key, body);
      }
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_${n}` }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let eventSeq = 0;
/** A Stripe event body about a checkout session (or another object). */
function eventBody(type: string, object: Record<string, unknown>, id = `evt_${process.pid}_${++eventSeq}`): string {
  return JSON.stringify({ id, object: 'event', type, api_version: '2025-01-01', created: Math.floor(Date.now() / 1000), livemode: false, data: { object } });
}
const session = (invoice: Invoice, sessionId: string, paymentIntent: string, extra: Record<string, unknown> = {}) => ({
  id: sessionId,
  object: 'checkout.session',
  payment_status: 'paid',
  payment_intent: paymentIntent,
  amount_total: invoice.total_cents,
  currency: 'usd',
  metadata: { invoice_number: invoice.number },
  ...extra,
});

for (const dialect of testDialects()) {
  describe(`Stripe checkout and webhooks (${dialect})`, () => {
    let t: TestApp;
    let fake: Awaited<ReturnType<typeof startFakeStripe>>;
    let net: PeopleNetwork;
    let leader: TestClient;

    const deliver = (payload: string, secret = SECRET, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/payments/stripe/webhook',
        headers: { 'content-type': 'application/json', 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret }), ...headers },
        payload,
      });
    const paymentsOf = (invoiceId: number) => t.db.selectFrom('payments').selectAll().where('invoice_id', '=', invoiceId).execute();
    const eventCount = async () => Number((await t.db.selectFrom('payment_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    before(async () => {
      fake = await startFakeStripe();
      useStripeApiEndpointForTests({ host: '127.0.0.1', port: fake.port, protocol: 'http' });
      t = await createTestApp(dialect, { env: { STRIPE_SECRET_KEY: 'sk_test_billing', STRIPE_WEBHOOK_SECRET: SECRET } });
      net = await createPeopleNetwork(t.db);
      leader = t.client();
      await signIn(t.db, leader, net.leaderA.id);
    });
    after(async () => {
      await t?.close();
      await fake?.close();
      useStripeApiEndpointForTests(undefined);
    });

    it('opens a checkout with the invoice lines, its number in metadata and an idempotency key per attempt, then settles on completion', async () => {
      const invoice = await issueInvoice(t.db, { organisationId: net.schoolA.id });
      const page = `/invoices/${invoice.number}`;
      assert.match(textOf((await leader.get(page)).body), /Pay by card/);
      const res = await leader.submit(page, {}, `${page}/pay`);
      assert.equal(res.statusCode, 303);
      assert.match(res.headers.location ?? '', /^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_\d+$/);
      const sent = fake.requests.at(-1)!;
      assert.equal(sent.key, `invoice-${invoice.id}-attempt-1`);
      assert.equal(sent.body.get('mode'), 'payment');
      assert.equal(sent.body.get('metadata[invoice_number]'), invoice.number);
      assert.equal(sent.body.get('line_items[0][price_data][unit_amount]'), '100000');
      assert.equal(sent.body.get('line_items[0][price_data][product_data][name]'), 'Annual affiliation dues');
      assert.equal(sent.body.get('success_url'), `http://localhost:3000${page}?checkout=success`);
      const checkout = await t.db.selectFrom('payment_checkouts').selectAll().where('invoice_id', '=', invoice.id).executeTakeFirstOrThrow();
      assert.equal(checkout.state, 'open');
      assert.ok(res.headers.location!.endsWith(checkout.session_id));
      // A second click is a new attempt with its own key.
      await leader.submit(page, {}, `${page}/pay`);
      assert.equal(fake.requests.at(-1)!.key, `invoice-${invoice.id}-attempt-2`);

      const done = await deliver(eventBody('checkout.session.completed', session(invoice, checkout.session_id, 'pi_flow_1')));
      assert.equal(done.statusCode, 200);
      assert.equal(done.json().outcome, 'applied');
      assert.equal((await getInvoiceById(t.db, invoice.id))?.state, 'paid');
      assert.equal(settledCount(invoice), 1);
      const [payment] = await paymentsOf(invoice.id);
      assert.deepEqual([payment?.method, payment?.provider_payment_id, payment?.amount_cents], ['card', 'pi_flow_1', 100_000]);

      // Out of order: "expired" for the same session arriving after "completed" undoes nothing.
      const late = await deliver(eventBody('checkout.session.expired', session(invoice, checkout.session_id, 'pi_flow_1', { payment_status: 'unpaid' })));
      assert.equal(late.json().outcome, 'stale_expired');
      const after = await t.db.selectFrom('payment_checkouts').select('state').where('session_id', '=', checkout.session_id).executeTakeFirstOrThrow();
      assert.equal(after.state, 'completed');
      assert.equal((await getInvoiceById(t.db, invoice.id))?.state, 'paid');
      assert.equal((await paymentsOf(invoice.id)).length, 1);
      assert.doesNotMatch(textOf((await leader.get(page)).body), /Pay by card/);
    });

    it('charges only the balance when part was paid by check', async () => {
      const invoice = await issueInvoice(t.db, { organisationId: net.schoolA.id });
      await recordOfflinePayment(t.db, testActor, invoice.id, { method: 'check', reference: 'C1', amountCents: 30_000, receivedOn: '2026-01-01' });
      const page = `/invoices/${invoice.number}`;
      await leader.submit(page, {}, `${page}/pay`);
      const sent = fake.requests.at(-1)!;
      assert.equal(sent.body.get('line_items[0][price_data][unit_amount]'), '70000');
      assert.equal(sent.body.get('line_items[1][price_data][unit_amount]'), null);
    });

    it('refuses a delivery with a wrong or missing signature, storing nothing', async () => {
      const invoice = await issueInvoice(t.db);
      const body = eventBody('checkout.session.completed', session(invoice, 'cs_forged', 'pi_forged'));
      const before = await eventCount();
      const wrong = await deliver(body, 'whsec_not_ours');
      assert.equal(wrong.statusCode, 400);
      assert.equal(wrong.json().error.code, 'bad_signature');
      const missing = await t.app.inject({ method: 'POST', url: '/api/v1/payments/stripe/webhook', headers: { 'content-type': 'application/json' }, payload: body });
      assert.equal(missing.statusCode, 400);
      // A valid signature over different bytes: the body was tampered with on the way.
      const tampered = await t.app.inject({
        method: 'POST',
        url: '/api/v1/payments/stripe/webhook',
        headers: { 'content-type': 'application/json', 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET }) },
        payload: body.replace(String(invoice.total_cents), '1'),
      });
      assert.equal(tampered.statusCode, 400);
      assert.equal(await eventCount(), before);
      assert.equal((await paymentsOf(invoice.id)).length, 0);
      // Positive control: the same body, properly signed, is accepted.
      assert.equal((await deliver(body)).statusCode, 200);
      assert.equal((await paymentsOf(invoice.id)).length, 1);
    });

    it('records a replayed event once, and two different events for one payment intent once', async () => {
      const invoice = await issueInvoice(t.db);
      const body = eventBody('checkout.session.completed', session(invoice, 'cs_replay', 'pi_replay'));
      assert.equal((await deliver(body)).json().outcome, 'applied');
      assert.equal((await deliver(body)).json().outcome, 'duplicate_event');
      const other = await deliver(eventBody('checkout.session.async_payment_succeeded', session(invoice, 'cs_replay', 'pi_replay')));
      assert.equal(other.json().outcome, 'duplicate_payment');
      assert.equal((await paymentsOf(invoice.id)).length, 1);
      assert.equal(settledCount(invoice), 1);
    });

    it('reconciles a completion whose checkout we never stored, by the invoice number in its metadata', async () => {
      const invoice = await issueInvoice(t.db);
      const res = await deliver(eventBody('checkout.session.completed', session(invoice, 'cs_unknown_to_us', 'pi_early')));
      assert.equal(res.json().outcome, 'applied');
      assert.equal((await getInvoiceById(t.db, invoice.id))?.state, 'paid');
    });

    it('waits for a delayed payment: "completed" unpaid, then async success settles it', async () => {
      const invoice = await issueInvoice(t.db);
      assert.equal((await deliver(eventBody('checkout.session.completed', session(invoice, 'cs_async', 'pi_async', { payment_status: 'unpaid' })))).json().outcome, 'awaiting_payment');
      assert.equal((await getInvoiceById(t.db, invoice.id))?.state, 'open');
      assert.equal((await deliver(eventBody('checkout.session.async_payment_succeeded', session(invoice, 'cs_async', 'pi_async')))).json().outcome, 'applied');
      assert.equal((await getInvoiceById(t.db, invoice.id))?.state, 'paid');
    });

    it('records money for a void invoice and flags it for staff instead of applying it; notes refunds', async () => {
      const invoice = await issueInvoice(t.db);
      await t.db.transaction().execute((trx) => voidInvoice(trx, testActor, invoice.id, 'Replaced'));
      const res = await deliver(eventBody('checkout.session.completed', session(invoice, 'cs_void', 'pi_void')));
      assert.equal(res.json().outcome, 'flagged_void_invoice');
      assert.equal((await getInvoiceById(t.db, invoice.id))?.state, 'void');
      assert.equal((await paymentsOf(invoice.id)).length, 1);
      assert.equal(settledCount(invoice), undefined);
      const refund = await deliver(eventBody('charge.refunded', { id: 'ch_void', object: 'charge', payment_intent: 'pi_void', amount_refunded: 100_000 }));
      assert.equal(refund.json().outcome, 'flagged_refund');
      assert.equal((await paymentsOf(invoice.id)).length, 1, 'a refund is noted, not recorded as a payment');
      const admin = t.client();
      await signIn(t.db, admin, net.admin.id);
      const page = textOf((await admin.get(`/admin/invoices/${invoice.number}`)).body);
      assert.ok(page.includes('Needs attention') && page.includes('invoice.payment_flagged') && page.includes('invoice.refund_noted'));
      assert.equal((await deliver(eventBody('customer.created', { id: 'cus_1', object: 'customer' }))).json().outcome, 'ignored');
    });

    it('is not blocked by the JSON parser or the cookie rule, and refuses other content types', async () => {
      const invoice = await issueInvoice(t.db);
      const body = eventBody('checkout.session.completed', session(invoice, 'cs_charset', 'pi_charset'));
      const res = await deliver(body, SECRET, { 'content-type': 'application/json; charset=utf-8' });
      assert.equal(res.statusCode, 200);
      const text = await t.app.inject({ method: 'POST', url: '/api/v1/payments/stripe/webhook', headers: { 'content-type': 'text/plain' }, payload: body });
      assert.equal(text.statusCode, 415);
    });

    if (dialect === 'postgres') {
      it('turns concurrent duplicate deliveries into exactly one payment (negative control: distinct payments are all counted)', async () => {
        const invoice = await issueInvoice(t.db);
        const body = eventBody('checkout.session.completed', session(invoice, 'cs_race', 'pi_race'));
        const same = await Promise.all(Array.from({ length: 8 }, () => deliver(body)));
        assert.deepEqual(same.map((r) => r.statusCode), Array(8).fill(200));
        assert.deepEqual(same.map((r) => r.json().outcome).sort(), ['applied', ...Array(7).fill('duplicate_event')].sort());
        const differentEvents = await Promise.all(
          Array.from({ length: 6 }, () => deliver(eventBody('checkout.session.async_payment_succeeded', session(invoice, 'cs_race', 'pi_race')))),
        );
        assert.ok(differentEvents.every((r) => r.json().outcome === 'duplicate_payment'));
        assert.equal((await paymentsOf(invoice.id)).length, 1);
        assert.equal(settledCount(invoice), 1);

        const other = await issueInvoice(t.db);
        const halves = await Promise.all(
          ['pi_half_a', 'pi_half_b'].map((pi) => deliver(eventBody('checkout.session.completed', session(other, `cs_${pi}`, pi, { amount_total: 50_000 })))),
        );
        assert.ok(halves.every((r) => r.statusCode === 200));
        assert.equal((await paymentsOf(other.id)).length, 2, 'the count sees more than one payment when there are more');
        assert.equal((await getInvoiceById(t.db, other.id))?.state, 'paid');
        assert.equal(settledCount(other), 1);
      });
    }
  });
}
