import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createPerson } from '../../../test/factories/people.ts';
import { signIn } from '../../../test/factories/people.ts';
import { SESSION_COOKIE } from '../../platform/http/request-context.plugin.ts';
import { settleAccountWork } from './account-work.ts';
import { GOOD_PASSWORD, assertNoMailTo, auditActions, linkPath, mailCount, mailTo, register, tokenOf, uniqueEmail } from './accounts.test-support.ts';

for (const dialect of testDialects()) {
  describe(`registration and email verification (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    const personByEmail = (email: string) => t.db.selectFrom('people').selectAll().where('email', '=', email).executeTakeFirst();

    it('registers, emails a link, confirms by POST and signs the person in', async () => {
      const email = uniqueEmail('new');
      const client = t.client();
      const res = await register(client, { email: email.toUpperCase(), name: 'Ana Reyes' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/check-email?for=register');
      assert.match(textOf((await client.get(res.headers.location!)).body), /Check your email/);
      await settleAccountWork(); // the account is created just after the answer

      const person = await personByEmail(email);
      assert.ok(person, 'the person is saved with a lower-cased address');
      assert.equal(person.name, 'Ana Reyes');
      assert.equal(person.locale, 'en');
      assert.equal(person.email_verified_at, null);
      assert.match(person.password_hash ?? '', /^\$argon2id\$/);
      assert.ok(!person.password_hash?.includes(GOOD_PASSWORD));
      assert.equal(client.cookies.has(SESSION_COOKIE), false, 'not signed in before verifying');

      const mail = await mailTo(t, email, /Confirm your email/);
      const link = linkPath(mail, '/verify-email?token=');
      const token = await t.db.selectFrom('person_tokens').selectAll().where('person_id', '=', person.id).executeTakeFirstOrThrow();
      assert.equal(token.purpose, 'verify_email');
      assert.notEqual(token.token_hash, tokenOf(link), 'only a hash of the token is stored');
      const hours = (Date.parse(token.expires_at) - Date.parse(token.created_at)) / 3_600_000;
      assert.equal(Math.round(hours), 48);

      // Opening the link (what a mail scanner does) changes nothing.
      const page = await client.get(link);
      assert.equal(page.statusCode, 200);
      assert.match(textOf(page.body), /Confirm my email/);
      assert.equal((await personByEmail(email))?.email_verified_at, null);

      const confirm = await client.submit(link, { token: tokenOf(link) });
      assert.equal(confirm.statusCode, 303);
      assert.equal(confirm.headers.location, '/account');
      assert.ok(client.cookies.has(SESSION_COOKIE));
      const accountPage = await client.get('/account');
      assert.equal(accountPage.statusCode, 200);
      assert.match(textOf(accountPage.body), /your email address is confirmed/);
      assert.ok((await personByEmail(email))?.email_verified_at);
      assert.ok((await personByEmail(email))?.last_sign_in_at);
      assert.deepEqual(await auditActions(t, person.id), ['person.registered', 'person.email_verified']);
      const audit = await t.db.selectFrom('audit_events').select('changes').where('subject_id', '=', person.id).execute();
      assert.ok(audit.every((a) => !(a.changes ?? '').includes('argon2') && !(a.changes ?? '').includes(GOOD_PASSWORD)), 'no secrets in the audit log');

      // The link is single-use.
      const again = await t.client().submit(link, { token: tokenOf(link) }).catch(() => null);
      assert.equal(again, null, 'the spent link no longer shows a form');
      const replay = await t.client().get(link);
      assert.equal(replay.statusCode, 400);
      assert.match(textOf(replay.body), /This link cannot be used/);
      assert.match(replay.body, /href="\/verify-email\/resend"/);
    });

    it('writes the verification email in the language chosen at registration', async () => {
      const email = uniqueEmail('es');
      await register(t.client(), { email, locale: 'es' });
      const mail = await mailTo(t, email, /Confirme su correo/);
      assert.match(mail.text ?? '', /Gracias por crear una cuenta/);
      assert.match(mail.text ?? '', /^http:\/\/localhost:3000\/verify-email\?token=/m);
    });

    it('answers a taken address exactly like a new one, emails the owner a notice, and creates nothing', async () => {
      const owner = await createPerson(t.db, { email: uniqueEmail('owner'), name: 'Owner Person' });
      const fresh = uniqueEmail('fresh');
      const a = await register(t.client(), { email: owner.email });
      const b = await register(t.client(), { email: fresh });
      assert.equal(a.statusCode, b.statusCode);
      assert.equal(a.headers.location, b.headers.location);
      assert.equal(a.body, b.body);

      const notice = await mailTo(t, owner.email, /tried to create an account/);
      assert.match(notice.text ?? '', /Hello Owner Person/);
      assert.match(notice.text ?? '', /http:\/\/localhost:3000\/login/);
      assert.match(notice.text ?? '', /http:\/\/localhost:3000\/forgot-password/);
      assert.doesNotMatch(notice.text ?? '', /token=/);
      await settleAccountWork();
      const rows = await t.db.selectFrom('people').select('id').where('email', '=', owner.email).execute();
      assert.equal(rows.length, 1);
      assert.equal((await personByEmail(owner.email))?.name, 'Owner Person', 'the existing account is untouched');
      // Control: the new address got a verification link, not a notice.
      await mailTo(t, fresh, /Confirm your email/);
    });

    it('survives two registrations for one address at the same moment', async () => {
      const email = uniqueEmail('race');
      const [a, b] = await Promise.all([register(t.client(), { email, name: 'First' }), register(t.client(), { email, name: 'Second' })]);
      assert.equal(a.statusCode, 303);
      assert.equal(b.statusCode, 303);
      assert.equal(a.headers.location, b.headers.location);
      await settleAccountWork();
      const rows = await t.db.selectFrom('people').select('id').where('email', '=', email).execute();
      assert.equal(rows.length, 1);
      // One got the verification link, the other's attempt was reported to the (new) owner.
      await mailTo(t, email, /Confirm your email/);
      await mailTo(t, email, /tried to create an account/);
    });

    it('re-renders bad input with the values typed and a message per field, saving nothing', async () => {
      // A fresh address per case: each form post counts against that address's rate limit.
      const emails: string[] = [];
      const next = () => (emails.push(uniqueEmail('bad')), emails.at(-1)!);
      const cases: [Record<string, string>, string, RegExp][] = [
        [{ name: '', email: next() }, 'name', /This field is required/],
        [{ email: 'not-an-email' }, 'email', /Enter an email address/],
        [{ email: next(), password: 'short', confirm: 'short' }, 'password', /too short/],
        [{ email: next(), password: 'x'.repeat(201), confirm: 'x'.repeat(201) }, 'password', /too long/],
        [{ email: next(), name: 'n'.repeat(201) }, 'name', /too long/],
        [{ email: next(), confirm: 'something else entirely' }, 'confirm', /do not match/],
        [{ email: next(), confirm: '' }, 'confirm', /This field is required/],
        [{ email: next(), locale: 'fr' }, 'locale', /Choose one of the listed options/],
      ];
      for (const [fields, field, message] of cases) {
        const res = await register(t.client(), { name: 'Typed Name', ...fields });
        assert.equal(res.statusCode, 400, JSON.stringify(fields));
        assert.match(res.body, new RegExp(`id="field-${field}-error"`), field);
        assert.match(textOf(res.body), message, field);
        if (fields.name !== '' && !fields.name) assert.match(res.body, /value="Typed Name"/, 'typed values are kept');
        assert.ok(res.body.includes(`value="${fields.email}"`), 'the typed address is kept');
        assert.doesNotMatch(res.body, new RegExp(GOOD_PASSWORD), 'passwords are never echoed back');
      }
      await settleAccountWork();
      for (const email of emails) assert.equal(await personByEmail(email), undefined);
      await assertNoMailTo(t, emails[0]!);
    });

    it('refuses an expired verification link and an unknown one with a clear 400 page', async () => {
      const email = uniqueEmail('expired');
      await register(t.client(), { email });
      const link = linkPath(await mailTo(t, email, /Confirm your email/), '/verify-email?token=');
      const person = (await personByEmail(email))!;
      await t.db.updateTable('person_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('person_id', '=', person.id).execute();
      const client = t.client();
      assert.equal((await client.get(link)).statusCode, 400);
      const token = await client.csrfFrom('/verify-email/resend');
      const post = await client.post('/verify-email', { token: tokenOf(link), _csrf: token });
      assert.equal(post.statusCode, 400);
      assert.match(textOf(post.body), /expired, or has already been used/);
      assert.equal((await personByEmail(email))?.email_verified_at, null);
      assert.equal((await t.client().get('/verify-email?token=nonsense')).statusCode, 400);
      assert.equal((await t.client().get('/verify-email')).statusCode, 400);
    });

    it('resends verification by address with a neutral answer, and only the newest link works', async () => {
      const email = uniqueEmail('resend');
      await register(t.client(), { email });
      const first = linkPath(await mailTo(t, email, /Confirm your email/), '/verify-email?token=');
      const before = mailCount(t, email);
      const known = await t.client().submit('/verify-email/resend', { email });
      const unknown = await t.client().submit('/verify-email/resend', { email: uniqueEmail('nobody') });
      assert.equal(known.statusCode, 303);
      assert.equal(known.headers.location, unknown.headers.location);
      await t.smtp.waitFor(() => mailCount(t, email) > before);
      const newest = t.smtp.messages.filter((m) => m.to && JSON.stringify(m.to).includes(email)).at(-1)!;
      const second = linkPath(newest, '/verify-email?token=');
      assert.notEqual(first, second);
      assert.equal((await t.client().get(first)).statusCode, 400, 'the older link was retired');
      assert.equal((await t.client().get(second)).statusCode, 200);

      // A verified address gets nothing (and the same answer).
      const verified = await createPerson(t.db, { email: uniqueEmail('verified') });
      const res = await t.client().submit('/verify-email/resend', { email: verified.email });
      assert.equal(res.headers.location, known.headers.location);
      await assertNoMailTo(t, verified.email);
    });

    it('lets a signed-in unverified person resend from the account page', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('unverified'), verified: false });
      const client = t.client();
      await signIn(t.db, client, person.id);
      const page = await client.get('/account');
      assert.match(textOf(page.body), /Please confirm your email address/);
      const res = await client.submit('/account', {}, '/verify-email/resend');
      assert.equal(res.statusCode, 303);
      await mailTo(t, person.email, /Confirm your email/);
    });

    it('sends a signed-in visitor from /register to their account', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('in') });
      const client = t.client();
      await signIn(t.db, client, person.id);
      const res = await client.get('/register');
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, '/account');
    });
  });
}
