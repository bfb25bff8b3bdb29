import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { testDialects } from '../helpers/database.ts';
import { expectNoAxeViolations, launchBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';
import { linkIn, recipients } from '../helpers/smtp.ts';
import { createOrganisation } from '../factories/organisations.ts';

// The foundation's whole journey, by clicks in Chromium: a school leader registers, confirms their
// email, is given their school by the network, signs in, edits their own school and signs out —
// with an axe scan at each step.

const PASSWORD = 'a long and memorable passphrase';

for (const dialect of testDialects()) {
  describe(`school leader journey in Chromium (${dialect})`, () => {
    let server: TestServer;
    let browser: TestBrowser;
    let page: Page;
    before(async () => {
      [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser()]);
      page = await browser.context.newPage();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });
    const url = (path: string) => `${server.baseUrl}${path}`;

    it('register → verify → sign in → edit own school → sign out', async () => {
      const db = server.testApp.db;
      const problems = watchPage(page);
      const center = await createOrganisation(db, { kind: 'affiliate_center', name: `Bay Center ${dialect}` });
      const school = await createOrganisation(db, { kind: 'school', name: `Mission Hill School ${dialect}`, center_id: center.id, phone: '415-555-0100' });
      const email = `leader-${dialect}-${Date.now()}@example.org`;

      await page.goto(url('/'));
      await page.getByRole('link', { name: 'Create an account' }).first().click();
      await page.getByLabel('Full name').fill('Rosa Leader');
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password', { exact: false }).first().fill(PASSWORD);
      await page.getByLabel('Confirm password').fill(PASSWORD);
      await expectNoAxeViolations(page, 'register');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.waitForURL(/\/check-email/);

      const mail = await server.testApp.smtp.waitFor((m) => recipients(m).includes(email));
      await page.goto(linkIn(mail, '/verify-email?token='));
      await page.getByRole('button', { name: 'Confirm my email' }).click();
      await page.waitForURL(url('/account'));

      // The network gives the new account its school (an admin would do this at /people/:id).
      const person = await db.selectFrom('people').select('id').where('email', '=', email).executeTakeFirstOrThrow();
      await db.insertInto('roles').values({ person_id: person.id, organisation_id: school.id, role: 'school_leader', created_at: new Date().toISOString() }).execute();

      await page.getByRole('button', { name: 'Sign out' }).first().click();
      await page.waitForURL(url('/'));
      await page.getByRole('link', { name: 'Sign in' }).first().click();
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await expectNoAxeViolations(page, 'sign in');
      await page.getByRole('button', { name: 'Sign in' }).last().click();
      await page.waitForURL(url('/account'));

      await page.getByRole('link', { name: school.name }).first().click();
      await page.waitForURL(url(`/organisations/${school.slug}`));
      await expectNoAxeViolations(page, 'own school');
      await page.getByRole('link', { name: 'Edit organisation' }).click();
      await page.waitForURL(url(`/organisations/${school.slug}/edit`));
      await expectNoAxeViolations(page, 'edit own school');
      assert.equal(await page.getByLabel('NCES school ID').count(), 0, 'a leader does not see network-only fields');

      await page.getByLabel('Phone number').fill('not a phone');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await expectNoAxeViolations(page, 'edit own school with an error');
      await page.getByLabel('Phone number').fill('415-555-0199');
      await page.getByLabel('Description', { exact: true }).fill('A small public school where students exhibit their learning.');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.waitForURL(url(`/organisations/${school.slug}`));
      assert.match((await page.locator('main').textContent()) ?? '', /415-555-0199/);

      const saved = await db.selectFrom('organisations').select(['phone', 'description']).where('id', '=', school.id).executeTakeFirstOrThrow();
      assert.equal(saved.phone, '415-555-0199');
      const audit = await db.selectFrom('audit_events').select('actor_person_id').where('action', '=', 'organisation.updated').where('subject_id', '=', school.id).execute();
      assert.deepEqual(audit.map((a) => a.actor_person_id), [person.id]);

      await page.getByRole('button', { name: 'Sign out' }).first().click();
      await page.waitForURL(url('/'));
      await page.goto(url(`/organisations/${school.slug}/edit`));
      assert.match(page.url(), /\/login\?next=/, 'signed out: the edit page asks to sign in again');
      assert.deepEqual(problems.list, []);
    });
  });
}
