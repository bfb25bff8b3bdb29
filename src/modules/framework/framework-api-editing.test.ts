import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { TestClient } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { signIn } from '../../../test/factories/people.ts';
import { createPeopleNetwork, insertApiToken, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import type { RoleKind } from '../../db/schema.ts';
import { seedDemoFrameworks } from './framework.demo.ts';

// The editing side of the framework API: network admins do through it everything the editor pages
// do, under the same rules (only a draft changes, one draft at a time, publishing retires the old
// version). Everyone else is refused before anything is looked up; bad input is a 400 naming the
// field, a refused change a 409, and neither saves anything.

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Part = { id: number; key: string; name: string; description: string; position: number };
type Benchmark = Part & { group_id: number; principle_ids: number[]; principles: string[]; descriptors: { level: string; text: string }[] };
interface Draft {
  slug: string;
  current_version: number | null;
  version: { number: number; status: string };
  principles: Part[];
  levels: Part[];
  groups: (Part & { benchmarks: Benchmark[] })[];
  problems: { code: string; message: string; benchmark: string | null }[];
}

const TABLES = ['frameworks', 'framework_versions', 'framework_principles', 'framework_groups', 'framework_benchmarks', 'framework_benchmark_principles', 'framework_levels', 'framework_descriptors'] as const;
const NON_ADMIN_ROLES: [RoleKind, keyof PeopleNetwork][] = [
  ['school_leader', 'schoolA'],
  ['school_staff', 'schoolA'],
  ['center_director', 'center'],
  ['center_coach', 'center'],
  ['partner_staff', 'partner'],
];

for (const dialect of testDialects()) {
  describe(`framework editing API (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let adminToken: string;
    const roleTokens: Record<string, string> = {};
    const browsers = {} as Record<'admin' | 'leader' | 'coach', TestClient>;

    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      await seedDemoFrameworks(t.db);
      adminToken = await insertApiToken(t.db, 'network_admin', n.office.id);
      for (const [role, org] of NON_ADMIN_ROLES) roleTokens[role] = await insertApiToken(t.db, role, (n[org] as { id: number }).id);
      for (const [who, person] of [['admin', n.admin], ['leader', n.leaderA], ['coach', n.coachC]] as const) {
        browsers[who] = t.client();
        await signIn(t.db, browsers[who], person.id);
      }
    });
    after(() => t.close());

    const request = (method: Method, url: string, body?: unknown, headers: Record<string, string> = {}): InjectOptions => ({
      method,
      url,
      headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      ...(body !== undefined && { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    /** A call with a bearer token (the admin's unless another is given); null sends no credential. */
    const call = (method: Method, url: string, body?: unknown, token: string | null = adminToken) =>
      t.app.inject(request(method, url, body, token ? { authorization: `Bearer ${token}` } : {}));
    const draftOf = async (slug: string) => (await call('GET', `/api/v1/frameworks/${slug}/draft`)).json() as Draft;
    const publicDoc = async (slug: string) => (await call('GET', `/api/v1/frameworks/${slug}`, undefined, null)).json();
    /** Every framework row, to show a refused request saved nothing. */
    const snapshot = async () => Promise.all(TABLES.map((table) => t.db.selectFrom(table).selectAll().execute().then((rows) => JSON.stringify(rows.map((r) => JSON.stringify(r)).sort()))));
    const url = (slug: string, rest = '') => `/api/v1/frameworks/${slug}/draft${rest}`;

    it('builds a framework from nothing to published, then revises it, as the editor would', async () => {
      const created = await call('POST', '/api/v1/frameworks', { slug: 'equity-standards', name: 'Equity Standards', description: 'What equitable schools do.' });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.headers.location, '/api/v1/frameworks/equity-standards/draft');
      let draft = created.json() as Draft;
      assert.deepEqual([draft.version.number, draft.version.status, draft.current_version, draft.principles], [1, 'draft', null, []]);
      assert.deepEqual(draft.problems.map((p) => p.code), ['noPrinciples', 'noGroups', 'noBenchmarks', 'levelCount']);
      assert.match(draft.problems[3]!.message, /between 2 and 7 levels; it has 0/, 'messages carry their values');

      // Admins list unpublished frameworks with their draft; the public list does not show them.
      const all = (await call('GET', '/api/v1/frameworks?include_unpublished=true')).json().data as { slug: string; current_version: number | null; draft_version: number | null }[];
      assert.deepEqual(all.find((f) => f.slug === 'equity-standards'), { slug: 'equity-standards', name: 'Equity Standards', description: 'What equitable schools do.', primary: false, current_version: null, draft_version: 1 });
      assert.deepEqual(all.find((f) => f.slug === 'common-principles')?.draft_version, null);
      assert.ok(!(await call('GET', '/api/v1/frameworks', undefined, null)).json().data.some((f: { slug: string }) => f.slug === 'equity-standards'));

      const add = async (kind: string, body: object) => {
        const res = await call('POST', url('equity-standards', `/${kind}`), body);
        assert.equal(res.statusCode, 201, res.body);
        return res.json() as Benchmark;
      };
      const access = await add('principles', { key: 'access', name: 'Access', description: 'Every student in.' });
      const voice = await add('principles', { key: 'voice', name: 'Voice' });
      const spare = await add('principles', { key: 'spare', name: 'Spare' });
      const group = await add('groups', { key: 'classroom', name: 'Classroom' });
      for (const key of ['beginning', 'growing', 'leading']) await add('levels', { key, name: key[0]!.toUpperCase() + key.slice(1) });
      assert.deepEqual([access.position, voice.position, voice.description], [1, 2, '']);
      const b = await add('benchmarks', { key: 'open-doors', name: 'Open doors', group_id: group.id, principle_ids: [access.id] });
      assert.deepEqual([b.group_id, b.principle_ids, b.principles, b.descriptors], [group.id, [access.id], ['access'], []]);

      // Only the fields sent change.
      const renamed = await call('PATCH', url('equity-standards', `/principles/${voice.id}`), { name: 'Student voice' });
      assert.equal(renamed.statusCode, 200, renamed.body);
      assert.deepEqual(renamed.json(), { ...voice, name: 'Student voice' });
      const relinked = await call('PATCH', url('equity-standards', `/benchmarks/${b.id}`), { principle_ids: [voice.id, access.id] });
      assert.equal(relinked.statusCode, 200, relinked.body);
      assert.deepEqual([relinked.json().name, relinked.json().principles], ['Open doors', ['access', 'voice']]);

      const rubric = [
        { level: 'beginning', text: 'Doors open on request.' },
        { level: 'growing', text: 'Doors open most days.' },
        { level: 'leading', text: '  Doors always open.  ' },
      ];
      const described = await call('PUT', url('equity-standards', `/benchmarks/${b.id}/descriptors`), { descriptors: rubric });
      assert.equal(described.statusCode, 200, described.body);
      assert.deepEqual(described.json().descriptors.at(-1), { level: 'leading', text: 'Doors always open.' }, 'trimmed as the form trims');

      assert.equal((await call('POST', url('equity-standards', `/levels/${(await draftOf('equity-standards')).levels[2]!.id}/move`), { direction: 'up' })).statusCode, 204);
      assert.equal((await call('DELETE', url('equity-standards', `/principles/${spare.id}`))).statusCode, 204);
      draft = await draftOf('equity-standards');
      assert.deepEqual(draft.levels.map((l) => [l.key, l.position]), [['beginning', 1], ['leading', 2], ['growing', 3]]);
      assert.deepEqual(draft.principles.map((p) => p.key), ['access', 'voice']);
      assert.deepEqual(draft.problems, [], 'complete');

      const published = await call('POST', url('equity-standards', '/publish'), { notes: 'First version.' });
      assert.equal(published.statusCode, 200, published.body);
      const version = published.json() as { published_at: string | null };
      assert.deepEqual({ ...version, published_at: typeof version.published_at }, { number: 1, status: 'published', published_at: 'string', notes: 'First version.' });
      const doc = await publicDoc('equity-standards');
      assert.deepEqual(doc.groups[0].benchmarks[0].descriptors.map((d: { level: string }) => d.level), ['beginning', 'leading', 'growing']);
      assert.equal((await call('GET', url('equity-standards'))).statusCode, 404, 'no draft in progress');

      // Details change without touching versions; the slug never changes.
      const details = await call('PATCH', '/api/v1/frameworks/equity-standards', { name: 'Equity Standards (2026)' });
      assert.equal(details.statusCode, 200, details.body);
      assert.deepEqual(details.json(), { slug: 'equity-standards', name: 'Equity Standards (2026)', description: 'What equitable schools do.', primary: false, current_version: 1, draft_version: null });

      // A revision copies the published tree (new ids, same keys); discarding it leaves version 1 as it was.
      const revision = await call('POST', url('equity-standards'), {});
      assert.equal(revision.statusCode, 201, revision.body);
      const copy = revision.json() as Draft;
      assert.deepEqual([copy.version.number, copy.current_version, copy.principles.map((p) => p.key)], [2, 1, ['access', 'voice']]);
      assert.ok(!copy.principles.some((p) => p.id === access.id));
      assert.equal((await call('DELETE', url('equity-standards'))).statusCode, 204);
      assert.equal((await call('GET', url('equity-standards'))).statusCode, 404);
      assert.deepEqual(await publicDoc('equity-standards'), { ...doc, name: 'Equity Standards (2026)' });

      // The token's writes are in the audit log under its name.
      const audits = await t.db.selectFrom('audit_events').select(['action', 'actor_label']).where('action', 'like', 'framework.%').execute();
      for (const action of ['framework.created', 'framework.principle_added', 'framework.benchmark_updated', 'framework.descriptors_saved', 'framework.level_moved', 'framework.principle_deleted', 'framework.published', 'framework.updated', 'framework.revision_started', 'framework.draft_discarded']) {
        assert.ok(audits.some((a) => a.action === action && /network_admin/.test(a.actor_label)), action);
      }
    });

    /** One request per editing endpoint, against a framework with a draft (ids looked up fresh). */
    async function everyEndpoint(slug: string): Promise<[Method, string, unknown?][]> {
      const d = await draftOf('guarded');
      const [p, g, l, b] = [d.principles[0]!.id, d.groups[0]!.id, d.levels[0]!.id, d.groups[0]!.benchmarks[0]!.id];
      return [
        ['GET', '/api/v1/frameworks?include_unpublished=true'],
        ['POST', '/api/v1/frameworks', { slug: 'intruder', name: 'Intruder' }],
        ['PATCH', `/api/v1/frameworks/${slug}`, { name: 'Taken over' }],
        ['GET', url(slug)],
        ['POST', url(slug), {}],
        ['POST', url(slug, '/publish'), {}],
        ['POST', url(slug, '/principles'), { key: 'intruder', name: 'Intruder' }],
        ['PATCH', url(slug, `/groups/${g}`), { name: 'Taken over' }],
        ['POST', url(slug, '/benchmarks'), { key: 'intruder', name: 'Intruder', group_id: g, principle_ids: [p] }],
        ['PATCH', url(slug, `/benchmarks/${b}`), { name: 'Taken over' }],
        ['PUT', url(slug, `/benchmarks/${b}/descriptors`), { descriptors: [] }],
        ['POST', url(slug, `/levels/${l}/move`), { direction: 'down' }],
        ['DELETE', url(slug, `/principles/${p}`)],
        ['DELETE', url(slug)],
      ];
    }

    it('refuses everyone but network admins, the same for every framework, saving nothing', async () => {
      await call('POST', '/api/v1/frameworks', { slug: 'guarded', name: 'Guarded' });
      const pid = (await call('POST', url('guarded', '/principles'), { key: 'p', name: 'P' })).json().id;
      const gid = (await call('POST', url('guarded', '/groups'), { key: 'g', name: 'G' })).json().id;
      await call('POST', url('guarded', '/levels'), { key: 'l', name: 'L' });
      await call('POST', url('guarded', '/levels'), { key: 'm', name: 'M' });
      await call('POST', url('guarded', '/benchmarks'), { key: 'b', name: 'B', group_id: gid, principle_ids: [pid] });
      const before = await snapshot();
      const endpoints = [...(await everyEndpoint('guarded')), ...(await everyEndpoint('no-such-framework'))];
      for (const [method, path, body] of endpoints) {
        const what = `${method} ${path}`;
        for (const token of [null, 'not-a-token']) {
          const res = await call(method, path, body, token);
          assert.equal(res.statusCode, 401, `${what} with ${token}`);
          assert.equal(res.json().error.code, 'unauthenticated');
        }
        for (const [role, token] of Object.entries(roleTokens)) {
          const res = await call(method, path, body, token);
          assert.equal(res.statusCode, 403, `${what} as a ${role} token`);
          assert.deepEqual(Object.keys(res.json().error), ['code', 'message'], 'nothing about the framework');
        }
        for (const who of ['leader', 'coach'] as const) assert.equal((await browsers[who].request(request(method, path, body))).statusCode, 403, `${what} as ${who}`);
      }
      assert.deepEqual(await snapshot(), before);

      // Negative control: the same requests from an admin's token, then browser, go through.
      const statuses = [];
      for (const [method, path, body] of await everyEndpoint('guarded')) statuses.push((await call(method, path, body)).statusCode);
      assert.deepEqual(statuses, [200, 201, 200, 200, 409, 400, 201, 200, 201, 200, 200, 204, 204, 204]);
      assert.notDeepEqual(await snapshot(), before);
      const viaBrowser = await browsers.admin.request(request('POST', '/api/v1/frameworks', { slug: 'from-browser', name: 'From a browser' }));
      assert.equal(viaBrowser.statusCode, 201, viaBrowser.body);
    });

    it("refuses a form-encoded write from an admin's browser (request forgery) before anything else", async () => {
      const before = await snapshot();
      const form = (method: Method, path: string, payload: string) => browsers.admin.request({ method, url: path, payload, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal((await form('POST', '/api/v1/frameworks', 'slug=forged&name=Forged')).statusCode, 415);
      // PATCH and PUT rest on this API's own check (the site-wide one looks at POST only).
      assert.equal((await form('PATCH', '/api/v1/frameworks/common-principles', 'name=Forged')).statusCode, 415);
      const b = await t.db.selectFrom('framework_benchmarks').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal((await form('PUT', url('common-principles', `/benchmarks/${b.id}/descriptors`), 'descriptors=')).statusCode, 415);
      assert.deepEqual(await snapshot(), before);
    });

    it('answers bad input with 400 and the field it concerns, saving nothing', async () => {
      await call('POST', '/api/v1/frameworks', { slug: 'checked', name: 'Checked' });
      const g = (await call('POST', url('checked', '/groups'), { key: 'g', name: 'G' })).json().id as number;
      const p = (await call('POST', url('checked', '/principles'), { key: 'p', name: 'P' })).json().id as number;
      const levels = [];
      for (const key of ['one', 'two']) levels.push((await call('POST', url('checked', '/levels'), { key, name: key })).json().id as number);
      const b = (await call('POST', url('checked', '/benchmarks'), { key: 'b', name: 'B', group_id: g, principle_ids: [p] })).json().id as number;
      await call('PUT', url('checked', `/benchmarks/${b}/descriptors`), { descriptors: [{ level: 'one', text: 'Saved words.' }] });
      const other = await call('GET', url('common-principles'));
      assert.equal(other.statusCode, 404, 'the demo framework has no draft');
      const published = await t.db.selectFrom('framework_groups').innerJoin('frameworks', 'frameworks.current_version_id', 'framework_groups.version_id').select('framework_groups.id').where('frameworks.slug', '=', 'common-principles').executeTakeFirstOrThrow();
      // A rubric has at most seven levels.
      for (const key of ['c', 'd', 'e', 'f', 'g']) assert.equal((await call('POST', url('checked', '/levels'), { key, name: key })).statusCode, 201);
      const eighth = await call('POST', url('checked', '/levels'), { key: 'h', name: 'H' });
      assert.equal(eighth.statusCode, 400);
      assert.match(eighth.json().error.message, /at most 7 levels/);
      for (const extra of ['c', 'd', 'e', 'f', 'g']) {
        const id = (await draftOf('checked')).levels.find((l) => l.key === extra)!.id;
        assert.equal((await call('DELETE', url('checked', `/levels/${id}`))).statusCode, 204);
      }
      const before = await snapshot();
      const long = 'x'.repeat(5001);

      const cases: [Method, string, unknown, string, string?][] = [
        ['POST', '/api/v1/frameworks', { slug: 'fine', name: 'Fine', colour: 'blue' }, 'colour', 'not accepted'],
        ['POST', '/api/v1/frameworks', { slug: 'fine', name: '   ' }, 'name'],
        ['POST', '/api/v1/frameworks', { slug: 'fine' }, 'name', 'required'],
        ['POST', '/api/v1/frameworks', { slug: 'Not A Slug', name: 'Fine' }, 'slug', 'lowercase'],
        ['POST', '/api/v1/frameworks', { slug: 'new', name: 'Fine' }, 'slug', 'reserved'],
        ['POST', '/api/v1/frameworks', { slug: 'checked', name: 'Again' }, 'slug', 'already uses'],
        ['POST', '/api/v1/frameworks', { slug: 'fine', name: 'x'.repeat(201) }, 'name'],
        ['POST', '/api/v1/frameworks', { slug: 'fine', name: 'Fine', description: long }, 'description', 'too long'],
        ['POST', '/api/v1/frameworks', { slug: 'fine', name: 'Fine', primary: 'yes' }, 'primary'],
        ['POST', '/api/v1/frameworks', { name: 'Fine' }, 'slug', 'required'],
        ['PATCH', '/api/v1/frameworks/checked', { slug: 'renamed' }, 'slug', 'not accepted'],
        ['PATCH', '/api/v1/frameworks/checked', { name: '' }, 'name'],
        ['POST', url('checked', '/principles'), { key: 'p', name: 'Duplicate' }, 'key', 'already uses'],
        ['POST', url('checked', '/principles'), { key: 'Bad Key', name: 'Fine' }, 'key', 'lowercase'],
        ['POST', url('checked', '/principles'), { key: 'fine', name: 'Line\u0000break' }, 'name'],
        ['POST', url('checked', '/principles'), { key: 'fine', name: 'Fine', group_id: g }, 'group_id', 'not accepted'],
        ['POST', url('checked', '/groups'), { key: 'x'.repeat(81), name: 'Fine' }, 'key'],
        ['PATCH', url('checked', `/levels/${levels[1]}`), { key: 'one' }, 'key', 'already uses'],
        ['PATCH', url('checked', `/principles/${p}`), { description: long }, 'description', 'too long'],
        ['POST', url('checked', '/benchmarks'), { key: 'c', name: 'C', group_id: published.id, principle_ids: [p] }, 'group_id'],
        ['POST', url('checked', '/benchmarks'), { key: 'c', name: 'C', group_id: g, principle_ids: [p, 2_000_000] }, 'principle_ids'],
        ['POST', url('checked', '/benchmarks'), { key: 'c', name: 'C', principle_ids: [p] }, 'group_id', 'required'],
        ['PATCH', url('checked', `/benchmarks/${b}`), { principle_ids: ['1'] }, 'principle_ids.0'],
        ['PUT', url('checked', `/benchmarks/${b}/descriptors`), { descriptors: [{ level: 'two', text: 'Fine' }, { level: 'three', text: 'Fine' }] }, 'descriptors.1.level', 'No level'],
        ['PUT', url('checked', `/benchmarks/${b}/descriptors`), { descriptors: [{ level: 'two', text: 'Fine' }, { level: 'two', text: 'Again' }] }, 'descriptors.1.level', 'more than once'],
        ['PUT', url('checked', `/benchmarks/${b}/descriptors`), { descriptors: [{ level: 'two', text: long }] }, 'descriptors.0.text'],
        ['PUT', url('checked', `/benchmarks/${b}/descriptors`), { descriptors: [{ level: 'two', text: 'Fine', colour: 'red' }] }, 'descriptors.0.colour', 'not accepted'],
        ['PUT', url('checked', `/benchmarks/${b}/descriptors`), {}, 'descriptors', 'required'],
        ['POST', url('checked', `/levels/${levels[0]}/move`), { direction: 'left' }, 'direction'],
        ['POST', url('checked', '/publish'), { notes: long }, 'notes', 'too long'],
        ['POST', url('checked'), { force: true }, 'force', 'not accepted'],
      ];
      for (const [method, path, body, field, words] of cases) {
        const res = await call(method, path, body);
        const what = `${method} ${path} ${JSON.stringify(body).slice(0, 80)}`;
        assert.equal(res.statusCode, 400, `${what}: ${res.body}`);
        const fields = res.json().error.fields as Record<string, string[]>;
        assert.ok(fields?.[field], `${what} names ${field}: ${res.body}`);
        if (words) assert.match(fields[field]!.join(' '), new RegExp(words, 'i'), what);
      }
      // Malformed JSON, bad ids and kinds in the path.
      assert.equal((await call('POST', url('checked', '/principles'), '{"key": "p",')).json().error.code, 'malformed_json');
      for (const id of ['abc', '0', '-1', '99999999999']) assert.equal((await call('PATCH', url('checked', `/principles/${id}`), { name: 'X' })).statusCode, 400, id);
      assert.equal((await call('PATCH', url('checked', '/things/1'), { name: 'X' })).statusCode, 400, 'unknown kind');
      for (const slug of ['%00', 'a%00b', 'Checked', "x'--"]) assert.equal((await call('POST', url(slug, '/principles'), { key: 'p2', name: 'P' })).statusCode, 400, slug);
      assert.deepEqual(await snapshot(), before, 'nothing saved, nothing lost: the descriptor saved earlier is still there');
      assert.deepEqual((await draftOf('checked')).groups[0]!.benchmarks[0]!.descriptors, [{ level: 'one', text: 'Saved words.' }]);
    });

    it('never changes a published version, and answers what cannot be done now with 409', async () => {
      const f = await t.db.selectFrom('frameworks').selectAll().where('slug', '=', 'common-principles').executeTakeFirstOrThrow();
      const row = (table: 'framework_principles' | 'framework_groups' | 'framework_levels' | 'framework_benchmarks') =>
        t.db.selectFrom(table).select('id').where('version_id', '=', f.current_version_id!).orderBy('position').executeTakeFirstOrThrow();
      const [p, g, l, b] = [await row('framework_principles'), await row('framework_groups'), await row('framework_levels'), await row('framework_benchmarks')];
      const doc = await publicDoc('common-principles');
      const before = await snapshot();
      const refused: [Method, string, unknown?][] = [
        ['PATCH', url('common-principles', `/principles/${p.id}`), { name: 'Rewritten' }],
        ['PATCH', url('common-principles', `/benchmarks/${b.id}`), { name: 'Rewritten' }],
        ['PUT', url('common-principles', `/benchmarks/${b.id}/descriptors`), { descriptors: [] }],
        ['POST', url('common-principles', `/groups/${g.id}/move`), { direction: 'down' }],
        ['DELETE', url('common-principles', `/levels/${l.id}`)],
        ['POST', url('common-principles', '/principles'), { key: 'new-one', name: 'New' }],
        ['POST', url('common-principles', '/publish'), {}],
        ['DELETE', url('common-principles')],
      ];
      for (const [method, path, body] of refused) {
        const res = await call(method, path, body);
        assert.equal(res.statusCode, 409, `${method} ${path}: ${res.body}`);
        assert.match(res.json().error.message, /published or retired|no draft/, `${method} ${path}`);
      }
      // A part of another framework is not found through this one.
      assert.equal((await call('PATCH', url('community-schools-standards', `/principles/${p.id}`), { name: 'X' })).statusCode, 404);
      assert.equal((await call('PATCH', url('no-such-framework', `/principles/${p.id}`), { name: 'X' })).statusCode, 404);
      assert.deepEqual(await snapshot(), before);
      assert.deepEqual(await publicDoc('common-principles'), doc);

      // One draft at a time; a group holding benchmarks stays; publishing twice is refused.
      assert.equal((await call('POST', url('common-principles'), {})).statusCode, 201);
      const again = await call('POST', url('common-principles'), {});
      assert.equal(again.statusCode, 409);
      assert.match(again.json().error.message, /already in progress/);
      const draft = await draftOf('common-principles');
      const inUse = await call('DELETE', url('common-principles', `/groups/${draft.groups[0]!.id}`));
      assert.equal(inUse.statusCode, 409);
      assert.match(inUse.json().error.message, /still holds benchmarks/);
      assert.equal((await call('POST', url('common-principles', '/publish'), { notes: 'Version 3.' })).statusCode, 200);
      const twice = await call('POST', url('common-principles', '/publish'), { notes: 'Version 3 again.' });
      assert.equal(twice.statusCode, 409);
      const versions = (await publicDoc('common-principles')).versions as { number: number; status: string; notes: string }[];
      assert.deepEqual(versions.map((v) => [v.number, v.status, v.notes]).slice(0, 2), [[3, 'published', 'Version 3.'], [2, 'retired', versions[1]!.notes]]);
    });

    it('refuses to publish an incomplete draft, listing what it lacks, and changes nothing', async () => {
      await call('POST', '/api/v1/frameworks', { slug: 'half-done', name: 'Half done' });
      const g = (await call('POST', url('half-done', '/groups'), { key: 'g', name: 'G' })).json().id;
      for (const key of ['one', 'two']) await call('POST', url('half-done', '/levels'), { key, name: key });
      await call('POST', url('half-done', '/benchmarks'), { key: 'lonely', name: 'Lonely', group_id: g, principle_ids: [] });
      const before = await snapshot();
      const res = await call('POST', url('half-done', '/publish'), { notes: 'Too soon.' });
      assert.equal(res.statusCode, 400);
      const body = res.json() as { error: { code: string; message: string }; problems: { code: string; benchmark: string | null; message: string }[] };
      assert.equal(body.error.code, 'framework_incomplete');
      assert.match(body.error.message, /3 things are missing/);
      assert.deepEqual(body.problems.map((p) => [p.code, p.benchmark]), [['noPrinciples', null], ['noPrinciple', 'lonely'], ['descriptors', 'lonely']]);
      assert.match(body.problems[2]!.message, /Lonely.*one, two/);
      assert.deepEqual(await snapshot(), before);
      assert.deepEqual((await draftOf('half-done')).problems.map((p) => p.code), ['noPrinciples', 'noPrinciple', 'descriptors'], 'the draft says so before publishing too');
    });

    it('lets only one of two simultaneous publishes, revisions or same-key adds win', async () => {
      const slug = 'community-schools-standards';
      const revisions = await Promise.all([call('POST', url(slug), {}), call('POST', url(slug), {})]);
      assert.deepEqual(revisions.map((r) => r.statusCode).sort(), [201, 409]);
      const adds = await Promise.all([call('POST', url(slug, '/principles'), { key: 'twin', name: 'One' }), call('POST', url(slug, '/principles'), { key: 'twin', name: 'Two' })]);
      assert.deepEqual(adds.map((r) => r.statusCode).sort(), [201, 400]);
      assert.ok(adds.find((r) => r.statusCode === 400)!.json().error.fields.key);
      // The twin serves no benchmark, which does not stop publishing.
      const publishes = await Promise.all([call('POST', url(slug, '/publish'), { notes: 'A' }), call('POST', url(slug, '/publish'), { notes: 'B' })]);
      assert.deepEqual(publishes.map((r) => r.statusCode).sort(), [200, 409], publishes.map((r) => r.body).join('\n'));
      const rows = await t.db
        .selectFrom('framework_versions')
        .innerJoin('frameworks', 'frameworks.id', 'framework_versions.framework_id')
        .select(['framework_versions.number', 'framework_versions.status', 'framework_versions.notes'])
        .where('frameworks.slug', '=', slug)
        .orderBy('framework_versions.number')
        .execute();
      const winner = publishes.find((r) => r.statusCode === 200)!.json().notes;
      assert.deepEqual(rows.map((v) => [v.number, v.status, v.number === 2 ? v.notes : '']), [[1, 'retired', ''], [2, 'published', winner]]);
    });

    it('documents every editing endpoint under the framework tag, as admin-only', async () => {
      const doc = (await call('GET', '/api/openapi.json', undefined, null)).json() as { paths: Record<string, Record<string, { tags?: string[]; security?: unknown[] }>> };
      const expected: [string, string][] = [
        ['/api/v1/frameworks', 'post'],
        ['/api/v1/frameworks/{slug}', 'patch'],
        ['/api/v1/frameworks/{slug}/draft', 'get'],
        ['/api/v1/frameworks/{slug}/draft', 'post'],
        ['/api/v1/frameworks/{slug}/draft', 'delete'],
        ['/api/v1/frameworks/{slug}/draft/publish', 'post'],
        ['/api/v1/frameworks/{slug}/draft/benchmarks', 'post'],
        ['/api/v1/frameworks/{slug}/draft/benchmarks/{id}', 'patch'],
        ['/api/v1/frameworks/{slug}/draft/benchmarks/{id}/descriptors', 'put'],
        ['/api/v1/frameworks/{slug}/draft/{kind}', 'post'],
        ['/api/v1/frameworks/{slug}/draft/{kind}/{id}', 'patch'],
        ['/api/v1/frameworks/{slug}/draft/{kind}/{id}', 'delete'],
        ['/api/v1/frameworks/{slug}/draft/{kind}/{id}/move', 'post'],
      ];
      for (const [path, method] of expected) {
        const op = doc.paths[path]?.[method];
        assert.deepEqual(op?.tags, ['framework'], `${method} ${path}`);
        assert.deepEqual(op?.security, [{ bearer: [] }], `${method} ${path} needs a credential`);
      }
    });
  });
}
