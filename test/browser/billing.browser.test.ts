import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../helpers/database.ts';
import { expectCleanPage, expectNoAxeViolations, launchBrowser, signInBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';
import { createOrganisation } from '../factories/organisations.ts';
import { createPerson } from '../factories/people.ts';
import { issueInvoice } from '../../src/modules/billing/billing.test-support.ts';
import { getInvoiceById } from '../../src/modules/billing/billing.service.ts';

// The invoice page (as the school's leader, in English and Spanish), the admin invoice list and
// an invoice's admin page in Chromium with axe; and an offline payment recorded through the form.
const dialect = testDialects()[0]!;

describe(`billing pages in Chromium (${dialect})`, () => {
  let server: TestServer;
  let browser: TestBrowser;
  before(async () => {
    [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the invoice and the admin pages cleanly, and records a payment through the form', async () => {
    const db = server.testApp.db;
    const office = await createOrganisation(db, { kind: 'national_office', name: 'National Office' });
    const school = await createOrganisation(db, { kind: 'school', name: 'Harbor School' });
    const leader = await createPerson(db, { name: 'Lena Leader', roles: [['school_leader', school.id]] });
    const admin = await createPerson(db, { name: 'Ada Admin', roles: [['network_admin', office.id]] });
    const invoice = await issueInvoice(db, { organisationId: school.id, billToName: 'Harbor School' });
    await issueInvoice(db, { billToName: 'Late Lake School', dueOn: '2020-01-01' });

    await signInBrowser(browser, server, leader.id);
    await expectCleanPage(browser, server, `/invoices/${invoice.number}`, `Invoice ${invoice.number}`);
    // The reader's language comes from the site's language switch (a cookie).
    await browser.context.addCookies([{ name: 'hub_lang', value: 'es', url: server.baseUrl }]);
    await expectCleanPage(browser, server, `/invoices/${invoice.number}`, `Factura ${invoice.number}`, 'invoice (es)');

    await signInBrowser(browser, server, admin.id);
    await expectCleanPage(browser, server, '/admin/invoices', 'Invoices');
    await expectCleanPage(browser, server, '/admin/invoices?overdue=on', 'Invoices', 'overdue invoices');
    await expectCleanPage(browser, server, `/admin/invoices/${invoice.number}`, `Invoice ${invoice.number}`);

    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.baseUrl}/admin/invoices/${invoice.number}`);
    await page.getByLabel('Method').selectOption('check');
    await page.getByLabel('Reference').fill('CHK-2026-77');
    await page.getByLabel('Amount (USD)').fill('2000');
    await page.getByRole('button', { name: 'Record payment' }).click();
    await page.waitForLoadState();
    assert.match((await page.locator('main').textContent()) ?? '', /more than the balance due/);
    await expectNoAxeViolations(page, 'payment form with errors');
    await page.getByLabel('Amount (USD)').fill('1,000.00');
    await page.getByRole('button', { name: 'Record payment' }).click();
    await page.waitForURL(`${server.baseUrl}/admin/invoices/${invoice.number}`);
    assert.match((await page.locator('main').textContent()) ?? '', /Payment recorded/);
    assert.match((await page.locator('main').textContent()) ?? '', /CHK-2026-77/);
    await expectNoAxeViolations(page, 'paid invoice (admin)');
    assert.equal((await getInvoiceById(db, invoice.id))?.state, 'paid');
    assert.deepEqual(problems.list, []);
    await page.close();

    await signInBrowser(browser, server, leader.id);
    await expectCleanPage(browser, server, `/invoices/${invoice.number}`, `Invoice ${invoice.number}`, 'paid invoice');
  });
});
