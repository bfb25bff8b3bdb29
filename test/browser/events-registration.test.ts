import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../helpers/database.ts';
import { expectCleanPage, expectNoAxeViolations, launchBrowser, signInBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';
import { createEvent, createTicketType } from '../factories/events.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../factories/people-network.ts';
import type { CoalitionEvent, TicketType } from '../../src/db/schema.ts';
import { makeMember } from '../../src/modules/events/registration-test-support.ts';

// Registering for a paid event by invoice (alone and for a school) through the order summary (with
// its Edit step), the order page with its QR codes, and the organisers' tickets and orders pages,
// in Chromium with an accessibility scan.
const dialect = testDialects()[0]!;

describe(`event registration in Chromium (${dialect})`, () => {
  let server: TestServer;
  let browser: TestBrowser;
  let n: PeopleNetwork;
  let event: CoalitionEvent;
  let standard: TicketType;
  before(async () => {
    [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser()]);
    const db = server.testApp.db;
    n = await createPeopleNetwork(db);
    await makeMember(db, n.schoolA);
    event = await createEvent(db, n.center.id, { title: 'Fall Forum Browser' });
    standard = await createTicketType(db, event.id, { name: 'Standard', price_cents: 35_000, capacity: 50 });
    await createTicketType(db, event.id, { name: 'Pre-forum workshop', price_cents: 5_000, capacity: 10, is_add_on: true, member_discount: false, position: 2 });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('registers by invoice, alone and for a school, with clean pages throughout', async () => {
    const base = `/events/${event.slug}`;
    await signInBrowser(browser, server, n.staffA.id);
    await expectCleanPage(browser, server, `${base}/register`, 'Register for Fall Forum Browser');

    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.baseUrl}${base}/register`);
    await page.getByLabel(/^Standard/).fill('-1');
    await page.getByRole('button', { name: 'Review order' }).click();
    await page.waitForLoadState();
    assert.match(await page.locator('.usa-alert--error').innerText(), /can't be negative/);
    await expectNoAxeViolations(page, 'register form with errors');
    await page.getByLabel(/^Standard/).fill('1');
    await page.getByLabel('Purchase-order number (optional)').fill('PO-1234');
    await page.getByRole('button', { name: 'Review order' }).click();
    // The summary: the member price before anything is booked.
    await page.getByRole('heading', { level: 1, name: /^Review your order/ }).waitFor();
    assert.match(await page.locator('main').innerText(), /Total to pay\s+\$280\.00/);
    assert.equal(await server.testApp.db.selectFrom('event_orders').select('id').where('event_id', '=', event.id).execute().then((r) => r.length), 0, 'nothing placed yet');
    await expectNoAxeViolations(page, 'order summary');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/orders\/[A-Z0-9-]+$/);
    assert.match(await page.locator('h1').innerText(), /^Registration /);
    assert.equal(await page.locator('img[alt^="QR code"]').count(), 1);
    await expectNoAxeViolations(page, 'order page');
    const orderPath = new URL(page.url()).pathname;
    await page.close();
    await expectCleanPage(browser, server, '/events/mine', 'My registrations');
    await expectCleanPage(browser, server, base, 'Fall Forum Browser', 'event page with the tickets panel');

    await signInBrowser(browser, server, n.leaderA.id);
    const group = await browser.context.newPage();
    const groupProblems = watchPage(group);
    await group.goto(`${server.baseUrl}${base}/register?school=${n.schoolA.id}`);
    await expectNoAxeViolations(group, 'group register form');
    await group.getByLabel(/^Standard/).fill('2');
    // USWDS draws its own box and moves the real checkbox off-screen: people click the label.
    await group.locator(`label[for^="staff-"]`, { hasText: n.staffA.name }).click();
    await group.getByLabel('Attendees').fill('Guest Teacher, guest@example.org');
    await group.getByRole('button', { name: 'Review order' }).click();
    await group.getByRole('heading', { level: 1, name: /^Review your order/ }).waitFor();
    assert.match(await group.locator('main').innerText(), /Guest Teacher/);
    await expectNoAxeViolations(group, 'group order summary');
    // "Edit" goes back to the form with the choices kept; reviewing again leads to the same summary.
    await group.getByRole('button', { name: 'Edit order' }).click();
    await group.getByRole('button', { name: 'Review order' }).waitFor();
    assert.equal(await group.getByLabel(/^Standard/).inputValue(), '2');
    assert.equal(await group.getByLabel('Attendees').inputValue(), 'Guest Teacher, guest@example.org');
    assert.ok(await group.locator(`input[name="staff_id"][value="${n.staffA.id}"]`).isChecked(), 'the ticked staff stay ticked');
    await group.getByRole('button', { name: 'Review order' }).click();
    await group.getByRole('heading', { level: 1, name: /^Review your order/ }).waitFor();
    await group.getByRole('button', { name: 'Place order' }).click();
    await group.waitForURL(/\/orders\/[A-Z0-9-]+$/);
    assert.equal(await group.locator('img[alt^="QR code"]').count(), 2);
    await group.close();
    assert.deepEqual([...problems.list, ...groupProblems.list], []);

    await signInBrowser(browser, server, n.directorC.id);
    await expectCleanPage(browser, server, `${base}/tickets`, 'Tickets and codes');
    await expectCleanPage(browser, server, `${base}/tickets/types/${standard.id}`, 'Ticket type: Standard');
    await expectCleanPage(browser, server, `${base}/tickets/pools/${standard.pool_id}`, 'Pool: General admission');
    await expectCleanPage(browser, server, `${base}/tickets/promos/new`, 'Add a promo code');
    await expectCleanPage(browser, server, `${base}/orders`, 'Orders');
    await expectCleanPage(browser, server, orderPath, `Registration ${orderPath.split('/').pop()}`);
  });
});
