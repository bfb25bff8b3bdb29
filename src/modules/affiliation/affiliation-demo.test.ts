import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/helpers/database.ts';
import { seedDemoNetwork } from '../../db/seeds/demo-network.ts';
import { seedDemoAffiliation } from './affiliation.demo.ts';
import { registerInvoicePurposes } from '../invoice-purposes.ts';

registerInvoicePurposes();

for (const dialect of testDialects()) {
  describe(`affiliation demo data (${dialect})`, () => {
    let d: TestDatabase;
    before(async () => {
      d = await createTestDatabase(dialect);
      await seedDemoNetwork(d.db);
    });
    after(() => d?.drop());

    it('seeds plans and a spread of statuses, with organisations in step, and adds nothing the second time', async () => {
      await seedDemoAffiliation(d.db);
      const count = async () => Number((await d.db.selectFrom('affiliations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const first = await count();
      assert.ok(first > 20, `only ${first} affiliations`);
      const statuses = new Set((await d.db.selectFrom('affiliations').select('status').execute()).map((r) => r.status));
      for (const s of ['current', 'grace', 'expired', 'pending']) assert.ok(statuses.has(s as never), `no ${s} affiliation in the demo`);
      const paidOffline = await d.db.selectFrom('payments').select('method').where('method', 'in', ['check', 'purchase_order']).execute();
      assert.ok(paidOffline.length > 0, 'some invoices paid by check or PO');
      const mismatched = await d.db
        .selectFrom('affiliations')
        .innerJoin('organisations', 'organisations.id', 'affiliations.organisation_id')
        .select(['affiliations.status', 'organisations.affiliation_status'])
        .whereRef('affiliations.status', '!=', 'organisations.affiliation_status')
        .execute();
      assert.deepEqual(mismatched, []);
      const years = new Set((await d.db.selectFrom('affiliation_terms').select('starts_on').execute()).map((r) => r.starts_on.slice(0, 4)));
      assert.ok(years.size >= 3, `terms span ${[...years].join(',')}`);
      await seedDemoAffiliation(d.db);
      assert.equal(await count(), first);
    });
  });
}
