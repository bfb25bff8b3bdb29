import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { testDialects } from '../helpers/database.ts';
import { expectNoAxeViolations, launchBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';
import { createOrganisation } from '../factories/organisations.ts';
import { createPerson, TEST_PASSWORD } from '../factories/people.ts';
import { recordAudit, systemActor } from '../../src/modules/audit/audit.service.ts';
import { createMailer } from '../../src/platform/mail/mailer.ts';

// Every admin-area template in Chromium with an axe scan: dashboard, audit log, outbox (with a
// message), API tokens (plain, with the new token shown once, and with errors).
// Templates render alike on both databases, so this runs on the first dialect only.

const dialect = testDialects()[0]!;

describe(`admin pages in Chromium (${dialect})`, () => {
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

  it('every admin template passes axe, and a token can be created and revoked by clicks', async () => {
    const db = server.testApp.db;
    const problems = watchPage(page);
    const office = await createOrganisation(db, { kind: 'national_office', name: 'National Office' });
    const school = await createOrganisation(db, { kind: 'school', name: 'Fenway Park School' });
    const admin = await createPerson(db, { name: 'Ada Admin', roles: [['network_admin', office.id]] });
    await recordAudit(db, systemActor('test'), { action: 'organisation.updated', subjectType: 'organisation', subjectId: school.id, organisationId: school.id, changes: { phone: ['1', '2'] } });
    // This server sends through SMTP; write one message the way the no-SMTP outbox would, to show it.
    const outbox = createMailer({ outboxDir: server.testApp.config.outboxDir, from: server.testApp.config.mailFrom });
    await outbox.send({ to: 'someone@example.org', subject: 'Welcome to the network', text: 'Hello' });

    await page.goto(url('/login'));
    await page.getByLabel('Email address').fill(admin.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.waitForURL(url('/account'));

    for (const path of ['/admin', '/admin/audit', '/admin/audit?action=organisation.updated', '/admin/outbox', '/admin/api-tokens']) {
      await page.goto(url(path));
      await expectNoAxeViolations(page, path);
    }
    await page.goto(url('/admin/outbox'));
    await page.getByRole('link', { name: 'Welcome to the network' }).click();
    assert.match((await page.locator('main').textContent()) ?? '', /Hello/);
    await expectNoAxeViolations(page, 'outbox message');

    await page.goto(url('/admin/api-tokens'));
    await page.getByRole('button', { name: 'Create token' }).click();
    await expectNoAxeViolations(page, 'api tokens with errors');
    await page.getByLabel('Name').fill('District sync');
    await page.getByLabel('Role').selectOption('school_leader');
    await page.getByLabel('Organisation').fill(school.slug);
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = await page.locator('#new-token').textContent();
    assert.match(secret ?? '', /^chub_/);
    await expectNoAxeViolations(page, 'api tokens with a new token');

    const api = await fetch(url(`/api/v1/organisations/${school.id}`), { headers: { authorization: `Bearer ${secret}` } });
    assert.equal(api.status, 200);
    assert.ok('enrolment' in (await api.json()), 'the token sees its school\'s private fields');

    await page.getByRole('button', { name: 'Revoke District sync' }).click();
    await page.waitForURL(url('/admin/api-tokens'));
    assert.equal((await fetch(url(`/api/v1/organisations/${school.id}`), { headers: { authorization: `Bearer ${secret}` } })).status, 401);
    assert.deepEqual(problems.list, []);
  });
});
