import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Organisation } from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { listOrganisations } from './organisations.service.ts';

// Search, filters and pagination, through the service, the API and the admin page.

for (const dialect of testDialects()) {
  describe(`organisation lists (${dialect})`, () => {
    let t: TestApp;
    let bay: Organisation;
    let ne: Organisation;
    let admin: TestClient;

    const names = (r: { data: { name: string }[] }) => r.data.map((o) => o.name);
    const api = async (qs: string) => {
      const res = await t.client().get(`/api/v1/organisations?${qs}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { data: { name: string; slug: string }[]; page: number; perPage: number; total: number };
    };

    before(async () => {
      t = await createTestApp(dialect);
      const office = await createOrganisation(t.db, { kind: 'national_office', name: 'Zeta National Office', city: 'Washington', state: 'DC', region: 'National' });
      bay = await createOrganisation(t.db, { kind: 'affiliate_center', name: 'Bay Area Coalition', city: 'San Francisco', state: 'CA', region: 'West' });
      ne = await createOrganisation(t.db, { kind: 'affiliate_center', name: 'Northeast Coalition', city: 'Providence', state: 'RI', region: 'Northeast' });
      // 25 schools in the Bay Area center, named so they sort the same on both databases.
      for (let i = 1; i <= 25; i += 1) {
        await createOrganisation(t.db, { kind: 'school', name: `Bay School ${String(i).padStart(2, '0')}`, city: i % 2 ? 'Oakland' : 'Berkeley', state: 'CA', region: 'West', center_id: bay.id });
      }
      await createOrganisation(t.db, { kind: 'school', name: 'Hope High', city: 'Providence', state: 'RI', region: 'Northeast', center_id: ne.id });
      await createOrganisation(t.db, { kind: 'school', name: 'Puerto Rico Escuela', city: 'San Juan', state: 'PR', region: 'Caribbean' });
      await createOrganisation(t.db, { kind: 'partner', name: '100% Kids_Club', city: 'Oakland', state: 'CA', region: 'West', center_id: bay.id });
      const person = await createPerson(t.db, { roles: [['network_admin', office.id]] });
      admin = t.client();
      await signIn(t.db, admin, person.id);
    });
    after(() => t.close());

    it('pages through everything by name with the total', async () => {
      const first = await api('per_page=10');
      assert.equal(first.total, 31);
      assert.equal(first.page, 1);
      assert.equal(first.perPage, 10);
      assert.deepEqual(names(first).slice(0, 3), ['100% Kids_Club', 'Bay Area Coalition', 'Bay School 01']);
      const last = await api('per_page=10&page=4');
      assert.deepEqual(names(last), ['Zeta National Office']);
      const beyond = await api('per_page=10&page=9');
      assert.deepEqual(beyond.data, []);
      assert.equal(beyond.total, 31);
      const all = new Set<string>();
      for (let page = 1; page <= 4; page += 1) for (const o of (await api(`per_page=10&page=${page}`)).data) all.add(o.slug);
      assert.equal(all.size, 31, 'no organisation is skipped or repeated across pages');
    });

    it('filters by kind, state, center and region, and searches name or city ignoring case', async () => {
      assert.equal((await api('kind=affiliate_center')).total, 2);
      assert.deepEqual(names(await api('state=ri')), ['Hope High', 'Northeast Coalition']);
      assert.deepEqual(names(await api('state=PR')), ['Puerto Rico Escuela']);
      assert.equal((await api(`center=${bay.id}`)).total, 26);
      assert.equal((await api(`center=${bay.id}&kind=school&q=berkeley`)).total, 12);
      assert.deepEqual(names(await api('q=HOPE')), ['Hope High']);
      assert.deepEqual(names(await api('q=providence')), ['Hope High', 'Northeast Coalition']);
      assert.deepEqual(names(await api('region=caribbean')), ['Puerto Rico Escuela']);
      assert.equal((await api('q=no+such+thing')).total, 0);
    });

    it('matches LIKE wildcards in a search literally', async () => {
      assert.deepEqual(names(await api('q=100%25')), ['100% Kids_Club']);
      assert.deepEqual(names(await api('q=s_c')), ['100% Kids_Club']);
      assert.equal((await api('q=%25')).total, 1);
      assert.equal((await api('q=_')).total, 1);
      // Negative control: the same search without escaping would match everything.
      const unescaped = await t.db.selectFrom('organisations').select('id').where('name', 'like', '%_%').execute();
      assert.equal(unescaped.length, 31);
    });

    it('rejects bad list parameters with 400 and the parameter named', async () => {
      for (const [qs, field] of [['per_page=101', 'per_page'], ['page=0', 'page'], ['kind=castle', 'kind'], ['state=ZZ', 'state'], ['center=abc', 'center']]) {
        const res = await t.client().get(`/api/v1/organisations?${qs}`);
        assert.equal(res.statusCode, 400, qs);
        assert.ok(res.json().error.fields[field as string], `${qs}: ${res.body}`);
      }
    });

    it('returns the same page from the service as from the API', async () => {
      const page = await listOrganisations(t.db, { kind: 'school', state: 'CA', page: 2, per_page: 20 });
      assert.equal(page.total, 25);
      assert.deepEqual(page.items.map((o) => o.name), ['Bay School 21', 'Bay School 22', 'Bay School 23', 'Bay School 24', 'Bay School 25']);
      assert.equal(page.items[0]?.center_slug, bay.slug);
    });

    it('shows the admin list with its filters kept in the form and in the page links', async () => {
      const res = await admin.get(`/admin/organisations?q=bay&kind=school&state=&center=${bay.id}`);
      assert.equal(res.statusCode, 200);
      const text = textOf(res.body);
      assert.match(text, /25 organisations/);
      assert.match(text, /Showing 1–25 of 25/);
      assert.match(res.body, /<caption>Organisations matching the filters, by name<\/caption>/);
      assert.match(res.body, /name="q"[^>]*value="bay"|value="bay"[^>]*name="q"/);
      assert.match(res.body, /<option value="school" selected/);
      assert.match(res.body, /href="\/admin\/organisations\/new"/);

      const paged = await admin.get('/admin/organisations?kind=school');
      assert.match(textOf(paged.body), /Showing 1–25 of 27/);
      assert.match(paged.body, /href="\/admin\/organisations\?kind=school&amp;page=2"/);
      assert.match(paged.body, /aria-current="page"/);
      const second = await admin.get('/admin/organisations?kind=school&page=2');
      assert.match(textOf(second.body), /Showing 26–27 of 27/);
      assert.match(textOf(second.body), /Puerto Rico Escuela/);

      const empty = await admin.get('/admin/organisations?q=nothing-matches');
      assert.match(textOf(empty.body), /No organisations match/);
    });

    it("lists a center's schools and partners on its own page", async () => {
      const res = await admin.get(`/organisations/${bay.slug}`);
      assert.equal(res.statusCode, 200);
      const text = textOf(res.body);
      assert.match(text, /26 organisations name this center\./);
      assert.match(text, /Bay School 25/);
      assert.match(text, /100% Kids_Club/);
      assert.doesNotMatch(text, /Hope High/);
    });
  });
}
