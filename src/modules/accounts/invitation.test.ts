import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, TEST_PASSWORD } from '../../../test/factories/people.ts';
import { SESSION_COOKIE } from '../../platform/http/request-context.plugin.ts';
import { createPersonRecord } from '../people/people.service.ts';
import { GOOD_PASSWORD, auditActions, linkPath, mailTo, signInForm, tokenOf, uniqueEmail } from './accounts.test-support.ts';
import { sendInvitation } from './invitations.service.ts';

for (const dialect of testDialects()) {
  describe(`invitations (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    /** What the people module does when a school leader invites staff: a person, a role, then the email. */
    async function invite(opts: { email?: string; locale?: 'en' | 'es'; existing?: boolean } = {}) {
      const school = await createOrganisation(t.db, { kind: 'school', name: `Mission High ${uniqueEmail('s').split('@')[0]}` });
      const email = opts.email ?? uniqueEmail('invitee');
      const person = opts.existing ? await createPerson(t.db, { email, name: 'Existing Person' }) : await createPersonRecord(t.db, { email, name: 'Invited Person' });
      await t.db.insertInto('roles').values({ person_id: person.id, organisation_id: school.id, role: 'school_staff', created_at: new Date().toISOString() }).execute();
      await sendInvitation(
        { db: t.db, mailer: t.app.deps.mailer, config: t.config },
        { personId: person.id, email, name: person.name, organisationName: school.name, roleLabel: 'school staff', inviterName: 'Dana Leader', locale: opts.locale ?? 'en' },
      );
      return { school, person, email };
    }

    it('a newcomer accepts: sets name and password, is verified and signed in', async () => {
      const { school, person, email } = await invite();
      const mail = await mailTo(t, email, /Dana Leader invited you to join/);
      assert.match(mail.text ?? '', new RegExp(`join ${school.name} on Coalition Hub as school staff`));
      const link = linkPath(mail, '/invitation?token=');
      const row = await t.db.selectFrom('person_tokens').selectAll().where('person_id', '=', person.id).executeTakeFirstOrThrow();
      assert.equal(row.purpose, 'invitation');
      assert.equal(Math.round((Date.parse(row.expires_at) - Date.parse(row.created_at)) / 86_400_000), 7);

      const client = t.client();
      const page = await client.get(link);
      assert.equal(page.statusCode, 200);
      assert.match(textOf(page.body), new RegExp(`School staff at ${school.name}`));
      assert.match(page.body, /value="Invited Person"/);

      const res = await client.submit(link, { token: tokenOf(link), name: 'Ivy Invited', password: GOOD_PASSWORD, confirm: GOOD_PASSWORD });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/account');
      assert.ok(client.cookies.has(SESSION_COOKIE));
      const account = await client.get('/account');
      assert.match(textOf(account.body), /invitation is accepted/);
      assert.match(account.body, new RegExp(`href="/organisations/${school.slug}"`));
      const saved = await t.db.selectFrom('people').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
      assert.equal(saved.name, 'Ivy Invited');
      assert.match(saved.password_hash ?? '', /^\$argon2id\$/);
      assert.ok(saved.email_verified_at);
      assert.deepEqual(await auditActions(t, person.id), ['person.password_changed', 'person.email_verified', 'person.invitation_accepted']);
      assert.equal((await signInForm(t.client(), email, GOOD_PASSWORD)).statusCode, 303);
      assert.equal((await t.client().get(link)).statusCode, 400, 'the invitation is single-use');
    });

    it('someone who already has a password is told to sign in, and accepting keeps their password', async () => {
      const { email } = await invite({ existing: true });
      const mail = await mailTo(t, email, /added you to/);
      assert.match(mail.text ?? '', /You already have an account/);
      assert.match(mail.text ?? '', /http:\/\/localhost:3000\/login/);
      const link = linkPath(mail, '/invitation?token=');
      const client = t.client();
      const page = await client.get(link);
      assert.match(textOf(page.body), /already have an account/);
      assert.doesNotMatch(page.body, /name="password"/);
      const res = await client.submit(link, { token: tokenOf(link) });
      assert.equal(res.statusCode, 303);
      assert.equal((await signInForm(t.client(), email, TEST_PASSWORD)).statusCode, 303, 'the old password still works');
    });

    it('writes the invitation in Spanish when asked', async () => {
      const { email } = await invite({ locale: 'es' });
      const mail = await mailTo(t, email, /le invitó a unirse/);
      assert.match(mail.text ?? '', /Hola, Invited Person/);
    });

    it('re-renders bad input with messages and keeps the invitation usable', async () => {
      const { person, email } = await invite();
      const link = linkPath(await mailTo(t, email, /invited you/), '/invitation?token=');
      for (const [fields, field] of [
        [{ name: '', password: GOOD_PASSWORD, confirm: GOOD_PASSWORD }, 'name'],
        [{ name: 'Ivy', password: 'short', confirm: 'short' }, 'password'],
        [{ name: 'Ivy', password: GOOD_PASSWORD, confirm: 'nope nope nope' }, 'confirm'],
        [{ name: 'n'.repeat(201), password: GOOD_PASSWORD, confirm: GOOD_PASSWORD }, 'name'],
      ] as const) {
        const res = await t.client().submit(link, { token: tokenOf(link), ...fields });
        assert.equal(res.statusCode, 400);
        assert.match(res.body, new RegExp(`id="field-${field}-error"`));
      }
      const saved = await t.db.selectFrom('people').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
      assert.equal(saved.password_hash, null);
      assert.equal(saved.email_verified_at, null);
      assert.equal((await t.client().get(link)).statusCode, 200);
    });

    it('refuses an expired or unknown invitation', async () => {
      const { person, email } = await invite();
      const link = linkPath(await mailTo(t, email, /invited you/), '/invitation?token=');
      await t.db.updateTable('person_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('person_id', '=', person.id).execute();
      const res = await t.client().get(link);
      assert.equal(res.statusCode, 400);
      assert.match(textOf(res.body), /Invitations work for 7 days/);
      assert.equal((await t.client().get('/invitation?token=made-up')).statusCode, 400);
    });
  });
}
