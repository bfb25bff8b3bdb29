import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { textOf } from '../../../test/helpers/client.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';

for (const dialect of testDialects()) {
  describe(`directory profiles (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    it('shows anyone the public face of a school, with its center, and nothing private', async () => {
      const center = await createOrganisation(t.db, { kind: 'affiliate_center', name: 'Bay Area Center' });
      const school = await createOrganisation(t.db, {
        kind: 'school',
        name: 'Life Academy <Oakland>',
        center_id: center.id,
        description: 'Small and personal.',
        enrolment: 347,
        nces_id: '060000000001',
        address_line1: '2101 35th Ave',
        email: 'private@example.org',
        contact_public: false,
      });
      const res = await t.client().get(`/directory/${school.slug}`);
      assert.equal(res.statusCode, 200);
      const text = textOf(res.body);
      assert.match(res.body, /<h1>Life Academy &lt;Oakland><\/h1>/, 'names are escaped');
      assert.match(text, /Grades 9–12/);
      assert.match(res.body, new RegExp(`href="/directory/${center.slug}"`));
      for (const secret of ['347', '060000000001', '2101 35th Ave', 'private@example.org']) assert.ok(!res.body.includes(secret), `hides ${secret}`);
    });

    it('shows contacts only when the school chose to publish them', async () => {
      const open = await createOrganisation(t.db, { kind: 'school', email: 'hello@open.example.org', phone: '510-555-0111', contact_public: true });
      const res = await t.client().get(`/directory/${open.slug}`);
      assert.match(res.body, /hello@open\.example\.org/);
      assert.match(res.body, /510-555-0111/);
    });

    it('may show signed-out visitors a profile briefly stored, but shows its editors the change at once', async () => {
      const school = await createOrganisation(t.db, { kind: 'school', description: 'Before the edit.' });
      const leader = await createPerson(t.db, { roles: [['school_leader', school.id]] });
      assert.match((await t.client().get(`/directory/${school.slug}`)).body, /Before the edit/);
      await t.db.updateTable('organisations').set({ description: 'After the edit.' }).where('id', '=', school.id).execute();
      assert.match((await t.client().get(`/directory/${school.slug}`)).body, /Before the edit/, 'stored for up to 30 s');
      const signedIn = t.client();
      await signIn(t.db, signedIn, leader.id);
      assert.match((await signedIn.get(`/directory/${school.slug}`)).body, /After the edit/);
    });

    it('answers an unknown or malformed name with the 404 page, and speaks Spanish', async () => {
      assert.equal((await t.client().get('/directory/no-such-school')).statusCode, 404);
      assert.equal((await t.client().get(`/directory/${'x'.repeat(500)}`)).statusCode, 414, 'an absurdly long name is refused before any lookup');
      const school = await createOrganisation(t.db, { kind: 'school' });
      const es = await t.client().get(`/directory/${school.slug}`, { 'accept-language': 'es' });
      assert.match(textOf(es.body), /Tipo de organización/);
    });
    it("shows a school's enrolment band, affiliation, principles and center, and schema.org data that parses", async () => {
      const center = await createOrganisation(t.db, { kind: 'affiliate_center', name: 'Capital Center' });
      const school = await createOrganisation(t.db, {
        kind: 'school',
        name: 'Tag </script><b>School',
        center_id: center.id,
        enrolment: 347,
        affiliation_status: 'grace',
        principles_focus: '1,3,x,12',
        latitude: 38.123456,
        longitude: -77.654321,
        address_line1: '9 Hidden Lane',
        postal_code: '20001',
        contact_public: false,
      });
      const res = await t.client().get(`/directory/${school.slug}`);
      assert.equal(res.statusCode, 200);
      const text = textOf(res.body);
      assert.match(text, /200–499 students/);
      assert.match(text, /Member, renewal due/);
      assert.match(text, /Learning to use one's mind well|Learning to use one’s mind well/);
      assert.match(res.body, /href="\/principles#principle-3"/);
      assert.doesNotMatch(res.body, /principle-12/, 'only principles 1–10 exist');
      for (const secret of ['347', '9 Hidden Lane', '20001', '38.123456', 'office']) assert.ok(!res.body.includes(secret), `hides ${secret}`);
      const block = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(res.body);
      assert.ok(block, 'a JSON-LD block');
      assert.ok(!block[1]!.includes('</'), 'a name cannot close the block');
      const ld = JSON.parse(block[1]!);
      assert.equal(ld['@type'], 'School');
      assert.equal(ld.name, 'Tag </script><b>School');
      assert.equal(ld.address.addressLocality, 'Oakland');
      assert.equal(ld.memberOf.name, 'Capital Center');
      assert.equal(ld.email, undefined, 'no contact unless published');
      const centerPage = await t.client().get(`/directory/${center.slug}`);
      const centerLd = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(centerPage.body)![1]!);
      assert.equal(centerLd['@type'], 'Organization');
      assert.equal(centerLd.email, undefined);
    });

    it('answers the profile API with public fields and a band, never the private ones', async () => {
      const school = await createOrganisation(t.db, { kind: 'school', enrolment: 1200, nces_id: '060000000777', address_line1: '1 Secret St', contact_public: false, email: 'hidden@example.org' });
      const res = await t.client().get(`/api/v1/directory/${school.slug}`);
      assert.equal(res.statusCode, 200);
      const body = JSON.parse(res.body);
      assert.equal(body.enrolment_band, '1000-1999');
      assert.equal(body.city, 'Oakland', 'negative control: a public field is there');
      for (const key of ['enrolment', 'nces_id', 'address_line1', 'postal_code', 'email', 'phone', 'id']) assert.equal(body[key], undefined, `no ${key}`);
      assert.ok(!res.body.includes('060000000777') && !res.body.includes('hidden@example.org'));
      const open = await createOrganisation(t.db, { kind: 'partner', contact_public: true, email: 'hello@partner.example.org' });
      assert.equal(JSON.parse((await t.client().get(`/api/v1/directory/${open.slug}`)).body).email, 'hello@partner.example.org');
      assert.equal((await t.client().get('/api/v1/directory/no-such-place')).statusCode, 404);
      const list = await t.client().get('/api/v1/directory?kind=school');
      assert.ok(!list.body.includes('060000000777') && !list.body.includes('1 Secret St') && !list.body.includes('hidden@example.org'), 'search results hold no private fields');
    });

    it('draws the map view from a JSON data block, with unplaced results listed beside', async () => {
      await createOrganisation(t.db, { kind: 'school', name: 'Placed Map School', state: 'WY', latitude: 41.1, longitude: -104.8 });
      await createOrganisation(t.db, { kind: 'school', name: 'Unplaced Map School', state: 'WY' });
      const res = await t.client().get('/directory?state=WY&view=map');
      assert.equal(res.statusCode, 200);
      const data = JSON.parse(/<script type="application\/json" id="directory-map-data">([\s\S]*?)<\/script>/.exec(res.body)![1]!);
      assert.deepEqual(data.markers.map((m: { name: string }) => m.name), ['Placed Map School']);
      assert.equal(data.tiles, null);
      assert.match(textOf(res.body), /no map tile server is configured/);
      assert.match(textOf(res.body), /Not on the map[\s\S]*Unplaced Map School/);
      assert.match(res.body, /src="\/assets\/client\/directory-map\.js"/);
      assert.equal((await t.client().get('/assets/client/directory-map.js')).statusCode, 200);
      assert.equal((await t.client().get('/assets/leaflet/leaflet-src.esm.js')).statusCode, 200);
    });
  });
}
