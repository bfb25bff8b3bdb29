import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { Person } from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { openDatabase } from '../../db/connection.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { seedDemoFrameworks } from '../framework/framework.demo.ts';
import { benchmarksOf, getFrameworkBySlug, getPublishedTree } from '../framework/framework-read.service.ts';

// The cycle page is served from the private page store on repeat views (src/platform/http/
// private-page-cache.ts). What must hold: a change shows at once, each person gets their own page
// with their own working CSRF token, a lost role is refused at once, and a one-time notice is not kept.

for (const dialect of testDialects()) {
  describe(`the cycle page's private store (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let keys: string[];
    let levels: string[];
    let cycleId: number;
    const as = async (person: Person): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, person.id);
      return c;
    };
    const page = () => `/assessment/${cycleId}`;
    const revisionOf = async (key: string) => (await t.db.selectFrom('assessment_ratings').select('revision').where('cycle_id', '=', cycleId).where('benchmark_key', '=', key).executeTakeFirstOrThrow()).revision;

    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      await seedDemoFrameworks(t.db);
      const tree = await getPublishedTree(t.db, await getFrameworkBySlug(t.db, 'common-principles'));
      keys = benchmarksOf(tree).map((b) => b.key);
      levels = tree.levels.map((l) => l.name);
      const opened = await (await as(n.leaderA)).submit('/assessment/new', { school_year: '2026-27' });
      cycleId = Number(/\/assessment\/(\d+)$/.exec(opened.headers.location as string)![1]);
    });
    after(() => t.close());

    it('shows a save at once, to the person who made it and to a colleague who had the page stored', async () => {
      const leader = await as(n.leaderA);
      const staff = await as(n.staffA);
      const first = await leader.get(page());
      assert.equal(first.statusCode, 200);
      assert.equal((await leader.get(page())).body.replace(/name="_csrf" value="[^"]+"/g, ''), first.body.replace(/name="_csrf" value="[^"]+"/g, ''), 'a repeat view is the same page');
      assert.match(textOf((await staff.get(page())).body), /0 of 14 benchmarks rated/);
      // The leader saves through the page they were sent from the store: its token must work.
      const tree = await getPublishedTree(t.db, await getFrameworkBySlug(t.db, 'common-principles'));
      const saved = await leader.submit(page(), { level_key: tree.levels[0]!.key, comment: 'Advisory meets twice a week', revision: String(await revisionOf(keys[0]!)) }, `${page()}/ratings/${keys[0]}`);
      assert.equal(saved.statusCode, 303, 'the stored page carried a working CSRF token');
      const after = textOf((await staff.get(page())).body);
      assert.match(after, /1 of 14 benchmarks rated/, 'the colleague sees the change at once');
      assert.match(after, /Advisory meets twice a week/);
      assert.ok(levels.length > 1);
    });

    it('serves repeat views from the store: a write that did not raise the revision would go unseen (why every save raises it)', async () => {
      const staff = await as(n.staffA);
      await staff.get(page()); // sets the browser's CSRF cookie: pages are stored per browser from then on
      await staff.get(page());
      await t.db.updateTable('assessment_ratings').set({ comment: 'Changed behind the store' }).where('cycle_id', '=', cycleId).where('benchmark_key', '=', keys[0]!).execute();
      assert.doesNotMatch(textOf((await staff.get(page())).body), /Changed behind the store/, 'the stored page was sent');
      await t.db.updateTable('assessment_cycles').set((eb) => ({ revision: eb('revision', '+', 1) })).where('id', '=', cycleId).execute();
      assert.match(textOf((await staff.get(page())).body), /Changed behind the store/, 'a raised revision renders afresh');
    });

    it('never sends one person the page stored for another', async () => {
      const leader = textOf((await (await as(n.leaderA)).get(page())).body);
      const staff = textOf((await (await as(n.staffA)).get(page())).body);
      assert.match(leader, new RegExp(n.leaderA.name));
      assert.doesNotMatch(staff, new RegExp(n.leaderA.name + '.*Sign out'));
      assert.match(staff, new RegExp(n.staffA.name));
      // Only leaders submit: the submit form is on the leader's page, not on the staff member's.
      assert.match(leader, /Submit the self-assessment/);
      assert.doesNotMatch(staff, /Submit the self-assessment/);
    });

    it('sees within moments what another app process changed: a save, and a role taken away', async () => {
      const other = openDatabase(t.database.location); // another process's connection to the same data
      // In-process requests never wait on a socket, so give the notice its turn between tries.
      const eventually = async (check: () => Promise<boolean>) => {
        for (let i = 0; i < 100; i++) {
          if (await check()) return true;
          await new Promise((r) => setTimeout(r, 20));
        }
        return false;
      };
      try {
        const staff = await as(n.staffA);
        await staff.get(page());
        assert.equal((await staff.get(page())).statusCode, 200, 'stored, and who the browser belongs to kept in memory');
        await other.db.updateTable('assessment_ratings').set({ comment: 'Saved by another process' }).where('cycle_id', '=', cycleId).where('benchmark_key', '=', keys[3]!).execute();
        await other.db.updateTable('assessment_cycles').set((eb) => ({ revision: eb('revision', '+', 1) })).where('id', '=', cycleId).execute();
        // SQLite: seen on the next request; PostgreSQL: once the trigger's notice arrives (milliseconds).
        assert.ok(await eventually(async () => /Saved by another process/.test(textOf((await staff.get(page())).body))), 'the other process\'s save shows');

        const visitor = await createPerson(t.db, { roles: [['school_staff', n.schoolA.id]] });
        const browser = await as(visitor);
        await browser.get(page());
        assert.equal((await browser.get(page())).statusCode, 200);
        await other.db.deleteFrom('roles').where('person_id', '=', visitor.id).execute();
        assert.ok(await eventually(async () => (await browser.get(page())).statusCode === 404), 'the role taken away elsewhere is refused');
      } finally {
        await other.destroy();
      }
    });

    it('refuses at once someone whose role was taken away, though their page was stored', async () => {
      const staff = await as(n.staffA);
      assert.equal((await staff.get(page())).statusCode, 200);
      await t.db.deleteFrom('roles').where('person_id', '=', n.staffA.id).where('organisation_id', '=', n.schoolA.id).execute();
      assert.equal((await staff.get(page())).statusCode, 404, 'no role, no page (negative control: the same session saw it a moment ago)');
    });

    it('stores nothing for a browser without its CSRF cookie, and a gzip copy for one that asks', async () => {
      const leader = await as(n.leaderA);
      await t.db.updateTable('assessment_ratings').set({ comment: 'Unseen first' }).where('cycle_id', '=', cycleId).where('benchmark_key', '=', keys[2]!).execute();
      const first = await leader.get(page());
      assert.match(String(first.headers['set-cookie']), /_csrf=/, 'the first page sets the CSRF cookie');
      assert.match(textOf(first.body), /Unseen first/);
      const zipped = await leader.request({ method: 'GET', url: page(), headers: { 'accept-encoding': 'gzip' } });
      assert.equal(zipped.headers['content-encoding'], 'gzip');
      assert.equal(zipped.headers['cache-control'], 'private, no-store');
      assert.match(gunzipSync(zipped.rawPayload).toString('utf8'), /Unseen first/);
    });

    it('shows a one-time notice once, and does not keep it', async () => {
      const leader = await as(n.leaderA);
      await leader.get(page());
      const saved = await leader.submit(page(), { level_key: (await getPublishedTree(t.db, await getFrameworkBySlug(t.db, 'common-principles'))).levels[1]!.key, comment: '', revision: String(await revisionOf(keys[1]!)) }, `${page()}/ratings/${keys[1]}`);
      assert.equal(saved.statusCode, 303);
      const withNotice = await leader.get(page());
      assert.match(textOf(withNotice.body), /Rating saved/);
      assert.doesNotMatch(textOf((await leader.get(page())).body), /Rating saved/, 'the notice is gone on the next view');
    });
  });
}
