import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createPerson } from '../../../test/factories/people.ts';
import { holdAccountWork, runAfterReply, settleAccountWork } from './account-work.ts';
import { GOOD_PASSWORD, mailCount, mailTo, uniqueEmail } from './accounts.test-support.ts';

// The forms that take an email address must not reveal, by their answer or by how long it takes,
// whether the address has an account. Timing is too noisy to assert directly, so these tests check
// its cause: while account work is held back, a request for a known address must have done
// exactly what one for an unknown address did (no lookup-dependent write, no email), and the
// work must then happen once released. If the work ran inside the request, the rows below would
// already exist while held, and the tests would fail.

describe('account work after the reply', () => {
  it('logs a failure instead of throwing, and settles once everything (and what it started) is done', async () => {
    const errors: unknown[] = [];
    const log = { error: (obj: unknown) => void errors.push(obj) };
    const done: string[] = [];
    runAfterReply(log, 'fails', async () => {
      throw new Error('smtp down');
    });
    runAfterReply(log, 'chains', async () => {
      runAfterReply(log, 'child', async () => void done.push('child'));
      done.push('parent');
    });
    assert.deepEqual(done, [], 'nothing runs before the current turn ends');
    await settleAccountWork();
    assert.deepEqual(done, ['parent', 'child']);
    assert.equal(errors.length, 1);
    assert.match(String((errors[0] as { err: Error }).err), /smtp down/);
    assert.equal((errors[0] as { work: string }).work, 'fails');
  });
});

for (const dialect of testDialects()) {
  describe(`email-address forms do the same work for known and unknown addresses (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    const tokenCount = async (personId: number, purpose: string) =>
      (await t.db.selectFrom('person_tokens').select('id').where('person_id', '=', personId).where('purpose', '=', purpose as 'verify_email').execute()).length;
    const auditCount = async () => Number((await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const same = (a: { statusCode: number; headers: Record<string, unknown>; body: string }, b: typeof a) => {
      assert.equal(a.statusCode, 303);
      assert.equal(a.statusCode, b.statusCode);
      assert.equal(a.headers.location, b.headers.location);
      assert.equal(a.body, b.body);
    };

    /** Posts the form for a known and an unknown address while account work is held; returns after releasing it. */
    async function whileHeld(path: string, known: Record<string, string>, unknown: Record<string, string>, whileHeldCheck: () => Promise<void>) {
      const release = holdAccountWork();
      try {
        same(await t.client().submit(path, known), await t.client().submit(path, unknown));
        await whileHeldCheck();
      } finally {
        release();
      }
      await settleAccountWork();
    }

    for (const [path, purpose, subject] of [
      ['/forgot-password', 'reset_password', /Reset your .*password/],
      ['/login/email-link', 'sign_in_link', /sign-in link/],
    ] as const) {
      it(`${path}: issues the link only after answering`, async () => {
        const person = await createPerson(t.db, { email: uniqueEmail('known') });
        await whileHeld(path, { email: person.email }, { email: uniqueEmail('unknown') }, async () => {
          assert.equal(await tokenCount(person.id, purpose), 0, 'no link is issued while the request is answered');
          assert.equal(mailCount(t, person.email), 0);
        });
        assert.equal(await tokenCount(person.id, purpose), 1, 'the link is issued right after');
        await mailTo(t, person.email, subject);
      });
    }

    it('/verify-email/resend: issues the new link only after answering', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('unverified'), verified: false });
      await whileHeld('/verify-email/resend', { email: person.email }, { email: uniqueEmail('unknown') }, async () => {
        assert.equal(await tokenCount(person.id, 'verify_email'), 0);
      });
      assert.equal(await tokenCount(person.id, 'verify_email'), 1);
      await mailTo(t, person.email, /Confirm your email/);
    });

    it('/register: creates the new account, or notifies the existing owner, only after answering', async () => {
      const owner = await createPerson(t.db, { email: uniqueEmail('owner') });
      const fresh = uniqueEmail('fresh');
      const audits = await auditCount();
      const form = { name: 'Ana Reyes', password: GOOD_PASSWORD, confirm: GOOD_PASSWORD, locale: 'en' };
      await whileHeld('/register', { ...form, email: owner.email }, { ...form, email: fresh }, async () => {
        const row = await t.db.selectFrom('people').select('id').where('email', '=', fresh).executeTakeFirst();
        assert.equal(row, undefined, 'the new address is not inserted while the request is answered');
        assert.equal(await auditCount(), audits);
        assert.equal(mailCount(t, owner.email) + mailCount(t, fresh), 0);
      });
      const created = await t.db.selectFrom('people').select('id').where('email', '=', fresh).executeTakeFirstOrThrow();
      assert.equal(await tokenCount(created.id, 'verify_email'), 1);
      await mailTo(t, fresh, /Confirm your email/);
      await mailTo(t, owner.email, /tried to create an account/);
    });
  });
}
