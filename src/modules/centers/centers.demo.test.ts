import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/helpers/database.ts';
import { seedDemoNetwork } from '../../db/seeds/demo-network.ts';
import { seedDemoCenters } from './centers.demo.ts';

for (const dialect of testDialects()) {
  describe(`centers demo data (${dialect})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(dialect);
    });
    after(() => database.drop());

    it('gives every center services, news and requests, and an exchange; running again adds nothing', async () => {
      const db = database.db;
      await seedDemoNetwork(db);
      await seedDemoCenters(db);
      const count = async (table: 'center_services' | 'center_news' | 'service_requests' | 'exchange_threads' | 'exchange_replies') =>
        Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const first = { services: await count('center_services'), news: await count('center_news'), requests: await count('service_requests'), threads: await count('exchange_threads'), replies: await count('exchange_replies') };
      const centers = await db.selectFrom('organisations').select('id').where('kind', '=', 'affiliate_center').execute();
      assert.ok(first.services >= centers.length * 2);
      assert.ok(first.news >= centers.length);
      assert.ok(first.requests > 0 && first.threads === 3 && first.replies > 0);
      await seedDemoCenters(db);
      assert.deepEqual({ services: await count('center_services'), news: await count('center_news'), requests: await count('service_requests'), threads: await count('exchange_threads'), replies: await count('exchange_replies') }, first);
    });
  });
}
