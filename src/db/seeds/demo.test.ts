import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/helpers/database.ts';
import { seedDemoIfEmpty } from './demo.ts';

async function counts(db: TestDatabase['db']) {
  const n = async (table: 'organisations' | 'affiliations' | 'invoices' | 'center_services' | 'exchange_threads') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return {
    organisations: await n('organisations'),
    affiliations: await n('affiliations'),
    invoices: await n('invoices'),
    services: await n('center_services'),
    threads: await n('exchange_threads'),
  };
}

for (const dialect of testDialects()) {
  describe(`the whole demo (${dialect})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await createTestDatabase(dialect);
    });
    after(() => t.drop());

    it('loads the network with its memberships and center spaces into an empty database, once', async () => {
      assert.equal(await seedDemoIfEmpty(t.db), true);
      const first = await counts(t.db);
      for (const [what, n] of Object.entries(first)) assert.ok(n > 0, `the demo has ${what}`);
      assert.equal(await seedDemoIfEmpty(t.db), false, 'a database with organisations is left alone');
      assert.deepEqual(await counts(t.db), first);
    });
  });
}
