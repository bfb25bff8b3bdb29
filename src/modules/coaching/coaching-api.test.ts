import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { createPeopleNetwork, insertApiToken, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { seedDemoFrameworks } from '../framework/framework.demo.ts';
import { taxonomyTerms } from '../framework/taxonomy.service.ts';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
type Method = 'GET' | 'POST' | 'PATCH';
type Role = 'coach' | 'director' | 'otherCoach' | 'leader' | 'otherLeader' | 'partner' | 'admin';

for (const dialect of testDialects()) {
  describe(`coaching API (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let otherCenter: Awaited<ReturnType<typeof createOrganisation>>;
    let benchmarks: string[] = [];
    const tokens = {} as Record<Role, string>;
    let engagementId = 0;
    let privateSession: { id: number; updated_at: string; next_steps: { id: number }[] };
    let sharedSession: { id: number; updated_at: string; next_steps: { id: number }[] };

    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      await seedDemoFrameworks(t.db);
      benchmarks = (await taxonomyTerms(t.db)).filter((x) => x.kind === 'benchmark').map((x) => x.tag);
      otherCenter = await createOrganisation(t.db, { kind: 'affiliate_center' });
      await createPerson(t.db, { roles: [['center_coach', otherCenter.id]] });
      tokens.coach = await insertApiToken(t.db, 'center_coach', n.center.id);
      tokens.director = await insertApiToken(t.db, 'center_director', n.center.id);
      tokens.otherCoach = await insertApiToken(t.db, 'center_coach', otherCenter.id);
      tokens.leader = await insertApiToken(t.db, 'school_leader', n.schoolA.id);
      tokens.otherLeader = await insertApiToken(t.db, 'school_leader', n.schoolB.id);
      tokens.partner = await insertApiToken(t.db, 'partner_staff', n.partner.id);
      tokens.admin = await insertApiToken(t.db, 'network_admin', n.office.id);
    });
    after(() => t.close());

    function call(who: Role | null, method: Method, url: string, body?: unknown, contentType = 'application/json') {
      return t.app.inject({
        method,
        url,
        headers: { ...(who && { authorization: `Bearer ${tokens[who]}` }), ...(body !== undefined && { 'content-type': contentType }) },
        ...(body !== undefined && { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
    }
    /** Each role's status for one call, to compare with what the rules say. */
    async function statuses(method: Method, url: string, body: () => unknown, roles: Role[]) {
      const out: Partial<Record<Role, number>> = {};
      for (const r of roles) out[r] = (await call(r, method, url, body())).statusCode;
      return out;
    }
    const good = () => ({ school_id: n.schoolA.id, title: 'Advisory redesign', goals: 'Every student known.', starts_on: day(-30), ends_on: day(200), focus: [benchmarks[0]!], coaches: [n.coachC.id], contacts: [n.leaderA.id] });
    const centerUrl = () => `/api/v1/centers/${n.center.slug}/engagements`;
    const audits = async (action: string) => (await t.db.selectFrom('audit_events').select('id').where('action', '=', action).execute()).length;

    it('refuses callers without a credential (401), and non-JSON writes (415)', async () => {
      for (const [method, url] of [['GET', centerUrl()], ['POST', centerUrl()], ['GET', '/api/v1/engagements/1'], ['PATCH', '/api/v1/engagements/1'], ['POST', '/api/v1/engagements/1/sessions'], ['PATCH', '/api/v1/engagements/1/sessions/1'], ['POST', '/api/v1/next-steps/1/done'], ['GET', '/api/v1/me/caseload']] as [Method, string][]) {
        assert.equal((await call(null, method, url, method === 'GET' ? undefined : {})).statusCode, 401, `${method} ${url}`);
      }
      const bad = await t.app.inject({ method: 'GET', url: '/api/v1/me/caseload', headers: { authorization: 'Bearer not-a-token' } });
      assert.equal(bad.statusCode, 401);
      const form = await call('director', 'POST', centerUrl(), 'title=x', 'application/x-www-form-urlencoded');
      assert.equal(form.statusCode, 415);
      assert.equal(form.json().error.code, 'unsupported_media_type');
    });

    it('creates engagements for the center staff only; bad input is 400 with field paths', async () => {
      const refused = await statuses('POST', centerUrl(), good, ['otherCoach', 'leader', 'otherLeader', 'partner']);
      assert.deepEqual(refused, { otherCoach: 404, leader: 404, otherLeader: 404, partner: 404 });
      for (const [body, field] of [
        [{ ...good(), ends_on: day(-40) }, 'ends_on'],
        [{ ...good(), school_id: n.schoolB.id }, 'school_id'],
        [{ ...good(), coaches: [n.leaderA.id] }, 'coaches'],
        [{ ...good(), focus: ['benchmark:nope'] }, 'focus'],
        [{ ...good(), title: '' }, 'title'],
        [{ ...good(), extra: 1 }, ''],
        [{ ...good(), minutes: 'x', school_id: 'A' }, 'school_id'],
      ] as [Record<string, unknown>, string][]) {
        const res = await call('director', 'POST', centerUrl(), body);
        assert.equal(res.statusCode, 400, JSON.stringify(body));
        if (field) assert.ok(res.json().error.fields[field], `${field}: ${res.body}`);
      }
      assert.equal(await audits('engagement.created'), 0, 'nothing saved by refused calls');
      const created = await call('coach', 'POST', centerUrl(), good());
      assert.equal(created.statusCode, 201, created.body);
      engagementId = created.json().id;
      assert.equal(created.headers.location, `/api/v1/engagements/${engagementId}`);
      assert.deepEqual(created.json().coaches, [{ id: n.coachC.id, name: 'Carl Coach' }]);
      assert.equal(created.json().school.slug, n.schoolA.slug);
      assert.equal(await audits('engagement.created'), 1);
      assert.equal((await call('director', 'POST', `/api/v1/centers/no-such-center/engagements`, good())).statusCode, 404);
    });

    it('lists a center\'s engagements with filters, for its staff and admins only', async () => {
      const other = await call('director', 'POST', centerUrl(), { ...good(), title: 'Closed case', status: 'closed', coaches: [n.directorC.id] });
      assert.equal(other.statusCode, 201);
      const allowed = await statuses('GET', centerUrl(), () => undefined, ['coach', 'director', 'admin', 'otherCoach', 'leader', 'otherLeader', 'partner']);
      assert.deepEqual(allowed, { coach: 200, director: 200, admin: 200, otherCoach: 404, leader: 404, otherLeader: 404, partner: 404 });
      const titles = async (q: string) => (await call('coach', 'GET', `${centerUrl()}${q}`)).json().data.map((e: { title: string }) => e.title).sort();
      assert.deepEqual(await titles(''), ['Advisory redesign', 'Closed case']);
      assert.deepEqual(await titles('?status=closed'), ['Closed case']);
      assert.deepEqual(await titles(`?coach=${n.coachC.id}`), ['Advisory redesign']);
      assert.deepEqual(await titles(`?school=${n.schoolB.id}`), []);
      assert.deepEqual(await titles(`?school=${n.schoolA.id}&status=active`), ['Advisory redesign']);
      assert.equal((await call('coach', 'GET', `${centerUrl()}?status=nope`)).statusCode, 400);
    });

    it('logs sessions with next steps (staff only); bad input is 400 on the body\'s paths', async () => {
      const url = `/api/v1/engagements/${engagementId}/sessions`;
      const session = (extra: Record<string, unknown> = {}) => ({ held_on: day(-2), minutes: 90, modality: 'on_site', notes: 'Private planning note.', ...extra });
      assert.deepEqual(await statuses('POST', url, session, ['leader', 'otherLeader', 'otherCoach', 'partner']), { leader: 403, otherLeader: 404, otherCoach: 404, partner: 404 });
      for (const [body, field] of [
        [session({ minutes: 0 }), 'minutes'],
        [session({ minutes: 1441 }), 'minutes'],
        [session({ held_on: day(4) }), 'held_on'],
        [session({ modality: 'carrier-pigeon' }), 'modality'],
        [session({ next_steps: [{ description: 'x', owner: n.staffA.id, due: day(3) }] }), 'next_steps.0.owner'],
        [session({ next_steps: [{ description: 'x', due: day(3) }] }), 'next_steps.0.owner'],
        [session({ next_steps: [{ description: '', owner: n.leaderA.id, due: day(3) }] }), 'next_steps.0.description'],
      ] as [Record<string, unknown>, string][]) {
        const res = await call('coach', 'POST', url, body);
        assert.equal(res.statusCode, 400, JSON.stringify(body));
        assert.ok(res.json().error.fields[field], `${field}: ${res.body}`);
      }
      const priv = await call('coach', 'POST', url, session({ next_steps: [{ description: 'Private: staffing plan', owner: n.leaderA.id, due: day(3) }] }));
      assert.equal(priv.statusCode, 201, priv.body);
      privateSession = priv.json();
      assert.equal(privateSession.next_steps.length, 1);
      const shared = await call('director', 'POST', url, { held_on: day(1), minutes: 60, modality: 'virtual', notes: 'Shared: rubric drafted.', shareable: true, next_steps: [{ description: 'Pilot advisory', owner: n.leaderA.id, due: day(5) }, { description: 'Send readings', owner_name: 'Guest', due: day(6) }] });
      assert.equal(shared.statusCode, 201, shared.body);
      sharedSession = shared.json();
      assert.equal(sharedSession.next_steps.length, 2);
      assert.equal(await audits('engagement_session.logged'), 2);
    });

    it('shows the engagement to its center in full and to the engaged school with shareable sessions only', async () => {
      const url = `/api/v1/engagements/${engagementId}`;
      assert.deepEqual(await statuses('GET', url, () => undefined, ['coach', 'director', 'admin', 'leader', 'otherCoach', 'otherLeader', 'partner']), { coach: 200, director: 200, admin: 200, leader: 200, otherCoach: 404, otherLeader: 404, partner: 404 });
      const staff = (await call('coach', 'GET', url)).json();
      assert.equal(staff.can_manage, true);
      assert.equal(staff.sessions.length, 2);
      const school = await call('leader', 'GET', url);
      assert.equal(school.json().can_manage, false);
      assert.deepEqual(school.json().sessions.map((s: { id: number }) => s.id), [sharedSession.id]);
      assert.doesNotMatch(school.body, /Private/, 'neither the private notes nor their next steps');
      assert.equal((await call('admin', 'GET', '/api/v1/engagements/999999')).statusCode, 404);
      assert.equal((await call('admin', 'GET', '/api/v1/engagements/abc')).statusCode, 400);
    });

    it('changes an engagement: staff only (403 for the school that sees it), only the fields sent', async () => {
      const url = `/api/v1/engagements/${engagementId}`;
      assert.deepEqual(await statuses('PATCH', url, () => ({ status: 'paused' }), ['leader', 'otherLeader', 'otherCoach', 'partner']), { leader: 403, otherLeader: 404, otherCoach: 404, partner: 404 });
      const res = await call('director', 'PATCH', url, { status: 'paused', focus: [benchmarks[1]!] });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().status, 'paused');
      assert.deepEqual(res.json().focus, [benchmarks[1]!]);
      assert.equal(res.json().title, 'Advisory redesign', 'unsent fields kept');
      assert.deepEqual(res.json().contacts.map((c: { id: number }) => c.id), [n.leaderA.id]);
      const moved = await call('director', 'PATCH', url, { school_id: n.schoolB.id });
      assert.equal(moved.statusCode, 400);
      assert.ok(moved.json().error.fields.school_id);
      assert.equal((await call('director', 'PATCH', url, { ends_on: day(-100) })).statusCode, 400);
      const cleared = await call('admin', 'PATCH', url, { ends_on: null, status: 'active' });
      assert.equal(cleared.json().ends_on, null);
    });

    it('changes a session with a token: stale is 409 and changes nothing; unsharing hides it from the school at once', async () => {
      const url = (id: number) => `/api/v1/engagements/${engagementId}/sessions/${id}`;
      // The school sees the shared session (403 to change it) but not the private one (404).
      assert.equal((await call('leader', 'PATCH', url(sharedSession.id), { updated_at: sharedSession.updated_at, minutes: 5 })).statusCode, 403);
      assert.equal((await call('leader', 'PATCH', url(privateSession.id), { updated_at: privateSession.updated_at, minutes: 5 })).statusCode, 404);
      for (const who of ['otherLeader', 'otherCoach', 'partner'] as const) assert.equal((await call(who, 'PATCH', url(sharedSession.id), { updated_at: sharedSession.updated_at })).statusCode, 404, who);
      assert.equal((await call('coach', 'PATCH', `/api/v1/engagements/${engagementId}/sessions/999999`, { updated_at: sharedSession.updated_at })).statusCode, 404);
      assert.equal((await call('coach', 'PATCH', url(sharedSession.id), { minutes: 5 })).statusCode, 400, 'the token is required');
      assert.equal((await call('coach', 'PATCH', url(sharedSession.id), { updated_at: sharedSession.updated_at, minutes: 2000 })).statusCode, 400);
      const stepId = sharedSession.next_steps[0]!.id;
      const ok = await call('coach', 'PATCH', url(sharedSession.id), {
        updated_at: sharedSession.updated_at,
        minutes: 70,
        next_steps: [{ id: stepId, description: 'Pilot advisory with grade 9', due: day(8) }],
        add_next_steps: [{ description: 'Visit classrooms', owner: n.coachC.id, due: day(12) }],
      });
      assert.equal(ok.statusCode, 200, ok.body);
      const body = ok.json();
      assert.equal(body.minutes, 70);
      assert.equal(body.notes, 'Shared: rubric drafted.', 'unsent fields kept');
      assert.deepEqual(body.next_steps.map((s: { description: string }) => s.description).sort(), ['Pilot advisory with grade 9', 'Send readings', 'Visit classrooms']);
      const stepRow = body.next_steps.find((s: { id: number }) => s.id === stepId);
      assert.equal(stepRow.owner_person_id, n.leaderA.id, 'owner kept when not sent');
      const stale = await call('director', 'PATCH', url(sharedSession.id), { updated_at: sharedSession.updated_at, notes: 'Stale rewrite' });
      assert.equal(stale.statusCode, 409);
      // The API's own wording: no form, no version "shown above".
      assert.match(stale.json().error.message, /changed since the updated_at you sent/);
      assert.doesNotMatch(stale.json().error.message, /shown above|in the form/);
      assert.equal((await call('coach', 'GET', `/api/v1/engagements/${engagementId}`)).json().sessions.find((s: { id: number }) => s.id === sharedSession.id).notes, 'Shared: rubric drafted.');
      const badOwner = await call('coach', 'PATCH', url(sharedSession.id), { updated_at: body.updated_at, next_steps: [{ id: stepId, owner: n.staffA.id }] });
      assert.equal(badOwner.statusCode, 400);
      assert.ok(badOwner.json().error.fields['next_steps.0.owner'], badOwner.body);
      const foreign = await call('coach', 'PATCH', url(sharedSession.id), { updated_at: body.updated_at, next_steps: [{ id: privateSession.next_steps[0]!.id, description: 'x' }] });
      assert.equal(foreign.statusCode, 400, "another session's step is not this one's");
      const unshared = await call('coach', 'PATCH', url(sharedSession.id), { updated_at: body.updated_at, shareable: false });
      assert.equal(unshared.statusCode, 200);
      assert.deepEqual((await call('leader', 'GET', `/api/v1/engagements/${engagementId}`)).json().sessions, []);
      assert.equal((await call('leader', 'PATCH', url(sharedSession.id), { updated_at: unshared.json().updated_at })).statusCode, 404, 'no longer seen');
      const reshared = await call('coach', 'PATCH', url(sharedSession.id), { updated_at: unshared.json().updated_at, shareable: true });
      assert.equal(reshared.statusCode, 200);
      sharedSession = reshared.json();
      assert.equal(await audits('engagement_session.updated'), 3);
    });

    it('marks next steps done: staff only; the school gets 403 for a shared step and 404 for a private one', async () => {
      const shared = sharedSession.next_steps[0]!.id;
      const priv = privateSession.next_steps[0]!.id;
      const done = (id: number) => `/api/v1/next-steps/${id}/done`;
      assert.equal((await call('leader', 'POST', done(shared), {})).statusCode, 403);
      assert.equal((await call('leader', 'POST', done(priv), {})).statusCode, 404);
      for (const who of ['otherLeader', 'otherCoach', 'partner'] as const) assert.equal((await call(who, 'POST', done(shared), {})).statusCode, 404, who);
      assert.equal((await call('coach', 'POST', done(shared), 'x=1', 'application/x-www-form-urlencoded')).statusCode, 415);
      assert.equal((await call('coach', 'POST', done(999999), {})).statusCode, 404);
      const res = await call('coach', 'POST', done(shared), {});
      assert.equal(res.statusCode, 200);
      assert.ok(res.json().done_at);
      const again = await call('director', 'POST', done(shared), {});
      assert.equal(again.json().done_at, res.json().done_at, 'idempotent');
      assert.equal(await audits('engagement_next_step.done'), 1);
      // A step marked done is no longer open for edits.
      const stale = await call('coach', 'PATCH', `/api/v1/engagements/${engagementId}/sessions/${sharedSession.id}`, { updated_at: sharedSession.updated_at, next_steps: [{ id: shared, description: 'after done' }] });
      assert.equal(stale.statusCode, 409);
    });

    it("answers the caller's caseload: a person's own engagements, a school's shared sessions", async () => {
      const coachToken = (await call('coach', 'GET', '/api/v1/me/caseload')).json();
      assert.deepEqual(coachToken, { engagements: [], next_steps: [], school_engagements: [] }, 'a token is no person');
      const school = (await call('leader', 'GET', '/api/v1/me/caseload')).json();
      assert.deepEqual(school.school_engagements.map((x: { engagement: { title: string } }) => x.engagement.title).sort(), ['Advisory redesign', 'Closed case'], 'any status');
      const advisory = school.school_engagements.find((x: { engagement: { id: number } }) => x.engagement.id === engagementId);
      assert.deepEqual(advisory.sessions.map((s: { id: number }) => s.id), [sharedSession.id]);
      assert.equal((await call('otherLeader', 'GET', '/api/v1/me/caseload')).json().school_engagements.length, 0);
      assert.equal((await call('partner', 'GET', '/api/v1/me/caseload')).statusCode, 200);
      // A signed-in coach (a browser session also works with the API).
      const c = t.client();
      await signIn(t.db, c, n.coachC.id);
      const mine = (await c.get('/api/v1/me/caseload')).json();
      assert.deepEqual(mine.engagements.map((e: { id: number }) => e.id), [engagementId]);
      assert.deepEqual(mine.next_steps.map((s: { description: string }) => s.description).sort(), ['Pilot advisory with grade 9', 'Private: staffing plan', 'Visit classrooms'], 'open steps only');
      // Negative control: once the coach's role at the center is removed, the same session lists nothing.
      await t.db.deleteFrom('roles').where('person_id', '=', n.coachC.id).where('organisation_id', '=', n.center.id).execute();
      assert.deepEqual((await c.get('/api/v1/me/caseload')).json().engagements, []);
      await t.db.insertInto('roles').values({ person_id: n.coachC.id, organisation_id: n.center.id, role: 'center_coach', created_at: new Date().toISOString() }).execute();
    });

    it('documents every coaching operation under the coaching tag in a valid OpenAPI document', async () => {
      const doc = (await t.client().get('/api/openapi.json')).json();
      const result = await new Validator().validate(doc);
      assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
      const ops: [string, string][] = [
        ['/api/v1/centers/{slug}/engagements', 'get'],
        ['/api/v1/centers/{slug}/engagements', 'post'],
        ['/api/v1/engagements/{id}', 'get'],
        ['/api/v1/engagements/{id}', 'patch'],
        ['/api/v1/engagements/{id}/sessions', 'post'],
        ['/api/v1/engagements/{id}/sessions/{sessionId}', 'patch'],
        ['/api/v1/next-steps/{id}/done', 'post'],
        ['/api/v1/me/caseload', 'get'],
      ];
      for (const [path, method] of ops) {
        const op = doc.paths[path]?.[method];
        assert.ok(op, `${method} ${path}`);
        assert.deepEqual(op.tags, ['coaching'], `${method} ${path}`);
        assert.ok(op.summary && op.description, `${method} ${path} is described`);
      }
      assert.ok(doc.paths['/api/v1/engagements/{id}/sessions'].post.requestBody.content['application/json'].schema.properties.next_steps);
    });
  });
}
