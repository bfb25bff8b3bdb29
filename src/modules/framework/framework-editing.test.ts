import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { signIn } from '../../../test/factories/people.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import type { Framework } from '../../db/schema.ts';
import { systemActor } from '../audit/audit.service.ts';
import { getFrameworkBySlug, getFrameworkTree } from './framework-read.service.ts';
import * as editing from './framework-editing.service.ts';

// The framework editor over HTTP: who may use it, what bad input gets, and that a published
// version cannot be changed by any route — with the same edit on a draft as the negative control.

const actor = systemActor('test');

/** Fills a framework's draft until it can be published: 2 principles, 1 group, 2 benchmarks, 3 levels, every descriptor. */
async function completeDraft(db: TestApp['db'], framework: Framework): Promise<void> {
  const p1 = await editing.addPart(db, actor, framework, 'principles', { key: '1', name: 'Learning to use one\'s mind well', description: '' });
  const p2 = await editing.addPart(db, actor, framework, 'principles', { key: '2', name: 'Less is more', description: '' });
  const g = await editing.addPart(db, actor, framework, 'groups', { key: 'classroom', name: 'Classroom practices', description: '' });
  const levels = [];
  for (const key of ['early', 'developing', 'sustaining']) levels.push(await editing.addPart(db, actor, framework, 'levels', { key, name: key[0]!.toUpperCase() + key.slice(1), description: '' }));
  for (const [key, principles] of [['access-and-equity', [p1]], ['learning-goals', [p1, p2]]] as const) {
    const b = await editing.addPart(db, actor, framework, 'benchmarks', { key, name: `Benchmark ${key}`, description: '', group_id: g, principle_ids: [...principles] });
    await editing.saveDescriptors(db, actor, framework, b, new Map(levels.map((l, i) => [l, `${key} at level ${i + 1}`])));
  }
}

const newFramework = (slug: string, extra: Record<string, string> = {}) => ({ slug, name: `Framework ${slug}`, description: 'Words.', ...extra });

for (const dialect of testDialects()) {
  describe(`framework editor over HTTP (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    const as = async (personId: number): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, personId);
      return c;
    };
    const count = async (table: 'frameworks' | 'framework_versions' | 'framework_principles' | 'framework_levels' | 'framework_descriptors') =>
      Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const fw = (slug: string) => getFrameworkBySlug(t.db, slug);
    const draftTree = async (slug: string) => {
      const f = await fw(slug);
      return getFrameworkTree(t.db, f, (await editing.requireDraft(t.db, f)).id);
    };

    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
    });
    after(() => t.close());

    it('lets only network admins in: visitors go to sign in, other roles get 403 and change nothing', async () => {
      const admin = await as(n.admin.id);
      assert.equal((await admin.submit('/admin/frameworks/new', newFramework('access'))).statusCode, 303);
      const framework = await fw('access');
      const principle = await editing.addPart(t.db, actor, framework, 'principles', { key: 'one', name: 'One', description: '' });
      const pages = ['/admin/frameworks', '/admin/frameworks/new', '/admin/frameworks/access', '/admin/frameworks/access/principles/new', `/admin/frameworks/access/principles/${principle}/edit`];
      for (const path of pages) {
        const visitor = await t.client().get(path);
        assert.equal(visitor.statusCode, 303, `visitor ${path}`);
        assert.match(String(visitor.headers.location), /^\/login\?next=/);
        for (const [who, id] of [['school leader', n.leaderA.id], ['center director', n.directorC.id], ['coach', n.coachC.id]] as const) {
          assert.equal((await (await as(id)).get(path)).statusCode, 403, `${who} ${path}`);
        }
        assert.equal((await admin.get(path)).statusCode, 200, `admin ${path}`);
      }

      const counts = async () => [await count('frameworks'), await count('framework_versions'), await count('framework_principles')];
      const beforeCounts = await counts();
      const posts: [string, Record<string, string>][] = [
        ['/admin/frameworks/new', newFramework('sneaky')],
        ['/admin/frameworks/access/principles/new', { key: 'two', name: 'Two' }],
        [`/admin/frameworks/access/principles/${principle}/edit`, { key: 'one', name: 'Renamed' }],
        [`/admin/frameworks/access/principles/${principle}/delete`, {}],
        ['/admin/frameworks/access/publish', {}],
        ['/admin/frameworks/access/discard', {}],
      ];
      for (const [who, id] of [['school leader', n.leaderA.id], ['center director', n.directorC.id], ['coach', n.coachC.id]] as const) {
        const c = await as(id);
        // A valid token of their own (from a page they may see), so only the role guard refuses.
        const token = await c.csrfFrom('/events/calendar');
        for (const [path, fields] of posts) assert.equal((await c.post(path, { ...fields, _csrf: token })).statusCode, 403, `${who} POST ${path}`);
      }
      for (const [path, fields] of posts) assert.ok((await t.client().post(path, fields)).statusCode >= 400, `visitor POST ${path}`);
      assert.deepEqual(await counts(), beforeCounts, 'nothing created or deleted');
      assert.equal((await draftTree('access')).principles[0]!.name, 'One', 'nothing renamed');
      // Negative control: the admin's same edit goes through.
      assert.equal((await admin.submit(`/admin/frameworks/access/principles/${principle}/edit`, { key: 'one', name: 'Renamed' })).statusCode, 303);
      assert.equal((await draftTree('access')).principles[0]!.name, 'Renamed');
    });

    it('creates a framework with an empty draft 1, and moves the primary flag in one step', async () => {
      const admin = await as(n.admin.id);
      assert.equal((await admin.submit('/admin/frameworks/new', newFramework('first', { is_primary: 'on' }))).statusCode, 303);
      assert.equal((await admin.submit('/admin/frameworks/new', newFramework('second', { is_primary: 'on' }))).statusCode, 303);
      const primaries = await t.db.selectFrom('frameworks').select('slug').where('is_primary', '=', true).execute();
      assert.deepEqual(primaries.map((p) => p.slug), ['second']);
      const versions = await t.db.selectFrom('framework_versions').selectAll().where('framework_id', '=', (await fw('second')).id).execute();
      assert.deepEqual(versions.map((v) => [v.number, v.status]), [[1, 'draft']]);
      assert.equal((await fw('second')).current_version_id, null);
      // The editing page moves it back.
      assert.equal((await admin.submit('/admin/frameworks/first/edit', { name: 'First again', is_primary: 'on' })).statusCode, 303);
      assert.deepEqual((await t.db.selectFrom('frameworks').select('slug').where('is_primary', '=', true).execute()).map((p) => p.slug), ['first']);
      const list = textOf((await admin.get('/admin/frameworks')).body);
      assert.match(list, /First again Yes Not published yet Version 1 in progress/);
    });

    it('re-renders bad input with field messages and the typed values, saving nothing', async () => {
      const admin = await as(n.admin.id);
      await admin.submit('/admin/frameworks/new', newFramework('bad-input'));
      const frameworksBefore = await count('frameworks');
      for (const [fields, message] of [
        [{ slug: 'bad-input', name: 'Dup' }, /already uses this name/],
        [{ slug: 'Bad Slug', name: 'X' }, /lowercase letters, digits and hyphens/],
        [{ slug: 'new', name: 'X' }, /reserved/],
        [{ slug: 'ok-slug', name: '   ' }, /required/],
      ] as const) {
        const res = await admin.submit('/admin/frameworks/new', fields);
        assert.equal(res.statusCode, 400, JSON.stringify(fields));
        assert.match(textOf(res.body), message);
      }
      assert.equal(await count('frameworks'), frameworksBefore);

      assert.equal((await admin.submit('/admin/frameworks/bad-input/principles/new', { key: 'trust', name: 'Trust' })).statusCode, 303);
      const principlesBefore = await count('framework_principles');
      for (const [fields, message] of [
        [{ key: 'trust', name: 'Again' }, /already uses this key/],
        [{ key: 'Trust Me', name: 'Bad key' }, /Use lowercase letters/],
        [{ key: 'trust_me', name: 'Bad key' }, /Use lowercase letters/],
        [{ key: '-x', name: 'Bad key' }, /Use lowercase letters/],
        [{ key: 'fine', name: '' }, /required/],
      ] as const) {
        const res = await admin.submit('/admin/frameworks/bad-input/principles/new', fields);
        assert.equal(res.statusCode, 400, JSON.stringify(fields));
        assert.match(textOf(res.body), message);
        if (fields.name) assert.match(res.body, new RegExp(`value="${fields.name}"`), 'typed value kept');
      }
      assert.equal(await count('framework_principles'), principlesBefore);

      // The scale: at most seven levels.
      for (let i = 1; i <= 7; i++) assert.equal((await admin.submit('/admin/frameworks/bad-input/levels/new', { key: `l${i}`, name: `Level ${i}` })).statusCode, 303);
      const eighth = await admin.submit('/admin/frameworks/bad-input/levels/new', { key: 'l8', name: 'Level 8' });
      assert.equal(eighth.statusCode, 400);
      assert.match(textOf(eighth.body), /at most 7 levels/);
      assert.equal((await draftTree('bad-input')).levels.length, 7);

      // A benchmark's group and principles must be of the same version.
      const other = await editing.createFramework(t.db, actor, { slug: 'other', name: 'Other', description: '', is_primary: false });
      const otherGroup = await editing.addPart(t.db, actor, other, 'groups', { key: 'g', name: 'G', description: '' });
      const otherPrinciple = await editing.addPart(t.db, actor, other, 'principles', { key: 'p', name: 'P', description: '' });
      await admin.submit('/admin/frameworks/bad-input/groups/new', { key: 'g', name: 'Group' });
      const tree = await draftTree('bad-input');
      const forged = await admin.submit('/admin/frameworks/bad-input/benchmarks/new', { key: 'b', name: 'B', group_id: String(otherGroup), principle_ids: [String(otherPrinciple)] });
      assert.equal(forged.statusCode, 400);
      assert.equal((await draftTree('bad-input')).groups.flatMap((g) => g.benchmarks).length, 0);
      assert.equal((await admin.submit('/admin/frameworks/bad-input/benchmarks/new', { key: 'b', name: 'B', group_id: String(tree.groups[0]!.id), principle_ids: [String(tree.principles[0]!.id)] })).statusCode, 303);

      // Descriptors naming a level of another version are refused whole; another framework's benchmark is not found.
      const benchmark = (await draftTree('bad-input')).groups[0]!.benchmarks[0]!;
      const otherLevel = await editing.addPart(t.db, actor, other, 'levels', { key: 'x', name: 'X', description: '' });
      const descriptorsBefore = await count('framework_descriptors');
      const page = `/admin/frameworks/bad-input/benchmarks/${benchmark.id}/descriptors`;
      const res = await admin.submit(page, { [`level_${tree.levels[0]!.id}`]: 'Fine text', [`level_${otherLevel}`]: 'Elsewhere' });
      assert.equal(res.statusCode, 400);
      assert.match(textOf(res.body), /not part of this version's rubric/);
      assert.equal(await count('framework_descriptors'), descriptorsBefore, 'not even the valid level was saved');
      const otherBenchmark = await editing.addPart(t.db, actor, other, 'benchmarks', { key: 'ob', name: 'OB', description: '', group_id: otherGroup, principle_ids: [otherPrinciple] });
      assert.equal((await admin.get(`/admin/frameworks/bad-input/benchmarks/${otherBenchmark}/descriptors`)).statusCode, 404);
      assert.equal((await admin.submit(page, { [`level_${otherLevel}`]: 'x' }, `/admin/frameworks/bad-input/benchmarks/${otherBenchmark}/descriptors`)).statusCode, 404);
      // Negative control: the valid descriptor alone saves.
      assert.equal((await admin.submit(page, { [`level_${tree.levels[0]!.id}`]: 'Fine text' })).statusCode, 303);
      assert.equal(await count('framework_descriptors'), descriptorsBefore + 1);

      // A group that holds a benchmark is not deleted.
      const refused = await admin.submit(`/admin/frameworks/bad-input/groups/${tree.groups[0]!.id}/delete`, {});
      assert.equal(refused.statusCode, 409);
      assert.match(textOf(refused.body), /still holds benchmarks/);
      assert.equal((await draftTree('bad-input')).groups.length, 1);
    });

    it('refuses publishing an incomplete draft with the list of what is missing, changing nothing', async () => {
      const admin = await as(n.admin.id);
      await admin.submit('/admin/frameworks/new', newFramework('empty'));
      const res = await admin.submit('/admin/frameworks/empty', { notes: 'First go' }, '/admin/frameworks/empty/publish');
      assert.equal(res.statusCode, 400);
      const text = textOf(res.body);
      for (const m of [/at least one principle/, /at least one benchmark group/, /at least one benchmark\./, /between 2 and 7 levels; it has 0/]) assert.match(text, m);
      assert.match(res.body, />First go<\/textarea>/, 'notes kept');
      const f = await fw('empty');
      assert.equal(f.current_version_id, null);
      assert.equal((await editing.requireDraft(t.db, f)).status, 'draft');

      // One level, a benchmark without a principle or descriptors.
      const g = await editing.addPart(t.db, actor, f, 'groups', { key: 'g', name: 'G', description: '' });
      await editing.addPart(t.db, actor, f, 'principles', { key: '1', name: 'P', description: '' });
      await editing.addPart(t.db, actor, f, 'levels', { key: 'only', name: 'Only', description: '' });
      await editing.addPart(t.db, actor, f, 'benchmarks', { key: 'lonely', name: 'Lonely', description: '', group_id: g, principle_ids: [] });
      const again = textOf((await admin.submit('/admin/frameworks/empty', {}, '/admin/frameworks/empty/publish')).body);
      assert.match(again, /it has 1/);
      assert.match(again, /“Lonely” \(lonely\) serves no principle/);
      assert.match(again, /“Lonely” \(lonely\) has no descriptor for: Only/);
      assert.doesNotMatch(again, /at least one principle/);
      assert.equal((await fw('empty')).current_version_id, null);
    });

    it('never changes a published version, whatever the route; the same edits on the draft work', async () => {
      const admin = await as(n.admin.id);
      await admin.submit('/admin/frameworks/new', newFramework('fixed'));
      await completeDraft(t.db, await fw('fixed'));
      assert.equal((await admin.submit('/admin/frameworks/fixed', { notes: 'v1' }, '/admin/frameworks/fixed/publish')).statusCode, 303);
      const f = await fw('fixed');
      const published = await getFrameworkTree(t.db, f, f.current_version_id!);
      assert.equal(published.version.status, 'published');
      const p = published.principles[0]!;
      const b = published.groups[0]!.benchmarks[0]!;
      const l = published.levels[0]!;
      const g = published.groups[0]!;
      const token = await admin.csrfFrom('/admin/frameworks/fixed');
      const forged: [string, Record<string, string | string[]>][] = [
        [`/admin/frameworks/fixed/principles/${p.id}/edit`, { key: p.key, name: 'Rewritten history' }],
        [`/admin/frameworks/fixed/principles/${p.id}/move`, { direction: 'down' }],
        [`/admin/frameworks/fixed/principles/${p.id}/delete`, {}],
        [`/admin/frameworks/fixed/levels/${l.id}/delete`, {}],
        [`/admin/frameworks/fixed/benchmarks/${b.id}/edit`, { key: b.key, name: 'X', group_id: String(g.id), principle_ids: [String(p.id)] }],
        [`/admin/frameworks/fixed/benchmarks/${b.id}/descriptors`, { [`level_${l.id}`]: 'Rewritten' }],
        ['/admin/frameworks/fixed/principles/new', { key: 'new-one', name: 'New' }],
        ['/admin/frameworks/fixed/discard', {}],
      ];
      for (const [path, fields] of forged) {
        const res = await admin.post(path, { ...fields, _csrf: token });
        assert.equal(res.statusCode, 409, `POST ${path}`);
      }
      assert.equal((await admin.get(`/admin/frameworks/fixed/principles/${p.id}/edit`)).statusCode, 409);
      assert.deepEqual(await getFrameworkTree(t.db, f, f.current_version_id!), published, 'the published tree is unchanged');

      // Negative control: the same edits aimed at the draft's copies go through.
      assert.equal((await admin.submit('/admin/frameworks/fixed', {}, '/admin/frameworks/fixed/revise')).statusCode, 303);
      const draft = await draftTree('fixed');
      const dp = draft.principles.find((x) => x.key === p.key)!;
      const dl = draft.levels.find((x) => x.key === l.key)!;
      const db = draft.groups[0]!.benchmarks.find((x) => x.key === b.key)!;
      assert.equal((await admin.submit(`/admin/frameworks/fixed/principles/${dp.id}/edit`, { key: dp.key, name: 'Rewritten in the draft' })).statusCode, 303);
      assert.equal((await admin.post(`/admin/frameworks/fixed/principles/${dp.id}/move`, { direction: 'down', _csrf: token })).statusCode, 303);
      assert.equal((await admin.submit(`/admin/frameworks/fixed/benchmarks/${db.id}/descriptors`, { [`level_${dl.id}`]: 'Rewritten' })).statusCode, 303);
      const edited = await draftTree('fixed');
      assert.deepEqual(edited.principles.map((x) => x.name), ['Less is more', 'Rewritten in the draft']);
      assert.equal(edited.groups[0]!.benchmarks.find((x) => x.key === b.key)!.descriptors[l.key], 'Rewritten');
      assert.deepEqual(await getFrameworkTree(t.db, f, f.current_version_id!), published, 'still unchanged');
    });

    it('shows the editor and records each change in the audit log', async () => {
      const admin = await as(n.admin.id);
      const page = textOf((await admin.get('/admin/frameworks/fixed')).body);
      assert.match(page, /Draft: version 2/);
      assert.match(page, /Version 1 Published v1/);
      const actions = await t.db.selectFrom('audit_events').select('action').where('subject_type', '=', 'framework').where('subject_id', '=', (await fw('fixed')).id).execute();
      for (const a of ['framework.created', 'framework.principle_added', 'framework.published', 'framework.revision_started', 'framework.principle_updated', 'framework.descriptors_saved']) {
        assert.ok(actions.some((x) => x.action === a), a);
      }
    });
  });
}
