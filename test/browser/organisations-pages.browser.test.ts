import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Organisation, Person } from '../../src/db/schema.ts';
import { testDialects } from '../helpers/database.ts';
import { expectCleanPage, expectNoAxeViolations, launchBrowser, signInBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';
import { createOrganisation } from '../factories/organisations.ts';
import { createPerson } from '../factories/people.ts';

// The organisations module's page templates in a real browser: each passes axe (WCAG 2.2 AA) as a
// network admin sees it (every input and action showing), as a school leader sees the edit form,
// and with a form's error messages showing.
for (const dialect of testDialects()) {
  describe(`organisation pages in Chromium (${dialect})`, () => {
    let server: TestServer;
    let browser: TestBrowser;
    let center: Organisation;
    let school: Organisation;
    let lonely: Organisation;
    let admin: Person;
    let leader: Person;

    before(async () => {
      [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser({ locale: 'en-US' })]);
      const db = server.testApp.db;
      const office = await createOrganisation(db, { kind: 'national_office', name: 'National Office' });
      center = await createOrganisation(db, { kind: 'affiliate_center', name: 'Bay Area Coalition', website: 'https://bay.example.org' });
      school = await createOrganisation(db, { kind: 'school', name: 'Life Academy', center_id: center.id, nces_id: '062271003231', postal_code: '94601' });
      for (let i = 1; i <= 30; i += 1) await createOrganisation(db, { kind: 'school', name: `Bay School ${String(i).padStart(2, '0')}`, center_id: center.id });
      lonely = await createOrganisation(db, { kind: 'partner', name: 'Lonely Partner' });
      admin = await createPerson(db, { name: 'Ada Admin', roles: [['network_admin', office.id]] });
      leader = await createPerson(db, { name: 'Lena Leader', roles: [['school_leader', school.id]] });
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    const signInAs = (person: Person) => signInBrowser(browser, server, person.id);
    const check = (path: string, h1: string) => expectCleanPage(browser, server, path, h1, `${path} (${dialect})`);

    it('every organisation page passes axe as an admin sees it, with one h1 and no console errors', async () => {
      await signInAs(admin);
      for (const [path, h1] of [
        ['/admin/organisations', 'Organisations'],
        [`/admin/organisations?kind=school&center=${center.id}&page=2&per_page=10`, 'Organisations'],
        ['/admin/organisations?q=nothing-at-all', 'Organisations'],
        ['/admin/organisations/new', 'New organisation'],
        [`/organisations/${school.slug}`, school.name],
        [`/organisations/${center.slug}`, center.name],
        [`/organisations/${school.slug}/edit`, `Edit ${school.name}`],
        [`/organisations/${lonely.slug}/delete`, `Delete ${lonely.name}?`],
        [`/organisations/${center.slug}/delete`, `Delete ${center.name}?`],
      ] as const) {
        await check(path, h1);
      }
    });

    it("the leader's edit form and a create form with errors pass axe too", async () => {
      await signInAs(leader);
      await check(`/organisations/${school.slug}/edit`, `Edit ${school.name}`);

      await signInAs(admin);
      const page = await browser.context.newPage();
      const problems = watchPage(page);
      try {
        await page.goto(`${server.baseUrl}/admin/organisations/new`);
        await page.fill('#field-name', 'Half-Typed Academy');
        await page.fill('#field-postal_code', '123');
        await page.selectOption('#field-grade_low', '12');
        await page.selectOption('#field-grade_high', '9');
        await page.click('form[action="/admin/organisations/new"] button[type="submit"]');
        await page.waitForSelector('.usa-alert--error');
        assert.match(await page.locator('#field-postal_code-error').innerText(), /5-digit ZIP code/);
        assert.match(await page.locator('#field-grade_high-error').innerText(), /cannot be below the lowest grade/);
        assert.equal(await page.inputValue('#field-name'), 'Half-Typed Academy');
        await expectNoAxeViolations(page, `create form with errors (${dialect})`);
        assert.deepEqual(problems.list, []);
      } finally {
        await page.close();
      }
    });
  });
}
