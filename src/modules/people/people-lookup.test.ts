import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/helpers/database.ts';
import { createPerson } from '../../../test/factories/people.ts';
import { getPeopleByIds } from './people.service.ts';

for (const dialect of testDialects()) {
  describe(`people by ids (${dialect})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(dialect);
    });
    after(() => database.drop());

    it('finds everyone asked for once, skips unknown ids, and gives no password hash', async () => {
      const a = await createPerson(database.db, { name: 'Ana Lookup' });
      const b = await createPerson(database.db, { name: 'Ben Lookup' });
      const found = await getPeopleByIds(database.db, [b.id, a.id, a.id, 2_000_000_000]);
      assert.deepEqual(found.map((p) => p.name).sort(), ['Ana Lookup', 'Ben Lookup']);
      assert.ok(found.every((p) => !('password_hash' in p)));
      assert.deepEqual(await getPeopleByIds(database.db, []), []);
    });
  });
}
