import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../helpers/database.ts';
import { expectCleanPage, launchBrowser, signInBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../factories/people-network.ts';

// Center spaces, the director's edit page, the request form and queue, and the exchange, in Chromium.
const dialect = testDialects()[0]!;

describe(`center spaces in Chromium (${dialect})`, () => {
  let server: TestServer;
  let browser: TestBrowser;
  let n: PeopleNetwork;
  before(async () => {
    [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser()]);
    n = await createPeopleNetwork(server.testApp.db);
    const now = new Date().toISOString();
    await server.testApp.db.insertInto('center_services').values({ center_id: n.center.id, kind: 'coaching', title: 'Leadership coaching', description: 'A coach for your leadership team.', how_to_request: 'Use the form.', position: 1, retired_at: null, created_at: now, updated_at: now }).execute();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows clean pages for visitors, directors, schools and the exchange', async () => {
    const db = server.testApp.db;
    const service = await db.selectFrom('center_services').select('id').executeTakeFirstOrThrow();
    const base = `/centers/${n.center.slug}`;
    await expectCleanPage(browser, server, '/centers', 'Affiliate centers');
    await expectCleanPage(browser, server, base, n.center.name);

    await signInBrowser(browser, server, n.leaderA.id);
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.baseUrl}${base}/services/${service.id}/request`);
    await page.getByLabel('What your school needs').fill('Help with advisory.');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.waitForURL(/\/requests\/\d+$/);
    const requestPath = new URL(page.url()).pathname;
    assert.deepEqual(problems.list, []);
    await page.close();
    await expectCleanPage(browser, server, `${base}/services/${service.id}/request`, 'Request Leadership coaching');

    await signInBrowser(browser, server, n.directorC.id);
    await expectCleanPage(browser, server, `${base}/edit`, `Edit ${n.center.name}`);
    await expectCleanPage(browser, server, `${base}/requests`, `Service requests to ${n.center.name}`);
    await expectCleanPage(browser, server, requestPath, `Leadership coaching for ${n.schoolA.name}`);

    const ex = await browser.context.newPage();
    await ex.goto(`${server.baseUrl}/exchange/new`);
    await ex.getByLabel('Title').fill('Sharing resources');
    await ex.getByLabel('Message').fill('What do you use for exhibitions?');
    await ex.getByRole('button', { name: 'Post thread' }).click();
    await ex.waitForURL(/\/exchange\/\d+$/);
    await ex.getByLabel('Your reply').fill('Community panels.');
    await ex.getByRole('button', { name: 'Post reply' }).click();
    await ex.waitForURL(/\/exchange\/\d+/);
    const threadPath = new URL(ex.url()).pathname;
    await ex.close();
    await expectCleanPage(browser, server, '/exchange', "Directors' exchange");
    await expectCleanPage(browser, server, '/exchange/new', 'Start a thread');
    await expectCleanPage(browser, server, threadPath, 'Sharing resources');

    await signInBrowser(browser, server, n.admin.id);
    await expectCleanPage(browser, server, '/admin/service-requests', 'Service requests across the network');
  });
});
