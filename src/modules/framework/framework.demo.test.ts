import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/helpers/database.ts';
import { loadCatalogue } from '../../platform/i18n/i18n.ts';
import { DEMO_BENCHMARK_TAGS, DEMO_PRINCIPLE_TAGS } from './framework-demo.data.ts';
import { seedDemoFrameworks } from './framework.demo.ts';
import { benchmarksOf, getFrameworkBySlug, getFrameworkTree, getPublishedTree, listVersions } from './framework-read.service.ts';

const TABLES = ['frameworks', 'framework_versions', 'framework_principles', 'framework_groups', 'framework_benchmarks', 'framework_benchmark_principles', 'framework_levels', 'framework_descriptors'] as const;
const en = loadCatalogue().en!;

for (const dialect of testDialects()) {
  describe(`framework demo data (${dialect})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(dialect);
    });
    after(() => database.drop());

    it('seeds the network framework (two versions) and the community-schools one; running again adds nothing', async () => {
      const db = database.db;
      const counts = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)])));
      await seedDemoFrameworks(db);
      const first = await counts();
      assert.equal(first.frameworks, 2);
      assert.equal(first.framework_versions, 3);
      await seedDemoFrameworks(db);
      assert.deepEqual(await counts(), first);

      const network = await getFrameworkBySlug(db, 'common-principles');
      assert.ok(network.is_primary);
      const versions = await listVersions(db, network.id);
      assert.deepEqual(versions.map((v) => [v.number, v.status]), [[2, 'published'], [1, 'retired']]);
      assert.equal(versions[0]!.notes, 'Renamed two benchmarks and clarified the advisory and data descriptors.');
      assert.equal(network.current_version_id, versions[0]!.id);

      const tree = await getPublishedTree(db, network);
      // Principles: keys 1..10, named exactly as the /principles page names them.
      assert.deepEqual(tree.principles.map((p) => `principle:${p.key}`), DEMO_PRINCIPLE_TAGS);
      const titles = en.pages!.principles as { items: Record<string, { title: string }> };
      assert.deepEqual(tree.principles.map((p) => p.name), tree.principles.map((p) => titles.items[p.key]!.title));
      // Benchmarks: exactly the keys the demo's sessions are tagged with, seven per group, each serving a principle.
      const benchmarks = benchmarksOf(tree);
      assert.deepEqual(benchmarks.map((b) => `benchmark:${b.key}`), DEMO_BENCHMARK_TAGS);
      assert.equal(benchmarks.find((b) => b.key === 'advisory')?.name, 'Advisory and personal attention');
      // Version 1 named two benchmarks differently (same keys): the history shows the rename.
      const v1 = await getFrameworkTree(db, network, versions[1]!.id);
      assert.deepEqual(benchmarksOf(v1).map((b) => b.key), benchmarks.map((b) => b.key));
      assert.deepEqual(benchmarksOf(v1).filter((b, i) => b.name !== benchmarks[i]!.name).map((b) => [b.key, b.name]), [['advisory', 'Advisory'], ['professional-collaboration', 'Teacher collaboration']]);
      assert.deepEqual(tree.groups.map((g) => [g.name, g.benchmarks.length]), [['Classroom practices', 7], ['Organizational practices', 7]]);
      assert.deepEqual(tree.levels.map((l) => l.key), ['early', 'developing', 'sustaining']);
      for (const b of benchmarks) {
        assert.ok(b.principleKeys.length > 0, b.key);
        assert.deepEqual(Object.keys(b.descriptors).sort(), ['developing', 'early', 'sustaining'], b.key);
      }

      const community = await getFrameworkBySlug(db, 'community-schools-standards');
      assert.ok(!community.is_primary);
      const cs = await getPublishedTree(db, community);
      assert.equal(cs.version.status, 'published');
      assert.deepEqual(cs.principles.map((p) => p.name), ['Foster strong partnerships', 'Share accountability for results', 'Set high expectations for all', "Build on the community's strengths", 'Embrace diversity']);
      assert.equal(cs.levels.length, 4);
      for (const b of benchmarksOf(cs)) assert.equal(Object.keys(b.descriptors).length, 4, b.key);
    });
  });
}
