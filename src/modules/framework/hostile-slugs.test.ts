import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { signIn } from '../../../test/factories/people.ts';

// A NUL byte or other junk in a slug or key names no page: a clear 4xx, never a 500 (PostgreSQL
// refuses NUL in text, so an unchecked slug reaching a query used to fail there).
for (const dialect of testDialects()) {
  describe(`hostile slugs in framework and coaching addresses (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
    });
    after(() => t.close());

    it('answers 4xx for NUL bytes and odd characters, signed out and as an admin', async () => {
      const admin = t.client();
      await signIn(t.db, admin, n.admin.id);
      const paths = ['/framework/%00', '/framework/a%00b/benchmarks/x', '/framework/common-principles/benchmarks/%00', '/framework/Common%20Principles', `/centers/%00/engagements`, '/admin/frameworks/%00'];
      for (const path of paths) {
        for (const client of [t.client(), admin]) {
          const res = await client.get(path);
          assert.ok(res.statusCode >= 300 && res.statusCode < 500, `${path}: ${res.statusCode}`);
        }
      }
    });
  });
}
