import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { signIn } from '../../../test/factories/people.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import type { Framework } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { systemActor } from '../audit/audit.service.ts';
import { getFrameworkBySlug, getFrameworkTree, type FrameworkTree } from './framework-read.service.ts';
import * as repo from './framework-editing.repository.ts';
import * as editing from './framework-editing.service.ts';

// Versions: publishing, revising (a full copy with the same keys), one draft at a time, and the
// guarded writes that keep two publishes (or two revisions) from both winning.

const actor = systemActor('test');

async function completeDraft(db: TestApp['db'], framework: Framework): Promise<void> {
  const p1 = await editing.addPart(db, actor, framework, 'principles', { key: '1', name: 'Learning to use one\'s mind well', description: 'About minds.' });
  const p2 = await editing.addPart(db, actor, framework, 'principles', { key: '2', name: 'Less is more', description: '' });
  const g1 = await editing.addPart(db, actor, framework, 'groups', { key: 'classroom', name: 'Classroom practices', description: '' });
  const g2 = await editing.addPart(db, actor, framework, 'groups', { key: 'organisation', name: 'Organisational practices', description: '' });
  const levels = [];
  for (const key of ['early', 'developing', 'sustaining']) levels.push(await editing.addPart(db, actor, framework, 'levels', { key, name: key, description: `${key} level` }));
  for (const [key, group, principles] of [['access', g1, [p1]], ['goals', g1, [p1, p2]], ['leadership', g2, [p2]]] as const) {
    const b = await editing.addPart(db, actor, framework, 'benchmarks', { key, name: `Benchmark ${key}`, description: `About ${key}`, group_id: group, principle_ids: [...principles] });
    await editing.saveDescriptors(db, actor, framework, b, new Map(levels.map((l, i) => [l, `${key} at ${i + 1}`])));
  }
}

/** A tree without its ids: what a copy must keep (keys, names, order, links, descriptors). */
function shape(tree: FrameworkTree) {
  const part = (p: { key: string; position: number; name: string; description: string }) => ({ key: p.key, position: p.position, name: p.name, description: p.description });
  return {
    principles: tree.principles.map(part),
    levels: tree.levels.map(part),
    groups: tree.groups.map((g) => ({ ...part(g), benchmarks: g.benchmarks.map((b) => ({ ...part(b), principleKeys: [...b.principleKeys].sort(), descriptors: b.descriptors })) })),
  };
}

const status = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.status;
    throw err;
  }
};

for (const dialect of testDialects()) {
  describe(`framework versions (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    const fw = (slug: string) => getFrameworkBySlug(t.db, slug);
    const versions = async (slug: string) => (await t.db.selectFrom('framework_versions').select(['number', 'status']).where('framework_id', '=', (await fw(slug)).id).orderBy('number').execute()).map((v) => `${v.number}:${v.status}`);

    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
    });
    after(() => t.close());

    it('publishes a draft: published with when and by whom, the framework pointing at it', async () => {
      const f = await editing.createFramework(t.db, actor, { slug: 'pub', name: 'Pub', description: '', is_primary: false });
      await completeDraft(t.db, f);
      const v = await editing.publishDraft(t.db, { personId: n.admin.id, label: 'admin' }, f, 'First version');
      const row = await t.db.selectFrom('framework_versions').selectAll().where('id', '=', v.id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'published');
      assert.equal(row.published_by, n.admin.id);
      assert.ok(row.published_at);
      assert.equal(row.notes, 'First version');
      assert.equal((await fw('pub')).current_version_id, v.id);
      assert.equal(await status(editing.publishDraft(t.db, actor, await fw('pub'), '')), 409, 'nothing left to publish');
    });

    it('starts a revision that copies the whole tree with new ids and the same keys, leaving the published tree unchanged', async () => {
      const f = await fw('pub');
      const published = await getFrameworkTree(t.db, f, f.current_version_id!);
      const draft = await editing.startRevision(t.db, actor, f);
      assert.equal(draft.number, 2);
      assert.equal(draft.status, 'draft');
      const copy = await getFrameworkTree(t.db, f, draft.id);
      assert.deepEqual(shape(copy), shape(published), 'same keys, names, order, links and descriptors');
      // Ids are per table, so compare table by table.
      const ids = (tr: FrameworkTree) => [tr.principles, tr.levels, tr.groups, tr.groups.flatMap((g) => g.benchmarks)].map((list) => list.map((x) => x.id));
      ids(copy).forEach((list, i) => {
        assert.equal(list.length, ids(published)[i]!.length);
        assert.ok(list.every((id) => !ids(published)[i]!.includes(id)), 'new ids');
      });

      // Editing the draft everywhere leaves the published tree as it was.
      const b = copy.groups[0]!.benchmarks[0]!;
      await editing.updatePart(t.db, actor, f, 'benchmarks', b.id, { key: b.key, name: 'Renamed', description: '', group_id: copy.groups[1]!.id, principle_ids: [copy.principles[1]!.id] });
      await editing.saveDescriptors(t.db, actor, f, b.id, new Map([[copy.levels[0]!.id, 'New words']]));
      await editing.deletePart(t.db, actor, f, 'principles', copy.principles[0]!.id);
      await editing.deletePart(t.db, actor, f, 'levels', copy.levels[2]!.id);
      await editing.movePart(t.db, actor, f, 'groups', copy.groups[1]!.id, 'up');
      await editing.addPart(t.db, actor, f, 'principles', { key: '3', name: 'Personalisation', description: '' });
      assert.deepEqual(await getFrameworkTree(t.db, f, f.current_version_id!), published);
      const edited = await getFrameworkTree(t.db, f, draft.id);
      assert.deepEqual(edited.groups.map((g) => g.key), ['organisation', 'classroom']);
      assert.deepEqual(edited.principles.map((p) => p.key), ['2', '3']);
      assert.deepEqual(edited.levels.map((l) => l.key), ['early', 'developing']);
    });

    it('allows one draft at a time, guarded in the transaction', async () => {
      const f = await fw('pub');
      assert.equal(await status(editing.startRevision(t.db, actor, f)), 409);
      assert.deepEqual(await versions('pub'), ['1:published', '2:draft']);
      // Two at once: one wins.
      await editing.discardDraft(t.db, actor, f);
      assert.deepEqual(await versions('pub'), ['1:published']);
      const results = await Promise.all([status(editing.startRevision(t.db, actor, f)), status(editing.startRevision(t.db, actor, f))]);
      assert.deepEqual(results.sort(), [409, 'ok'].sort());
      assert.equal((await versions('pub')).filter((v) => v.endsWith('draft')).length, 1);
      // Over HTTP the refusal is a page with a clear message.
      const c = t.client();
      await signIn(t.db, c, n.admin.id);
      const res = await c.submit('/admin/frameworks/pub/discard', {}, '/admin/frameworks/pub/revise');
      assert.equal(res.statusCode, 409);
      assert.match(res.body, /already in progress/);
    });

    it('publishing the revision retires the version before it', async () => {
      const f = await fw('pub');
      await editing.publishDraft(t.db, actor, f, 'Second');
      const draftNumber = Math.max(...(await versions('pub')).map((v) => Number(v.split(':')[0])));
      assert.deepEqual(await versions('pub'), ['1:retired', `${draftNumber}:published`]);
      const current = await t.db.selectFrom('framework_versions').select('number').where('id', '=', (await fw('pub')).current_version_id!).executeTakeFirstOrThrow();
      assert.equal(current.number, draftNumber);
    });

    it('lets only one of two simultaneous publishes win', async () => {
      const f = await editing.createFramework(t.db, actor, { slug: 'race', name: 'Race', description: '', is_primary: false });
      await completeDraft(t.db, f);
      const results = await Promise.all([status(editing.publishDraft(t.db, actor, f, 'a')), status(editing.publishDraft(t.db, actor, f, 'b'))]);
      assert.deepEqual([...results].sort(), [409, 'ok'].sort());
      assert.deepEqual(await versions('race'), ['1:published']);
      const audits = await t.db.selectFrom('audit_events').select('action').where('subject_id', '=', f.id).where('action', '=', 'framework.published').execute();
      assert.equal(audits.length, 1, 'one publish recorded');
    });

    it('guards with the version status (negative controls: the same writes without it succeed)', async () => {
      const f = await fw('race');
      const id = f.current_version_id!;
      assert.equal(await repo.markPublished(t.db, id, null, 'again'), false, 'a published version is not published twice');
      assert.equal(await repo.claimDraft(t.db, id), false, 'a published version is not claimed for an edit');
      // Without the status condition the same row would be written: the guard is what refuses it.
      const r = await t.db.updateTable('framework_versions').set({ notes: 'a' }).where('id', '=', id).executeTakeFirst();
      assert.equal(Number(r.numUpdatedRows), 1);
      const draft = await editing.startRevision(t.db, actor, f);
      assert.equal(await repo.claimDraft(t.db, draft.id), true, 'a draft is claimed');
    });

    it('starts an empty draft for a framework with nothing published after its first draft is discarded', async () => {
      const f = await editing.createFramework(t.db, actor, { slug: 'fresh', name: 'Fresh', description: '', is_primary: false });
      await editing.discardDraft(t.db, actor, f);
      assert.deepEqual(await versions('fresh'), []);
      const d = await editing.startRevision(t.db, actor, f);
      assert.equal(d.number, 1);
      assert.equal((await getFrameworkTree(t.db, f, d.id)).principles.length, 0);
    });
  });
}
