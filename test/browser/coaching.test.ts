import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../helpers/database.ts';
import { expectCleanPage, expectNoAxeViolations, launchBrowser, signInBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';
import { createPeopleNetwork } from '../factories/people-network.ts';
import { seedDemoFrameworks } from '../../src/modules/framework/framework.demo.ts';

// Coaching in Chromium with no JavaScript needed: a director opens an engagement (after a refused
// bad form), a coach logs a shareable session with a next step and edits it (after a refused bad
// edit), then the list, engagement page, summary, caseload and the school's view each pass axe; the
// school sees the session only while it is shareable.
// The journeys: on both databases.
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

for (const dialect of testDialects()) {
  describe(`coaching in Chromium (${dialect})`, () => {
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

    it('opens an engagement, logs a session, and shows clean caseload and school pages', async () => {
      const db = server.testApp.db;
      const n = await createPeopleNetwork(db);
      await seedDemoFrameworks(db);
      const base = `/centers/${n.center.slug}/engagements`;

      await signInBrowser(browser, server, n.directorC.id);
      const page = await browser.context.newPage();
      const problems = watchPage(page);
      await page.goto(`${server.baseUrl}${base}`);
      await expectNoAxeViolations(page, 'empty list');
      await page.getByRole('link', { name: 'New engagement' }).click();
      await expectNoAxeViolations(page, 'new engagement form');
      await page.locator('#field-school_id').selectOption({ label: n.schoolA.name });
      await page.locator('#field-title').fill('Advisory redesign');
      await page.locator('#field-goals').fill('Every student known well by one adult.');
      await page.locator('#field-starts_on').fill(day(-10));
      await page.locator('#field-ends_on').fill(day(-20));
      // USWDS draws its own box and moves the real checkbox off-screen: people click the label.
      await page.locator('label[for="field-focus-advisory"]').click();
      await page.locator(`label[for="field-coaches-${n.coachC.id}"]`).click();
      await page.locator(`label[for="field-contacts-${n.leaderA.id}"]`).click();
      await page.getByRole('button', { name: 'Save engagement' }).click();
      assert.match((await page.locator('main').textContent()) ?? '', /end date must come after the start date/);
      await expectNoAxeViolations(page, 'engagement form with errors');
      await page.locator('#field-ends_on').fill(day(120));
      await page.getByRole('button', { name: 'Save engagement' }).click();
      await page.waitForURL(/\/engagements\/\d+$/);
      const engagementPath = new URL(page.url()).pathname;
      await expectNoAxeViolations(page, 'engagement page (empty log)');

      // A stale edit form: someone saves in between (here straight into the table, keeping the
      // token moving as a save does); the form answers 409 with the saved version above it. The
      // engagement also keeps a focus benchmark that has left the framework, offered in the form.
      const engagementId = Number(engagementPath.split('/').pop());
      await db.insertInto('engagement_focus').values({ engagement_id: engagementId, tag: 'benchmark:retired-practice' }).execute();
      await page.goto(`${server.baseUrl}${engagementPath}/edit`);
      await db.updateTable('engagements').set({ goals: 'Changed meanwhile.', updated_at: new Date(Date.now() + 1000).toISOString() }).where('id', '=', engagementId).execute();
      await page.locator('#field-title').fill('Advisory redesign (stale)');
      await page.getByRole('button', { name: 'Save engagement' }).click();
      assert.match((await page.locator('main').textContent()) ?? '', /The engagement as saved now/);
      await expectNoAxeViolations(page, 'engagement form after a conflict');

      await signInBrowser(browser, server, n.coachC.id);
      await page.goto(`${server.baseUrl}${engagementPath}`);
      await page.locator('#field-held_on').fill(day(-1));
      await page.locator('#field-minutes').fill('90');
      await page.locator('#field-modality').selectOption('virtual');
      await page.locator('#field-notes').fill('Shared: advisory rubric drafted together.');
      await page.locator('label[for="field-shareable"]').click();
      await page.locator('#field-step1_description').fill('Pilot advisory with grade 9');
      await page.locator('#field-step1_owner').selectOption({ label: 'Lena Leader' });
      await page.locator('#field-step1_due').fill(day(7));
      await page.getByRole('button', { name: 'Save session' }).click();
      await page.waitForURL(`${server.baseUrl}${engagementPath}`);
      assert.match((await page.locator('main').textContent()) ?? '', /Pilot advisory with grade 9/);
      await expectNoAxeViolations(page, 'engagement page with a session log');

      // Edit the session: a bad duration first (what was typed stays), then a new note and a second step.
      await page.getByRole('link', { name: `Edit the session of ${day(-1)}` }).click();
      await page.waitForURL(/\/sessions\/\d+\/edit$/);
      const editPath = new URL(page.url()).pathname;
      await expectNoAxeViolations(page, 'session edit form');
      await page.locator('#field-notes').fill('Shared: advisory rubric revised with the team.');
      await page.locator('#field-minutes').fill('5000');
      await page.getByRole('button', { name: 'Save changes' }).click();
      assert.match((await page.locator('main').textContent()) ?? '', /too large/i);
      assert.equal(await page.locator('#field-notes').inputValue(), 'Shared: advisory rubric revised with the team.');
      await expectNoAxeViolations(page, 'session edit form with errors');
      await page.locator('#field-minutes').fill('100');
      const openStep = page.locator('input[id^="field-open"][id$="_description"]');
      await openStep.fill('Pilot advisory with grades 9 and 10');
      await page.locator('#field-step1_description').fill('Share the revised rubric');
      await page.locator('#field-step1_owner').selectOption({ label: 'Carl Coach' });
      await page.locator('#field-step1_due').fill(day(10));
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.waitForURL(`${server.baseUrl}${engagementPath}`);
      const logged = (await page.locator('main').textContent()) ?? '';
      assert.match(logged, /advisory rubric revised with the team/);
      assert.match(logged, /Pilot advisory with grades 9 and 10/);
      assert.match(logged, /Share the revised rubric/);
      assert.deepEqual(problems.list, []);
      await page.close();

      await expectCleanPage(browser, server, base, `Coaching engagements of ${n.center.name}`, 'engagement list');
      await expectCleanPage(browser, server, '/coaching', 'Coaching', 'coach caseload');
      await signInBrowser(browser, server, n.directorC.id);
      await expectCleanPage(browser, server, `${base}?view=summary`, `Coaching summary of ${n.center.name}`, 'director summary');
      await signInBrowser(browser, server, n.leaderA.id);
      await expectCleanPage(browser, server, '/coaching', 'Coaching', "school's view");
      await expectCleanPage(browser, server, engagementPath, 'Advisory redesign', "school's engagement page");
      const schoolPage = await browser.context.newPage();
      await schoolPage.goto(`${server.baseUrl}${engagementPath}`);
      assert.match((await schoolPage.locator('main').textContent()) ?? '', /advisory rubric revised with the team/);

      // The coach stops sharing it: the school's pages no longer show the notes or the steps.
      await signInBrowser(browser, server, n.coachC.id);
      const coachPage = await browser.context.newPage();
      await coachPage.goto(`${server.baseUrl}${editPath}`);
      await coachPage.locator('label[for="field-shareable"]').click();
      await coachPage.getByRole('button', { name: 'Save changes' }).click();
      await coachPage.waitForURL(`${server.baseUrl}${engagementPath}`);
      assert.match((await coachPage.locator('main').textContent()) ?? '', /Private to the center/);
      await coachPage.close();
      await signInBrowser(browser, server, n.leaderA.id);
      for (const path of [engagementPath, '/coaching']) {
        await schoolPage.goto(`${server.baseUrl}${path}`);
        const text = (await schoolPage.locator('main').textContent()) ?? '';
        assert.doesNotMatch(text, /advisory rubric revised|Pilot advisory|Share the revised rubric/, path);
        await expectNoAxeViolations(schoolPage, `school's ${path} after unsharing`);
      }
      await schoolPage.close();
    });
  });
}
