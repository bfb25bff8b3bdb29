import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../helpers/database.ts';
import { expectCleanPage, expectNoAxeViolations, launchBrowser, signInBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../factories/people-network.ts';

// The people module's page templates in a real browser: each passes axe (WCAG 2.2 AA) as a
// network admin sees it (every form and button showing), and the invite form with its errors.
for (const dialect of testDialects()) {
  describe(`people pages in Chromium (${dialect})`, () => {
    let server: TestServer;
    let browser: TestBrowser;
    let n: PeopleNetwork;

    before(async () => {
      [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser({ locale: 'en-US' })]);
      const db = server.testApp.db;
      n = await createPeopleNetwork(db);
      await db.updateTable('people').set({ last_sign_in_at: new Date().toISOString() }).where('id', '=', n.leaderA.id).execute();
      await signInBrowser(browser, server, n.admin.id);
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    const pages = () => [
      ['/admin/people', 'People'],
      ['/admin/people?q=leader&role=school_leader', 'People'],
      ['/admin/people/new', 'Add a person'],
      [`/people/${n.leaderA.id}`, n.leaderA.name],
      [`/people/${n.leaderA.id}/edit`, `Edit ${n.leaderA.name}`],
      [`/organisations/${n.schoolA.slug}/people`, `People at ${n.schoolA.name}`],
    ];

    it('every people page passes axe, with one h1 and no console errors', async () => {
      for (const [path, h1] of pages()) await expectCleanPage(browser, server, path!, h1!, `${path} (${dialect})`);
    });

    it('the invite form with errors, and the removal confirmation, pass axe too', async () => {
      const page = await browser.context.newPage();
      const problems = watchPage(page);
      try {
        await page.goto(`${server.baseUrl}/organisations/${n.schoolA.slug}/people`);
        await page.fill('#field-email', 'not-an-email');
        await page.click('form[action$="/people"] button[type="submit"]');
        await page.waitForSelector('.usa-alert--error');
        assert.match(await page.locator('#field-email-error').innerText(), /Enter an email address/);
        await expectNoAxeViolations(page, `invite form with errors (${dialect})`);

        await page.locator('a[href*="/remove"]').first().click();
        await page.waitForURL(/\/remove$/);
        assert.equal((await page.locator('h1').innerText()).trim(), 'Remove a role');
        await expectNoAxeViolations(page, `remove confirmation (${dialect})`);
        assert.deepEqual(problems.list, []);
      } finally {
        await page.close();
      }
    });
  });
}
