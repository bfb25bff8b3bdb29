import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CoalitionEvent, EventOrder, Person, Ticket, TicketType } from '../../src/db/schema.ts';
import { passFreedSeatsOn } from '../../src/modules/events/waitlist.service.ts';
import { testDialects } from '../helpers/database.ts';
import { expectCleanPage, expectNoAxeViolations, launchBrowser, signInBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';
import { cancelOrderDirectly, createOrderWithTickets } from '../factories/event-orders.ts';
import { createEvent, createTicketType } from '../factories/events.ts';
import { createPerson } from '../factories/people.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../factories/people-network.ts';

// The waitlist, the attendee list, the door (desktop and phone) and badges, in Chromium with axe.
const dialect = testDialects()[0]!;

describe(`attendees, check-in and waitlist in Chromium (${dialect})`, () => {
  let server: TestServer;
  let browser: TestBrowser;
  let n: PeopleNetwork;
  let event: CoalitionEvent;
  let ticket: Ticket;
  let waiter: Person;
  let type: TicketType;
  let joOrder: EventOrder;
  before(async () => {
    [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser()]);
    const db = server.testApp.db;
    n = await createPeopleNetwork(db);
    event = await createEvent(db, n.center.id, { title: 'Movie Night' });
    type = await createTicketType(db, event.id, { capacity: 2, name: 'Adult', max_per_order: 4 });
    ticket = (await createOrderWithTickets(db, event, type, { organisationId: n.schoolA.id, attendees: [{ name: 'Maya Okafor', email: 'maya@example.org' }] })).tickets[0]!;
    joOrder = (await createOrderWithTickets(db, event, type, { attendees: [{ name: 'Jo Park', email: 'jo@example.org' }] })).order;
    waiter = await createPerson(db, { name: 'Wes Waiting' });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('joins the waitlist and shows a clean page with the place in line', async () => {
    await signInBrowser(browser, server, waiter.id);
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.baseUrl}/events/${event.slug}/waitlist`);
    await expectNoAxeViolations(page, 'waitlist (join form)');
    await page.getByLabel('How many tickets').fill('0');
    await page.getByRole('button', { name: 'Join the waitlist' }).click();
    await page.getByText('Ask for at least 1 ticket.').first().waitFor();
    await expectNoAxeViolations(page, 'waitlist (with an error)');
    await page.getByLabel('How many tickets').fill('1');
    await page.getByRole('button', { name: 'Join the waitlist' }).click();
    await page.getByText('You are next in line.').waitFor();
    assert.deepEqual(problems.list, []);
    await page.close();
    await expectCleanPage(browser, server, `/events/${event.slug}/waitlist`, 'Waitlist: Movie Night');
  });

  it('shows organisers clean attendee, waitlist, check-in and badge pages, and checks in without JavaScript', async () => {
    await signInBrowser(browser, server, n.directorC.id);
    const base = `/events/${event.slug}`;
    await expectCleanPage(browser, server, `${base}/attendees`, 'Attendees');
    await expectCleanPage(browser, server, `${base}/waitlist/manage`, 'Waitlist');
    await expectCleanPage(browser, server, `${base}/badges`, 'Badges');
    await expectCleanPage(browser, server, `${base}/check-in?q=maya`, 'Check-in');
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.baseUrl}${base}/check-in/${ticket.code}`);
    await page.getByRole('button', { name: /Check in/ }).click();
    await page.getByText(/Checked in at/).first().waitFor();
    await expectNoAxeViolations(page, 'ticket page after check-in');
    assert.deepEqual(problems.list, []);
    await page.close();
    await expectCleanPage(browser, server, `${base}/check-in/${ticket.code}`, 'Maya Okafor');
  });

  it('works at the door on a phone (390 × 844): no sideways scrolling, big buttons, clean axe scan', async () => {
    await signInBrowser(browser, server, n.coachC.id);
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const problems = watchPage(page);
    try {
      for (const path of [`/events/${event.slug}/check-in?q=jo`, `/events/${event.slug}/check-in/${ticket.code}`, `/events/${event.slug}/check-in/not-a-code`]) {
        const res = await page.goto(`${server.baseUrl}${path}`);
        assert.ok(res && [200, 404].includes(res.status()), path);
        await expectNoAxeViolations(page, `${path} on a phone`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px`);
      }
      await page.goto(`${server.baseUrl}/events/${event.slug}/check-in?q=jo`);
      const button = page.getByRole('button', { name: /Check in/ });
      const box = await button.boundingBox();
      assert.ok(box && box.height >= 44 && box.width >= 300, `a big button (${JSON.stringify(box)})`);
      // The search comes before anything else a door volunteer needs, near the top of the screen.
      const search = await page.getByRole('searchbox', { name: 'Find an attendee' }).boundingBox();
      assert.ok(search && search.y < 600, `search within the first screen (${search?.y})`);
      await button.click();
      await page.getByText('Checked in.').first().waitFor();
      assert.deepEqual(problems.list, []);
    } finally {
      await page.close();
    }
  });

  it('shows a person their offer, with its deadline, on a clean page', async () => {
    const db = server.testApp.db;
    await cancelOrderDirectly(db, joOrder, type);
    await db.transaction().execute((trx) => passFreedSeatsOn(trx, [type.id]));
    await signInBrowser(browser, server, waiter.id);
    await expectCleanPage(browser, server, `/events/${event.slug}/waitlist`, 'Waitlist: Movie Night');
    const page = await browser.context.newPage();
    await page.goto(`${server.baseUrl}/events/${event.slug}/waitlist`);
    const link = await page.getByRole('link', { name: 'Register with your offer' }).getAttribute('href');
    assert.match(link ?? '', new RegExp(`^/events/${event.slug}/register\\?offer=[A-Za-z0-9_-]{32}$`));
    await page.close();
  });
});
