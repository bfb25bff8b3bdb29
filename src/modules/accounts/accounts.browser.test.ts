import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { testDialects } from '../../../test/helpers/database.ts';
import { chromiumPath, expectNoAxeViolations, launchBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../../../test/helpers/browser.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, TEST_PASSWORD } from '../../../test/factories/people.ts';
import { linkIn, recipients } from '../../../test/helpers/smtp.ts';
import { issueAccountToken } from './account-tokens.service.ts';
import { GOOD_PASSWORD, uniqueEmail } from './accounts.test-support.ts';

// The account pages in a real browser: the whole sign-up journey by clicks, and an axe-core scan
// of every page template of the module, in its plain and its error states.
const skip = chromiumPath() ? false : 'Chromium not found (install chromium or set CHROMIUM_PATH)';

for (const dialect of testDialects()) {
  describe(`account pages in Chromium (${dialect})`, { skip }, () => {
    let server: TestServer;
    let browser: TestBrowser;
    let page: Page;
    before(async () => {
      [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser({ locale: 'en-US' })]);
      page = await browser.context.newPage();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    const url = (path: string) => `${server.baseUrl}${path}`;
    const scan = async (path: string, label = path) => {
      await page.goto(url(path));
      await expectNoAxeViolations(page, `${label} (${dialect})`);
    };

    it('register → email → confirm → account → sign out → sign in, by clicks, with no console errors', async () => {
      await browser.context.clearCookies();
      const problems = watchPage(page);
      const email = uniqueEmail('browser');
      await page.goto(url('/register'));
      await page.getByLabel('Full name').fill('Bea Browser');
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password', { exact: false }).first().fill(GOOD_PASSWORD);
      await page.getByLabel('Confirm password').fill(GOOD_PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.waitForURL(url('/check-email?for=register'));
      await expectNoAxeViolations(page, 'check email');

      const mail = await server.testApp.smtp.waitFor((m) => recipients(m).includes(email));
      await page.goto(linkIn(mail, '/verify-email?token='));
      await expectNoAxeViolations(page, 'verify email');
      await page.getByRole('button', { name: 'Confirm my email' }).click();
      await page.waitForURL(url('/account'));
      assert.equal((await page.locator('h1').textContent())?.trim(), 'Your account');
      assert.match((await page.locator('main').textContent()) ?? '', /your email address is confirmed/);

      await page.getByRole('button', { name: 'Sign out' }).first().click();
      await page.waitForURL(url('/'));
      await page.goto(url('/login?next=/account'));
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password').fill(GOOD_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).last().click();
      await page.waitForURL(url('/account'));
      assert.deepEqual(problems.list, []);
    });

    // Templates render alike on both databases, so one full scan (on the first dialect) suffices.
    if (dialect === testDialects()[0]) it('every account page template passes axe, in English and Spanish, plain and with errors', async () => {
      await browser.context.clearCookies();
      const db = server.testApp.db;
      for (const path of ['/register', '/login', '/forgot-password', '/login/email-link', '/verify-email/resend', '/check-email?for=reset', '/verify-email?token=bad']) {
        await scan(path);
      }
      // Forms with errors: the summary, field messages and aria links must be accessible too.
      await page.goto(url('/register'));
      await page.getByRole('button', { name: 'Create account' }).click();
      await expectNoAxeViolations(page, 'register with errors');
      await page.goto(url('/login'));
      await page.getByLabel('Email address').fill(uniqueEmail('nobody'));
      await page.getByLabel('Password').fill('wrong password');
      await page.getByRole('button', { name: 'Sign in' }).last().click();
      await expectNoAxeViolations(page, 'sign-in failed');

      const school = await createOrganisation(db, { kind: 'school' });
      const person = await createPerson(db, { email: uniqueEmail('axe'), verified: false, roles: [['school_leader', school.id]] });
      await scan(`/reset-password?token=${await issueAccountToken(db, person.id, 'reset_password')}`, 'reset password');
      await scan(`/login/email-link/confirm?token=${await issueAccountToken(db, person.id, 'sign_in_link')}`, 'email link confirm');
      await scan(`/invitation?token=${await issueAccountToken(db, person.id, 'invitation')}`, 'invitation (has password)');
      await db.updateTable('people').set({ password_hash: null }).where('id', '=', person.id).execute();
      await scan(`/invitation?token=${await issueAccountToken(db, person.id, 'invitation')}`, 'invitation (newcomer)');
      await db.updateTable('people').set({ password_hash: person.password_hash }).where('id', '=', person.id).execute();

      // The account page, signed in through an email link (verifies the address), then unverified again for the banner.
      await page.goto(url(`/login/email-link/confirm?token=${await issueAccountToken(db, person.id, 'sign_in_link')}`));
      await page.getByRole('button', { name: 'Sign me in' }).click();
      await page.waitForURL(url('/account'));
      await db.updateTable('people').set({ email_verified_at: null }).where('id', '=', person.id).execute();
      await scan('/account', 'account (unverified, with roles)');
      await page.getByLabel('Current password').fill('not my password');
      await page.getByLabel('New password').fill(TEST_PASSWORD);
      await page.getByLabel('Confirm password').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Save password' }).click();
      await expectNoAxeViolations(page, 'account with a password error');

      await page.goto(url('/account'));
      await page.getByLabel('Preferred language').selectOption('es');
      await page.getByRole('button', { name: 'Save profile' }).click();
      await page.waitForURL(url('/account'));
      assert.equal(await page.locator('html').getAttribute('lang'), 'es');
      await expectNoAxeViolations(page, 'account (es)');
      await page.getByRole('button', { name: 'Cerrar sesión' }).first().click();
      for (const path of ['/register', '/login', '/forgot-password']) {
        await page.goto(url(`/locale/es?next=${path}`));
        await expectNoAxeViolations(page, `${path} (es)`);
      }
    });
  });
}
