import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createPerson } from '../../../test/factories/people.ts';
import { hashToken } from '../../platform/auth/tokens.ts';
import { consumeAccountToken, issueAccountToken, peekAccountToken } from './account-tokens.service.ts';
import { uniqueEmail } from './accounts.test-support.ts';

for (const dialect of testDialects()) {
  describe(`account tokens (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    it('stores only the hash, and consumes a token once', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('tok') });
      const token = await issueAccountToken(t.db, person.id, 'sign_in_link');
      const rows = await t.db.selectFrom('person_tokens').selectAll().where('person_id', '=', person.id).execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.token_hash, hashToken(token));
      assert.notEqual(rows[0]!.token_hash, token);
      assert.equal(await peekAccountToken(t.db, token, 'sign_in_link'), person.id);
      assert.equal(await peekAccountToken(t.db, token, 'sign_in_link'), person.id, 'peeking does not use it up');
      assert.equal(await consumeAccountToken(t.db, token, 'reset_password'), null, 'another purpose does not match');
      assert.equal(await consumeAccountToken(t.db, token, 'sign_in_link'), person.id);
      assert.equal(await consumeAccountToken(t.db, token, 'sign_in_link'), null);
      assert.equal(await consumeAccountToken(t.db, '', 'sign_in_link'), null);
    });

    it('under concurrent use, exactly one consumer gets the person', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('race') });
      for (let round = 0; round < 5; round++) {
        const token = await issueAccountToken(t.db, person.id, 'sign_in_link');
        const results = await Promise.all(Array.from({ length: 4 }, () => consumeAccountToken(t.db, token, 'sign_in_link')));
        assert.equal(results.filter((r) => r === person.id).length, 1, `round ${round}: ${JSON.stringify(results)}`);
      }
    });

    it('control: an update without the used_at guard would let every concurrent use through', async () => {
      // What the guard prevents: the same race with the WHERE used_at IS NULL clause left out.
      const person = await createPerson(t.db, { email: uniqueEmail('control') });
      const token = await issueAccountToken(t.db, person.id, 'sign_in_link');
      const unguarded = () =>
        t.db.updateTable('person_tokens').set({ used_at: new Date().toISOString() }).where('token_hash', '=', hashToken(token)).returning('person_id').executeTakeFirst();
      const results = await Promise.all([unguarded(), unguarded()]);
      assert.equal(results.filter(Boolean).length, 2);
    });

    it('issuing a new token retires unused ones of the same purpose only', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('retire') });
      const reset = await issueAccountToken(t.db, person.id, 'reset_password');
      const first = await issueAccountToken(t.db, person.id, 'sign_in_link');
      const second = await issueAccountToken(t.db, person.id, 'sign_in_link');
      assert.equal(await peekAccountToken(t.db, first, 'sign_in_link'), null);
      assert.equal(await peekAccountToken(t.db, second, 'sign_in_link'), person.id);
      assert.equal(await peekAccountToken(t.db, reset, 'reset_password'), person.id);
    });

    it('refuses a token past its expiry', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('exp') });
      const token = await issueAccountToken(t.db, person.id, 'verify_email');
      await t.db.updateTable('person_tokens').set({ expires_at: new Date(Date.now() - 1).toISOString() }).where('token_hash', '=', hashToken(token)).execute();
      assert.equal(await peekAccountToken(t.db, token, 'verify_email'), null);
      assert.equal(await consumeAccountToken(t.db, token, 'verify_email'), null);
    });
  });
}
