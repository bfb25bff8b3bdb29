import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Organisation } from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { insertApiToken } from '../../../test/factories/people-network.ts';

// The JSON API: what each caller reads, what writes save (with their audit events), and how bad
// input, races and refusals are answered.

for (const dialect of testDialects()) {
  describe(`organisations API (${dialect})`, () => {
    let t: TestApp;
    let office: Organisation;
    let center: Organisation;
    let school: Organisation;
    let adminToken: string;
    let leaderToken: string;

    const row = (id: number) => t.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    const count = async () => (await t.db.selectFrom('organisations').select('id').execute()).length;
    const auditOf = (id: number, action: string) =>
      t.db.selectFrom('audit_events').selectAll().where('subject_id', '=', id).where('action', '=', action).orderBy('id').execute();
    const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, token: string | null, body?: unknown) =>
      t.client().request({
        method,
        url,
        headers: { ...(token && { authorization: `Bearer ${token}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
      });

    before(async () => {
      t = await createTestApp(dialect);
      office = await createOrganisation(t.db, { kind: 'national_office', name: 'National Office' });
      center = await createOrganisation(t.db, { kind: 'affiliate_center', name: 'Bay Area Coalition' });
      school = await createOrganisation(t.db, {
        kind: 'school',
        name: 'Life Academy',
        center_id: center.id,
        nces_id: '062271003231',
        address_line1: '2101 35th Avenue',
        email: 'office@life.example.org',
        contact_public: false,
      });
      adminToken = await insertApiToken(t.db, 'network_admin', office.id);
      leaderToken = await insertApiToken(t.db, 'school_leader', school.id);
    });
    after(() => t.close());

    it('reads an organisation: public fields for anyone, private ones for its people', async () => {
      const anon = await t.client().get(`/api/v1/organisations/${school.id}`);
      assert.equal(anon.statusCode, 200);
      const pub = anon.json();
      assert.equal(pub.name, 'Life Academy');
      assert.deepEqual(pub.center, { id: center.id, slug: center.slug, name: center.name });
      assert.equal(pub.grade_low, '9');
      for (const hidden of ['email', 'phone', 'address_line1', 'enrolment', 'nces_id', 'postal_code']) assert.equal(hidden in pub, false, hidden);
      const own = (await t.client().get(`/api/v1/organisations/${school.id}`, { authorization: `Bearer ${leaderToken}` })).json();
      assert.equal(own.nces_id, '062271003231');
      assert.equal(own.enrolment, 400);
      assert.equal(own.address_line1, '2101 35th Avenue');
      assert.equal(own.email, 'office@life.example.org');
      assert.equal((await t.client().get('/api/v1/organisations/999999')).statusCode, 404);
    });

    it('publishes email and phone only when the organisation chose contact_public', async () => {
      const open = await createOrganisation(t.db, { kind: 'partner', name: 'Open Partner', email: 'hello@open.example.org', contact_public: true });
      const res = (await t.client().get(`/api/v1/organisations/${open.id}`)).json();
      assert.equal(res.email, 'hello@open.example.org');
      assert.equal(res.phone, '510-555-0100');
      assert.equal('address_line1' in res, false);
    });

    it('creates an organisation (admin): 201 with Location, the saved row and an audit event', async () => {
      const res = await send('POST', '/api/v1/organisations', adminToken, {
        name: 'Fremont High',
        kind: 'school',
        state: 'CA',
        grade_low: '9',
        grade_high: '12',
        enrolment: 800,
        nces_id: '062271003232',
        center_id: center.id,
        contact_public: true,
        latitude: 37.77,
        longitude: -122.2,
      });
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json();
      assert.equal(res.headers.location, `/api/v1/organisations/${body.id}`);
      assert.equal(body.slug, 'fremont-high');
      assert.equal(body.enrolment, 800);
      assert.equal(body.contact_public, true);
      const saved = await row(body.id);
      assert.equal(saved?.nces_id, '062271003232');
      assert.equal(saved?.latitude, 37.77);
      const [event] = await auditOf(body.id, 'organisation.created');
      assert.equal(event?.organisation_id, body.id);
      assert.match(event?.actor_label ?? '', /^api-token:/);
    });

    it('refuses writes without a token (401), from non-admins (403), and as a form encoding (415)', async () => {
      const before = await count();
      const anon = await send('POST', '/api/v1/organisations', null, { name: 'Nobody School', kind: 'school' });
      assert.equal(anon.statusCode, 401);
      assert.equal(anon.json().error.code, 'unauthenticated');
      assert.equal((await send('POST', '/api/v1/organisations', leaderToken, { name: 'Leader School', kind: 'school' })).statusCode, 403);
      assert.equal((await send('DELETE', `/api/v1/organisations/${school.id}`, null)).statusCode, 401);
      assert.equal((await send('PATCH', `/api/v1/organisations/${school.id}`, null, { city: 'X' })).statusCode, 401);
      const form = await t.client().request({
        method: 'POST',
        url: '/api/v1/organisations',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'name=Form+School&kind=school',
      });
      assert.equal(form.statusCode, 415);
      assert.equal(await count(), before);
    });

    it("lets a school's leader change its profile, recording exactly what changed", async () => {
      const res = await send('PATCH', `/api/v1/organisations/${school.id}`, leaderToken, { city: 'Fruitvale', enrolment: 385, region: null });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().city, 'Fruitvale');
      const saved = await row(school.id);
      assert.equal(saved?.city, 'Fruitvale');
      assert.equal(saved?.enrolment, 385);
      assert.equal(saved?.region, null);
      assert.equal(saved?.name, 'Life Academy');
      const event = (await auditOf(school.id, 'organisation.updated')).at(-1);
      assert.deepEqual(JSON.parse(event?.changes ?? '{}'), { city: ['Oakland', 'Fruitvale'], region: ['West', null], enrolment: [400, 385] });
    });

    it('answers 403 when a leader tries an admin-only field, and accepts the stored value sent back', async () => {
      const before = await row(school.id);
      for (const body of [{ kind: 'partner' }, { nces_id: '062271009999' }, { center_id: null }, { slug: 'new-life' }, { city: 'X', kind: 'partner' }]) {
        const res = await send('PATCH', `/api/v1/organisations/${school.id}`, leaderToken, body);
        assert.equal(res.statusCode, 403, JSON.stringify(body));
        assert.match(res.json().error.message, /Only network admins can change/);
        assert.deepEqual(await row(school.id), before, JSON.stringify(body));
      }
      const echoed = await send('PATCH', `/api/v1/organisations/${school.id}`, leaderToken, { kind: 'school', slug: school.slug, center_id: center.id, description: 'Read back' });
      assert.equal(echoed.statusCode, 200);
      // Negative control: the admin may change the same fields.
      const admin = await send('PATCH', `/api/v1/organisations/${school.id}`, adminToken, { nces_id: '062271009999' });
      assert.equal(admin.statusCode, 200);
      assert.equal((await row(school.id))?.nces_id, '062271009999');
    });

    it('rejects bad input with 400 and field paths, saving nothing', async () => {
      const cases: [unknown, string][] = [
        [{ name: 'Bad State', kind: 'school', state: 'XX' }, 'state'],
        [{ name: 'Bad Grades', kind: 'school', grade_low: '10', grade_high: '3' }, 'grade_high'],
        [{ name: 'Bad Grade', kind: 'school', grade_low: '13', grade_high: '12' }, 'grade_low'],
        [{ name: 'Bad NCES', kind: 'school', nces_id: '12345' }, 'nces_id'],
        [{ name: 'Negative', kind: 'school', enrolment: -1 }, 'enrolment'],
        [{ name: 'Too Big', kind: 'school', enrolment: 100_001 }, 'enrolment'],
        [{ name: 'Fraction', kind: 'school', enrolment: 12.5 }, 'enrolment'],
        [{ name: 'Unknown Center', kind: 'school', center_id: 987654 }, 'center_id'],
        [{ name: 'Not A Center', kind: 'school', center_id: school.id }, 'center_id'],
        [{ name: 'Duplicate NCES', kind: 'school', nces_id: '062271003232' }, 'nces_id'],
        [{ name: 'Partner Grades', kind: 'partner', grade_low: '9', grade_high: '12' }, 'grade_low'],
        [{ name: 'One End', kind: 'school', grade_low: '9' }, 'grade_high'],
        [{ name: 'Typo', kind: 'school', grade_lo: '9' }, 'grade_lo'],
        [{ name: 'Bad Zip', kind: 'school', postal_code: '9411' }, 'postal_code'],
        [{ name: 'Bad Site', kind: 'school', website: 'ftp://example.org' }, 'website'],
        [{ name: 'Bad Lat', kind: 'school', latitude: 91 }, 'latitude'],
        [{ name: 'Bad Slug', kind: 'school', slug: 'Not A Slug!' }, 'slug'],
        [{ name: 'x'.repeat(201), kind: 'school' }, 'name'],
        [{ kind: 'school' }, 'name'],
        [{ name: 'No Kind' }, 'kind'],
      ];
      const before = await count();
      for (const [body, field] of cases) {
        const res = await send('POST', '/api/v1/organisations', adminToken, body);
        assert.equal(res.statusCode, 400, `${JSON.stringify(body)} → ${res.body}`);
        const error = res.json().error;
        assert.equal(error.code, 'bad_request');
        assert.ok(error.fields?.[field]?.length, `${field} in ${JSON.stringify(error.fields)}`);
      }
      const malformed = await send('POST', '/api/v1/organisations', adminToken, '{"name": "Broken",');
      assert.equal(malformed.statusCode, 400);
      assert.equal(malformed.json().error.code, 'malformed_json');
      const stored = await row(school.id);
      const badPatch = await send('PATCH', `/api/v1/organisations/${school.id}`, adminToken, { state: 'ZZ', city: 'Changed', colour: 'blue' });
      assert.equal(badPatch.statusCode, 400);
      assert.deepEqual(Object.keys(badPatch.json().error.fields).sort(), ['colour', 'state']);
      assert.deepEqual(await row(school.id), stored);
      assert.equal(await count(), before);
    });

    it('checks a partial change against what is stored (grade span, kind change with schools under it)', async () => {
      const before = await row(school.id);
      const res = await send('PATCH', `/api/v1/organisations/${school.id}`, adminToken, { grade_high: '8' });
      assert.equal(res.statusCode, 400);
      assert.ok(res.json().error.fields.grade_high);
      assert.deepEqual(await row(school.id), before);
      const centerChange = await send('PATCH', `/api/v1/organisations/${center.id}`, adminToken, { kind: 'partner' });
      assert.equal(centerChange.statusCode, 400);
      assert.match(centerChange.json().error.fields.kind[0], /Move them to another center/);
      assert.equal((await row(center.id))?.kind, 'affiliate_center');
    });

    it('deletes (admin) with 204 and an audit event; refuses 409 while schools name the center', async () => {
      const lonely = await createOrganisation(t.db, { kind: 'other', name: 'Lonely Org' });
      assert.equal((await send('DELETE', `/api/v1/organisations/${lonely.id}`, leaderToken)).statusCode, 403);
      const res = await send('DELETE', `/api/v1/organisations/${lonely.id}`, adminToken);
      assert.equal(res.statusCode, 204);
      assert.equal(res.body, '');
      assert.equal(await row(lonely.id), undefined);
      assert.equal((await auditOf(lonely.id, 'organisation.deleted')).length, 1);
      const blocked = await send('DELETE', `/api/v1/organisations/${center.id}`, adminToken);
      assert.equal(blocked.statusCode, 409);
      assert.match(blocked.json().error.message, /name this organisation as their affiliate center/);
      assert.ok(await row(center.id));
      assert.equal((await send('DELETE', '/api/v1/organisations/999999', adminToken)).statusCode, 404);
    });

    it('gives concurrent creations of the same name distinct slugs, never a 500', async () => {
      const results = await Promise.all(Array.from({ length: 6 }, () => send('POST', '/api/v1/organisations', adminToken, { name: 'Race Academy', kind: 'school' })));
      assert.deepEqual(results.map((r) => r.statusCode), [201, 201, 201, 201, 201, 201]);
      const slugs = results.map((r) => r.json().slug).sort();
      assert.deepEqual(slugs, ['race-academy', 'race-academy-2', 'race-academy-3', 'race-academy-4', 'race-academy-5', 'race-academy-6']);
    });

    it('answers concurrent creations with the same explicit slug with one 201 and a field message, never a 500', async () => {
      const results = await Promise.all(
        ['Twin One', 'Twin Two', 'Twin Three'].map((name) => send('POST', '/api/v1/organisations', adminToken, { name, kind: 'school', slug: 'twin-school' })),
      );
      const statuses = results.map((r) => r.statusCode).sort();
      assert.equal(statuses.filter((s) => s === 201).length, 1, statuses.join());
      for (const loser of results.filter((r) => r.statusCode !== 201)) {
        assert.ok([400, 409].includes(loser.statusCode), loser.body);
        assert.match(loser.json().error.fields.slug[0], /already uses this web address name/);
      }
      assert.equal((await t.db.selectFrom('organisations').select('id').where('slug', '=', 'twin-school').execute()).length, 1);
    });

    if (dialect === 'postgres') {
      it('answers 409 (not 500) when the unique index, not the check, catches a duplicate NCES ID', async () => {
        // Hold an uncommitted row with the NCES ID: the request's check cannot see it, its insert
        // waits on the unique index, and fails once this transaction commits.
        const release = Promise.withResolvers<void>();
        const inserted = Promise.withResolvers<void>();
        const holder = t.db.transaction().execute(async (trx) => {
          await trx.insertInto('organisations').values({ slug: 'holder', name: 'Holder', kind: 'school', nces_id: '062271007777', created_at: 'x', updated_at: 'x' }).execute();
          inserted.resolve();
          await release.promise;
        });
        await inserted.promise;
        const request = send('POST', '/api/v1/organisations', adminToken, { name: 'Racer', kind: 'school', nces_id: '062271007777' });
        await new Promise((r) => setTimeout(r, 300));
        release.resolve();
        await holder;
        const res = await request;
        assert.equal(res.statusCode, 409, res.body);
        assert.deepEqual(Object.keys(res.json().error.fields), ['nces_id']);
        assert.equal((await t.db.selectFrom('organisations').select('id').where('nces_id', '=', '062271007777').execute()).length, 1);
      });
    }

    it('documents every route in the OpenAPI document with a summary and schemas', async () => {
      const doc = (await t.client().get('/api/openapi.json')).json();
      const ops = [doc.paths['/api/v1/organisations'].get, doc.paths['/api/v1/organisations'].post, doc.paths['/api/v1/organisations/{id}'].get, doc.paths['/api/v1/organisations/{id}'].patch, doc.paths['/api/v1/organisations/{id}'].delete];
      for (const op of ops) {
        assert.ok(op, 'route documented');
        assert.deepEqual(op.tags, ['organisations']);
        assert.ok(op.summary);
      }
      const createBody = doc.paths['/api/v1/organisations'].post.requestBody.content['application/json'].schema;
      assert.deepEqual(createBody.required.sort(), ['kind', 'name']);
      assert.ok(createBody.properties.nces_id);
      assert.ok(doc.paths['/api/v1/organisations/{id}'].get.responses['200'].content['application/json'].schema.properties.enrolment);
    });
  });
}
