import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../helpers/database.ts';
import { expectNoAxeViolations, launchBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';
import { createOrganisation } from '../factories/organisations.ts';

// The public directory profile in Chromium, in both languages, with an axe scan.
const dialect = testDialects()[0]!;

describe(`directory profile in Chromium (${dialect})`, () => {
  let server: TestServer;
  let browser: TestBrowser;
  before(async () => {
    [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('passes axe in English and Spanish and links to the school\'s center', async () => {
    const db = server.testApp.db;
    const center = await createOrganisation(db, { kind: 'affiliate_center', name: 'Northeast Center', website: 'https://center.example.org' });
    const school = await createOrganisation(db, { kind: 'school', name: 'Harbor School', center_id: center.id, contact_public: true, description: 'A small school by the sea.' });
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.baseUrl}/directory/${school.slug}`);
    await expectNoAxeViolations(page, 'directory profile');
    await page.getByRole('link', { name: 'Northeast Center' }).click();
    await page.waitForURL(`${server.baseUrl}/directory/${center.slug}`);
    await expectNoAxeViolations(page, 'center profile');
    await page.getByRole('link', { name: 'Español' }).click();
    assert.equal(await page.locator('html').getAttribute('lang'), 'es');
    await expectNoAxeViolations(page, 'center profile (es)');
    assert.deepEqual(problems.list, []);
  });
});
