import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createPerson, signIn, TEST_PASSWORD } from '../../../test/factories/people.ts';
import { hashToken } from '../../platform/auth/tokens.ts';
import { SESSION_COOKIE } from '../../platform/http/request-context.plugin.ts';
import { mailTo, sessionCount, signInForm, uniqueEmail } from './accounts.test-support.ts';

for (const dialect of testDialects()) {
  describe(`sign in and sign out (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    it('signs in with a secure, HttpOnly, SameSite=Lax session cookie and records the time', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('ok') });
      const client = t.client();
      const res = await signInForm(client, person.email.toUpperCase(), TEST_PASSWORD);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/account');
      const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
      assert.ok(cookie, 'a session cookie is set');
      assert.match(cookie, /; HttpOnly/i);
      assert.match(cookie, /; Secure/i);
      assert.match(cookie, /; SameSite=Lax/i);
      assert.match(cookie, /; Path=\/(;|$)/);
      assert.match(cookie, new RegExp(`; Max-Age=${t.config.sessionDays * 86_400}`));
      const token = client.cookies.get(SESSION_COOKIE)!;
      const row = await t.db.selectFrom('sessions').selectAll().where('id', '=', hashToken(token)).executeTakeFirst();
      assert.equal(row?.person_id, person.id, 'the session row is stored under the token hash');
      const saved = await t.db.selectFrom('people').select('last_sign_in_at').where('id', '=', person.id).executeTakeFirstOrThrow();
      assert.ok(saved.last_sign_in_at);
      const page = await client.get('/account');
      assert.equal(page.statusCode, 200);
      assert.match(textOf(page.body), /You are signed in/);
    });

    it('gives a wrong password and an unknown address the identical status and text', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('wrong') });
      const wrong = await signInForm(t.client(), person.email, 'not the password at all');
      const unknown = await signInForm(t.client(), uniqueEmail('nobody'), 'not the password at all');
      assert.equal(wrong.statusCode, 400);
      assert.equal(unknown.statusCode, wrong.statusCode);
      assert.equal(textOf(unknown.body), textOf(wrong.body));
      assert.match(textOf(wrong.body), /email address or password is not right/);
      assert.equal(wrong.cookies.some((c) => c.name === SESSION_COOKIE && c.value), false);
      assert.equal(await sessionCount(t, person.id), 0);
      assert.ok(wrong.body.includes(`value="${person.email}"`), 'the address typed is kept');
    });

    it('refuses a person without a password (invited, not yet accepted) the same way', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('nopass') });
      await t.db.updateTable('people').set({ password_hash: null }).where('id', '=', person.id).execute();
      const res = await signInForm(t.client(), person.email, TEST_PASSWORD);
      assert.equal(res.statusCode, 400);
      assert.match(textOf(res.body), /email address or password is not right/);
    });

    it('refuses a disabled account with the same answer as a wrong password', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('disabled') });
      await t.db.updateTable('people').set({ disabled_at: new Date().toISOString() }).where('id', '=', person.id).execute();
      const res = await signInForm(t.client(), person.email, TEST_PASSWORD);
      assert.equal(res.statusCode, 400);
      assert.equal(await sessionCount(t, person.id), 0);
    });

    it('does not sign in an unverified address, and sends the verification email again', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('unverified'), verified: false });
      const client = t.client();
      const res = await signInForm(client, person.email, TEST_PASSWORD);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/check-email?for=unverified');
      assert.equal(client.cookies.has(SESSION_COOKIE), false);
      assert.equal(await sessionCount(t, person.id), 0);
      assert.match(textOf((await client.get(res.headers.location!)).body), /has not been confirmed yet/);
      const mail = await mailTo(t, person.email, /Confirm your email/);
      assert.match(mail.text ?? '', /\/verify-email\?token=/);
      // Control: the same person, once verified, is signed in by the same form.
      await t.db.updateTable('people').set({ email_verified_at: new Date().toISOString() }).where('id', '=', person.id).execute();
      assert.equal((await signInForm(t.client(), person.email, TEST_PASSWORD)).headers.location, '/account');
    });

    it('returns to ?next= after sign-in, but never to another site', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('next') });
      const form = await t.client().get('/login?next=/account%3Ftab%3D1');
      assert.match(form.body, /name="next" value="\/account\?tab=1"/);
      const ok = await signInForm(t.client(), person.email, TEST_PASSWORD, '/directory');
      assert.equal(ok.headers.location, '/directory');
      for (const evil of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
        const res = await signInForm(t.client(), person.email, TEST_PASSWORD, evil);
        assert.equal(res.statusCode, 303);
        assert.equal(res.headers.location, '/', evil);
      }
    });

    it('rotates the session: a cookie set before sign-in is ended, not reused', async () => {
      const victim = await createPerson(t.db, { email: uniqueEmail('rotate') });
      const client = t.client();
      await signIn(t.db, client, victim.id);
      const planted = client.cookies.get(SESSION_COOKIE)!;
      // /login itself redirects a signed-in browser, so post the form from another page.
      const res = await client.submit('/', { email: victim.email, password: TEST_PASSWORD }, '/login');
      assert.equal(res.statusCode, 303);
      const fresh = client.cookies.get(SESSION_COOKIE)!;
      assert.notEqual(fresh, planted);
      const old = await t.db.selectFrom('sessions').select('id').where('id', '=', hashToken(planted)).executeTakeFirst();
      assert.equal(old, undefined, 'the earlier session row is gone');
      assert.equal(await sessionCount(t, victim.id), 1);
    });

    it('signs out: ends the session row, clears the cookie and says so', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('out') });
      const client = t.client();
      await signInForm(client, person.email, TEST_PASSWORD);
      const token = client.cookies.get(SESSION_COOKIE)!;
      assert.equal(await sessionCount(t, person.id), 1);
      const res = await client.submit('/account', {}, '/logout');
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/');
      assert.equal(client.cookies.has(SESSION_COOKIE), false);
      assert.equal(await sessionCount(t, person.id), 0);
      assert.match(textOf((await client.get('/')).body), /You have signed out/);
      // The old cookie, replayed, is worth nothing.
      const replay = t.client();
      replay.cookies.set(SESSION_COOKIE, token);
      assert.equal((await replay.get('/account')).statusCode, 302);
    });

    it('re-renders an empty or oversized sign-in form with field messages', async () => {
      const empty = await t.client().submit('/login', { email: '', password: '' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /id="field-email-error"/);
      assert.match(empty.body, /id="field-password-error"/);
      const huge = await t.client().submit('/login', { email: uniqueEmail('huge'), password: 'p'.repeat(201) });
      assert.equal(huge.statusCode, 400);
      assert.match(huge.body, /id="field-password-error"/);
    });

    it('sends a signed-in visitor from /login to where they were going', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('already') });
      const client = t.client();
      await signIn(t.db, client, person.id);
      const res = await client.get('/login?next=/directory');
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, '/directory');
    });
  });
}
