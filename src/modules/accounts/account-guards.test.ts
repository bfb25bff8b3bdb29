import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createPerson, signIn, TEST_PASSWORD } from '../../../test/factories/people.ts';
import { GOOD_PASSWORD, uniqueEmail } from './accounts.test-support.ts';

for (const dialect of testDialects()) {
  describe(`account forms: CSRF and rate limits (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { rateLimits: { signIn: 3, emailRequests: 2 } });
    });
    after(() => t.close());

    it('refuses every account form post without its CSRF token (403), and accepts it with one', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('csrf'), name: 'Unchanged' });
      const posts: [string, Record<string, string>][] = [
        ['/register', { name: 'X', email: uniqueEmail('csrf-reg'), password: GOOD_PASSWORD, confirm: GOOD_PASSWORD, locale: 'en' }],
        ['/login', { email: person.email, password: TEST_PASSWORD }],
        ['/logout', {}],
        ['/verify-email', { token: 'x' }],
        ['/verify-email/resend', { email: person.email }],
        ['/forgot-password', { email: person.email }],
        ['/reset-password', { token: 'x', password: GOOD_PASSWORD, confirm: GOOD_PASSWORD }],
        ['/login/email-link', { email: person.email }],
        ['/login/email-link/confirm', { token: 'x' }],
        ['/invitation', { token: 'x' }],
        ['/account/profile', { name: 'Changed', locale: 'es' }],
        ['/account/password', { current: TEST_PASSWORD, password: GOOD_PASSWORD, confirm: GOOD_PASSWORD }],
        ['/account/sessions/end-others', {}],
      ];
      const client = t.client();
      await signIn(t.db, client, person.id);
      for (const [url, fields] of posts) {
        const res = await client.post(url, fields);
        assert.equal(res.statusCode, 403, url);
        assert.match(textOf(res.body), /form has expired/, url);
        const forged = await client.post(url, { ...fields, _csrf: 'forged-token' });
        assert.equal(forged.statusCode, 403, `${url} with a forged token`);
      }
      const saved = await t.db.selectFrom('people').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
      assert.equal(saved.name, 'Unchanged');
      assert.equal(saved.locale, null);
      assert.equal((await t.db.selectFrom('people').select('id').where('email', '=', posts[0]![1].email!).execute()).length, 0);
      assert.equal((await t.db.selectFrom('sessions').select('id').where('person_id', '=', person.id).execute()).length, 1, 'still signed in');
      // Control: the same profile post with the page's token goes through.
      const ok = await client.submit('/account', { name: 'Changed', locale: 'en' }, '/account/profile');
      assert.equal(ok.statusCode, 303);
    });

    it('limits sign-in attempts per address and client, without touching other addresses', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('limited') });
      for (let i = 0; i < 3; i++) {
        assert.equal((await t.client().submit('/login', { email: person.email, password: 'wrong password guess' })).statusCode, 400, `attempt ${i + 1}`);
      }
      // Over the limit even with the right password, and in another letter case.
      const blocked = await t.client().submit('/login', { email: person.email.toUpperCase(), password: TEST_PASSWORD });
      assert.equal(blocked.statusCode, 429);
      assert.match(textOf(blocked.body), /Too many attempts/);
      // Control: another address from the same client is not limited.
      const other = await createPerson(t.db, { email: uniqueEmail('free') });
      assert.equal((await t.client().submit('/login', { email: other.email, password: TEST_PASSWORD })).statusCode, 303);
    });

    it('limits password-reset and sign-in-link requests per address', async () => {
      for (const url of ['/forgot-password', '/login/email-link', '/verify-email/resend']) {
        const email = uniqueEmail('flood');
        for (let i = 0; i < 2; i++) assert.equal((await t.client().submit(url, { email })).statusCode, 303, `${url} #${i + 1}`);
        assert.equal((await t.client().submit(url, { email })).statusCode, 429, url);
        assert.equal((await t.client().submit(url, { email: uniqueEmail('other') })).statusCode, 303, `${url}: another address`);
      }
    });

    it('limits registrations per address', async () => {
      const email = uniqueEmail('reg-flood');
      const fields = { name: 'Flood', email, password: GOOD_PASSWORD, confirm: GOOD_PASSWORD, locale: 'en' };
      for (let i = 0; i < 2; i++) assert.equal((await t.client().submit('/register', fields)).statusCode, 303);
      assert.equal((await t.client().submit('/register', fields)).statusCode, 429);
      assert.equal((await t.client().submit('/register', { ...fields, email: uniqueEmail('reg-other') })).statusCode, 303);
    });
  });
}
