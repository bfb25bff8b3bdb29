import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, signIn, TEST_PASSWORD } from '../../../test/factories/people.ts';
import { GOOD_PASSWORD, auditActions, mailTo, sessionCount, signInForm, uniqueEmail } from './accounts.test-support.ts';

for (const dialect of testDialects()) {
  describe(`the account page (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    async function signedIn(opts: Parameters<typeof createPerson>[1] = {}) {
      const person = await createPerson(t.db, { email: uniqueEmail('acct'), ...opts });
      const client = t.client();
      await signIn(t.db, client, person.id);
      return { person, client };
    }

    it('sends an anonymous visitor to sign in and back, and refuses anonymous form posts', async () => {
      const res = await t.client().get('/account');
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, '/login?next=/account');
      const client = t.client();
      const csrf = await client.csrfFrom('/login');
      const post = await client.post('/account/profile', { name: 'Nobody', locale: 'en', _csrf: csrf });
      assert.equal(post.statusCode, 401);
    });

    it("offers 'Your work' links from the roles: each center once, roll-ups for center staff and admins only", async () => {
      const school = await createOrganisation(t.db, { kind: 'school' });
      const center = await createOrganisation(t.db, { kind: 'affiliate_center' });
      const work = async (roles: NonNullable<Parameters<typeof createPerson>[1]>['roles']) => {
        const { client } = await signedIn({ roles });
        const body = (await client.get('/account')).body;
        return { body, links: [...body.matchAll(/href="(\/(?:assessment|coaching|improvement|centers\/[^"]+\/engagements))"/g)].map((m) => m[1]) };
      };
      // A director who also coaches at the same center: one engagements link.
      const staff = await work([['center_director', center.id], ['center_coach', center.id]]);
      assert.deepEqual(staff.links, ['/assessment', '/coaching', `/centers/${center.slug}/engagements`, '/improvement']);
      assert.deepEqual((await work([['school_staff', school.id]])).links, ['/assessment', '/coaching'], 'school team: no engagements, no roll-ups');
      const office = await createOrganisation(t.db, { kind: 'national_office' });
      assert.deepEqual((await work([['network_admin', office.id]])).links, ['/improvement']);
      const none = await work([]);
      assert.deepEqual(none.links, []);
      assert.doesNotMatch(none.body, /id="work-heading"/, 'no section without work');
    });

    it('shows name, read-only email, language, and roles linked to their organisations', async () => {
      const school = await createOrganisation(t.db, { kind: 'school' });
      const center = await createOrganisation(t.db, { kind: 'affiliate_center' });
      const { person, client } = await signedIn({ name: 'Rosa Parks', roles: [['school_leader', school.id], ['center_coach', center.id]] });
      const page = await client.get('/account');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /name="name"[^>]*value="Rosa Parks"|value="Rosa Parks"[^>]*name="name"/);
      assert.ok(page.body.includes(`value="${person.email}"`));
      assert.doesNotMatch(page.body, /name="email"/, 'the address is not an editable field');
      const text = textOf(page.body);
      assert.match(text, new RegExp(`${school.name} School leader`));
      assert.match(text, new RegExp(`${center.name} Center coach`));
      assert.match(page.body, new RegExp(`href="/organisations/${school.slug}"`));
      assert.match(page.body, /<caption/);
    });

    it('saves name and language; choosing Spanish switches the pages to Spanish', async () => {
      const { person, client } = await signedIn({ name: 'Old Name' });
      const res = await client.submit('/account', { name: 'Nueva Persona', locale: 'es' }, '/account/profile');
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/account');
      const page = await client.get('/account', { 'accept-language': 'en' });
      assert.match(page.body, /<html lang="es"/);
      assert.match(textOf(page.body), /Su cuenta/);
      assert.match(textOf(page.body), /Su perfil se ha guardado/);
      const saved = await t.db.selectFrom('people').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
      assert.equal(saved.name, 'Nueva Persona');
      assert.equal(saved.locale, 'es');
      assert.deepEqual(await auditActions(t, person.id), ['person.updated']);
      // And back.
      await client.submit('/account', { name: 'Nueva Persona', locale: 'en' }, '/account/profile');
      assert.match((await client.get('/account')).body, /<html lang="en"/);
    });

    it('re-renders bad profile input with messages and saves nothing', async () => {
      const { person, client } = await signedIn({ name: 'Kept Name' });
      for (const [fields, field] of [
        [{ name: '', locale: 'en' }, 'name'],
        [{ name: 'n'.repeat(201), locale: 'en' }, 'name'],
        [{ name: 'Fine', locale: 'xx' }, 'locale'],
      ] as const) {
        const res = await client.submit('/account', fields, '/account/profile');
        assert.equal(res.statusCode, 400);
        assert.match(res.body, new RegExp(`id="field-${field}-error"`));
      }
      const res = await client.submit('/account', { name: 'n'.repeat(201), locale: 'en' }, '/account/profile');
      assert.ok(res.body.includes(`value="${'n'.repeat(201)}"`), 'what was typed is shown again');
      assert.equal((await t.db.selectFrom('people').select('name').where('id', '=', person.id).executeTakeFirstOrThrow()).name, 'Kept Name');
    });

    it('changes the password with the right current one and signs out other devices', async () => {
      const { person, client } = await signedIn();
      const other = t.client();
      await signIn(t.db, other, person.id);
      const res = await client.submit('/account', { current: TEST_PASSWORD, password: GOOD_PASSWORD, confirm: GOOD_PASSWORD }, '/account/password');
      assert.equal(res.statusCode, 303);
      assert.equal((await client.get('/account')).statusCode, 200, 'this device stays signed in');
      assert.equal((await other.get('/account')).statusCode, 302, 'the other device is signed out');
      assert.equal(await sessionCount(t, person.id), 1);
      assert.equal((await signInForm(t.client(), person.email, GOOD_PASSWORD)).statusCode, 303);
      assert.ok((await auditActions(t, person.id)).includes('person.password_changed'));
      await mailTo(t, person.email, /password was changed/);
    });

    it('refuses a wrong current password with a field message and changes nothing', async () => {
      const { person, client } = await signedIn();
      const res = await client.submit('/account', { current: 'not my password at all', password: GOOD_PASSWORD, confirm: GOOD_PASSWORD }, '/account/password');
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /id="field-current-error"/);
      assert.match(textOf(res.body), /current password is not right/);
      const mismatch = await client.submit('/account', { current: TEST_PASSWORD, password: GOOD_PASSWORD, confirm: 'other words here ok' }, '/account/password');
      assert.equal(mismatch.statusCode, 400);
      assert.match(mismatch.body, /id="field-confirm-error"/);
      assert.equal((await signInForm(t.client(), person.email, TEST_PASSWORD)).statusCode, 303, 'the old password still works');
      assert.deepEqual(await auditActions(t, person.id), []);
    });

    it('lets someone with no password yet choose one without a current password', async () => {
      const { person, client } = await signedIn();
      await t.db.updateTable('people').set({ password_hash: null }).where('id', '=', person.id).execute();
      const page = await client.get('/account');
      assert.doesNotMatch(page.body, /name="current"/);
      assert.match(textOf(page.body), /Choose a password/);
      const res = await client.submit('/account', { password: GOOD_PASSWORD, confirm: GOOD_PASSWORD }, '/account/password');
      assert.equal(res.statusCode, 303);
      assert.equal((await signInForm(t.client(), person.email, GOOD_PASSWORD)).statusCode, 303);
    });

    it('signs out of all other devices, keeping this one', async () => {
      const { person, client } = await signedIn();
      const phone = t.client();
      const tablet = t.client();
      await signIn(t.db, phone, person.id);
      await signIn(t.db, tablet, person.id);
      const bystander = await signedIn();
      assert.equal(await sessionCount(t, person.id), 3);
      const res = await client.submit('/account', {}, '/account/sessions/end-others');
      assert.equal(res.statusCode, 303);
      assert.match(textOf((await client.get('/account')).body), /signed out of all other devices/);
      assert.equal(await sessionCount(t, person.id), 1);
      assert.equal((await phone.get('/account')).statusCode, 302);
      assert.equal(await sessionCount(t, bystander.person.id), 1, "someone else's sessions are untouched");
    });
  });
}
