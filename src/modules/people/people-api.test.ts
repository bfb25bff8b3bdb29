import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { linkIn, recipients } from '../../../test/helpers/smtp.ts';
import { createPeopleNetwork, insertApiToken, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { textOf } from '../../../test/helpers/client.ts';

type Call = { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; body?: unknown };

for (const dialect of testDialects()) {
  describe(`people API (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    const tokens: Record<'admin' | 'leaderA' | 'staffA' | 'leaderB' | 'directorC', string> = {} as never;

    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      tokens.admin = await insertApiToken(t.db, 'network_admin', n.office.id);
      tokens.leaderA = await insertApiToken(t.db, 'school_leader', n.schoolA.id);
      tokens.staffA = await insertApiToken(t.db, 'school_staff', n.schoolA.id);
      tokens.leaderB = await insertApiToken(t.db, 'school_leader', n.schoolB.id);
      tokens.directorC = await insertApiToken(t.db, 'center_director', n.center.id);
    });
    after(() => t.close());

    function call(token: string | null, c: Call) {
      return t.app.inject({
        method: c.method,
        url: c.url,
        headers: { ...(token && { authorization: `Bearer ${token}` }), ...(c.body !== undefined && { 'content-type': 'application/json' }) },
        ...(c.body !== undefined && { payload: JSON.stringify(c.body) }),
      });
    }
    const rolesOf = (personId: number) => t.db.selectFrom('roles').selectAll().where('person_id', '=', personId).execute();
    const personByEmail = (email: string) => t.db.selectFrom('people').selectAll().where('email', '=', email).executeTakeFirst();
    const auditCount = async () => Number((await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    it('lists everyone for a network admin, never with password hashes', async () => {
      const res = await call(tokens.admin, { method: 'GET', url: '/api/v1/people?per_page=100' });
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.equal(body.total, 8);
      assert.ok(body.items.some((p: { email: string }) => p.email === n.staffB.email));
      assert.doesNotMatch(res.body, /password|argon2|token/i);
      const search = (await call(tokens.admin, { method: 'GET', url: `/api/v1/people?q=LEADER&role=school_leader` })).json();
      assert.deepEqual(search.items.map((p: { name: string }) => p.name).sort(), ['Lena Leader', 'Luis Leader']);
    });

    it('lists people for others only within an organisation they may see', async () => {
      const mine = await call(tokens.leaderA, { method: 'GET', url: `/api/v1/people?organisation_id=${n.schoolA.id}` });
      assert.equal(mine.statusCode, 200);
      assert.deepEqual(mine.json().items.map((p: { name: string }) => p.name).sort(), ['Lena Leader', 'Sam Staff']);
      const noFilter = await call(tokens.leaderA, { method: 'GET', url: '/api/v1/people' });
      assert.equal(noFilter.statusCode, 403);
      assert.match(noFilter.json().error.message, /organisation_id/);
      assert.equal((await call(tokens.leaderA, { method: 'GET', url: `/api/v1/people?organisation_id=${n.schoolB.id}` })).statusCode, 404);
      assert.equal((await call(tokens.directorC, { method: 'GET', url: `/api/v1/people?organisation_id=${n.schoolA.id}` })).statusCode, 200);
      assert.equal((await call(null, { method: 'GET', url: '/api/v1/people' })).statusCode, 401);
      assert.equal((await call('not-a-real-token', { method: 'GET', url: '/api/v1/people' })).statusCode, 401);
    });

    it('shows a person with roles to those who may see them, and 404 to everyone else', async () => {
      const seen = await call(tokens.leaderA, { method: 'GET', url: `/api/v1/people/${n.staffA.id}` });
      assert.equal(seen.statusCode, 200);
      const body = seen.json();
      assert.equal(body.email, n.staffA.email);
      assert.deepEqual(body.roles.map((r: { role: string; organisation: { slug: string } }) => [r.role, r.organisation.slug]), [['school_staff', n.schoolA.slug]]);
      assert.doesNotMatch(seen.body, /password/i);
      assert.equal((await call(tokens.leaderA, { method: 'GET', url: `/api/v1/people/${n.staffB.id}` })).statusCode, 404);
      assert.equal((await call(tokens.directorC, { method: 'GET', url: `/api/v1/people/${n.staffA.id}` })).statusCode, 200);
      assert.equal((await call(tokens.admin, { method: 'GET', url: '/api/v1/people/999999' })).statusCode, 404);
      const bad = await call(tokens.admin, { method: 'GET', url: '/api/v1/people/abc' });
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.json().error.fields.id);
    });

    it("lists an organisation's people only for those who may see it", async () => {
      const res = await call(tokens.directorC, { method: 'GET', url: `/api/v1/organisations/${n.schoolA.id}/people` });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json().items.map((i: { person: { name: string }; role: { role: string } }) => [i.person.name, i.role.role]), [['Lena Leader', 'school_leader'], ['Sam Staff', 'school_staff']]);
      assert.equal((await call(tokens.leaderB, { method: 'GET', url: `/api/v1/organisations/${n.schoolA.id}/people` })).statusCode, 404);
    });

    it('adds a person (admins only, 201); a taken address is 409 on the email field; bad input is 400 with field paths', async () => {
      const created = await call(tokens.admin, { method: 'POST', url: '/api/v1/people', body: { name: 'Api Person', email: 'API.Person@example.org' } });
      assert.equal(created.statusCode, 201);
      assert.equal(created.json().email, 'api.person@example.org');
      assert.equal(created.json().invited, true);
      const row = await personByEmail('api.person@example.org');
      assert.ok(row);
      const audit = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'person.created').where('subject_id', '=', row.id).executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(audit.changes!), { name: 'Api Person', email: 'api.person@example.org' });

      const before = await auditCount();
      const dup = await call(tokens.admin, { method: 'POST', url: '/api/v1/people', body: { name: 'Again', email: 'api.person@example.org' } });
      assert.equal(dup.statusCode, 409);
      assert.deepEqual(dup.json().error.fields, { email: ['Another person already uses this email address.'] });
      const bad = await call(tokens.admin, { method: 'POST', url: '/api/v1/people', body: { name: '', email: 'nope', extra: 1 } });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(Object.keys(bad.json().error.fields).sort(), ['email', 'name']);
      assert.equal((await call(tokens.leaderA, { method: 'POST', url: '/api/v1/people', body: { name: 'X', email: 'x@example.org' } })).statusCode, 403);
      assert.equal(await auditCount(), before, 'refused requests record nothing');
      assert.equal(await personByEmail('x@example.org'), undefined);
    });

    it('changes a person (admin): a duplicate email is 409 and changes nothing; a new email needs verifying again', async () => {
      const target = await createPerson(t.db, { name: 'Patch Me', email: 'patch.me@example.org' });
      const before = await auditCount();
      const dup = await call(tokens.admin, { method: 'PATCH', url: `/api/v1/people/${target.id}`, body: { name: 'Renamed', email: n.staffA.email } });
      assert.equal(dup.statusCode, 409);
      assert.deepEqual(dup.json().error.fields, { email: ['Another person already uses this email address.'] });
      const unchanged = await personByEmail('patch.me@example.org');
      assert.equal(unchanged?.name, 'Patch Me', 'the name in the same request was not saved either');
      assert.equal(await auditCount(), before);

      const ok = await call(tokens.admin, { method: 'PATCH', url: `/api/v1/people/${target.id}`, body: { email: 'Patched@example.org' } });
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.json().email, 'patched@example.org');
      assert.equal(ok.json().email_verified, false);
      const event = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'person.updated').where('subject_id', '=', target.id).executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(event.changes!), { email: ['patch.me@example.org', 'patched@example.org'] });

      const unknown = await call(tokens.admin, { method: 'PATCH', url: `/api/v1/people/${target.id}`, body: { password_hash: 'x' } });
      assert.equal(unknown.statusCode, 400, 'unknown fields are refused, not ignored');
      // Tokens act for no person, so only an admin token may change people.
      assert.equal((await call(tokens.leaderA, { method: 'PATCH', url: `/api/v1/people/${n.staffA.id}`, body: { name: 'Hijack' } })).statusCode, 403);
      assert.equal((await call(tokens.leaderB, { method: 'PATCH', url: `/api/v1/people/${n.staffA.id}`, body: { name: 'Hijack' } })).statusCode, 404);
    });

    describe('roles', () => {
      it('a leader gives and takes away roles at their school; every change is audited', async () => {
        const granted = await call(tokens.leaderA, { method: 'POST', url: `/api/v1/people/${n.staffA.id}/roles`, body: { organisation_id: n.schoolA.id, role: 'school_leader', title: 'Assistant principal' } });
        assert.equal(granted.statusCode, 201);
        const role = granted.json();
        assert.equal(role.title, 'Assistant principal');
        const event = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'role.granted').where('subject_id', '=', role.id).executeTakeFirstOrThrow();
        assert.equal(event.organisation_id, n.schoolA.id);
        assert.match(event.actor_label, /^api-token:\d+:test school_leader$/);

        const dup = await call(tokens.leaderA, { method: 'POST', url: `/api/v1/people/${n.staffA.id}/roles`, body: { organisation_id: n.schoolA.id, role: 'school_leader' } });
        assert.equal(dup.statusCode, 409);
        assert.match(dup.json().error.message, /already has that role/);

        const removed = await call(tokens.leaderA, { method: 'DELETE', url: `/api/v1/people/${n.staffA.id}/roles/${role.id}` });
        assert.equal(removed.statusCode, 204);
        assert.equal(removed.body, '');
        assert.deepEqual((await rolesOf(n.staffA.id)).map((r) => r.role), ['school_staff']);
        const revoked = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'role.revoked').where('subject_id', '=', role.id).executeTakeFirstOrThrow();
        assert.deepEqual(JSON.parse(revoked.changes!), { person: n.staffA.id, role: 'school_leader', title: 'Assistant principal' });
      });

      it('refuses network_admin from anyone but an admin, and roles that do not fit the kind (400 with a message)', async () => {
        const before = await auditCount();
        const escalate = await call(tokens.leaderA, { method: 'POST', url: `/api/v1/people/${n.staffA.id}/roles`, body: { organisation_id: n.office.id, role: 'network_admin' } });
        assert.equal(escalate.statusCode, 403);
        const misfit = await call(tokens.admin, { method: 'POST', url: `/api/v1/people/${n.staffA.id}/roles`, body: { organisation_id: n.center.id, role: 'school_leader' } });
        assert.equal(misfit.statusCode, 400);
        assert.equal(misfit.json().error.message, "An affiliate center's roles are center director and center coach.");
        assert.ok(misfit.json().error.fields.role);
        const unknownOrg = await call(tokens.admin, { method: 'POST', url: `/api/v1/people/${n.staffA.id}/roles`, body: { organisation_id: 999999, role: 'school_staff' } });
        assert.equal(unknownOrg.statusCode, 400);
        assert.ok(unknownOrg.json().error.fields.organisation_id);
        const badBody = await call(tokens.admin, { method: 'POST', url: `/api/v1/people/${n.staffA.id}/roles`, body: { organisation_id: 'one', role: 'boss' } });
        assert.equal(badBody.statusCode, 400);
        assert.deepEqual(Object.keys(badBody.json().error.fields).sort(), ['organisation_id', 'role']);
        assert.deepEqual((await rolesOf(n.staffA.id)).map((r) => r.role), ['school_staff']);
        assert.equal(await auditCount(), before);
        // Negative control: an admin may make someone a network admin.
        const byAdmin = await call(tokens.admin, { method: 'POST', url: `/api/v1/people/${n.leaderB.id}/roles`, body: { organisation_id: n.office.id, role: 'network_admin' } });
        assert.equal(byAdmin.statusCode, 201);
      });

      it('never removes the last network admin (409), and removes one of two', async () => {
        const adminRoles = await t.db.selectFrom('roles').selectAll().where('role', '=', 'network_admin').orderBy('id').execute();
        assert.equal(adminRoles.length, 2, 'Ada and (from the previous test) Luis');
        const first = await call(tokens.admin, { method: 'DELETE', url: `/api/v1/people/${n.leaderB.id}/roles/${adminRoles[1]!.id}` });
        assert.equal(first.statusCode, 204);
        const before = await auditCount();
        const last = await call(tokens.admin, { method: 'DELETE', url: `/api/v1/people/${n.admin.id}/roles/${adminRoles[0]!.id}` });
        assert.equal(last.statusCode, 409);
        assert.match(last.json().error.message, /last network admin/);
        assert.equal((await rolesOf(n.admin.id)).length, 1);
        assert.equal(await auditCount(), before);
      });

      it('two admins removing each other at once leave one of them an admin', async () => {
        const second = await createPerson(t.db, { name: 'Second Admin', roles: [['network_admin', n.office.id]] });
        const adminRoles = await t.db.selectFrom('roles').selectAll().where('role', '=', 'network_admin').orderBy('id').execute();
        const results = await Promise.all(
          adminRoles.map((r) => call(tokens.admin, { method: 'DELETE', url: `/api/v1/people/${r.person_id}/roles/${r.id}` })),
        );
        assert.deepEqual(results.map((r) => r.statusCode).sort(), [204, 409]);
        assert.equal((await t.db.selectFrom('roles').select('id').where('role', '=', 'network_admin').execute()).length, 1);
        // Put the original admin back for the tests that follow.
        if (!(await rolesOf(n.admin.id)).length) {
          await t.db.insertInto('roles').values({ person_id: n.admin.id, organisation_id: n.office.id, role: 'network_admin', created_at: new Date().toISOString() }).execute();
        }
        assert.ok(second);
      });
    });

    describe('invitations', () => {
      const invite = (token: string, orgId: number, body: Record<string, unknown>) => call(token, { method: 'POST', url: `/api/v1/organisations/${orgId}/invitations`, body });

      it('a leader invites by API: 201, the person, the role and an email with the link', async () => {
        const res = await invite(tokens.leaderA, n.schoolA.id, { name: 'Api Invitee', email: 'api.invitee@example.org', role: 'school_staff', title: 'Counselor' });
        assert.equal(res.statusCode, 201);
        const body = res.json();
        assert.deepEqual(Object.keys(body).sort(), ['invitation_sent', 'person', 'role'], 'nothing says whether the address was new');
        assert.deepEqual(Object.keys(body.person).sort(), ['email', 'id', 'name'], "a leader is not told about the invitee's account");
        assert.equal(body.invitation_sent, true);
        assert.equal(body.role.organisation_id, n.schoolA.id);
        assert.doesNotMatch(res.body, /token|password/i);
        const mail = await t.smtp.waitFor((m) => recipients(m).includes('api.invitee@example.org'));
        assert.match(linkIn(mail, '/invitation?token='), /^http:\/\/localhost:3000\/invitation\?token=[\w-]{40,}$/);
        const again = await invite(tokens.leaderA, n.schoolA.id, { name: 'Api Invitee', email: 'api.invitee@example.org', role: 'school_staff' });
        assert.equal(again.statusCode, 409);
      });

      it('concurrent invitations of one address: one 201, the rest 409, one person, one role', async () => {
        const body = { name: 'Rush Person', email: 'rush@example.org', role: 'school_staff' };
        const results = await Promise.all([1, 2, 3, 4].map(() => invite(tokens.leaderA, n.schoolA.id, body)));
        assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409, 409, 409]);
        const person = await personByEmail('rush@example.org');
        assert.ok(person);
        assert.equal((await rolesOf(person.id)).length, 1);
      });

      it('bad input is 400 with field paths; nothing is saved', async () => {
        const res = await invite(tokens.leaderA, n.schoolA.id, { name: 'x'.repeat(201), email: 'nope', role: 'chief', title: 'y'.repeat(121) });
        assert.equal(res.statusCode, 400);
        assert.deepEqual(Object.keys(res.json().error.fields).sort(), ['email', 'name', 'role', 'title']);
        const malformed = await t.app.inject({ method: 'POST', url: `/api/v1/organisations/${n.schoolA.id}/invitations`, headers: { authorization: `Bearer ${tokens.leaderA}`, 'content-type': 'application/json' }, payload: '{"name":' });
        assert.equal(malformed.statusCode, 400);
        assert.equal(await personByEmail('nope'), undefined);
      });
    });

    describe('the cross-organisation matrix', () => {
      // Each row is a request some actor must be refused. Run with that actor it must answer the
      // refusal; run with an actor the policy allows everything (a network admin token) it must
      // not, which shows each row would fail if the policy let everyone through.
      const matrix = (): { actor: keyof typeof tokens; call: Call; expected: number; why: string }[] => [
        { actor: 'leaderA', call: { method: 'GET', url: `/api/v1/organisations/${n.schoolB.id}/people` }, expected: 404, why: 'leader of A lists people of B' },
        { actor: 'leaderA', call: { method: 'GET', url: `/api/v1/people?organisation_id=${n.schoolB.id}` }, expected: 404, why: 'leader of A searches people of B' },
        { actor: 'leaderA', call: { method: 'GET', url: `/api/v1/people/${n.staffB.id}` }, expected: 404, why: 'leader of A reads a person of B' },
        { actor: 'leaderA', call: { method: 'POST', url: `/api/v1/organisations/${n.schoolB.id}/invitations`, body: { name: 'M1', email: 'm1@example.org', role: 'school_staff' } }, expected: 404, why: 'leader of A invites to B' },
        { actor: 'leaderA', call: { method: 'DELETE', url: `/api/v1/people/${n.staffB.id}/roles/{roleB}` }, expected: 404, why: 'leader of A removes a role at B' },
        { actor: 'staffA', call: { method: 'POST', url: `/api/v1/organisations/${n.schoolA.id}/invitations`, body: { name: 'M2', email: 'm2@example.org', role: 'school_staff' } }, expected: 403, why: 'staff of A invites' },
        { actor: 'staffA', call: { method: 'POST', url: `/api/v1/people/${n.leaderA.id}/roles`, body: { organisation_id: n.schoolA.id, role: 'school_staff' } }, expected: 403, why: 'staff of A grants a role' },
        { actor: 'directorC', call: { method: 'POST', url: `/api/v1/organisations/${n.schoolA.id}/invitations`, body: { name: 'M3', email: 'm3@example.org', role: 'school_staff' } }, expected: 403, why: "director of C invites at C's school" },
        { actor: 'directorC', call: { method: 'GET', url: `/api/v1/organisations/${n.schoolB.id}/people` }, expected: 404, why: 'director of C lists a school outside C' },
        { actor: 'leaderA', call: { method: 'POST', url: `/api/v1/people/${n.staffA.id}/roles`, body: { organisation_id: n.office.id, role: 'network_admin' } }, expected: 403, why: 'leader grants network_admin' },
      ];
      const mismatches = async (actorFor: (row: ReturnType<typeof matrix>[number]) => string) => {
        const roleB = (await rolesOf(n.staffB.id)).find((r) => r.organisation_id === n.schoolB.id)!;
        const out: string[] = [];
        for (const row of matrix()) {
          const res = await call(actorFor(row), { ...row.call, url: row.call.url.replace('{roleB}', String(roleB.id)) });
          if (res.statusCode !== row.expected) out.push(`${row.why}: ${res.statusCode}`);
        }
        return out;
      };

      it('refuses every cross-organisation request, and saves nothing', async () => {
        const before = { audit: await auditCount(), people: (await t.db.selectFrom('people').select('id').execute()).length };
        assert.deepEqual(await mismatches((row) => tokens[row.actor]), []);
        assert.equal(await auditCount(), before.audit);
        assert.equal((await t.db.selectFrom('people').select('id').execute()).length, before.people);
      });

      it('negative control: with an allow-everything actor, every row of the matrix would fail', async () => {
        const failures = await mismatches(() => tokens.admin);
        assert.equal(failures.length, matrix().length, `rows that would still pass: ${matrix().length - failures.length}`);
      });
    });

    it('describes every people endpoint in /api/openapi.json with tags, summaries and responses', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      const expected: [string, string, string][] = [
        ['/api/v1/people', 'get', '200'],
        ['/api/v1/people', 'post', '201'],
        ['/api/v1/people/{id}', 'get', '200'],
        ['/api/v1/people/{id}', 'patch', '200'],
        ['/api/v1/people/{id}/roles', 'post', '201'],
        ['/api/v1/people/{id}/roles/{roleId}', 'delete', '204'],
        ['/api/v1/organisations/{id}/people', 'get', '200'],
        ['/api/v1/organisations/{id}/invitations', 'post', '201'],
      ];
      for (const [path, method, status] of expected) {
        const op = doc.paths[path]?.[method];
        assert.ok(op, `${method} ${path} is documented`);
        assert.deepEqual(op.tags, ['people']);
        assert.ok(op.summary);
        assert.ok(op.responses[status], `${method} ${path} documents ${status}`);
        assert.ok(op.responses['404'], `${method} ${path} documents 404`);
      }
      assert.ok(doc.paths['/api/v1/people'].post.requestBody.content['application/json'].schema);
      assert.doesNotMatch(JSON.stringify(doc.paths['/api/v1/people/{id}']), /password/);
    });
  });

  describe(`inviting while the mail server is down (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    before(async () => {
      // Nothing listens on port 1: every send fails at once, as with a mail server that is down.
      t = await createTestApp(dialect, { env: { SMTP_URL: 'smtp://127.0.0.1:1' } });
      n = await createPeopleNetwork(t.db);
    });
    after(() => t.close());

    it('keeps the role, says the email was not sent, and offers to send it again', async () => {
      const token = await insertApiToken(t.db, 'school_leader', n.schoolA.id);
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/organisations/${n.schoolA.id}/invitations`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ name: 'Unlucky', email: 'unlucky@example.org', role: 'school_staff' }),
      });
      assert.equal(res.statusCode, 201);
      assert.equal(res.json().invitation_sent, false);
      assert.equal('person_created' in res.json(), false);

      const leader = t.client();
      await signIn(t.db, leader, n.leaderA.id);
      const form = await leader.submit(`/organisations/${n.schoolA.slug}/people`, { name: 'Unlucky Two', email: 'unlucky2@example.org', role: 'school_staff' });
      assert.equal(form.statusCode, 303);
      const page = textOf((await leader.get(`/organisations/${n.schoolA.slug}/people`)).body);
      assert.match(page, /The role was added, but the invitation email could not be sent/);
      assert.match(page, /Unlucky Two .* Invited Remove .*Send invitation again/);
      const saved = await t.db.selectFrom('people').innerJoin('roles', 'roles.person_id', 'people.id').select('roles.role').where('people.email', '=', 'unlucky2@example.org').execute();
      assert.deepEqual(saved.map((r) => r.role), ['school_staff']);
    });
  });
}
