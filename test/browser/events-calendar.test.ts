import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../helpers/database.ts';
import { expectCleanPage, launchBrowser, signInBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';
import { createEvent } from '../factories/events.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../factories/people-network.ts';
import type { CoalitionEvent } from '../../src/db/schema.ts';
import { seedDemoFrameworks } from '../../src/modules/framework/framework.demo.ts';

// The calendar (list and month), an event page, the private feed page and the organisers' pages, in Chromium.
const dialect = testDialects()[0]!;

describe(`the events calendar in Chromium (${dialect})`, () => {
  let server: TestServer;
  let browser: TestBrowser;
  let n: PeopleNetwork;
  let forum: CoalitionEvent;
  let workshop: CoalitionEvent;
  before(async () => {
    [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser()]);
    const db = server.testApp.db;
    await seedDemoFrameworks(db);
    n = await createPeopleNetwork(db);
    const month = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 7);
    forum = await createEvent(db, n.office.id, { title: 'Fall Forum', kind: 'forum', all_day: true, timezone: 'America/Chicago', start_date: `${month}-03`, end_date: `${month}-05`, starts_at: `${month}-03T06:00:00.000Z`, ends_at: `${month}-06T06:00:00.000Z`, tags: ['principle:1', 'benchmark:advisory'] });
    workshop = await createEvent(db, n.center.id, { title: 'Advisory workshop', tags: ['benchmark:advisory'] });
    await createEvent(db, n.center.id, { title: 'Movie night', kind: 'fundraiser', status: 'cancelled', cancelled_at: new Date().toISOString() });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows clean public pages: list, past, month, filtered, an event, a cancelled event, a center space', async () => {
    const month = forum.start_date.slice(0, 7);
    await expectCleanPage(browser, server, '/events', 'Events and convenings');
    await expectCleanPage(browser, server, '/events?when=past', 'Events and convenings');
    await expectCleanPage(browser, server, `/events?view=month&month=${month}`, 'Events and convenings');
    await expectCleanPage(browser, server, '/events?tag=benchmark:advisory&mode=in_person&q=advisory', 'Events and convenings');
    await expectCleanPage(browser, server, `/events/${forum.slug}`, 'Fall Forum');
    await expectCleanPage(browser, server, `/events/${workshop.slug}`, 'Advisory workshop');
    await expectCleanPage(browser, server, '/events/movie-night', 'Movie night');
    await expectCleanPage(browser, server, `/centers/${n.center.slug}`, n.center.name);

    // Filters work without JavaScript-specific help: choose a type and submit.
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.baseUrl}/events`);
    await page.getByLabel('Type').selectOption('forum');
    await page.getByRole('button', { name: 'Show events' }).click();
    await page.waitForURL(/kind=forum/);
    assert.deepEqual(await page.locator('main h3 a').allTextContents(), ['Fall Forum']);
    await page.getByRole('link', { name: 'Month' }).click();
    await page.waitForURL(/view=month/);
    await page.getByRole('link', { name: 'Next month' }).click();
    await page.waitForURL(/month=\d{4}-\d{2}/);
    assert.deepEqual(problems.list, []);
    await page.close();
  });

  it('shows clean organisers\' pages, and an organiser can create and publish an event', async () => {
    await signInBrowser(browser, server, n.directorC.id);
    await expectCleanPage(browser, server, '/events/manage', 'Organise events');
    await expectCleanPage(browser, server, '/events/new', 'New event');
    await expectCleanPage(browser, server, `/events/${workshop.slug}/edit`, 'Event details');
    await expectCleanPage(browser, server, `/events/${workshop.slug}/cancel`, 'Cancel the event');
    await expectCleanPage(browser, server, '/events/calendar', 'My calendar feed');

    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.baseUrl}/events/new`);
    await page.locator('#field-title').fill('Critical friends');
    await page.locator('#field-summary').fill('Looking at student work together.');
    await page.locator('#field-venue_name').fill('Oakland High');
    await page.locator('#field-timezone').selectOption('America/Los_Angeles');
    await page.locator('#field-start_date').fill('2027-03-10');
    await page.locator('#field-start_time').fill('09:00');
    await page.locator('#field-end_date').fill('2027-03-10');
    await page.locator('#field-end_time').fill('08:00');
    await page.getByRole('button', { name: 'Save draft' }).click();
    // The end is before the start: the form comes back with the message and what was typed.
    await page.waitForSelector('.usa-alert--error');
    assert.equal(await page.locator('#field-title').inputValue(), 'Critical friends');
    await page.locator('#field-end_time').fill('15:00');
    // USWDS hides the box itself and draws it on the label, as a person clicks it.
    await page.locator('label[for="field-tag-benchmark-professional-collaboration"]').click();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/\/events\/critical-friends\/edit$/);
    await page.getByRole('button', { name: 'Publish the event' }).click();
    await page.waitForURL(/\/events\/critical-friends$/);
    assert.equal((await page.locator('h1').textContent())?.trim(), 'Critical friends');
    assert.deepEqual(problems.list, []);
    await page.close();
    await expectCleanPage(browser, server, '/events/critical-friends', 'Critical friends');
  });
});
