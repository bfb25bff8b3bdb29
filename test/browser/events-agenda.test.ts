import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../helpers/database.ts';
import { expectCleanPage, launchBrowser, signInBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../factories/people-network.ts';
import type { CoalitionEvent } from '../../src/db/schema.ts';
import { createForum } from '../../src/modules/events/agenda.test-support.ts';
import { seedDemoFrameworks } from '../../src/modules/framework/framework.demo.ts';

// The agenda in Chromium: organisers add a session, a teacher stars it and proposes one, the
// organiser reviews it; every page is scanned with axe.
const dialect = testDialects()[0]!;
const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe(`event agenda and proposals in Chromium (${dialect})`, () => {
  let server: TestServer;
  let browser: TestBrowser;
  let n: PeopleNetwork;
  let forum: CoalitionEvent;
  before(async () => {
    [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser()]);
    n = await createPeopleNetwork(server.testApp.db);
    await seedDemoFrameworks(server.testApp.db);
    forum = await createForum(server.testApp.db, n.center.id, { title: 'Browser Fall Forum', proposals_open_at: iso(-1), proposals_close_at: iso(10), proposal_guidelines: 'Center student work.' });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('adds a session, stars it, proposes and reviews, with clean pages', async () => {
    const base = `/events/${forum.slug}`;
    await signInBrowser(browser, server, n.directorC.id);
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.baseUrl}${base}/agenda/manage/new`);
    await page.getByLabel('Title').fill('Looking at Student Work');
    await page.getByLabel('Starts at').fill('10:00');
    await page.getByLabel('Ends at').fill('11:00');
    await page.getByLabel('Room').fill('Room 204');
    await page.locator('label[for="tags-discipline-mathematics"]').click();
    await page.getByRole('button', { name: 'Save session' }).click();
    await page.waitForURL(/\/agenda\/manage$/);
    assert.deepEqual(problems.list, []);
    await page.close();
    await expectCleanPage(browser, server, `${base}/agenda/manage`, 'Agenda sessions');
    await expectCleanPage(browser, server, `${base}/agenda/manage/new`, 'New session');

    await signInBrowser(browser, server, n.staffA.id);
    const p2 = await browser.context.newPage();
    await p2.goto(`${server.baseUrl}${base}/agenda`);
    await p2.getByRole('button', { name: 'Add Looking at Student Work to my agenda' }).click();
    await p2.waitForURL(/\/agenda#session-\d+$/);
    await p2.goto(`${server.baseUrl}${base}/proposals`);
    await p2.getByLabel('Session title').fill('Advisory that works');
    await p2.getByLabel('Abstract').fill('How advisory builds trust.');
    await p2.getByLabel('Format').selectOption('workshop');
    await p2.getByLabel('Length in minutes').fill('60');
    await p2.getByRole('button', { name: 'Submit proposal' }).click();
    await p2.waitForURL(/\/proposals$/);
    await p2.close();
    await expectCleanPage(browser, server, `${base}/agenda`, 'Agenda: Browser Fall Forum');
    await expectCleanPage(browser, server, `${base}/my-agenda`, 'My agenda: Browser Fall Forum');
    await expectCleanPage(browser, server, `${base}/proposals`, 'Propose a session: Browser Fall Forum');

    await signInBrowser(browser, server, n.directorC.id);
    const proposal = await server.testApp.db.selectFrom('session_proposals').select('id').executeTakeFirstOrThrow();
    await expectCleanPage(browser, server, `${base}/proposals/manage`, 'Session proposals');
    await expectCleanPage(browser, server, `${base}/proposals/manage/${proposal.id}`, 'Advisory that works');
    const p3 = await browser.context.newPage();
    await p3.goto(`${server.baseUrl}${base}/proposals/manage/${proposal.id}`);
    await p3.locator('label[for="decision-accept"]').click();
    // Accepting needs a slot: without one the form says so beside the fields, and nothing is decided.
    await p3.getByRole('button', { name: 'Send decision' }).click();
    await p3.waitForSelector('#field-day-error');
    assert.equal((await server.testApp.db.selectFrom('session_proposals').select('status').where('id', '=', proposal.id).executeTakeFirstOrThrow()).status, 'submitted');
    await p3.locator('label[for="decision-accept"]').click();
    await p3.getByLabel('Day').selectOption('2030-10-18');
    await p3.getByLabel('Starts at').fill('14:00');
    await p3.getByRole('button', { name: 'Send decision' }).click();
    await p3.waitForURL(/\/proposals\/manage\/\d+$/);
    await p3.close();
    const session = await server.testApp.db.selectFrom('event_sessions').select('id').where('proposal_id', '=', proposal.id).executeTakeFirst();
    assert.ok(session, 'accepted proposal became a session');
    await expectCleanPage(browser, server, `${base}/agenda/manage/${session.id}`, 'Edit session: Advisory that works');

    // A reviewer's (blind) view of the review.
    await server.testApp.db.insertInto('event_reviewers').values({ event_id: forum.id, person_id: n.coachC.id, created_at: new Date().toISOString() }).execute();
    await signInBrowser(browser, server, n.coachC.id);
    await expectCleanPage(browser, server, `${base}/proposals/manage`, 'Session proposals', 'reviewer list');
    await expectCleanPage(browser, server, `${base}/proposals/manage/${proposal.id}`, 'Advisory that works', 'reviewer detail');
  });

  it('shows a Spanish-speaking reviewer the review in Spanish, cleanly', async () => {
    const db = server.testApp.db;
    await db.updateTable('people').set({ locale: 'es' }).where('id', '=', n.coachC.id).execute();
    const proposal = await db.selectFrom('session_proposals').select('id').executeTakeFirstOrThrow();
    await signInBrowser(browser, server, n.coachC.id);
    await expectCleanPage(browser, server, `/events/${forum.slug}/proposals/manage`, 'Propuestas de sesión', 'reviewer list in Spanish');
    await expectCleanPage(browser, server, `/events/${forum.slug}/proposals/manage/${proposal.id}`, 'Advisory that works', 'reviewer detail in Spanish');
  });

  it('shows the Spanish agenda cleanly', async () => {
    const es = await launchBrowser({ locale: 'es-ES' });
    try {
      await expectCleanPage(es, server, `/events/${forum.slug}/agenda`, 'Agenda: Browser Fall Forum');
    } finally {
      await es.close();
    }
  });
});
