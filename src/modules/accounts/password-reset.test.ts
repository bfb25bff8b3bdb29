import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createPerson, signIn, TEST_PASSWORD } from '../../../test/factories/people.ts';
import { SESSION_COOKIE } from '../../platform/http/request-context.plugin.ts';
import { GOOD_PASSWORD, assertNoMailTo, auditActions, linkPath, mailTo, sessionCount, signInForm, tokenOf, uniqueEmail } from './accounts.test-support.ts';

for (const dialect of testDialects()) {
  describe(`forgotten password (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    async function requestReset(email: string): Promise<string> {
      const res = await t.client().submit('/forgot-password', { email });
      assert.equal(res.statusCode, 303);
      return linkPath(await mailTo(t, email, /Reset your Coalition Hub password/), '/reset-password?token=');
    }

    it('gives known and unknown addresses the same answer, and emails only the known one', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('known') });
      const unknownEmail = uniqueEmail('unknown');
      const known = await t.client().submit('/forgot-password', { email: person.email });
      const unknown = await t.client().submit('/forgot-password', { email: unknownEmail });
      assert.equal(known.statusCode, 303);
      assert.equal(unknown.statusCode, known.statusCode);
      assert.equal(unknown.headers.location, known.headers.location);
      assert.equal(unknown.body, known.body);
      const mail = await mailTo(t, person.email, /Reset your/);
      assert.match(mail.text ?? '', /works for one hour/);
      await assertNoMailTo(t, unknownEmail);
    });

    it('resets: new password works, old one does not, every old session ends, the address is verified', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('reset'), verified: false });
      const laptop = t.client();
      const phone = t.client();
      await signIn(t.db, laptop, person.id);
      await signIn(t.db, phone, person.id);
      assert.equal(await sessionCount(t, person.id), 2);

      const link = await requestReset(person.email);
      const row = await t.db.selectFrom('person_tokens').selectAll().where('person_id', '=', person.id).where('purpose', '=', 'reset_password').executeTakeFirstOrThrow();
      assert.equal(Math.round((Date.parse(row.expires_at) - Date.parse(row.created_at)) / 60_000), 60);
      const browser = t.client();
      const form = await browser.get(link);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, new RegExp(`name="token" value="${tokenOf(link)}"`));

      const res = await browser.submit(link, { token: tokenOf(link), password: GOOD_PASSWORD, confirm: GOOD_PASSWORD });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/account');
      assert.ok(browser.cookies.has(SESSION_COOKIE));
      assert.match(textOf((await browser.get('/account')).body), /new password is saved/);
      assert.equal(await sessionCount(t, person.id), 1, 'only the new session remains');
      assert.equal((await laptop.get('/account')).statusCode, 302, 'the laptop was signed out');
      assert.equal((await phone.get('/account')).statusCode, 302, 'the phone was signed out');

      const saved = await t.db.selectFrom('people').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
      assert.match(saved.password_hash ?? '', /^\$argon2id\$/);
      assert.ok(saved.email_verified_at, 'the link proved the address');
      assert.equal((await signInForm(t.client(), person.email, TEST_PASSWORD)).statusCode, 400);
      assert.equal((await signInForm(t.client(), person.email, GOOD_PASSWORD)).statusCode, 303);
      assert.deepEqual(await auditActions(t, person.id), ['person.password_reset', 'person.email_verified']);
      await mailTo(t, person.email, /password was changed/);

      // Single use: the same link again is refused and changes nothing.
      const replay = await t.client().get(link);
      assert.equal(replay.statusCode, 400);
      const other = t.client();
      const token = await other.csrfFrom('/forgot-password');
      const again = await other.post('/reset-password', { token: tokenOf(link), password: 'another password here', confirm: 'another password here', _csrf: token });
      assert.equal(again.statusCode, 400);
      assert.match(textOf(again.body), /This link cannot be used/);
      assert.equal((await signInForm(t.client(), person.email, GOOD_PASSWORD)).statusCode, 303, 'the password set by the first use stands');
    });

    it('refuses an expired reset link', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('late') });
      const link = await requestReset(person.email);
      await t.db.updateTable('person_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('person_id', '=', person.id).execute();
      assert.equal((await t.client().get(link)).statusCode, 400);
      const client = t.client();
      const csrf = await client.csrfFrom('/forgot-password');
      const res = await client.post('/reset-password', { token: tokenOf(link), password: GOOD_PASSWORD, confirm: GOOD_PASSWORD, _csrf: csrf });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /href="\/forgot-password"/);
      assert.equal((await signInForm(t.client(), person.email, TEST_PASSWORD)).statusCode, 303, 'the old password still works');
    });

    it('keeps only the newest reset link working', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('twice') });
      const first = await requestReset(person.email);
      await t.client().submit('/forgot-password', { email: person.email });
      await t.smtp.waitFor((m) => (m.text ?? '').includes('/reset-password?token=') && !(m.text ?? '').includes(tokenOf(first)) && JSON.stringify(m.to).includes(person.email));
      assert.equal((await t.client().get(first)).statusCode, 400);
    });

    it('re-renders a bad new password with messages, keeping the token, and changes nothing', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('badnew') });
      const link = await requestReset(person.email);
      for (const [password, confirm, message] of [
        ['short', 'short', /too short/],
        ['x'.repeat(201), 'x'.repeat(201), /too long/],
        [GOOD_PASSWORD, 'different words entirely', /do not match/],
        ['', '', /This field is required/],
      ] as const) {
        const res = await t.client().submit(link, { token: tokenOf(link), password, confirm });
        assert.equal(res.statusCode, 400);
        assert.match(textOf(res.body), message);
        assert.match(res.body, new RegExp(`name="token" value="${tokenOf(link)}"`));
      }
      assert.equal((await t.client().get(link)).statusCode, 200, 'the link is still usable');
      assert.equal((await signInForm(t.client(), person.email, TEST_PASSWORD)).statusCode, 303);
    });

    it('re-renders a malformed address on the request form', async () => {
      const res = await t.client().submit('/forgot-password', { email: 'nope' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /id="field-email-error"/);
      assert.match(res.body, /value="nope"/);
    });
  });
}
