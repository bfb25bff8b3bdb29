import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../helpers/database.ts';
import { expectCleanPage, launchBrowser, signInBrowser, startTestServer, type TestBrowser, type TestServer } from '../helpers/browser.ts';
import { createOrganisation } from '../factories/organisations.ts';
import { createPerson } from '../factories/people.ts';

// The admin network-health dashboard in Chromium: charts, tables and filter pass axe under the CSP.
const dialect = testDialects()[0]!;

describe(`network health dashboard in Chromium (${dialect})`, () => {
  let server: TestServer;
  let browser: TestBrowser;
  before(async () => {
    // Browser first: without Chromium this fails before a server exists that would keep the run alive.
    browser = await launchBrowser();
    server = await startTestServer(dialect);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('renders the charts with their tables, and the empty state, cleanly', async () => {
    const db = server.testApp.db;
    const now = new Date().toISOString();
    const office = await createOrganisation(db, { kind: 'national_office' });
    const center = await createOrganisation(db, { kind: 'affiliate_center', name: 'Bay Area Coalition of Essential Small Schools, a Very Long Center Name' });
    const plan = await db
      .insertInto('affiliation_plans')
      .values({ slug: 'school-plan', name: 'School', holder: 'school', term_kind: 'rolling', term_months: 12, grace_days: 30, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < 12; i++) {
      const school = await createOrganisation(db, { kind: 'school', center_id: i % 3 ? center.id : null, state: ['CA', 'NY', 'TX'][i % 3] });
      const a = await db
        .insertInto('affiliations')
        .values({ plan_id: plan.id, organisation_id: school.id, decision: 'approved', status: 'current', status_on: now.slice(0, 10), created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      const start = new Date(Date.UTC(new Date().getUTCFullYear() - 1, i, 1)).toISOString().slice(0, 10);
      await db.insertInto('affiliation_terms').values({ affiliation_id: a.id, kind: 'join', starts_on: start, ends_on: i % 4 ? '2099-01-01' : start.replace(/^\d{4}/, (y) => String(Number(y) + 1)), paid_at: now, created_at: now }).execute();
    }
    const admin = await createPerson(db, { roles: [['network_admin', office.id]] });
    await signInBrowser(browser, server, admin.id);
    await expectCleanPage(browser, server, '/admin/network-health', 'Network health');
    await expectCleanPage(browser, server, '/admin/network-health?holder=individual', 'Network health', 'empty selection');

    const page = await browser.context.newPage();
    await page.goto(`${server.baseUrl}/admin/network-health`);
    assert.equal(await page.getByRole('img', { name: 'Affiliations per month' }).count(), 1);
    assert.equal(await page.getByRole('table', { name: 'Current affiliations by state' }).count(), 1);
    const box = await page.locator('svg.hub-chart__svg').first().boundingBox();
    assert.ok(box && box.width > 300 && box.height > 100, 'the stylesheet sizes the chart (no inline styles)');
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/network-health.png`, fullPage: true });
    await page.close();
  });
});
