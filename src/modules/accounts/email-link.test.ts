import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createPerson } from '../../../test/factories/people.ts';
import { SESSION_COOKIE } from '../../platform/http/request-context.plugin.ts';
import { assertNoMailTo, auditActions, linkPath, mailTo, sessionCount, tokenOf, uniqueEmail } from './accounts.test-support.ts';

for (const dialect of testDialects()) {
  describe(`sign in by email link (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    async function requestLink(email: string): Promise<string> {
      const res = await t.client().submit('/login/email-link', { email });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/check-email?for=signInLink');
      return linkPath(await mailTo(t, email, /sign-in link/), '/login/email-link/confirm?token=');
    }

    it('emails a 15-minute link whose page signs in only when the button is pressed', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('link'), verified: false });
      const link = await requestLink(person.email);
      const row = await t.db.selectFrom('person_tokens').selectAll().where('person_id', '=', person.id).executeTakeFirstOrThrow();
      assert.equal(row.purpose, 'sign_in_link');
      assert.equal(Math.round((Date.parse(row.expires_at) - Date.parse(row.created_at)) / 60_000), 15);

      const client = t.client();
      const page = await client.get(link);
      assert.equal(page.statusCode, 200);
      assert.match(textOf(page.body), /Sign me in/);
      assert.equal(client.cookies.has(SESSION_COOKIE), false, 'opening the link does not sign in');
      const res = await client.submit(link, { token: tokenOf(link) });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/account');
      assert.equal((await client.get('/account')).statusCode, 200);
      const saved = await t.db.selectFrom('people').select(['email_verified_at', 'last_sign_in_at']).where('id', '=', person.id).executeTakeFirstOrThrow();
      assert.ok(saved.email_verified_at, 'the link proves the address');
      assert.ok(saved.last_sign_in_at);
      assert.deepEqual(await auditActions(t, person.id), ['person.email_verified']);

      // Single use.
      const other = t.client();
      const csrf = await other.csrfFrom('/login/email-link');
      const again = await other.post('/login/email-link/confirm', { token: tokenOf(link), _csrf: csrf });
      assert.equal(again.statusCode, 400);
      assert.equal(other.cookies.has(SESSION_COOKIE), false);
      assert.equal((await t.client().get(link)).statusCode, 400);
    });

    it('lets two simultaneous uses of one link succeed exactly once', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('race') });
      const link = await requestLink(person.email);
      const a = t.client();
      const b = t.client();
      const [ta, tb] = [await a.csrfFrom(link), await b.csrfFrom(link)];
      const results = await Promise.all([
        a.post('/login/email-link/confirm', { token: tokenOf(link), _csrf: ta }),
        b.post('/login/email-link/confirm', { token: tokenOf(link), _csrf: tb }),
      ]);
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [303, 400]);
      assert.equal(await sessionCount(t, person.id), 1);
    });

    it('answers an unknown address the same and sends nothing', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('known') });
      const unknownEmail = uniqueEmail('unknown');
      const known = await t.client().submit('/login/email-link', { email: person.email });
      const unknown = await t.client().submit('/login/email-link', { email: unknownEmail });
      assert.equal(unknown.statusCode, known.statusCode);
      assert.equal(unknown.headers.location, known.headers.location);
      await mailTo(t, person.email, /sign-in link/);
      await assertNoMailTo(t, unknownEmail);
    });

    it('refuses an expired link and a link of another purpose', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('expired') });
      const link = await requestLink(person.email);
      await t.db.updateTable('person_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('person_id', '=', person.id).execute();
      assert.equal((await t.client().get(link)).statusCode, 400);

      // A reset-password token is no sign-in link.
      await t.client().submit('/forgot-password', { email: person.email });
      const reset = linkPath(await mailTo(t, person.email, /Reset your/), '/reset-password?token=');
      const res = await t.client().get(`/login/email-link/confirm?token=${tokenOf(reset)}`);
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /href="\/login\/email-link"/);
    });
  });
}
