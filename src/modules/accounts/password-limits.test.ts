import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { CreateAdminSchema, createAdmin } from '../../cli/create-admin.service.ts';
import { hashPassword, MAX_PASSWORD_LENGTH } from '../../platform/auth/passwords.ts';
import en from '../../platform/i18n/locales/en/accounts.json' with { type: 'json' };
import es from '../../platform/i18n/locales/es/accounts.json' with { type: 'json' };
import { RegisterSchema, SignInSchema } from './accounts.schemas.ts';
import { sessionCount, signInForm, uniqueEmail } from './accounts.test-support.ts';

// One password limit everywhere: a password the CLI accepts must be one the sign-in form accepts.

describe('password length limit', () => {
  it('the CLI, registration and sign-in accept exactly the same longest password', () => {
    const longest = 'p'.repeat(MAX_PASSWORD_LENGTH);
    const tooLong = longest + 'p';
    const admin = (password: string) => CreateAdminSchema.safeParse({ email: 'a@example.org', password }).success;
    const signIn = (password: string) => SignInSchema.safeParse({ email: 'a@example.org', password }).success;
    const register = (password: string) => RegisterSchema.safeParse({ name: 'A', email: 'a@example.org', password, confirm: password, locale: 'en' }).success;
    assert.deepEqual([admin(longest), signIn(longest), register(longest)], [true, true, true]);
    assert.deepEqual([admin(tooLong), signIn(tooLong), register(tooLong)], [false, false, false]);
  });

  it('the "too long" message states the limit in force', () => {
    assert.ok(en.validation.passwordTooLong.includes(String(MAX_PASSWORD_LENGTH)));
    assert.ok(es.validation.passwordTooLong.includes(String(MAX_PASSWORD_LENGTH)));
  });
});

for (const dialect of testDialects()) {
  describe(`password length limit end to end (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    it('an admin created by the CLI with the longest allowed password can sign in with it', async () => {
      const password = 'q'.repeat(MAX_PASSWORD_LENGTH);
      const input = CreateAdminSchema.parse({ email: uniqueEmail('longest'), name: 'Long Pass', password });
      const { person } = await createAdmin(t.db, { email: input.email, name: input.name, passwordHash: await hashPassword(input.password!) });
      const res = await signInForm(t.client(), person.email, password);
      assert.equal(res.statusCode, 303);
      assert.equal(await sessionCount(t, person.id), 1);
    });
  });
}
