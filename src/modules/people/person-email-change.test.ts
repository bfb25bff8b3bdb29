import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TokenPurpose } from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { issueAccountToken, peekAccountToken } from '../accounts/account-tokens.service.ts';

// Links emailed to an address must stop working once an admin moves the account to another
// address: whoever still reads the old mailbox must not be able to take the account over.

const PURPOSES: TokenPurpose[] = ['reset_password', 'invitation', 'verify_email', 'sign_in_link'];

for (const dialect of testDialects()) {
  describe(`changing a person's email address (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;

    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
    });
    after(() => t.close());

    /** One live link of every kind for a person, by purpose. */
    async function linksFor(personId: number): Promise<Map<TokenPurpose, string>> {
      const links = new Map<TokenPurpose, string>();
      for (const purpose of PURPOSES) links.set(purpose, await issueAccountToken(t.db, personId, purpose));
      return links;
    }
    async function live(personId: number, links: Map<TokenPurpose, string>): Promise<TokenPurpose[]> {
      const out: TokenPurpose[] = [];
      for (const [purpose, token] of links) if ((await peekAccountToken(t.db, token, purpose)) === personId) out.push(purpose);
      return out;
    }
    const patch = (client: Awaited<ReturnType<typeof adminClient>>, id: number, body: Record<string, unknown>) =>
      client.request({ method: 'PATCH', url: `/api/v1/people/${id}`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    async function adminClient() {
      const client = t.client();
      await signIn(t.db, client, n.admin.id);
      return client;
    }

    it('an admin changing the address (form) ends every open link; a reset link from before answers "invalid"', async () => {
      const person = await createPerson(t.db, { name: 'Moving Mo', email: 'moving.mo@example.org' });
      const bystander = await createPerson(t.db, { email: 'bystander@example.org' });
      const links = await linksFor(person.id);
      const theirs = await linksFor(bystander.id);
      const admin = await adminClient();

      const res = await admin.submit(`/people/${person.id}/edit`, { name: 'Moving Mo', email: 'mo.new@example.org' });
      assert.equal(res.statusCode, 303);
      assert.deepEqual(await live(person.id, links), [], 'no link sent to the old address works');
      const rows = await t.db.selectFrom('person_tokens').select(['purpose', 'used_at']).where('person_id', '=', person.id).execute();
      assert.ok(rows.length >= PURPOSES.length && rows.every((r) => r.used_at), 'every token of theirs is marked used');
      assert.deepEqual(await live(bystander.id, theirs), PURPOSES, "another person's links are untouched");

      const page = await t.client().get(`/reset-password?token=${encodeURIComponent(links.get('reset_password')!)}`);
      assert.equal(page.statusCode, 400);
      const saved = await t.db.selectFrom('people').select(['email', 'email_verified_at']).where('id', '=', person.id).executeTakeFirstOrThrow();
      assert.deepEqual({ ...saved }, { email: 'mo.new@example.org', email_verified_at: null });
    });

    it('the same through the API (PATCH)', async () => {
      const person = await createPerson(t.db, { email: 'api.mover@example.org' });
      const links = await linksFor(person.id);
      const res = await patch(await adminClient(), person.id, { email: 'api.moved@example.org' });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(await live(person.id, links), []);
    });

    it('control: a change that keeps the address, or a refused one, leaves the links working', async () => {
      const person = await createPerson(t.db, { name: 'Staying Put', email: 'staying.put@example.org' });
      const links = await linksFor(person.id);
      const admin = await adminClient();

      assert.equal((await patch(admin, person.id, { name: 'Renamed Only' })).statusCode, 200);
      assert.equal((await patch(admin, person.id, { email: 'STAYING.PUT@example.org' })).statusCode, 200, 'the same address in other case is no change');
      assert.deepEqual(await live(person.id, links), PURPOSES);

      // A refused change (the address is taken) revokes nothing.
      assert.equal((await patch(admin, person.id, { email: n.staffA.email })).statusCode, 409);
      assert.deepEqual(await live(person.id, links), PURPOSES);
    });
  });
}
