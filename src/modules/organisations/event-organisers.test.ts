import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/helpers/database.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { listEventOrganisers } from './organisations.service.ts';

for (const dialect of testDialects()) {
  describe(`event organisers (${dialect})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(dialect);
    });
    after(() => database.drop());

    it('lists the national office first, then the centers by name, and nothing else', async () => {
      await createOrganisation(database.db, { kind: 'affiliate_center', name: 'Zeta Center' });
      await createOrganisation(database.db, { kind: 'school', name: 'Some School' });
      await createOrganisation(database.db, { kind: 'affiliate_center', name: 'Alpha Center' });
      await createOrganisation(database.db, { kind: 'national_office', name: 'The Office' });
      const names = (await listEventOrganisers(database.db)).map((o) => o.name);
      assert.deepEqual(names, ['The Office', 'Alpha Center', 'Zeta Center']);
    });
  });
}
