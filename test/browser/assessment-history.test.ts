import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDemoFrameworks } from '../../src/modules/framework/framework.demo.ts';
import { getFrameworkBySlug } from '../../src/modules/framework/framework-read.service.ts';
import { openCycle } from '../../src/modules/assessment/assessment.service.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../factories/people-network.ts';
import { testDialects } from '../helpers/database.ts';
import { expectCleanPage, expectNoAxeViolations, launchBrowser, signInBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';

// A school's history (chart and table), a cycle's printable report and its shared summary, as a
// leader and a coach see them: every page passes axe, and the report links its print stylesheet.
const dialect = testDialects()[0]!;

describe(`assessment history and report in Chromium (${dialect})`, () => {
  let server: TestServer;
  let browser: TestBrowser;
  let n: PeopleNetwork;
  let reviewedId: number;
  before(async () => {
    [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser({ locale: 'en-US' })]);
    const db = server.testApp.db;
    n = await createPeopleNetwork(db);
    await seedDemoFrameworks(db);
    const framework = await getFrameworkBySlug(db, 'common-principles');
    const levels = ['early', 'developing', 'sustaining'];
    for (const [y, year] of ['2024-25', '2025-26'].entries()) {
      const cycle = await openCycle(db, { personId: n.leaderA.id, label: 'test' }, { school: n.schoolA, framework, schoolYear: year });
      const rows = await db.selectFrom('assessment_ratings').select('benchmark_key').where('cycle_id', '=', cycle.id).orderBy('id').execute();
      for (const [i, r] of rows.entries()) {
        const level = levels[Math.min(2, (i % 3) + y)]!;
        await db
          .updateTable('assessment_ratings')
          .set({ level_key: level, comment: i === 0 ? 'Discussed with the whole staff.' : '', coach_level_key: y === 0 ? levels[Math.max(0, (i % 3) - 1)]! : null })
          .where('cycle_id', '=', cycle.id)
          .where('benchmark_key', '=', r.benchmark_key)
          .execute();
      }
      const now = new Date().toISOString();
      await db.updateTable('assessment_cycles').set({ status: y === 0 ? 'reviewed' : 'submitted', submitted_at: now, reviewed_at: y === 0 ? now : null, visibility: y === 0 ? 'network_summary' : 'private' }).where('id', '=', cycle.id).execute();
      if (y === 0) {
        reviewedId = cycle.id;
        await db
          .insertInto('assessment_evidence')
          .values({ cycle_id: cycle.id, benchmark_key: rows[0]!.benchmark_key, kind: 'link', text: 'Unit plans', url: 'https://example.org/units', storage_key: null, filename: null, content_type: null, size_bytes: null, added_by: n.staffA.id, created_at: now })
          .execute();
      }
    }
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the history as a chart with its table, and the report ready to print', async () => {
    await signInBrowser(browser, server, n.leaderA.id);
    const history = `/assessment/schools/${n.schoolA.slug}/history`;
    await expectCleanPage(browser, server, history, `Self-assessment history: ${n.schoolA.name}`);
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.baseUrl}${history}`);
    const chart = page.locator('svg[role="img"]');
    assert.equal(await chart.count(), 1);
    assert.match((await chart.locator('title').textContent()) ?? '', /Levels per benchmark by school year/);
    assert.equal(await page.locator('table caption').filter({ hasText: 'School level / coach level' }).count(), 1);
    assert.equal(await page.locator('table tbody tr').count(), 14);
    await page.getByRole('link', { name: 'Printable report for 2024-25' }).click();
    await page.waitForURL(new RegExp(`/assessment/${reviewedId}/report$`));
    assert.equal(await page.locator('link[rel="stylesheet"][href="/assets/assessment-report.css"]').count(), 1);
    await expectNoAxeViolations(page, 'report page');
    // On paper: no site header or footer, and the link's address is printed.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('header.usa-header').isVisible(), false);
    assert.equal(await page.locator('footer.usa-footer').isVisible(), false);
    assert.ok(await page.getByText('https://example.org/units').isVisible());
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual(problems.list, []);
    await page.close();
  });

  it('shows the shared summary and the list of shared summaries to another school', async () => {
    await signInBrowser(browser, server, n.leaderB.id);
    await expectCleanPage(browser, server, '/assessment/shared', 'Shared self-assessment summaries');
    await expectCleanPage(browser, server, `/assessment/${reviewedId}/summary`, `Self-assessment summary 2024-25: ${n.schoolA.name}`);
  });
});
