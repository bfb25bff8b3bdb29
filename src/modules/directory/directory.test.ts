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
  });
}
