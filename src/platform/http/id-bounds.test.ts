import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';

// Ids past PostgreSQL's integer range used to reach the database, which refused the query: a 500
// from a public URL. Every id in a path, query or body is now capped where it is parsed.
const HUGE = '99999999999';

for (const dialect of testDialects()) {
  describe(`ids beyond the database's integer range (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    it('answer 400 or 404 from public pages and the API, never 500', async () => {
      const anyone = t.client();
      const expectations: [string, number[]][] = [
        [`/api/v1/directory?center=${HUGE}`, [400]],
        [`/api/v1/organisations/${HUGE}`, [400, 401, 404]],
        [`/directory?center=${HUGE}`, [200, 400]],
      ];
      for (const [url, statuses] of expectations) {
        const res = await anyone.get(url);
        assert.ok(statuses.includes(res.statusCode), `${url}: ${res.statusCode}`);
      }
    });

    it('answer 404 to a signed-in network admin, while a real id answers 200 (positive control)', async () => {
      const national = await createOrganisation(t.db, { kind: 'national_office' });
      const admin = await createPerson(t.db, { roles: [['network_admin', national.id]] });
      const client = t.client();
      await signIn(t.db, client, admin.id);
      for (const url of [`/exchange/${HUGE}`, `/api/v1/organisations/${HUGE}`, `/admin/audit?subjectId=${HUGE}`]) {
        const res = await client.get(url);
        assert.ok([400, 404].includes(res.statusCode) || (url.startsWith('/admin') && res.statusCode === 200), `${url}: ${res.statusCode}`);
      }
      assert.equal((await client.get(`/api/v1/organisations/${national.id}`)).statusCode, 200);
    });
  });
}
