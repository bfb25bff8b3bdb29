import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Organisation, Person } from '../../src/db/schema.ts';
import { seedDemoFrameworks } from '../../src/modules/framework/framework.demo.ts';
import { benchmarksOf, getFrameworkBySlug, getPublishedTree } from '../../src/modules/framework/framework-read.service.ts';
import { assessedCycle, focusedEngagement, taggedSession } from '../../src/modules/improvement/improvement.test-support.ts';
import { createEvent } from '../factories/events.ts';
import { createOrganisation } from '../factories/organisations.ts';
import { createPerson } from '../factories/people.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../factories/people-network.ts';
import { testDialects } from '../helpers/database.ts';
import { expectCleanPage, expectNoAxeViolations, launchBrowser, signInBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';

// The improvement loop in Chromium: an admin reads the network roll-ups and narrows them with the
// filters (a plain GET form, no script needed), then a school leader reads what helps with the
// cycle's lowest ratings. Every page, including the one with a refused filter, passes axe.
const dialect = testDialects()[0]!;

describe(`the improvement loop in Chromium (${dialect})`, () => {
  let server: TestServer;
  let browser: TestBrowser;
  let n: PeopleNetwork;
  let harbor: Organisation;
  let names: Map<string, string>;
  let keys: string[];
  let cycleA = 0;

  before(async () => {
    [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser({ locale: 'en-US' })]);
    const db = server.testApp.db;
    n = await createPeopleNetwork(db);
    await seedDemoFrameworks(db);
    const framework = await getFrameworkBySlug(db, 'common-principles');
    const bs = benchmarksOf(await getPublishedTree(db, framework));
    keys = bs.map((b) => b.key);
    names = new Map(bs.map((b) => [b.key, b.name]));
    harbor = await createOrganisation(db, { kind: 'affiliate_center', name: 'Harbor Center' });
    const harborSchool = await createOrganisation(db, { kind: 'school', center_id: harbor.id });
    const harborCoach: Person = await createPerson(db, { name: 'Oscar Othercoach', roles: [['center_coach', harbor.id]] });
    const harborLeader = await createPerson(db, { roles: [['school_leader', harborSchool.id]] });
    const all = (level: string) => Object.fromEntries(keys.map((k) => [k, level]));
    const [k0, k1] = keys as [string, string];
    await assessedCycle(db, { school: n.schoolA, framework, year: '2025-26', leader: n.leaderA, levels: all('developing') });
    cycleA = await assessedCycle(db, { school: n.schoolA, framework, year: '2026-27', leader: n.leaderA, levels: { ...all('sustaining'), [k0]: 'early', [k1]: 'early' }, coach: { person: n.coachC, levels: all('developing') } });
    await assessedCycle(db, { school: harborSchool, framework, year: '2026-27', leader: harborLeader, levels: all('developing'), coach: { person: harborCoach, levels: { ...all('developing'), [k0]: 'early' } } });

    await createEvent(db, n.office.id, { title: 'Intellectual Focus Summit', tags: [`benchmark:${k0}`] });
    const host = await createEvent(db, n.office.id, { title: 'Spring Convening' });
    await taggedSession(db, host.id, 'Essential questions workshop', `benchmark:${k0}`);
    // Coaching counts within the page's school year (2026-27, the latest assessed): fixed dates in it.
    for (const [center, school, coach, focus, minutes] of [[n.center, n.schoolA, n.coachC, [k0], 90], [harbor, harborSchool, harborCoach, [k0, k1], 60]] as const) await focusedEngagement(db, center, school, coach, [...focus], 'active', minutes);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an admin reads the roll-ups and narrows them with the filters', async () => {
    await signInBrowser(browser, server, n.admin.id);
    await expectCleanPage(browser, server, '/improvement', 'Network roll-ups');
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    try {
      await page.goto(`${server.baseUrl}/improvement`);
      const levels = page.locator('figure', { has: page.locator('#rollup-levels-caption') });
      await assert.doesNotReject(levels.locator('svg[role="img"]').waitFor(), 'the levels chart is drawn');
      const firstRow = () => page.locator('#rollup-percent-caption').locator('xpath=..').locator('tbody tr').first();
      assert.equal((await firstRow().innerText()).replace(/\s+/g, ' ').trim(), `${names.get(keys[0]!)} 1 (50%) 1 (50%) 0 (0%) 2`, 'both schools, network-wide');

      // Coach ratings at Harbor Center only: Harbor's coach rated the first benchmark Early.
      await page.locator('#field-source').selectOption('coach');
      await page.locator('#field-center').selectOption({ label: 'Harbor Center' });
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/source=coach/);
      assert.match(page.url(), new RegExp(`center=${harbor.id}`));
      assert.equal(await page.locator('#field-source').inputValue(), 'coach', 'the form keeps what was chosen');
      assert.equal((await firstRow().innerText()).replace(/\s+/g, ' ').trim(), `${names.get(keys[0]!)} 1 (100%) 0 (0%) 0 (0%) 1`);
      assert.match(await page.locator('#rollup-levels-heading').innerText(), /Levels per benchmark, 2026-27/);
      await expectNoAxeViolations(page, '/improvement filtered');

      // Over cycles: follow the second benchmark, for school A's center, school ratings.
      await page.locator('#field-source').selectOption('school');
      await page.locator('#field-center').selectOption({ label: n.center.name });
      await page.locator('#field-benchmark').selectOption(keys[1]!);
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(new RegExp(`benchmark=${keys[1]}`));
      const cycles = page.locator('figure', { has: page.locator('#rollup-cycles-caption') });
      assert.match(await cycles.locator('figcaption').innerText(), new RegExp(names.get(keys[1]!)!));
      assert.equal(await cycles.locator('svg[role="img"]').count(), 1);
      assert.deepEqual((await cycles.locator('tbody tr').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim()), ['2025-26 0 100 0', '2026-27 100 0 0']);
      const coaching = page.locator('figure', { has: page.locator('#rollup-coaching-caption') });
      assert.equal((await coaching.locator('tbody tr').first().innerText()).replace(/\s+/g, ' ').trim(), `${names.get(keys[0]!)} 1 1.5`, 'one active engagement, 90 minutes');
      await expectNoAxeViolations(page, '/improvement over cycles');

      // A refused filter: the page with the message on the field, still clean.
      const bad = await page.goto(`${server.baseUrl}/improvement?year=2026-28`);
      assert.equal(bad?.status(), 400);
      assert.match(await page.locator('main').innerText(), /two years, like 2026-27/);
      await expectNoAxeViolations(page, '/improvement with a refused filter');
      assert.deepEqual(problems.list, []);
    } finally {
      await page.close();
    }
  });

  it("a school leader reads what helps with the cycle's lowest ratings, ranked, each with its reason", async () => {
    await signInBrowser(browser, server, n.leaderA.id);
    const title = `What helps: ${n.schoolA.name}, 2026-27`;
    await expectCleanPage(browser, server, `/assessment/${cycleA}/what-helps`, title);
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    try {
      await page.goto(`${server.baseUrl}/assessment/${cycleA}/what-helps`);
      const section = page.locator(`#help-${keys[0]}`);
      assert.equal(await section.getByRole('heading', { level: 2 }).innerText(), names.get(keys[0]!));
      const items = (await section.locator('ol > li').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
      assert.equal(items.length, 4);
      assert.match(items[0]!, new RegExp(`^${n.center.name} — coaches: Carl Coach Your center's coaches focus on this with 1 school$`));
      assert.match(items[1]!, /^Essential questions workshop — a session at Spring Convening, .+ Tagged .+ — your lowest rating \(Early\)$/);
      assert.match(items[2]!, /^Intellectual Focus Summit — an event, .+ Tagged .+ — your lowest rating \(Early\)$/);
      assert.match(items[3]!, /^Harbor Center — coaches: Oscar Othercoach Harbor Center's coaches focus on this with 1 school$/);
      assert.equal(await page.locator(`#help-${keys[1]} ol > li`).count(), 1);
      assert.equal(await page.locator(`#help-${keys[2]}`).count(), 0, 'Sustaining is not among the lowest');
      await page.getByRole('link', { name: 'Back to the self-assessment' }).click();
      await page.waitForURL(`${server.baseUrl}/assessment/${cycleA}`);
      assert.deepEqual(problems.list, []);
    } finally {
      await page.close();
    }
  });
});
