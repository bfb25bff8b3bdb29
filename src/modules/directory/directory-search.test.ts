import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { textOf } from '../../../test/helpers/client.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { searchDirectory } from './directory.service.ts';
import { DirectoryQuery } from './directory.schemas.ts';

const search = (t: TestApp, q: Record<string, unknown>) => searchDirectory(t.db, DirectoryQuery.parse(q));
const names = (r: { items: { name: string }[] }) => r.items.map((i) => i.name);

const NASTY = [
  '"', '""', "'", '*', '**', '-', '--', 'NEAR', 'NEAR(a b)', 'a NEAR b', 'AND', 'OR', 'NOT', 'a OR', 'OR b', '(', ')', '()', 'a:b', 'name:x',
  '^', '{', '}', '[', ']', '\\', '&', '|', '!', '!!', ':*', "'a':*", 'a & | b', '<->', 'a <-> b', '%', '_', '\u0000', '\u202e', '😀', 'ｆｕｌｌ', 'ß',
  'x'.repeat(200), `${'a '.repeat(100)}`, 'Robert"); DROP TABLE organisations;--', '* OR 1=1', '-academy', 'academy*', '"academy', 'acad"emy',
];

for (const dialect of testDialects()) {
  describe(`directory search (${dialect})`, () => {
    let t: TestApp;
    let bay: { id: number };
    before(async () => {
      t = await createTestApp(dialect);
      bay = await createOrganisation(t.db, { kind: 'affiliate_center', name: 'Bay Area Center', region: 'West', city: 'San Francisco' });
      const ne = await createOrganisation(t.db, { kind: 'affiliate_center', name: 'Northeast Center', region: 'Northeast', city: 'Providence', state: 'RI' });
      const school = (name: string, o: Record<string, unknown>) => createOrganisation(t.db, { kind: 'school', name, ...o });
      await school('Mission Hill Academy', { city: 'San Francisco', state: 'CA', center_id: bay.id, grade_low: '9', grade_high: '12', affiliation_status: 'current', description: 'Portfolios and advisory.' });
      await school('Excelsior Middle School', { city: 'San Francisco', state: 'CA', center_id: bay.id, grade_low: '6', grade_high: '8', affiliation_status: 'grace' });
      await school('Oakland Elementary', { city: 'Oakland', state: 'CA', center_id: bay.id, grade_low: 'PK', grade_high: '5', affiliation_status: 'expired', description: 'Near the lake; an academy of the arts.' });
      await school('Providence Academy', { city: 'Providence', state: 'RI', center_id: ne.id, grade_low: 'K', grade_high: '8', affiliation_status: 'current' });
      await school('Martínez K-12 School', { city: 'Santa Fe', state: 'NM', grade_low: 'K', grade_high: '12', affiliation_status: null });
      await createOrganisation(t.db, { kind: 'partner', name: 'Academy Arts Partners', city: 'Boston', state: 'MA' });
      for (let i = 0; i < 30; i++) await school(`Paging School ${String(i).padStart(2, '0')}`, { city: 'Tulsa', state: 'OK', grade_low: '9', grade_high: '12' });
    });
    after(() => t.close());

    it('ranks a match in the name above one in the description, and matches the last word as a prefix', async () => {
      const r = await search(t, { q: 'academy' });
      assert.deepEqual(new Set(names(r)), new Set(['Mission Hill Academy', 'Providence Academy', 'Academy Arts Partners', 'Oakland Elementary']));
      assert.equal(names(r).at(-1), 'Oakland Elementary', 'a description-only match ranks last');
      assert.equal(r.sort, 'relevance');
      assert.deepEqual(names(await search(t, { q: 'missi' })), ['Mission Hill Academy'], 'an unfinished last word');
      assert.deepEqual(names(await search(t, { q: 'hill missi' })), ['Mission Hill Academy'], 'all words required, in any order');
      assert.deepEqual(names(await search(t, { q: 'hill zebra' })), []);
      assert.deepEqual(names(await search(t, { q: 'san francisco', sort: 'name' })), ['Bay Area Center', 'Excelsior Middle School', 'Mission Hill Academy'], 'the city is searched');
    });

    it('combines words with filters: kind, state, center, region, grades and affiliation', async () => {
      assert.deepEqual(names(await search(t, { q: 'academy', kind: 'school', state: 'CA' })), ['Mission Hill Academy', 'Oakland Elementary']);
      assert.deepEqual(names(await search(t, { center: bay.id, sort: 'name' })), ['Excelsior Middle School', 'Mission Hill Academy', 'Oakland Elementary']);
      assert.deepEqual(names(await search(t, { region: 'northeast', sort: 'name' })), ['Northeast Center']);
      assert.deepEqual(names(await search(t, { status: 'member', sort: 'name' })), ['Excelsior Middle School', 'Mission Hill Academy', 'Providence Academy'], 'member = current or grace');
      assert.deepEqual(names(await search(t, { status: 'expired' })), ['Oakland Elementary']);
    });

    it('finds schools whose grade span overlaps the band asked for', async () => {
      const elementary = new Set(names(await search(t, { grades: 'elementary' })));
      assert.deepEqual(elementary, new Set(['Oakland Elementary', 'Providence Academy', 'Martínez K-12 School']), 'PK–5, K–8 and K–12 overlap K–5; 6–8 does not');
      const middle = new Set(names(await search(t, { grades: 'middle' })));
      assert.deepEqual(middle, new Set(['Excelsior Middle School', 'Providence Academy', 'Martínez K-12 School']));
      const high = names(await search(t, { grades: 'high', state: 'CA' }));
      assert.deepEqual(high, ['Mission Hill Academy'], 'negative control: 6–8 and PK–5 are not high schools');
    });

    it('pages 25 at a time with an exact total, and sorts by city or state', async () => {
      const first = await search(t, { state: 'OK' });
      assert.equal(first.total, 30);
      assert.equal(first.items.length, 25);
      const second = await search(t, { state: 'OK', page: 2 });
      assert.deepEqual(names(second), ['Paging School 25', 'Paging School 26', 'Paging School 27', 'Paging School 28', 'Paging School 29']);
      const byState = names(await search(t, { kind: 'school', sort: 'state', grades: 'middle' }));
      assert.deepEqual(byState, ['Excelsior Middle School', 'Martínez K-12 School', 'Providence Academy'], 'CA, NM, RI');
      const byCity = names(await search(t, { q: 'academy', sort: 'city' }));
      assert.deepEqual(byCity, ['Academy Arts Partners', 'Oakland Elementary', 'Providence Academy', 'Mission Hill Academy']);
    });

    it('never answers a hostile or odd query with an error', async () => {
      for (const q of NASTY) {
        await assert.doesNotReject(search(t, { q }), `search ${JSON.stringify(q)}`);
        const page = await t.client().get(`/directory?q=${encodeURIComponent(q)}`);
        assert.equal(page.statusCode, 200, `page for ${JSON.stringify(q)}`);
        const api = await t.client().get(`/api/v1/directory?q=${encodeURIComponent(q.slice(0, 200))}`);
        assert.equal(api.statusCode, 200, `API for ${JSON.stringify(q)}`);
      }
      assert.deepEqual(names(await search(t, { q: '"academy' })).length, 4, 'a stray quote is just ignored');
      assert.deepEqual(names(await search(t, { q: 'NEAR' })), ['Oakland Elementary'], 'NEAR is a word (in "Near the lake"), not an operator');
    });

    it('shows the search page with filters, a count and links, and keeps bad filter values from failing it', async () => {
      const res = await t.client().get('/directory?q=academy&state=CA&kind=school');
      assert.equal(res.statusCode, 200);
      const text = textOf(res.body);
      assert.match(text, /2 organisations found/);
      assert.match(res.body, /href="\/directory\/mission-hill-academy"/);
      assert.match(text, /Member/);
      const odd = await t.client().get('/directory?state=ZZ&page=abc&grades=college&q=academy');
      assert.equal(odd.statusCode, 200);
      assert.match(textOf(odd.body), /4 organisations found/, 'the bad values are dropped, the words still searched');
      const es = await t.client().get('/directory?q=academy', { 'accept-language': 'es' });
      assert.match(textOf(es.body), /4 organizaciones encontradas/);
      const next = await t.client().get('/directory?state=OK');
      assert.match(next.body, /href="\/directory\?state=OK&amp;page=2"/, 'pagination keeps the filters');
    });

    it('answers the JSON API with public fields only, 400 on a bad filter, and GeoJSON for maps', async () => {
      const res = await t.client().get('/api/v1/directory?q=academy&state=CA');
      assert.equal(res.statusCode, 200);
      const body = JSON.parse(res.body);
      assert.equal(body.total, 2);
      assert.deepEqual(Object.keys(body.data[0]).sort(), ['affiliation_status', 'center', 'city', 'grade_high', 'grade_low', 'kind', 'latitude', 'longitude', 'name', 'region', 'slug', 'state']);
      assert.equal((await t.client().get('/api/v1/directory?state=ZZ')).statusCode, 400);
      await createOrganisation(t.db, { kind: 'school', name: 'Geo School', city: 'Reno', state: 'NV', latitude: 39.52963, longitude: -119.81380 });
      const geo = JSON.parse((await t.client().get('/api/v1/directory?q=geo&format=geo')).body);
      assert.equal(geo.type, 'FeatureCollection');
      assert.deepEqual(geo.features[0].geometry.coordinates, [-119.81, 39.53], 'rounded to about a kilometre');
    });
  });
}
