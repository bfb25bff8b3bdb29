import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createPerson } from '../../../test/factories/people.ts';
import { hashToken } from '../../platform/auth/tokens.ts';
import { consumeAccountToken, issueAccountToken, peekAccountToken, revokePendingAccountTokens } from './account-tokens.service.ts';
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
    it('revoking cancels every unused link of the person, of every purpose, and nobody else\'s', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('revoke') });
      const other = await createPerson(t.db, { email: uniqueEmail('bystander') });
      const used = await issueAccountToken(t.db, person.id, 'verify_email');
      assert.equal(await consumeAccountToken(t.db, used, 'verify_email'), person.id);
      const usedAt = (await t.db.selectFrom('person_tokens').select('used_at').where('token_hash', '=', hashToken(used)).executeTakeFirstOrThrow()).used_at;
      const live = {
        reset_password: await issueAccountToken(t.db, person.id, 'reset_password'),
        sign_in_link: await issueAccountToken(t.db, person.id, 'sign_in_link'),
        invitation: await issueAccountToken(t.db, person.id, 'invitation'),
        verify_email: await issueAccountToken(t.db, person.id, 'verify_email'),
      } as const;
      const othersToken = await issueAccountToken(t.db, other.id, 'reset_password');
      // Control: before revoking, every link works (so the assertions below can fail).
      for (const [purpose, token] of Object.entries(live)) assert.equal(await peekAccountToken(t.db, token, purpose as keyof typeof live), person.id, purpose);

      await revokePendingAccountTokens(t.db, person.id);

      for (const [purpose, token] of Object.entries(live)) {
        assert.equal(await peekAccountToken(t.db, token, purpose as keyof typeof live), null, purpose);
        assert.equal(await consumeAccountToken(t.db, token, purpose as keyof typeof live), null, purpose);
      }
      const rows = await t.db.selectFrom('person_tokens').select(['used_at', 'token_hash']).where('person_id', '=', person.id).execute();
      assert.ok(rows.every((r) => r.used_at !== null), 'no unused row is left');
      const usedRow = rows.find((r) => r.token_hash === hashToken(used))!;
      assert.equal(usedRow.used_at, usedAt, 'an already-used link keeps its original use time');
      assert.equal(await peekAccountToken(t.db, othersToken, 'reset_password'), other.id, "another person's link still works");
      await revokePendingAccountTokens(t.db, person.id); // idempotent: nothing left to revoke
    });

    it('revoking inside a transaction commits or rolls back with the caller', async () => {
      const person = await createPerson(t.db, { email: uniqueEmail('revoke-trx') });
      const token = await issueAccountToken(t.db, person.id, 'reset_password');
      await assert.rejects(
        t.db.transaction().execute(async (trx) => {
          await revokePendingAccountTokens(trx, person.id);
          assert.equal(await peekAccountToken(trx, token, 'reset_password'), null, 'revoked within the transaction');
          throw new Error('caller fails');
        }),
        /caller fails/,
      );
      assert.equal(await peekAccountToken(t.db, token, 'reset_password'), person.id, 'rolled back with the caller');
      await t.db.transaction().execute((trx) => revokePendingAccountTokens(trx, person.id));
      assert.equal(await peekAccountToken(t.db, token, 'reset_password'), null, 'committed with the caller');
    });
  });
}
