import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDemoFrameworks } from '../../src/modules/framework/framework.demo.ts';
import { benchmarksOf, getFrameworkBySlug, getPublishedTree } from '../../src/modules/framework/framework-read.service.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../factories/people-network.ts';
import { testDialects } from '../helpers/database.ts';
import { expectCleanPage, expectNoAxeViolations, launchBrowser, signInBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';

// A school leader opens a self-assessment, rates and adds evidence with plain forms (no script
// needed), submits; the center's coach reviews side by side. With JavaScript, each benchmark saves
// itself (autosave) and says when a colleague's answer got there first. Every page passes axe.
// The journeys: on both databases.

for (const dialect of testDialects()) {
  describe(`school self-assessment in Chromium (${dialect})`, () => {
    let server: TestServer;
    let browser: TestBrowser;
    let n: PeopleNetwork;
    let keys: string[];
    before(async () => {
      [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser({ locale: 'en-US' })]);
      const db = server.testApp.db;
      n = await createPeopleNetwork(db);
      await seedDemoFrameworks(db);
      keys = benchmarksOf(await getPublishedTree(db, await getFrameworkBySlug(db, 'common-principles'))).map((b) => b.key);
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    it('lets a leader open, rate, add evidence and submit; a coach reviews with the gap shown', async () => {
      const db = server.testApp.db;
      const title = `Self-assessment 2026-27: ${n.schoolA.name}`;
      await signInBrowser(browser, server, n.leaderA.id);
      await expectCleanPage(browser, server, '/assessment', 'School self-assessment');
      await expectCleanPage(browser, server, '/assessment/new', 'Start a self-assessment');

      const page = await browser.context.newPage();
      const problems = watchPage(page);
      await page.goto(`${server.baseUrl}/assessment/new`);
      await page.getByLabel('School year').fill('2026-27');
      await page.getByRole('button', { name: 'Start' }).click();
      await page.waitForURL(/\/assessment\/\d+$/);
      const path = new URL(page.url()).pathname;
      const key = keys[0]!;
      const card = page.locator(`#benchmark-${key}`);
      await card.locator(`label[for="b-${key}-level-developing"]`).click();
      await card.getByLabel(/^Comment on/).fill('Most units start from questions.');
      await card.getByRole('button', { name: /^Save rating/ }).click();
      await page.waitForURL(new RegExp(`${path}#benchmark-${key}$`));
      assert.equal(await page.locator(`#b-${key}-level-developing`).isChecked(), true);
      await page.locator(`#benchmark-${key} summary`).click();
      await page.locator(`#b-${key}-evidence-text`).fill('Unit plans, fall term.');
      await page.locator(`#benchmark-${key}`).getByRole('button', { name: 'Add evidence' }).click();
      await page.waitForURL(new RegExp(`${path}#benchmark-${key}$`));
      assert.match(await page.locator(`#benchmark-${key}`).textContent() ?? '', /Unit plans, fall term/);
      await expectNoAxeViolations(page, 'rating page');
      assert.deepEqual(problems.list, []);
      await page.close();

      // The other thirteen, saved directly, then the leader submits from the page.
      const cycleId = Number(path.split('/').pop());
      await db.updateTable('assessment_ratings').set({ level_key: 'sustaining', revision: 1 }).where('cycle_id', '=', cycleId).where('benchmark_key', '!=', key).execute();
      await expectCleanPage(browser, server, path, title);
      const submit = await browser.context.newPage();
      await submit.goto(`${server.baseUrl}${path}`);
      await submit.getByRole('button', { name: 'Submit the self-assessment' }).click();
      await submit.waitForURL(new RegExp(`${path}$`));
      assert.match(await submit.locator('body').textContent() ?? '', /Self-assessment submitted to your center/);
      await submit.close();

      await signInBrowser(browser, server, n.coachC.id);
      await expectCleanPage(browser, server, '/assessment', 'School self-assessment', 'coach list');
      const review = await browser.context.newPage();
      const reviewProblems = watchPage(review);
      await review.goto(`${server.baseUrl}${path}`);
      await review.locator(`#benchmark-${key} label[for="b-${key}-coach-level-sustaining"]`).click();
      await review.locator(`#benchmark-${key}`).getByRole('button', { name: /^Save coach rating/ }).click();
      await review.waitForURL(new RegExp(`${path}#benchmark-${key}$`));
      const table = review.getByRole('table', { name: 'School and coach ratings side by side' });
      assert.match(await table.textContent() ?? '', /Coach rated 1 level higher/);
      await expectNoAxeViolations(review, 'review page');
      // The review cannot finish while a benchmark lacks a coach rating; the page lists them.
      await review.getByRole('button', { name: 'Finish the review' }).click();
      await review.waitForURL(new RegExp(`${path}/review$`));
      assert.match(await review.locator('body').textContent() ?? '', /13 benchmarks still need a coach rating/);
      await expectNoAxeViolations(review, 'review refused');
      await db.updateTable('assessment_ratings').set({ coach_level_key: 'sustaining', coach_at: new Date().toISOString() }).where('cycle_id', '=', cycleId).where('benchmark_key', '!=', key).execute();
      await review.goto(`${server.baseUrl}${path}`);
      await review.getByRole('button', { name: 'Finish the review' }).click();
      await review.waitForURL(new RegExp(`${path}$`));
      assert.match(await review.locator('body').textContent() ?? '', /Review finished/);
      await expectNoAxeViolations(review, 'reviewed cycle');
      assert.deepEqual(reviewProblems.list, []);
      await review.close();
    });

    it('autosaves a rating as the leader works, shows a colleague\'s answer instead of overwriting it, deletes evidence, shares a summary', async () => {
      const db = server.testApp.db;
      await signInBrowser(browser, server, n.leaderA.id);
      const page = await browser.context.newPage();
      const problems = watchPage(page);
      await page.goto(`${server.baseUrl}/assessment/new`);
      await page.getByLabel('School year').fill('2027-28');
      await page.getByRole('button', { name: 'Start' }).click();
      await page.waitForURL(/\/assessment\/\d+$/);
      const path = new URL(page.url()).pathname;
      const cycleId = Number(path.split('/').pop());
      const rating = (key: string) => db.selectFrom('assessment_ratings').selectAll().where('cycle_id', '=', cycleId).where('benchmark_key', '=', key).executeTakeFirstOrThrow();

      // Choosing a level saves at once; a comment saves after a pause in typing. Save is never pressed.
      const key = keys[1]!;
      const card = page.locator(`#benchmark-${key}`);
      const status = page.locator(`#b-${key}-autosave`);
      await card.locator(`label[for="b-${key}-level-developing"]`).click();
      await status.getByText(/^Saved \d{1,2}:\d{2}/).waitFor();
      assert.equal((await rating(key)).level_key, 'developing');
      assert.equal(await card.locator('input[name="revision"]').inputValue(), '1', 'the form carries the new revision');
      await card.getByLabel(/^Comment on/).fill('Teams share student notes weekly.');
      for (let i = 0; i < 40 && (await rating(key)).comment !== 'Teams share student notes weekly.'; i++) await new Promise((r) => setTimeout(r, 100));
      assert.equal((await rating(key)).comment, 'Teams share student notes weekly.', 'saved after the typing pause');
      assert.equal((await rating(key)).revision, 2);
      await expectNoAxeViolations(page, 'cycle page after autosave');
      await page.reload();
      assert.equal(await page.locator(`#b-${key}-level-developing`).isChecked(), true, 'a reload shows the autosaved level');
      assert.equal(await page.locator(`#b-${key}-comment`).inputValue(), 'Teams share student notes weekly.');

      // A colleague saves the same benchmark meanwhile: the page says so and overwrites nothing.
      const other = keys[2]!;
      await db.updateTable('assessment_ratings').set({ level_key: 'sustaining', comment: 'Colleague note', revision: 1 }).where('cycle_id', '=', cycleId).where('benchmark_key', '=', other).execute();
      await page.locator(`#benchmark-${other} label[for="b-${other}-level-early"]`).click();
      await page.locator(`#b-${other}-autosave`).getByText('A colleague changed this benchmark: their answer is Sustaining — Colleague note.', { exact: false }).waitFor();
      const kept = await rating(other);
      assert.deepEqual([kept.level_key, kept.comment, kept.revision], ['sustaining', 'Colleague note', 1]);
      await expectNoAxeViolations(page, 'cycle page with an autosave conflict');
      // The refused save is the only failed request.
      assert.deepEqual(problems.list.filter((p) => !p.startsWith('HTTP 409:')), []);
      assert.equal(problems.list.length, 1);

      // Evidence: add a note, then delete it with its own button.
      await page.reload();
      await page.locator(`#benchmark-${key} summary`).click();
      await page.locator(`#b-${key}-evidence-text`).fill('Advisory notes to remove.');
      await page.locator(`#benchmark-${key}`).getByRole('button', { name: 'Add evidence' }).click();
      await page.waitForURL(new RegExp(`${path}#benchmark-${key}$`));
      await page.locator(`#benchmark-${key}`).getByRole('button', { name: /^Delete ?: Advisory notes to remove/ }).click();
      await page.waitForURL(new RegExp(`${path}#b-${key}-evidence$`));
      assert.match(await page.locator('body').textContent() ?? '', /Evidence deleted/);
      assert.doesNotMatch(await page.locator(`#benchmark-${key}`).textContent() ?? '', /Advisory notes to remove/);
      assert.equal((await db.selectFrom('assessment_evidence').selectAll().where('cycle_id', '=', cycleId).execute()).length, 0);
      await expectNoAxeViolations(page, 'cycle page after deleting evidence');

      // Sharing a summary network-wide, then the link to it.
      await page.getByText('Share a summary network-wide').click();
      await page.getByRole('button', { name: 'Save sharing choice' }).click();
      await page.waitForURL(new RegExp(`${path}#sharing-heading$`));
      assert.match(await page.locator('#sharing-heading').locator('..').textContent() ?? '', /A summary is shared network-wide/);
      assert.equal(await page.getByRole('link', { name: 'See the shared summary' }).getAttribute('href'), `${path}/summary`);
      assert.equal((await db.selectFrom('assessment_cycles').select('visibility').where('id', '=', cycleId).executeTakeFirstOrThrow()).visibility, 'network_summary');
      await expectNoAxeViolations(page, 'cycle page shared');
      await page.close();
    });
  });
}
