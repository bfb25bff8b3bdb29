import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Person } from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createPeopleNetwork, insertApiToken, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { issueInvoice, settledCount } from './billing.test-support.ts';
import { getInvoiceById, type Invoice } from './billing.service.ts';

/** The text a PDF shows, read from its uncompressed content streams (pdfkit writes text as hex strings). */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const hex = [...raw.matchAll(/<([0-9a-fA-F]+)>/g)].map((m) => Buffer.from(m[1]!, 'hex').toString('latin1'));
  const literal = [...raw.matchAll(/\(((?:\\.|[^\\)])*)\)/g)].map((m) => m[1]!);
  return [...hex, ...literal].join('');
}

for (const dialect of testDialects()) {
  describe(`invoice pages, admin and API (${dialect})`, () => {
    let t: TestApp;
    let net: PeopleNetwork;
    let member: Person;
    let schoolInvoice: Invoice;
    let personalInvoice: Invoice;
    const clients = new Map<string, TestClient>();
    const as = (who: string) => clients.get(who)!;

    before(async () => {
      t = await createTestApp(dialect);
      net = await createPeopleNetwork(t.db);
      member = await createPerson(t.db, { name: 'Ivy Individual' });
      schoolInvoice = await issueInvoice(t.db, { organisationId: net.schoolA.id, billToName: net.schoolA.name });
      personalInvoice = await issueInvoice(t.db, { personId: member.id, billToName: 'Ivy Individual', lines: [{ description: 'Individual membership', quantity: 1, unitCents: 7_500 }] });
      const people: Record<string, Person> = { admin: net.admin, leaderA: net.leaderA, staffA: net.staffA, leaderB: net.leaderB, directorC: net.directorC, member };
      for (const [who, person] of Object.entries(people)) {
        const c = t.client();
        await signIn(t.db, c, person.id);
        clients.set(who, c);
      }
      clients.set('anonymous', t.client());
    });
    after(async () => t?.close());

    it('shows an invoice only to the billed person, the billed organisation\'s leads and admins; others get 404', async () => {
      const school = `/invoices/${schoolInvoice.number}`;
      const personal = `/invoices/${personalInvoice.number}`;
      const expected: [string, string, number][] = [
        ['leaderA', school, 200],
        ['admin', school, 200],
        ['staffA', school, 404],
        ['leaderB', school, 404],
        ['directorC', school, 404],
        ['member', school, 404],
        ['member', personal, 200],
        ['admin', personal, 200],
        ['leaderA', personal, 404],
        ['anonymous', school, 303],
      ];
      for (const [who, url, status] of expected) {
        const res = await as(who).get(url);
        assert.equal(res.statusCode, status, `${who} ${url}`);
        if (status === 200) assert.match(textOf(res.body), new RegExp(`Invoice ${url.slice(-14)}`));
        if (status === 404) assert.doesNotMatch(res.body, /Annual affiliation dues|Individual membership/);
        // The PDF follows the same rule.
        assert.equal((await as(who).get(`${url}.pdf`)).statusCode, status, `${who} ${url}.pdf`);
      }
      assert.match((await as('anonymous').get(school)).headers.location ?? '', /^\/login\?next=/);
      assert.equal((await as('admin').get('/invoices/INV-1999-99999')).statusCode, 404);
      assert.equal((await as('admin').get('/invoices/not-a-number')).statusCode, 404);
    });

    it('renders the printable invoice: bill-to, dates, lines, total, how to pay, print stylesheet; no card without Stripe', async () => {
      const res = await as('leaderA').get(`/invoices/${schoolInvoice.number}`);
      const text = textOf(res.body);
      for (const s of [net.schoolA.name, '1 Harbor Way', 'Annual affiliation dues', '$1,000.00', 'Balance due', 'How to pay', 'By check:', 'By purchase order:', 'By bank transfer:', 'Open']) assert.ok(text.includes(s), s);
      assert.match(res.body, /href="\/assets\/invoice-print.css"/);
      assert.doesNotMatch(text, /Pay by card/);
      assert.equal((await as('anonymous').get('/assets/invoice-print.css')).statusCode, 200);
      const es = await as('leaderA').get(`/invoices/${schoolInvoice.number}`, { cookie: `${[...as('leaderA').cookies].map(([k, v]) => `${k}=${v}`).join('; ')}; hub_lang=es` });
      assert.match(textOf(es.body), /Factura INV-/);
    });

    it('serves a PDF whose text holds the invoice number', async () => {
      const res = await as('leaderA').get(`/invoices/${schoolInvoice.number}.pdf`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      const pdf = res.rawPayload;
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      const text = pdfText(pdf);
      assert.ok(text.includes(schoolInvoice.number), 'the number is in the PDF text');
      assert.ok(text.includes('Annual affiliation dues'));
      assert.ok(!text.includes('INV-1999-99999'), 'negative control: the search does not match just anything');
    });

    it('lets the school\'s leader add a purchase-order number; the school\'s staff and other leaders cannot', async () => {
      const page = `/invoices/${schoolInvoice.number}`;
      assert.match((await as('leaderA').get(page)).body, /name="po_number"/);
      assert.doesNotMatch((await as('member').get(`/invoices/${personalInvoice.number}`)).body, /name="po_number"/);
      const bad = await as('leaderA').submit(page, { po_number: '' }, `${page}/po`);
      assert.equal(bad.statusCode, 400);
      const ok = await as('leaderA').submit(page, { po_number: 'PO-2026-118' }, `${page}/po`);
      assert.equal(ok.statusCode, 303);
      assert.equal((await getInvoiceById(t.db, schoolInvoice.id))?.po_number, 'PO-2026-118');
      assert.match(textOf((await as('leaderA').get(page)).body), /PO-2026-118/);
      const token = await as('leaderB').csrfFrom('/account');
      assert.equal((await as('leaderB').post(`${page}/po`, { po_number: 'HIJACK', _csrf: token })).statusCode, 404);
      const staffToken = await as('staffA').csrfFrom('/account');
      assert.equal((await as('staffA').post(`${page}/po`, { po_number: 'HIJACK', _csrf: staffToken })).statusCode, 404);
      assert.equal((await getInvoiceById(t.db, schoolInvoice.id))?.po_number, 'PO-2026-118');
      assert.equal((await as('leaderA').post(`${page}/pay`, { _csrf: await as('leaderA').csrfFrom(page) })).statusCode, 404, 'no card payment without Stripe');
    });

    it('admin list filters, searches and paginates; non-admins are refused', async () => {
      const overdue = await issueInvoice(t.db, { billToName: 'Late Lake School', dueOn: '2020-01-01' });
      assert.equal((await as('leaderA').get('/admin/invoices')).statusCode, 403);
      const all = textOf((await as('admin').get('/admin/invoices')).body);
      assert.ok(all.includes(schoolInvoice.number) && all.includes(overdue.number));
      const onlyOverdue = textOf((await as('admin').get('/admin/invoices?overdue=on')).body);
      assert.ok(onlyOverdue.includes(overdue.number) && !onlyOverdue.includes(schoolInvoice.number));
      assert.match(onlyOverdue, /Overdue/);
      const byName = textOf((await as('admin').get('/admin/invoices?q=late+lake')).body);
      assert.ok(byName.includes(overdue.number) && !byName.includes(schoolInvoice.number));
      const byNumber = textOf((await as('admin').get(`/admin/invoices?q=${personalInvoice.number}`)).body);
      assert.ok(byNumber.includes('Ivy Individual') && !byNumber.includes('Late Lake'));
      const paid = textOf((await as('admin').get('/admin/invoices?state=paid')).body);
      assert.match(paid, /No invoices match/);
      const paged = (await as('admin').get('/admin/invoices?per_page=1&page=2')).body;
      assert.match(paged, /usa-pagination/);
      assert.equal((await as('admin').get('/admin/invoices?state=bogus')).statusCode, 200, 'a hand-edited query falls back to no filters');
    });

    it('exports the filtered list as CSV with spreadsheet formulas defused', async () => {
      const evil = await issueInvoice(t.db, { billToName: '=HYPERLINK("http://evil.example","click")' });
      assert.equal((await as('leaderA').get('/admin/invoices.csv')).statusCode, 403);
      const res = await as('admin').get('/admin/invoices.csv?q=HYPERLINK');
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /^text\/csv/);
      const rows = parse(res.body, { bom: true, columns: true }) as Record<string, string>[];
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.number, evil.number);
      assert.equal(rows[0]!.bill_to_name, '\'=HYPERLINK("http://evil.example","click")');
      assert.equal(rows[0]!.total, '1000.00');
      const everything = parse((await as('admin').get('/admin/invoices.csv')).body, { bom: true, columns: true }) as Record<string, string>[];
      assert.ok(everything.length >= 4);
      for (const r of everything) assert.ok(!/^[=+\-@]/.test(r.bill_to_name!), r.bill_to_name);
    });

    it('records offline payments through the admin form: bad input and overpayment re-render with messages, then paid', async () => {
      const invoice = await issueInvoice(t.db, { billToName: 'Form School' });
      const page = `/admin/invoices/${invoice.number}`;
      assert.equal((await as('leaderA').get(page)).statusCode, 403);
      const bad = await as('admin').submit(page, { method: 'check', reference: 'CHK-9', amount: 'lots', received_on: '2026-13-40' }, `${page}/payments`);
      assert.equal(bad.statusCode, 400);
      assert.match(textOf(bad.body), /Enter an amount in dollars/);
      assert.match(bad.body, /value="CHK-9"/);
      const over = await as('admin').submit(page, { method: 'check', reference: 'CHK-9', amount: '1,000.01', received_on: '2026-01-10' }, `${page}/payments`);
      assert.equal(over.statusCode, 400);
      assert.match(textOf(over.body), /more than the balance due/);
      const part = await as('admin').submit(page, { method: 'check', reference: 'CHK-9', amount: '250.50', received_on: '2026-01-10' }, `${page}/payments`);
      assert.equal(part.statusCode, 303);
      assert.equal((await getInvoiceById(t.db, invoice.id))?.state, 'open');
      const rest = await as('admin').submit(page, { method: 'bank_transfer', reference: 'WIRE-1', amount: '749.50', received_on: '2026-01-11' }, `${page}/payments`);
      assert.equal(rest.statusCode, 303);
      assert.equal((await getInvoiceById(t.db, invoice.id))?.state, 'paid');
      assert.equal(settledCount(invoice), 1);
      const after = textOf((await as('admin').get(page)).body);
      assert.ok(after.includes('CHK-9') && after.includes('WIRE-1') && after.includes('invoice.paid'));
      assert.doesNotMatch((await as('admin').get(page)).body, /name="amount"/, 'no payment form on a paid invoice');
    });

    it('voids through the admin form with a reason', async () => {
      const invoice = await issueInvoice(t.db, { billToName: 'Void School' });
      const page = `/admin/invoices/${invoice.number}`;
      assert.equal((await as('admin').submit(page, { reason: '' }, `${page}/void`)).statusCode, 400);
      assert.equal((await as('admin').submit(page, { reason: 'Duplicate of another invoice' }, `${page}/void`)).statusCode, 303);
      assert.equal((await getInvoiceById(t.db, invoice.id))?.state, 'void');
      const text = textOf((await as('admin').get(page)).body);
      assert.ok(text.includes('Duplicate of another invoice') && text.includes('Void'));
      assert.match(textOf((await as('admin').get(`/invoices/${invoice.number}`)).body), /has been voided/);
    });

    it('API: lists and reads invoices by who may see them, and records payments for admins only', async () => {
      const adminToken = await insertApiToken(t.db, 'network_admin', net.office.id);
      const leaderToken = await insertApiToken(t.db, 'school_leader', net.schoolB.id);
      const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
      assert.equal((await t.app.inject({ url: '/api/v1/invoices' })).statusCode, 401);
      const all = (await t.app.inject({ url: '/api/v1/invoices?per_page=100', headers: bearer(adminToken) })).json();
      assert.ok(all.total >= 2);
      const own = (await as('leaderA').get('/api/v1/invoices')).json();
      assert.deepEqual(own.data.map((i: { number: string }) => i.number), [schoolInvoice.number]);
      assert.equal((await t.app.inject({ url: '/api/v1/invoices', headers: bearer(leaderToken) })).json().total, 0);
      const one = await as('leaderA').get(`/api/v1/invoices/${schoolInvoice.number}`);
      assert.equal(one.statusCode, 200);
      assert.equal(one.json().lines[0].description, 'Annual affiliation dues');
      assert.equal((await t.app.inject({ url: `/api/v1/invoices/${schoolInvoice.number}`, headers: bearer(leaderToken) })).statusCode, 404);

      const invoice = await issueInvoice(t.db, { billToName: 'API School' });
      const pay = (token: string, body: unknown) =>
        t.app.inject({ method: 'POST', url: `/api/v1/invoices/${invoice.number}/payments`, headers: { ...bearer(token), 'content-type': 'application/json' }, payload: JSON.stringify(body) });
      assert.equal((await pay(leaderToken, { method: 'check', amount: 10, received_on: '2026-01-02' })).statusCode, 403);
      const bad = await pay(adminToken, { method: 'cash', amount: 'x', received_on: 'soon', extra: 1 });
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.json().error.fields.method && bad.json().error.fields.amount && bad.json().error.fields.received_on);
      const over = await pay(adminToken, { method: 'check', amount: 1000.01, received_on: '2026-01-02' });
      assert.equal(over.statusCode, 400);
      assert.match(over.json().error.fields.amount[0], /more than the balance due/);
      const ok = await pay(adminToken, { method: 'purchase_order', reference: 'PO-1', amount: 1000, received_on: '2026-01-02' });
      assert.equal(ok.statusCode, 201);
      assert.deepEqual([ok.json().state, ok.json().paid_cents, ok.json().balance_cents], ['paid', 100_000, 0]);
      assert.equal((await pay(adminToken, { method: 'check', amount: 1, received_on: '2026-01-02' })).statusCode, 409);
    });
  });
}
