import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/helpers/database.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson } from '../../../test/factories/people.ts';
import { endOtherSessions, endSession, principalFromApiToken, principalFromSession, startSession } from './sessions.ts';
import { hashToken, newToken } from './tokens.ts';

for (const dialect of testDialects()) {
  describe(`sessions and API tokens (${dialect})`, () => {
    let d: TestDatabase;
    before(async () => {
      d = await createTestDatabase(dialect);
    });
    after(() => d.drop());

    it('stores only a hash of the session token and resolves it to the person with their roles', async () => {
      const school = await createOrganisation(d.db, { kind: 'school' });
      const person = await createPerson(d.db, { roles: [['school_leader', school.id]] });
      const token = await startSession(d.db, person.id, { days: 1, userAgent: 'test' });
      const row = await d.db.selectFrom('sessions').selectAll().where('person_id', '=', person.id).executeTakeFirstOrThrow();
      assert.equal(row.id, hashToken(token));
      assert.notEqual(row.id, token);
      const p = await principalFromSession(d.db, token);
      assert.equal(p?.personId, person.id);
      assert.deepEqual(p?.roles.map((r) => [r.role, r.organisationId, r.organisationKind]), [['school_leader', school.id, 'school']]);
    });

    it('refuses unknown, expired and ended sessions, and sessions of disabled people', async () => {
      const person = await createPerson(d.db);
      assert.equal(await principalFromSession(d.db, newToken()), null);
      const expired = await startSession(d.db, person.id, { days: 1 });
      await d.db.updateTable('sessions').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('id', '=', hashToken(expired)).execute();
      assert.equal(await principalFromSession(d.db, expired), null);
      const ended = await startSession(d.db, person.id, { days: 1 });
      await endSession(d.db, ended);
      assert.equal(await principalFromSession(d.db, ended), null);
      const live = await startSession(d.db, person.id, { days: 1 });
      assert.ok(await principalFromSession(d.db, live), 'negative control: a live session works');
      await d.db.updateTable('people').set({ disabled_at: new Date().toISOString() }).where('id', '=', person.id).execute();
      assert.equal(await principalFromSession(d.db, live), null);
    });

    it('ends every other session of a person but keeps the current one', async () => {
      const person = await createPerson(d.db);
      const [a, b, c] = await Promise.all([1, 2, 3].map(() => startSession(d.db, person.id, { days: 1 })));
      await endOtherSessions(d.db, person.id, b);
      assert.equal(await principalFromSession(d.db, a!), null);
      assert.ok(await principalFromSession(d.db, b!));
      assert.equal(await principalFromSession(d.db, c!), null);
    });

    it('resolves an API token to exactly its one role, and refuses it once revoked', async () => {
      const school = await createOrganisation(d.db, { kind: 'school' });
      const token = newToken();
      const now = new Date().toISOString();
      const row = await d.db
        .insertInto('api_tokens')
        .values({ name: 'sync', token_hash: hashToken(token), role: 'school_staff', organisation_id: school.id, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      const p = await principalFromApiToken(d.db, token);
      assert.equal(p?.kind, 'api_token');
      assert.equal(p?.personId, null);
      assert.deepEqual(p?.roles.map((r) => r.role), ['school_staff']);
      const used = await d.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', row.id).executeTakeFirstOrThrow();
      assert.ok(used.last_used_at, 'last use is recorded');
      await d.db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', row.id).execute();
      assert.equal(await principalFromApiToken(d.db, token), null);
    });
  });
}
