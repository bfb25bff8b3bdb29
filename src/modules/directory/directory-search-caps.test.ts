import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { searchCounts, searchDirectoryPage } from './directory-search.repository.ts';
import { searchWords } from './search-text.ts';

// The bounds that keep broad searches cheap (RANK_CAP in directory.service.ts), exercised with a
// small cap instead of 5,000 rows: facets stand in for filters without changing what matches,
// common words still have to match but do not rank, and a common last word is read whole.

const names = (rows: { name: string }[]) => rows.map((r) => r.name);

for (const dialect of testDialects()) {
  describe(`directory search bounds (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
      const center = await createOrganisation(t.db, { kind: 'affiliate_center', name: 'Delta Center', state: 'CA', description: 'Runs an academy for teachers.' });
      const school = (name: string, o: Record<string, unknown>) => createOrganisation(t.db, { kind: 'school', name, ...o });
      await school('Lincoln Academy', { state: 'CA', center_id: center.id, affiliation_status: 'current', description: 'An academy.' });
      await school('Lincoln Academy North', { state: 'TX', affiliation_status: 'expired', description: 'An academy.' });
      await school('Parks Academy', { state: 'CA', center_id: center.id, affiliation_status: 'grace', description: 'Lincoln alumni run it; an academy.' });
      await school('Academyville School', { state: 'CA', affiliation_status: 'current' });
      await createOrganisation(t.db, { kind: 'partner', name: 'Lincoln Academy Friends', state: 'CA', description: 'An academy partner.' });
    });
    after(() => t.close());

    it('applies kind, state, center and status through the index exactly as plain filters would', async () => {
      const words = searchWords('lincoln')!;
      const page = (f: Parameters<typeof searchDirectoryPage>[1]) => searchDirectoryPage(t.db, f, 'name', { limit: 25, offset: 0 });
      assert.deepEqual(names(await page({ words, kind: 'school', state: 'CA' })), ['Lincoln Academy', 'Parks Academy']);
      assert.deepEqual(names(await page({ words, statuses: ['current', 'grace'] })), ['Lincoln Academy', 'Parks Academy']);
      assert.deepEqual(names(await page({ words, kind: 'partner' })), ['Lincoln Academy Friends']);
      const center = await t.db.selectFrom('organisations').select('id').where('name', '=', 'Delta Center').executeTakeFirstOrThrow();
      assert.deepEqual(names(await page({ words, centerId: center.id })), ['Lincoln Academy', 'Parks Academy']);
      // Negative control: the facets follow an edit (the trigger rewrites the search document).
      await t.db.updateTable('organisations').set({ state: 'NV', affiliation_status: 'expired' }).where('name', '=', 'Parks Academy').execute();
      assert.deepEqual(names(await page({ words, kind: 'school', state: 'CA' })), ['Lincoln Academy']);
      assert.deepEqual(names(await page({ words, state: 'NV', statuses: ['expired'] })), ['Parks Academy']);
    });

    it('marks words matching more than the cap as common, and reads a common last word whole', async () => {
      // "academy" matches 5 organisations as a word; as a prefix it would also match "Academyville".
      const counts = await searchCounts(t.db, { words: searchWords('lincoln academy')! }, 10_000, 4);
      assert.deepEqual(counts.common, [false, true], 'lincoln: 4 matches; academy: 5');
      assert.equal(counts.lastComplete, true);
      assert.equal(counts.total, 4, 'academy read as a whole word');
      const rare = await searchCounts(t.db, { words: searchWords('lincoln academy')! }, 10_000, 10);
      assert.deepEqual(rare.common, [false, false]);
      assert.equal(rare.lastComplete, false, 'negative control: under the cap the last word stays a prefix');
      const prefix = await searchCounts(t.db, { words: searchWords('academ')! }, 10_000, 10);
      assert.equal(prefix.total, 6, 'a prefix still finds Academyville');
    });

    it('ranks by the words that are not common, while every word must still match', async () => {
      const words = searchWords('lincoln academy')!;
      const rows = await searchDirectoryPage(t.db, { words: { ...words, prefix: false } }, 'relevance', { limit: 25, offset: 0 }, searchWords('lincoln')!);
      assert.deepEqual(new Set(names(rows)), new Set(['Lincoln Academy', 'Lincoln Academy North', 'Lincoln Academy Friends', 'Parks Academy']));
      assert.equal(names(rows).at(-1), 'Parks Academy', '"lincoln" only in its description ranks last');
    });
  });
}
