import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDemoFrameworks } from '../../src/modules/framework/framework.demo.ts';
import { benchmarksOf, getFrameworkBySlug, getPublishedTree } from '../../src/modules/framework/framework-read.service.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../factories/people-network.ts';
import { testDialects } from '../helpers/database.ts';
import { expectCleanPage, expectNoAxeViolations, launchBrowser, signInBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';

// A school leader opens a self-assessment, rates and adds evidence with plain forms (no script
// needed), submits; the center's coach reviews side by side. Every page passes axe.
const dialect = testDialects()[0]!;

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
    await review.getByRole('button', { name: 'Finish the review' }).click();
    await review.waitForURL(new RegExp(`${path}$`));
    assert.match(await review.locator('body').textContent() ?? '', /Review finished/);
    await expectNoAxeViolations(review, 'reviewed cycle');
    assert.deepEqual(reviewProblems.list, []);
    await review.close();
  });
});
