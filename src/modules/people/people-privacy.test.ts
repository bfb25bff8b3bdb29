import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { recipients } from '../../../test/helpers/smtp.ts';
import { createPeopleNetwork, insertApiToken, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { signIn } from '../../../test/factories/people.ts';

// What an organisation's leader learns about someone they invite who already had an account
// elsewhere: who they are, and their roles at the leader's organisations — nothing more.

const LAST_SIGN_IN = '2026-01-02T03:04:05.000Z';
const ACCOUNT_FIELDS = ['created_at', 'disabled', 'email_verified', 'invited', 'last_sign_in_at'];

for (const dialect of testDialects()) {
  describe(`what others see of a person (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let leader: TestClient;

    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      await t.db.updateTable('people').set({ last_sign_in_at: LAST_SIGN_IN }).where('id', '=', n.staffB.id).execute();
      leader = await as(n.leaderA.id);
      // Sara Staff works at school B; the leader of school A invites her address.
      const res = await leader.submit(`/organisations/${n.schoolA.slug}/people`, { name: 'Sara', email: n.staffB.email, role: 'school_staff', title: 'Tutor' });
      assert.equal(res.statusCode, 303);
      await t.smtp.waitFor((m) => recipients(m).includes(n.staffB.email));
    });
    after(() => t.close());

    async function as(personId: number): Promise<TestClient> {
      const client = t.client();
      await signIn(t.db, client, personId);
      return client;
    }
    const api = (token: string, url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    const roleSlugs = (body: { roles: { organisation: { slug: string } }[] }) => body.roles.map((r) => r.organisation.slug).sort();

    it("the inviting leader's page shows the name, email and the school A role only", async () => {
      const res = await leader.get(`/people/${n.staffB.id}`);
      assert.equal(res.statusCode, 200);
      const text = textOf(res.body);
      assert.match(text, new RegExp(`${n.staffB.name} .*${n.staffB.email}`));
      assert.match(text, new RegExp(`${n.schoolA.name} School staff Tutor`));
      assert.match(text, /Only roles at organisations whose people you can see are shown here/);
      assert.doesNotMatch(text, new RegExp(n.schoolB.name), 'nothing about school B');
      assert.doesNotMatch(text, /Last signed in|2026|Email address verified|Invited|Active|Disabled/);
    });

    it('the API tells the leader the same, and documents the shorter shape', async () => {
      const res = await leader.get(`/api/v1/people/${n.staffB.id}`);
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.deepEqual(Object.keys(body).sort(), ['email', 'id', 'name', 'roles']);
      assert.deepEqual(roleSlugs(body), [n.schoolA.slug]);
      const byToken = (await api(await insertApiToken(t.db, 'school_leader', n.schoolA.id), `/api/v1/people/${n.staffB.id}`)).json();
      assert.deepEqual(Object.keys(byToken).sort(), ['email', 'id', 'name', 'roles']);
      assert.deepEqual(roleSlugs(byToken), [n.schoolA.slug]);

      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      const schema = doc.paths['/api/v1/people/{id}'].get.responses['200'].content['application/json'].schema;
      assert.deepEqual([...schema.required].sort(), ['email', 'id', 'name', 'roles'], 'the account fields are optional in the document');
      assert.equal(schema.properties.last_sign_in_at.description, 'Sent only to network admins and to the person themself.');
    });

    it("a center director sees only the roles at the center's schools", async () => {
      const director = await as(n.directorC.id);
      const text = textOf((await director.get(`/people/${n.staffB.id}`)).body);
      assert.match(text, new RegExp(n.schoolA.name));
      assert.doesNotMatch(text, new RegExp(`${n.schoolB.name}|Last signed in`));
    });

    it('control: a network admin and the person themself see every role and the whole account', async () => {
      for (const viewer of [n.admin.id, n.staffB.id]) {
        const client = await as(viewer);
        const text = textOf((await client.get(`/people/${n.staffB.id}`)).body);
        assert.match(text, new RegExp(n.schoolB.name), `viewer ${viewer} sees school B`);
        assert.match(text, /Email address verified Yes/);
        assert.match(text, /Last signed in Jan 2, 2026, 3:04\sAM UTC/);
        assert.doesNotMatch(text, /Only roles at organisations/);
        const body = (await client.get(`/api/v1/people/${n.staffB.id}`)).json();
        assert.deepEqual(roleSlugs(body), [n.schoolA.slug, n.schoolB.slug].sort());
        assert.equal(body.last_sign_in_at, LAST_SIGN_IN);
        assert.equal(body.email_verified, true);
        for (const field of ACCOUNT_FIELDS) assert.ok(field in body, `${field} for viewer ${viewer}`);
      }
      const byToken = (await api(await insertApiToken(t.db, 'network_admin', n.office.id), `/api/v1/people/${n.staffB.id}`)).json();
      assert.deepEqual(roleSlugs(byToken), [n.schoolA.slug, n.schoolB.slug].sort());
    });

    it("lists of an organisation's people keep the account to admins and to the person; leaders see whether each has joined", async () => {
      const mine = (await leader.get(`/api/v1/organisations/${n.schoolA.id}/people`)).json();
      const sara = mine.items.find((i: { person: { id: number } }) => i.person.id === n.staffB.id);
      assert.deepEqual(Object.keys(sara.person).sort(), ['email', 'id', 'name']);
      assert.equal(sara.invitation_pending, true, 'she has not signed in since being given the role');
      const self = mine.items.find((i: { person: { id: number } }) => i.person.id === n.leaderA.id);
      assert.ok('last_sign_in_at' in self.person, "the leader's own row is theirs to see");

      const listed = (await leader.get(`/api/v1/people?organisation_id=${n.schoolA.id}`)).json();
      const saraListed = listed.items.find((p: { id: number }) => p.id === n.staffB.id);
      assert.deepEqual(Object.keys(saraListed).sort(), ['email', 'id', 'name']);

      const page = textOf((await leader.get(`/organisations/${n.schoolA.slug}/people`)).body);
      assert.match(page, new RegExp(`${n.staffB.name} \\S+ School staff — Tutor Invited`));

      // She signs in: now she has joined (told per role, so it reads the same for any account).
      await t.db.updateTable('people').set({ last_sign_in_at: new Date(Date.now() + 1000).toISOString() }).where('id', '=', n.staffB.id).execute();
      assert.match(textOf((await leader.get(`/organisations/${n.schoolA.slug}/people`)).body), new RegExp(`${n.staffB.name} \\S+ School staff — Tutor Joined`));

      const admin = await as(n.admin.id);
      const full = (await admin.get(`/api/v1/organisations/${n.schoolA.id}/people`)).json();
      const saraFull = full.items.find((i: { person: { id: number } }) => i.person.id === n.staffB.id);
      for (const field of ACCOUNT_FIELDS) assert.ok(field in saraFull.person, `admins get ${field}`);
      assert.match(textOf((await admin.get(`/organisations/${n.schoolA.slug}/people`)).body), new RegExp(`${n.staffB.name} \\S+ School staff — Tutor Active`));
    });

    it('an invitation answers a leader the same whether the address is new, existing or disabled; an admin learns the difference', async () => {
      const token = await insertApiToken(t.db, 'school_leader', n.schoolA.id);
      const invite = (tok: string, email: string, orgId = n.schoolA.id) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/organisations/${orgId}/invitations`,
          headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json' },
          payload: JSON.stringify({ name: 'Someone', email, role: 'school_staff' }),
        });
      await t.db.updateTable('people').set({ disabled_at: new Date().toISOString() }).where('id', '=', n.partnerStaff.id).execute();
      const answers = [await invite(token, 'brand.new@example.org'), await invite(token, n.coachC.email), await invite(token, n.partnerStaff.email)];
      const shape = (body: Record<string, unknown>) => JSON.stringify(body, (key, value) => (['id', 'name', 'email', 'created_at', 'person_id'].includes(key) ? typeof value : value));
      assert.deepEqual(answers.map((a) => a.statusCode), [201, 201, 201]);
      assert.deepEqual(new Set(answers.map((a) => shape(a.json()))).size, 1, answers.map((a) => a.body).join('\n'));
      assert.equal(answers[2]!.json().invitation_sent, true);

      const adminToken = await insertApiToken(t.db, 'network_admin', n.office.id);
      const byAdmin = await invite(adminToken, n.partnerStaff.email, n.schoolB.id);
      assert.equal(byAdmin.statusCode, 409);
      assert.match(byAdmin.json().error.message, /account is disabled/);
      const existingByAdmin = (await invite(adminToken, n.coachC.email, n.schoolB.id)).json();
      assert.equal(existingByAdmin.person.email_verified, true, 'admins get the whole account in the answer');
    });
  });
}
