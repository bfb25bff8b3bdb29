import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/helpers/database.ts';
import { seedDemoNetwork } from '../../db/seeds/demo-network.ts';
import { seedDemoCenters } from '../centers/centers.demo.ts';
import { seedDemoFrameworks } from '../framework/framework.demo.ts';
import { seedDemoCoaching } from './coaching.demo.ts';

for (const dialect of testDialects()) {
  describe(`coaching demo data (${dialect})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(dialect);
    });
    after(() => database.drop());

    it('gives centers engagements with focus, sessions and next steps; running again adds nothing', async () => {
      const db = database.db;
      await seedDemoNetwork(db);
      await seedDemoCenters(db);
      await seedDemoFrameworks(db);
      await seedDemoCoaching(db);
      const count = async (table: 'engagements' | 'engagement_focus' | 'engagement_sessions' | 'engagement_next_steps') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const first = { e: await count('engagements'), f: await count('engagement_focus'), s: await count('engagement_sessions'), n: await count('engagement_next_steps') };
      assert.ok(first.e > 0 && first.f > 0 && first.s === first.e * 3 && first.n > 0, JSON.stringify(first));
      await seedDemoCoaching(db);
      assert.deepEqual({ e: await count('engagements'), f: await count('engagement_focus'), s: await count('engagement_sessions'), n: await count('engagement_next_steps') }, first);
    });
  });
}
