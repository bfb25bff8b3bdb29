import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ical from 'node-ical';
import { testDialects } from '../helpers/database.ts';
import { drainJobs } from '../helpers/jobs.ts';
import { decodeQrPng } from '../helpers/qr.ts';
import { recipients } from '../helpers/smtp.ts';
import { expectNoAxeViolations, launchBrowser, signInBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';
import { createEvent, createTicketType } from '../factories/events.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../factories/people-network.ts';
import type { CoalitionEvent } from '../../src/db/schema.ts';
import { makeMember } from '../../src/modules/events/registration-test-support.ts';

// The whole convening journey the issue names, by clicks in Chromium with an axe scan at each
// step: a visitor finds the Forum on the calendar, registers (a member, so at the member price)
// and pays by invoice, gets the confirmation email with the QR code and the .ics, and is checked
// in at the door by scanning that QR code's address.
const dialect = testDialects()[0]!;

describe(`convening journey in Chromium (${dialect})`, () => {
  let server: TestServer;
  let browser: TestBrowser;
  let n: PeopleNetwork;
  let event: CoalitionEvent;
  before(async () => {
    [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser()]);
    const db = server.testApp.db;
    n = await createPeopleNetwork(db);
    await makeMember(db, n.schoolA);
    event = await createEvent(db, n.office.id, { title: 'Fall Forum Journey', kind: 'conference', tags: ['principle:6'] });
    await createTicketType(db, event.id, { name: 'Full Forum', price_cents: 39_500, capacity: 300 });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('find → register → pay by invoice → email with QR and .ics → checked in', async () => {
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    const url = (path: string) => `${server.baseUrl}${path}`;

    // A visitor finds the Forum on the calendar by a filter and opens it.
    await page.goto(url('/events'));
    await page.getByLabel('Type').selectOption('conference');
    await page.getByRole('button', { name: 'Show events' }).click();
    await page.waitForURL(/kind=conference/);
    await expectNoAxeViolations(page, 'calendar filtered');
    await page.getByRole('link', { name: 'Fall Forum Journey' }).first().click();
    await page.waitForURL(url(`/events/${event.slug}`));
    await expectNoAxeViolations(page, 'event page');

    // Registering asks a visitor to sign in first; a member of staff of a member school does.
    await page.getByRole('link', { name: 'Register' }).first().click();
    await page.waitForURL(/\/login\?next=/);
    await signInBrowser(browser, server, n.staffA.id);
    await page.goto(url(`/events/${event.slug}/register`));
    await expectNoAxeViolations(page, 'register form');
    await page.getByLabel(/^Full Forum/).fill('1');
    await page.getByRole('button', { name: 'Review order' }).click();
    // The summary shows what will be paid (the member price) before anything is booked.
    await page.getByRole('heading', { level: 1, name: /^Review your order/ }).waitFor();
    assert.match(await page.locator('main').innerText(), /Total to pay\s+\$316\.00/);
    await expectNoAxeViolations(page, 'order summary');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/orders\/[A-Z0-9-]+$/);
    await expectNoAxeViolations(page, 'order page');
    const order = await server.testApp.db.selectFrom('event_orders').selectAll().where('event_id', '=', event.id).executeTakeFirstOrThrow();
    assert.equal(order.status, 'confirmed');
    assert.equal(order.total_cents, 39_500 * 0.8, 'the member price, from the school’s membership');
    assert.ok(order.invoice_id, 'paid by invoice');
    await page.getByRole('link', { name: /INV-/ }).first().click();
    await page.waitForURL(/\/invoices\/INV-/);
    await expectNoAxeViolations(page, 'invoice');

    // The confirmation email carries the ticket's QR code and the event's calendar entry.
    await drainJobs(server.testApp);
    const mail = await server.testApp.smtp.waitFor((m) => recipients(m).includes(n.staffA.email));
    const ics = mail.attachments.find((a) => a.filename?.endsWith('.ics'));
    assert.ok(ics, 'an .ics attachment');
    const entries = Object.values(ical.sync.parseICS(ics.content.toString('utf8'))).filter((c) => c?.type === 'VEVENT');
    assert.equal(entries.length, 1);
    assert.equal((entries[0] as { uid: string }).uid, event.uid);
    const qr = mail.attachments.find((a) => a.contentType === 'image/png');
    assert.ok(qr, 'a QR code image');
    const scanned = decodeQrPng(qr.content);
    assert.ok(scanned, 'the QR code decodes');
    assert.match(scanned, new RegExp(`/events/${event.slug}/check-in/`));

    // At the door an organiser's phone opens the QR code's address and checks the attendee in.
    await signInBrowser(browser, server, n.admin.id);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url(new URL(scanned).pathname));
    await expectNoAxeViolations(page, 'ticket at the door (phone)');
    await page.getByRole('button', { name: 'Check in' }).click();
    await page.waitForLoadState();
    assert.match(await page.locator('main').innerText(), /Checked in/);
    await expectNoAxeViolations(page, 'checked in (phone)');
    const ticket = await server.testApp.db.selectFrom('tickets').select(['checked_in_at', 'checked_in_by']).where('order_id', '=', order.id).executeTakeFirstOrThrow();
    assert.ok(ticket.checked_in_at);
    assert.equal(ticket.checked_in_by, n.admin.id);
    assert.deepEqual(problems.list, []);
    await page.close();
  });
});
