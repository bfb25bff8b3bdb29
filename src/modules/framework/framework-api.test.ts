import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createEvent } from '../../../test/factories/events.ts';
import { createPeopleNetwork, insertApiToken, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { DEMO_BENCHMARK_TAGS, DEMO_PRINCIPLE_TAGS } from './framework-demo.data.ts';
import { seedDemoFrameworks } from './framework.demo.ts';
import * as editing from './framework-editing.service.ts';
import { getFrameworkBySlug } from './framework-read.service.ts';

// The read-only framework API: public, published versions only (an older one by number, never a
// draft), the shared taxonomy and what is tagged with a term. Bad slugs and tags are 400 or 404,
// never a 500.

interface Doc {
  slug: string;
  current_version: number;
  version: { number: number; status: string };
  versions: { number: number }[];
  principles: { key: string }[];
  levels: { key: string }[];
  groups: { key: string; benchmarks: { key: string; name: string; principles: string[]; descriptors: { level: string; text: string }[] }[] }[];
}

for (const dialect of testDialects()) {
  describe(`framework API (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      await seedDemoFrameworks(t.db);
    });
    after(() => t.close());

    it('lists published frameworks with their current version number, signed out', async () => {
      const res = await get('/api/v1/frameworks');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json().data.map((f: { slug: string; current_version: number; primary: boolean }) => [f.slug, f.current_version, f.primary]), [
        ['common-principles', 2, true],
        ['community-schools-standards', 1, false],
      ]);
      // A framework with no published version yet is not listed.
      await editing.createFramework(t.db, { personId: n.admin.id, label: 'admin' }, { slug: 'unpublished', name: 'Unpublished', description: '', is_primary: false });
      assert.ok(!(await get('/api/v1/frameworks')).json().data.some((f: { slug: string }) => f.slug === 'unpublished'));
      assert.equal((await get('/api/v1/frameworks/unpublished')).statusCode, 404);
    });

    it('serves the published tree; an older version by number; never a draft', async () => {
      const res = await get('/api/v1/frameworks/common-principles');
      assert.equal(res.statusCode, 200);
      const doc = res.json() as Doc;
      assert.equal(doc.version.number, 2);
      assert.equal(doc.version.status, 'published');
      assert.deepEqual(doc.versions.map((v) => v.number), [2, 1]);
      assert.equal(doc.principles.length, 10);
      assert.deepEqual(doc.levels.map((l) => l.key), ['early', 'developing', 'sustaining']);
      const benchmarks = doc.groups.flatMap((g) => g.benchmarks);
      assert.equal(benchmarks.length, 14);
      assert.deepEqual(benchmarks.map((b) => `benchmark:${b.key}`), DEMO_BENCHMARK_TAGS);
      const advisory = benchmarks.find((b) => b.key === 'advisory')!;
      assert.ok(advisory.principles.length > 0);
      assert.deepEqual(advisory.descriptors.map((d) => d.level), ['early', 'developing', 'sustaining']);
      assert.match(advisory.descriptors[1]!.text, /at least weekly with a shared curriculum/, 'version 2 words');
      const v1 = await get('/api/v1/frameworks/common-principles?version=1');
      assert.equal(v1.statusCode, 200);
      const old = v1.json() as Doc;
      assert.equal(old.version.status, 'retired');
      assert.equal(old.current_version, 2);
      assert.doesNotMatch(old.groups.flatMap((g) => g.benchmarks).find((b) => b.key === 'advisory')!.descriptors[1]!.text, /at least weekly with a shared curriculum/);
      // A draft revision exists now: asking for it by number is a 404, and the current tree is unchanged.
      const f = await getFrameworkBySlug(t.db, 'common-principles');
      const draft = await editing.startRevision(t.db, { personId: n.admin.id, label: 'admin' }, f);
      assert.equal((await get(`/api/v1/frameworks/common-principles?version=${draft.number}`)).statusCode, 404);
      assert.deepEqual((await get('/api/v1/frameworks/common-principles')).json(), doc);
      assert.equal((await get('/api/v1/frameworks/common-principles?version=99')).statusCode, 404);
      assert.equal((await get('/api/v1/frameworks/no-such-framework')).statusCode, 404);
      for (const q of ['0', '-1', 'abc', '1.5', '99999999999']) assert.equal((await get(`/api/v1/frameworks/common-principles?version=${q}`)).statusCode, 400, q);
    });

    it('answers hostile slugs and tags with 400 or 404, never 500', async () => {
      for (const slug of ['%00', 'a%00b', 'Common-Principles', 'a%20b', '..%2F..', "x'--", '-', 'a'.repeat(200)]) {
        const res = await get(`/api/v1/frameworks/${slug}`);
        // 414 for the overlong one: the router refuses a parameter past its length limit.
        assert.ok([400, 404, 414].includes(res.statusCode), `${slug}: ${res.statusCode}`);
      }
      assert.equal((await get('/api/v1/frameworks/%00')).json().error.code, 'bad_request');
      assert.equal((await get('/api/v1/frameworks/Common-Principles')).statusCode, 400);
      for (const tag of ['%00', 'benchmark:%00', 'discipline:math', 'benchmark:', 'benchmark:Advisory', "benchmark:x'--", 'benchmark:no-such-benchmark', 'principle:999']) {
        const res = await get(`/api/v1/taxonomy/${tag}/tagged`);
        assert.ok([400, 404].includes(res.statusCode), `${tag}: ${res.statusCode}`);
      }
      assert.equal((await get('/api/v1/taxonomy/benchmark:no-such-benchmark/tagged')).statusCode, 404);
      assert.equal((await get('/api/v1/taxonomy/discipline:math/tagged')).statusCode, 400);
    });

    it('lists the shared taxonomy and what is tagged with a term (upcoming, published only)', async () => {
      const terms = (await get('/api/v1/taxonomy')).json().data as { tag: string; kind: string; key: string; name: string }[];
      assert.deepEqual(terms.map((x) => x.tag), [...DEMO_PRINCIPLE_TAGS, ...DEMO_BENCHMARK_TAGS]);
      assert.deepEqual(Object.keys(terms[0]!).sort(), ['key', 'kind', 'name', 'tag']);
      const upcoming = await createEvent(t.db, n.office.id, { title: 'Advisory Institute', tags: ['benchmark:advisory'] });
      await createEvent(t.db, n.office.id, { title: 'Draft Advisory Forum', status: 'draft', tags: ['benchmark:advisory'] });
      const past = new Date(Date.now() - 10 * 86_400_000);
      await createEvent(t.db, n.office.id, { title: 'Past Advisory Day', starts_at: past.toISOString(), ends_at: new Date(past.getTime() + 3_600_000).toISOString(), tags: ['benchmark:advisory'] });
      const res = await get(`/api/v1/taxonomy/${encodeURIComponent('benchmark:advisory')}/tagged`);
      assert.equal(res.statusCode, 200);
      const body = res.json() as { term: { tag: string }; events: { slug: string }[]; sessions: unknown[] };
      assert.equal(body.term.tag, 'benchmark:advisory');
      assert.deepEqual(body.events.map((e) => e.slug), [upcoming.slug]);
      assert.deepEqual(body.sessions, []);
      assert.equal((await get('/api/v1/taxonomy/benchmark:advisory/tagged')).statusCode, 200, 'the colon may be sent as is');
    });

    it('is public, but a token that does not work is a 401; documented under the framework tag', async () => {
      const token = await insertApiToken(t.db, 'school_leader', n.schoolA.id);
      assert.equal((await get('/api/v1/frameworks', { authorization: `Bearer ${token}` })).statusCode, 200);
      for (const url of ['/api/v1/frameworks', '/api/v1/frameworks/common-principles', '/api/v1/taxonomy', '/api/v1/taxonomy/benchmark:advisory/tagged']) {
        assert.equal((await get(url, { authorization: 'Bearer not-a-token' })).statusCode, 401, url);
      }
      const doc = (await get('/api/openapi.json')).json() as { paths: Record<string, { get?: { tags?: string[] } }> };
      for (const path of ['/api/v1/frameworks', '/api/v1/frameworks/{slug}', '/api/v1/taxonomy', '/api/v1/taxonomy/{tag}/tagged']) {
        assert.deepEqual(doc.paths[path]?.get?.tags, ['framework'], path);
      }
    });
  });
}
