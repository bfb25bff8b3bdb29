import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { drainJobs } from '../../../test/helpers/jobs.ts';
import { recipients } from '../../../test/helpers/smtp.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';

for (const dialect of testDialects()) {
  describe(`center spaces, services and requests (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let otherCenter: Awaited<ReturnType<typeof createOrganisation>>;
    let otherDirector: Awaited<ReturnType<typeof createPerson>>;
    let leaderOther: Awaited<ReturnType<typeof createPerson>>;
    const as = async (personId: number): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, personId);
      return c;
    };
    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      await t.db.updateTable('organisations').set({ description: 'We coach small schools.', email: 'private-center@example.org', contact_public: false }).where('id', '=', n.center.id).execute();
      otherCenter = await createOrganisation(t.db, { kind: 'affiliate_center' });
      otherDirector = await createPerson(t.db, { name: 'Olga Other', roles: [['center_director', otherCenter.id]] });
      const otherSchool = await createOrganisation(t.db, { kind: 'school', center_id: otherCenter.id });
      leaderOther = await createPerson(t.db, { roles: [['school_leader', otherSchool.id]] });
    });
    after(() => t.close());

    it('shows the public space: about, staff names, schools; nothing private', async () => {
      const res = await t.client().get(`/centers/${n.center.slug}`);
      assert.equal(res.statusCode, 200);
      const text = textOf(res.body);
      assert.match(text, /We coach small schools/);
      assert.match(text, /Dina Director/);
      assert.match(text, /Carl Coach/);
      assert.match(res.body, new RegExp(`href="/directory/${n.schoolA.slug}"`));
      assert.ok(!res.body.includes(n.schoolB.slug), 'a school of no center is not listed');
      assert.ok(!res.body.includes('private-center@example.org'), 'unpublished contact hidden');
      assert.ok(!res.body.includes(n.directorC.email), 'staff emails hidden');
      assert.match(text, /Events/);
      assert.equal((await t.client().get(`/centers/${n.schoolA.slug}`)).statusCode, 404, 'a school has no center space');
      const es = await t.client().get(`/centers/${n.center.slug}`, { 'accept-language': 'es' });
      assert.match(textOf(es.body), /Servicios para escuelas/);
      assert.equal((await t.client().get('/centers')).statusCode, 200);
    });

    it('lets a center\'s director (and an admin) edit its space, and nobody else', async () => {
      const edit = `/centers/${n.center.slug}/edit`;
      for (const [who, id] of [['other director', otherDirector.id], ['coach', n.coachC.id], ['school leader', n.leaderA.id]] as const) {
        const c = await as(id);
        assert.equal((await c.get(edit)).statusCode, 403, who);
      }
      assert.equal((await t.client().get(edit)).statusCode, 302, 'visitor sent to sign in');
      // Positive controls: the director and an admin.
      const director = await as(n.directorC.id);
      assert.equal((await director.get(edit)).statusCode, 200);
      const saved = await director.submit(edit, { description: 'Coaching for equity, inquiry and achievement.' });
      assert.equal(saved.statusCode, 303);
      assert.match((await director.get(`/centers/${n.center.slug}`)).body, /Coaching for equity/);
      const admin = await as(n.admin.id);
      assert.equal((await admin.get(edit)).statusCode, 200);
      // A director of another center cannot post to this one even with a valid token of their own.
      const other = await as(otherDirector.id);
      const token = await other.csrfFrom(`/centers/${otherCenter.slug}/edit`);
      assert.equal((await other.post(edit, { description: 'hijacked', _csrf: token })).statusCode, 403);
      const row = await t.db.selectFrom('organisations').select('description').where('id', '=', n.center.id).executeTakeFirstOrThrow();
      assert.equal(row.description, 'Coaching for equity, inquiry and achievement.');
    });

    it('manages services: bad input re-rendered, create, edit, reorder, retire', async () => {
      const director = await as(n.directorC.id);
      const base = `/centers/${n.center.slug}`;
      const bad = await director.submit(`${base}/services/new`, { kind: 'magic', title: '', description: 'x', how_to_request: '' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /usa-error-message/);
      assert.equal((await t.db.selectFrom('center_services').selectAll().execute()).length, 0);
      for (const title of ['Leadership coaching', 'Data inquiry', 'Summer institute']) {
        const ok = await director.submit(`${base}/services/new`, { kind: 'coaching', title, description: `About ${title}.`, how_to_request: 'Email the director.' });
        assert.equal(ok.statusCode, 303);
      }
      const services = await t.db.selectFrom('center_services').selectAll().orderBy('position').execute();
      const [first, second, third] = services;
      assert.equal((await director.submit(`${base}/edit`, { direction: 'up' }, `${base}/services/${third!.id}/move`)).statusCode, 303);
      const order = (await t.db.selectFrom('center_services').select('title').orderBy('position').execute()).map((s) => s.title);
      assert.deepEqual(order, ['Leadership coaching', 'Summer institute', 'Data inquiry']);
      assert.equal((await director.submit(`${base}/services/${second!.id}/edit`, { kind: 'technical_assistance', title: 'Data inquiry cycles', description: 'Looking at student work.', how_to_request: 'Ask your coach.' })).statusCode, 303);
      assert.equal((await director.submit(`${base}/edit`, { retired: 'on' }, `${base}/services/${first!.id}/retire`)).statusCode, 303);
      // Visitors may be served a copy up to 30 s old; a signed-in reader sees the change at once.
      const page = textOf((await (await as(n.leaderA.id)).get(`${base}`)).body);
      assert.ok(!page.includes('Leadership coaching'), 'retired services are not offered');
      assert.match(page, /Data inquiry cycles/);
      // Another center's director cannot touch this center's service, even by id.
      const other = await as(otherDirector.id);
      assert.equal((await other.get(`/centers/${otherCenter.slug}/services/${second!.id}/edit`)).statusCode, 404);
      assert.equal((await other.get(`${base}/services/${second!.id}/edit`)).statusCode, 403);
    });

    it('keeps drafts private and publishes news newest first', async () => {
      const director = await as(n.directorC.id);
      const base = `/centers/${n.center.slug}`;
      await director.submit(`${base}/news/new`, { title: 'Draft thoughts', body: 'Not yet.', status: 'draft' });
      await director.submit(`${base}/news/new`, { title: 'Spring institute', body: 'Join us.', status: 'published' });
      const pub = textOf((await (await as(n.leaderA.id)).get(base)).body);
      assert.match(pub, /Spring institute/);
      assert.ok(!pub.includes('Draft thoughts'));
      assert.equal((await t.client().get(`${base}/news/spring-institute`)).statusCode, 200);
      assert.equal((await t.client().get(`${base}/news/draft-thoughts`)).statusCode, 404);
      assert.equal((await director.submit(`${base}/edit`, {}, `${base}/news/draft-thoughts/delete`)).statusCode, 303);
      assert.equal((await t.db.selectFrom('center_news').selectAll().execute()).length, 1);
    });

    it('takes a school\'s request once, emails the center, and emails the answer back', async () => {
      const service = await t.db.selectFrom('center_services').selectAll().where('center_id', '=', n.center.id).where('retired_at', 'is', null).orderBy('position').executeTakeFirstOrThrow();
      const form = `/centers/${n.center.slug}/services/${service.id}/request`;
      assert.equal((await t.client().get(form)).statusCode, 302, 'visitors sign in first');
      const other = await as(leaderOther.id);
      const refused = await other.get(form);
      assert.equal(refused.statusCode, 403);
      assert.match(textOf(refused.body), /works with another center/);
      const leader = await as(n.leaderA.id);
      const page = await leader.get(form);
      assert.equal(page.statusCode, 200);
      const key = /name="submission_key" value="([^"]+)"/.exec(page.body)![1]!;
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const bad = await leader.post(form, { _csrf: csrf, submission_key: key, need: '', contact: 'Lena' });
      assert.equal(bad.statusCode, 400);
      const fields = { _csrf: csrf, submission_key: key, need: 'Help with advisory.', timing: 'Spring', contact: 'Lena, 555-0100' };
      const [a, b] = await Promise.all([leader.post(form, fields), leader.post(form, fields)]);
      assert.equal(a.statusCode, 303);
      assert.equal(b.statusCode, 303);
      assert.equal(a.headers.location, b.headers.location, 'double submit lands on the same request');
      const rows = await t.db.selectFrom('service_requests').selectAll().execute();
      assert.equal(rows.length, 1);
      await drainJobs(t);
      const toCenter = t.smtp.messages.filter((m) => /Service request from/.test(m.subject ?? '')).flatMap(recipients).sort();
      assert.deepEqual(toCenter, [n.directorC.email, n.coachC.email].sort());
      // The queue: the coach sees it; another center's director and the school's staff do not.
      const queue = `/centers/${n.center.slug}/requests`;
      assert.equal((await (await as(n.coachC.id)).get(queue)).statusCode, 200);
      assert.equal((await (await as(otherDirector.id)).get(queue)).statusCode, 404);
      assert.equal((await (await as(n.staffA.id)).get(queue)).statusCode, 404);
      const one = `${queue}/${rows[0]!.id}`;
      assert.equal((await (await as(otherDirector.id)).get(one)).statusCode, 404);
      assert.match(textOf((await (await as(n.staffA.id)).get(`${queue}/mine`)).body), /Open/);
      const coach = await as(n.coachC.id);
      const noResponse = await coach.submit(one, { status: 'answered', response: '' });
      assert.equal(noResponse.statusCode, 400);
      const answered = await coach.submit(one, { status: 'answered', response: 'Carl will visit on Tuesday.' });
      assert.equal(answered.statusCode, 303);
      await drainJobs(t);
      const reply = await t.smtp.waitFor((m) => /answered your request/.test(m.subject ?? ''));
      assert.deepEqual(recipients(reply), [n.leaderA.email]);
      assert.match(reply.text ?? '', /Carl will visit on Tuesday/);
      assert.match(textOf((await leader.get(one)).body), /Carl will visit on Tuesday/);
      const filtered = textOf((await coach.get(`${queue}?status=open`)).body);
      assert.match(filtered, /No requests to show/);
      assert.equal((await (await as(n.admin.id)).get('/admin/service-requests')).statusCode, 200);
      assert.equal((await coach.get('/admin/service-requests')).statusCode, 403);
    });

    it('serves the API: public centers, requests for staff, idempotent POST', async () => {
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/centers' });
      assert.equal(list.statusCode, 200);
      const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/centers/${n.center.slug}` })).json();
      assert.equal(detail.schools[0].slug, n.schoolA.slug);
      assert.equal(detail.email, null);
      assert.ok(!JSON.stringify(detail).includes(n.directorC.email));
      const service = detail.services[0];
      const leader = await as(n.leaderA.id);
      const body = { service_id: service.id, need: 'Assessment design', contact: 'Lena', submission_key: 'api-key-000000000001' };
      const post = (c: TestClient) => c.request({ method: 'POST', url: `/api/v1/centers/${n.center.slug}/service-requests`, payload: body, headers: { 'content-type': 'application/json' } });
      const first = await post(leader);
      assert.equal(first.statusCode, 201);
      assert.equal((await post(leader)).statusCode, 200);
      assert.equal((await post(await as(leaderOther.id))).statusCode, 403);
      const bad = await leader.request({ method: 'POST', url: `/api/v1/centers/${n.center.slug}/service-requests`, payload: { need: '' }, headers: { 'content-type': 'application/json' } });
      assert.equal(bad.statusCode, 400);
      assert.equal((await (await as(n.directorC.id)).get(`/api/v1/centers/${n.center.slug}/service-requests`)).json().total, 2);
      assert.equal((await leader.get(`/api/v1/centers/${n.center.slug}/service-requests`)).statusCode, 404);
      const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      assert.ok(spec.paths['/api/v1/centers/{slug}/service-requests'].post.summary);
    });
  });
}

