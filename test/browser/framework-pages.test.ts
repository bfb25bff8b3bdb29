import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { seedDemoFrameworks } from '../../src/modules/framework/framework.demo.ts';
import { createEvent } from '../factories/events.ts';
import { createOrganisation } from '../factories/organisations.ts';
import { testDialects } from '../helpers/database.ts';
import { expectCleanPage, expectNoAxeViolations, launchBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';

// The public framework pages in Chromium: the index, a framework, a benchmark with a tagged
// session, a principle, an older version, and the same in Spanish, each with an axe scan.
const dialect = testDialects()[0]!;

describe(`framework pages in Chromium (${dialect})`, () => {
  let server: TestServer;
  let browser: TestBrowser;
  before(async () => {
    [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser({ locale: 'en-US' })]);
    const db = server.testApp.db;
    await seedDemoFrameworks(db);
    const office = await createOrganisation(db, { kind: 'national_office' });
    const event = await createEvent(db, office.id, { title: 'Advisory Summit', tags: ['benchmark:advisory'] });
    const start = new Date(Date.now() + 30 * 86_400_000);
    const now = new Date().toISOString();
    const s = await db
      .insertInto('event_sessions')
      .values({ event_id: event.id, uid: `${randomUUID()}@sessions.test`, sequence: 0, title: 'Advisory that works', description: 'Tagged.', starts_at: start.toISOString(), ends_at: new Date(start.getTime() + 3_600_000).toISOString(), room: null, capacity: null, status: 'scheduled', proposal_id: null, submission_key: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('session_tags').values([{ session_id: s.id, tag: 'benchmark:advisory' }]).execute();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows clean pages in English, following the links from the index to a tagged session', async () => {
    await browser.context.clearCookies();
    await expectCleanPage(browser, server, '/framework', 'The framework: principles and Benchmarks');
    await expectCleanPage(browser, server, '/framework/common-principles', 'Common Principles and Benchmarks');
    await expectCleanPage(browser, server, '/framework/common-principles/benchmarks/advisory', 'Advisory and personal attention');
    await expectCleanPage(browser, server, '/framework/common-principles/principles/4', 'Personalization');
    await expectCleanPage(browser, server, '/framework/common-principles/benchmarks/advisory?version=1', 'Advisory', 'version 1');
    await expectCleanPage(browser, server, '/framework/community-schools-standards', 'Community Schools Standards');

    const page = await browser.context.newPage();
    const problems = watchPage(page);
    try {
      await page.goto(`${server.baseUrl}/framework`);
      await page.getByRole('link', { name: 'Explore Common Principles and Benchmarks' }).click();
      await page.waitForURL(/\/framework\/common-principles$/);
      await page.getByRole('link', { name: 'Advisory and personal attention' }).first().click();
      await page.waitForURL(/\/benchmarks\/advisory$/);
      const table = page.getByRole('table', { name: 'What Advisory and personal attention looks like at each level' });
      assert.equal(await table.getByRole('rowheader').count(), 3);
      await page.getByRole('link', { name: 'Advisory that works' }).click();
      await page.waitForURL(/\/events\/advisory-summit\/agenda/);
      assert.deepEqual(problems.list, []);
    } finally {
      await page.close();
    }
  });

  it('shows the same pages with Spanish chrome, and they pass axe', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    try {
      await page.goto(`${server.baseUrl}/framework/common-principles/benchmarks/advisory`);
      await page.locator('footer a[hreflang="es"]').click();
      await page.waitForURL(/\/benchmarks\/advisory$/);
      assert.equal(await page.locator('html').getAttribute('lang'), 'es');
      await page.getByRole('heading', { name: 'Etiquetado con este Indicador' }).waitFor();
      await expectNoAxeViolations(page, `benchmark (es, ${dialect})`);
      for (const [path, h1] of [
        ['/framework', 'El marco: principios e Indicadores de referencia'],
        ['/framework/common-principles', 'Common Principles and Benchmarks'],
        ['/framework/common-principles/principles/4', 'Personalization'],
      ] as const) {
        await page.goto(`${server.baseUrl}${path}`);
        assert.deepEqual((await page.locator('h1').allTextContents()).map((s) => s.trim()), [h1]);
        await expectNoAxeViolations(page, `${path} (es, ${dialect})`);
      }
      assert.deepEqual(problems.list, []);
    } finally {
      await page.close();
    }
  });
});
