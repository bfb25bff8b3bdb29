import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../helpers/database.ts';
import { expectCleanPage, expectNoAxeViolations, launchBrowser, signInBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';
import { createOrganisation } from '../factories/organisations.ts';
import { createPerson } from '../factories/people.ts';

// The directory search, its map view and the school import pages in Chromium, with axe scans.
const dialect = testDialects()[0]!;

describe(`directory search, map and import in Chromium (${dialect})`, () => {
  let server: TestServer;
  let browser: TestBrowser;
  before(async () => {
    [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser()]);
    const db = server.testApp.db;
    const center = await createOrganisation(db, { kind: 'affiliate_center', name: 'Harbor Center', latitude: 41.8, longitude: -71.4 });
    await createOrganisation(db, { kind: 'school', name: 'Harbor Academy', center_id: center.id, affiliation_status: 'current', latitude: 41.82, longitude: -71.41 });
    await createOrganisation(db, { kind: 'school', name: 'Inland Academy', affiliation_status: 'grace' });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('searches without JavaScript-only controls, and passes axe in English and Spanish', async () => {
    await expectCleanPage(browser, server, '/directory', 'Directory');
    await expectCleanPage(browser, server, '/directory?q=academy&kind=school', 'Directory', 'search results');
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.baseUrl}/directory`);
    await page.getByLabel('Name, city or words from the description').fill('harb');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'Harbor Academy' }).waitFor();
    await page.goto(`${server.baseUrl}/directory?q=academy`, { waitUntil: 'load' });
    await page.getByRole('link', { name: 'Español' }).click();
    await expectNoAxeViolations(page, 'directory (es)');
    assert.deepEqual(problems.list, []);
  });

  it('shows the map with focusable markers and lists the unplaced results beside it', async () => {
    await browser.context.clearCookies(); // the language chosen in the test before
    await expectCleanPage(browser, server, '/directory?view=map&q=academy', 'Directory', 'map view');
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.baseUrl}/directory?view=map&q=academy`);
    const marker = page.locator('.directory-map__marker');
    await marker.first().waitFor();
    assert.equal(await marker.count(), 1);
    assert.equal(await marker.first().getAttribute('title'), 'Harbor Academy, Oakland, California');
    await marker.first().focus();
    await page.keyboard.press('Enter');
    await page.locator('.leaflet-popup a', { hasText: 'Harbor Academy' }).waitFor();
    assert.match(await page.locator('main').innerText(), /Not on the map[\s\S]*Inland Academy/);
    await expectNoAxeViolations(page, 'map with popup');
    assert.deepEqual(problems.list, []);
  });

  it('walks a network admin through the import pages cleanly', async () => {
    const db = server.testApp.db;
    const office = await createOrganisation(db, { kind: 'national_office', name: 'Browser HQ' });
    const admin = await createPerson(db, { roles: [['network_admin', office.id]] });
    await signInBrowser(browser, server, admin.id);
    await expectCleanPage(browser, server, '/admin/directory-import', 'Import schools');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'browser-import-')), 'schools.csv');
    fs.writeFileSync(file, 'NCESSCH,SCH_NAME,LCITY,LSTATE,LZIP,GSLO,GSHI\n530000100001,Browser Upload School,Tacoma,WA,98402,09,12\n530000100002,,Tacoma,WA,98402,09,12\n');
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.baseUrl}/admin/directory-import`);
    await page.setInputFiles('#field-file', file);
    await page.getByRole('button', { name: 'Upload and choose columns' }).click();
    await page.getByRole('heading', { name: 'Choose the columns' }).waitFor();
    await expectNoAxeViolations(page, 'import mapping');
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
    await page.getByRole('heading', { name: 'Dry run: what the import would do' }).waitFor();
    assert.match(await page.locator('main').innerText(), /missing name/);
    await expectNoAxeViolations(page, 'import dry run');
    await page.getByRole('button', { name: /^Import: create 1/ }).click();
    await page.getByRole('heading', { name: 'Import finished' }).waitFor();
    await expectNoAxeViolations(page, 'import finished');
    assert.deepEqual(problems.list, []);
  });
});
