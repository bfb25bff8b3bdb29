import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../helpers/database.ts';
import { expectCleanPage, expectNoAxeViolations, launchBrowser, signInBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';
import { createOrganisation } from '../factories/organisations.ts';
import { createPerson } from '../factories/people.ts';
import { systemActor } from '../../src/modules/audit/audit.service.ts';
import { getFrameworkBySlug, getFrameworkTree } from '../../src/modules/framework/framework-read.service.ts';
import * as editing from '../../src/modules/framework/framework-editing.service.ts';

// The framework editor in Chromium, without JavaScript doing anything: create a framework, hit the
// publish refusal, fill the draft, edit descriptors, publish. Every page passes axe under the CSP.
const dialect = testDialects()[0]!;
const actor = systemActor('browser test');

describe(`framework editor in Chromium (${dialect})`, () => {
  let server: TestServer;
  let browser: TestBrowser;
  before(async () => {
    browser = await launchBrowser();
    server = await startTestServer(dialect);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates, refuses an incomplete publish, edits and publishes a framework with clean pages', async () => {
    const db = server.testApp.db;
    const office = await createOrganisation(db, { kind: 'national_office' });
    const admin = await createPerson(db, { roles: [['network_admin', office.id]] });
    await signInBrowser(browser, server, admin.id);

    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.baseUrl}/admin/frameworks`);
    await expectNoAxeViolations(page, 'empty list');
    await page.getByRole('link', { name: 'New framework' }).click();
    await expectNoAxeViolations(page, 'new framework form');
    await page.getByLabel('Web address name').fill('essential-schools');
    await page.locator('#field-name').fill('Common Principles and Benchmarks');
    await page.locator('label[for=field-is_primary]').click();
    await page.getByRole('button', { name: 'Create framework' }).click();
    assert.equal(await page.locator('h1').textContent(), 'Common Principles and Benchmarks');
    await expectNoAxeViolations(page, 'framework page with an empty draft');

    // Publishing the empty draft: the refusal page lists what is missing.
    await page.getByLabel('What changed in this version').fill('First version');
    await page.getByRole('button', { name: 'Publish' }).click();
    assert.equal(await page.locator('h1').textContent(), 'This draft cannot be published yet');
    assert.match((await page.getByRole('alert').first().textContent()) ?? '', /Add at least one principle/);
    await expectNoAxeViolations(page, 'publish with errors');

    // A principle through the form, the rest through the service.
    await page.goto(`${server.baseUrl}/admin/frameworks/essential-schools/principles/new`);
    await expectNoAxeViolations(page, 'new principle form');
    await page.locator('#field-key').fill('Bad Key');
    await page.locator('#field-name').fill('Learning to use one\'s mind well');
    await page.getByRole('button', { name: 'Save' }).click();
    await expectNoAxeViolations(page, 'principle form with errors');
    await page.locator('#field-key').fill('1');
    await page.getByRole('button', { name: 'Save' }).click();
    assert.match((await page.locator('#section-principles').locator('..').textContent()) ?? '', /Learning to use one's mind well/);

    const framework = await getFrameworkBySlug(db, 'essential-schools');
    const p2 = await editing.addPart(db, actor, framework, 'principles', { key: '2', name: 'Less is more', description: '' });
    const g = await editing.addPart(db, actor, framework, 'groups', { key: 'classroom', name: 'Classroom practices', description: '' });
    for (const key of ['early', 'developing', 'sustaining']) await editing.addPart(db, actor, framework, 'levels', { key, name: key[0]!.toUpperCase() + key.slice(1), description: `The ${key} stage.` });
    const b = await editing.addPart(db, actor, framework, 'benchmarks', { key: 'access-and-equity', name: 'Access and equity', description: '', group_id: g, principle_ids: [p2] });

    await expectCleanPage(browser, server, '/admin/frameworks/essential-schools', 'Common Principles and Benchmarks', 'editor with every section');
    await expectCleanPage(browser, server, '/admin/frameworks/essential-schools/benchmarks/new', 'Add a benchmark');
    await expectCleanPage(browser, server, `/admin/frameworks/essential-schools/benchmarks/${b}/edit`, 'Edit benchmark');
    await expectCleanPage(browser, server, `/admin/frameworks/essential-schools/principles/${p2}/delete`, 'Delete Less is more?');
    await expectCleanPage(browser, server, '/admin/frameworks/essential-schools/discard', 'Discard draft version 1');

    // Descriptors: one textarea per level, in the rubric's order.
    await page.goto(`${server.baseUrl}/admin/frameworks/essential-schools/benchmarks/${b}/descriptors`);
    await expectNoAxeViolations(page, 'descriptor page');
    for (const [i, level] of ['Early', 'Developing', 'Sustaining'].entries()) await page.getByLabel(`Level ${i + 1}: ${level}`).fill(`${level} access words.`);
    await page.getByRole('button', { name: 'Save' }).click();
    assert.equal(await page.locator('h1').textContent(), 'Common Principles and Benchmarks');

    await page.getByLabel('What changed in this version').fill('First version');
    await page.getByRole('button', { name: 'Publish' }).click();
    assert.match((await page.getByRole('status').first().textContent()) ?? '', /Version published/);
    await expectNoAxeViolations(page, 'framework page after publishing');
    const published = await getFrameworkBySlug(db, 'essential-schools');
    const tree = await getFrameworkTree(db, published, published.current_version_id!);
    assert.equal(tree.groups[0]!.benchmarks[0]!.descriptors.sustaining, 'Sustaining access words.');

    await page.getByRole('button', { name: 'Start a revision' }).click();
    assert.match((await page.locator('h2', { hasText: 'Draft: version 2' }).count()).toString(), /1/);
    await page.goto(`${server.baseUrl}/admin/frameworks`);
    await expectNoAxeViolations(page, 'list');
    assert.deepEqual(problems.list, []);
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/framework-admin.png`, fullPage: true });
    await page.close();
  });
});
