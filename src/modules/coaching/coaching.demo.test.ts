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
      assert.ok(first.e > 0 && first.f > 0 && first.s >= first.e * 3 && first.n > 0, JSON.stringify(first));
      await seedDemoCoaching(db);
      assert.deepEqual({ e: await count('engagements'), f: await count('engagement_focus'), s: await count('engagement_sessions'), n: await count('engagement_next_steps') }, first);
    });

    it('has engagements with long logs: shared and private notes, next steps done, overdue and open', async () => {
      const db = database.db;
      const today = new Date().toISOString().slice(0, 10);
      const logs = await db
        .selectFrom('engagement_sessions')
        .select(['engagement_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>(eb.case().when('shareable', '=', true).then(1).else(0).end()).as('shared')])
        .groupBy('engagement_id')
        .execute();
      const long = logs.filter((l) => Number(l.n) >= 5);
      assert.ok(long.length >= 2, 'at least two engagements with several sessions');
      for (const l of long) assert.ok(Number(l.shared) > 0 && Number(l.shared) < Number(l.n), 'some notes shared with the school, some not');
      for (const l of long) {
        const steps = await db.selectFrom('engagement_next_steps').select(['due_on', 'done_at', 'reminded_at']).where('engagement_id', '=', l.engagement_id).execute();
        assert.ok(steps.some((s) => s.done_at !== null), 'a step done');
        assert.ok(steps.some((s) => s.done_at === null && s.due_on < today), 'a step overdue');
        assert.ok(steps.some((s) => s.done_at === null && s.due_on >= today), 'a step open');
        // An overdue step counts as reminded already: the demo's first day sends no reminder burst.
        assert.ok(steps.filter((s) => s.done_at === null && s.due_on < today).every((s) => s.reminded_at !== null));
      }
    });
  });
}
