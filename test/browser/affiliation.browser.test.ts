import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../helpers/database.ts';
import { expectCleanPage, launchBrowser, signInBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../factories/people-network.ts';
import { createTestPlans } from '../../src/modules/affiliation/affiliation-test-support.ts';

// A school leader applies, an admin approves, and the membership shows on the account page; every
// new page passes axe with one h1 and no console errors.
const dialect = testDialects()[0]!;

describe(`affiliation in Chromium (${dialect})`, () => {
  let server: TestServer;
  let browser: TestBrowser;
  let n: PeopleNetwork;
  before(async () => {
    [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser()]);
    n = await createPeopleNetwork(server.testApp.db);
    await createTestPlans(server.testApp.db);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('apply as a school leader, approve as an admin, see the membership', async () => {
    const db = server.testApp.db;
    await signInBrowser(browser, server, n.leaderA.id);
    await expectCleanPage(browser, server, '/affiliation/apply', 'Join the network');
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.baseUrl}/affiliation/apply`);
    await page.locator('#field-plan_id').selectOption({ label: 'School membership (School)' });
    await page.locator('#field-organisation_id').selectOption({ label: n.schoolA.name });
    await page.locator('#field-statement').fill('Student as worker, teacher as coach.');
    await page.getByRole('button', { name: 'Send application' }).click();
    await page.waitForURL(`${server.baseUrl}/affiliation/organisations/${n.schoolA.id}`);
    assert.deepEqual(problems.list, []);
    await page.close();
    await expectCleanPage(browser, server, `/affiliation/organisations/${n.schoolA.id}`, `Membership of ${n.schoolA.name}`);
    const aff = await db.selectFrom('affiliations').select('id').where('organisation_id', '=', n.schoolA.id).executeTakeFirstOrThrow();

    await signInBrowser(browser, server, n.admin.id);
    await expectCleanPage(browser, server, '/affiliation/applications', 'Affiliation applications');
    await expectCleanPage(browser, server, `/affiliation/applications/${aff.id}`, `Application from ${n.schoolA.name}`);
    const decide = await browser.context.newPage();
    await decide.goto(`${server.baseUrl}/affiliation/applications/${aff.id}`);
    await decide.locator('#field-decision').selectOption('approve');
    await decide.getByRole('button', { name: 'Record decision' }).click();
    await decide.waitForURL(`${server.baseUrl}/affiliation/applications`);
    await decide.close();
    await expectCleanPage(browser, server, '/admin/plans', 'Membership plans');
    await expectCleanPage(browser, server, '/admin/plans/new', 'New membership plan');
    await expectCleanPage(browser, server, '/admin/affiliations', 'Affiliations');
    await expectCleanPage(browser, server, `/admin/affiliations/${aff.id}`, `Affiliation: ${n.schoolA.name}`);

    await signInBrowser(browser, server, n.leaderA.id);
    await expectCleanPage(browser, server, '/account', 'Your account');
    await expectCleanPage(browser, server, `/affiliation/${aff.id}/renew`, `Renew the membership of ${n.schoolA.name}`);
    const account = await browser.context.newPage();
    await account.goto(`${server.baseUrl}/account`);
    const section = account.locator('#membership');
    assert.match(await section.innerText(), /School membership/);
    await account.close();
  });
});
