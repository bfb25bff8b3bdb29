import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Organisation, Person } from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';

// Creating, editing and deleting organisations through the HTML forms: what the person sees, what
// is saved, and what the audit log records.

for (const dialect of testDialects()) {
  describe(`organisation pages and forms (${dialect})`, () => {
    let t: TestApp;
    let office: Organisation;
    let center: Organisation;
    let school: Organisation;
    let admin: Person;
    let adminBrowser: TestClient;
    let leaderBrowser: TestClient;
    let staffBrowser: TestClient;

    const row = (id: number) => t.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    const bySlug = (slug: string) => t.db.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirst();
    const auditOf = (id: number) => t.db.selectFrom('audit_events').selectAll().where('subject_type', '=', 'organisation').where('subject_id', '=', id).orderBy('id').execute();
    const count = async () => (await t.db.selectFrom('organisations').select('id').execute()).length;

    before(async () => {
      t = await createTestApp(dialect);
      office = await createOrganisation(t.db, { kind: 'national_office', name: 'Coalition National Office' });
      center = await createOrganisation(t.db, { kind: 'affiliate_center', name: 'Bay Area Coalition' });
      school = await createOrganisation(t.db, { kind: 'school', name: 'Mission Hill School', center_id: center.id, nces_id: '062271003230', enrolment: 412 });
      admin = await createPerson(t.db, { name: 'Ada Admin', roles: [['network_admin', office.id]] });
      const leader = await createPerson(t.db, { name: 'Lena Leader', roles: [['school_leader', school.id]] });
      const staff = await createPerson(t.db, { name: 'Sam Staff', roles: [['school_staff', school.id]] });
      adminBrowser = t.client();
      leaderBrowser = t.client();
      staffBrowser = t.client();
      await signIn(t.db, adminBrowser, admin.id);
      await signIn(t.db, leaderBrowser, leader.id);
      await signIn(t.db, staffBrowser, staff.id);
    });
    after(() => t.close());

    it('lets an admin create a school through the form, saving it with an audit event', async () => {
      const res = await adminBrowser.submit('/admin/organisations/new', {
        name: 'Central Park East Secondary',
        kind: 'school',
        description: 'A small public high school.',
        email: 'Office@CPESS.example.org',
        phone: '212-555-0100',
        website: 'https://cpess.example.org',
        address_line1: '1573 Madison Avenue',
        city: 'New York',
        state: 'ny',
        postal_code: '10029',
        region: 'Northeast',
        latitude: '40.7931',
        longitude: '-73.9497',
        grade_low: '6',
        grade_high: '12',
        enrolment: '450',
        nces_id: '360007702877',
        center_id: String(center.id),
        contact_public: 'on',
      });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/organisations/central-park-east-secondary');
      const saved = await bySlug('central-park-east-secondary');
      assert.ok(saved);
      assert.equal(saved.kind, 'school');
      assert.equal(saved.email, 'office@cpess.example.org');
      assert.equal(saved.state, 'NY');
      assert.equal(saved.enrolment, 450);
      assert.equal(saved.latitude, 40.7931);
      assert.equal(saved.center_id, center.id);
      assert.equal(Boolean(saved.contact_public), true);
      const [event, ...more] = await auditOf(saved.id);
      assert.equal(more.length, 0);
      assert.equal(event?.action, 'organisation.created');
      assert.equal(event?.organisation_id, saved.id);
      assert.equal(event?.actor_person_id, admin.id);
      assert.deepEqual(JSON.parse(event?.changes ?? '{}').name, [null, 'Central Park East Secondary']);

      const page = await adminBrowser.get(res.headers.location as string);
      assert.equal(page.statusCode, 200);
      const text = textOf(page.body);
      assert.match(text, /The organisation was created\./);
      assert.match(text, /Central Park East Secondary/);
      assert.match(text, /Grades 6–12/);
      assert.match(text, /360007702877/);
      assert.match(page.body, new RegExp(`href="/organisations/${center.slug}"`));
    });

    it('makes a unique slug from the name when one is taken (-2, -3…)', async () => {
      for (const expected of ['oakland-unity-high', 'oakland-unity-high-2', 'oakland-unity-high-3']) {
        const res = await adminBrowser.submit('/admin/organisations/new', { name: 'Oakland Unity High', kind: 'school' });
        assert.equal(res.headers.location, `/organisations/${expected}`);
      }
      const res = await adminBrowser.submit('/admin/organisations/new', { name: 'Éscuela Niños & Familias!', kind: 'partner' });
      assert.equal(res.headers.location, '/organisations/escuela-ninos-and-familias');
    });

    it('re-renders the create form with every message and what was typed, saving nothing', async () => {
      const before = await count();
      const res = await adminBrowser.submit('/admin/organisations/new', {
        name: 'Half-Typed Academy',
        kind: 'school',
        state: 'XY',
        postal_code: '1234',
        grade_low: '12',
        grade_high: '9',
        enrolment: '-4',
        nces_id: '12345',
        website: 'javascript:alert(1)',
        center_id: String(school.id),
      });
      assert.equal(res.statusCode, 400);
      const text = textOf(res.body);
      assert.match(text, /Choose a U\.S\. state/);
      assert.match(text, /5-digit ZIP code/);
      assert.match(text, /highest grade cannot be below the lowest grade/);
      assert.match(text, /whole number from 0 to 100,000/);
      assert.match(text, /12 digits for a public school/);
      assert.match(text, /web address starting with https/);
      assert.match(res.body, /value="Half-Typed Academy"/);
      assert.match(res.body, /aria-invalid="true"/);
      assert.equal(await count(), before);
    });

    it('names the center problem when the chosen center is not an affiliate center', async () => {
      const before = await count();
      const res = await adminBrowser.submit('/admin/organisations/new', { name: 'Misplaced School', kind: 'school', center_id: String(school.id) });
      assert.equal(res.statusCode, 400);
      assert.match(textOf(res.body), /This organisation is not an affiliate center\./);
      assert.match(res.body, /value="Misplaced School"/);
      assert.equal(await count(), before);
    });

    it("lets a school's leader edit its profile, with the change in the audit log", async () => {
      const form = await leaderBrowser.get(`/organisations/${school.slug}/edit`);
      assert.equal(form.statusCode, 200);
      // Fields only an admin may set are not even offered.
      for (const name of ['kind', 'slug', 'center_id', 'nces_id']) assert.doesNotMatch(form.body, new RegExp(`name="${name}"`), name);
      assert.match(form.body, /name="enrolment"/);
      const res = await leaderBrowser.submit(`/organisations/${school.slug}/edit`, {
        name: 'Mission Hill School',
        city: 'Roxbury',
        state: 'MA',
        postal_code: '02119-1234',
        grade_low: 'K',
        grade_high: '8',
        enrolment: '230',
        phone: '617-555-0134',
      });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/organisations/${school.slug}`);
      const saved = await row(school.id);
      assert.equal(saved?.city, 'Roxbury');
      assert.equal(saved?.postal_code, '02119-1234');
      assert.equal(saved?.grade_low, 'K');
      assert.equal(saved?.enrolment, 230);
      // Admin-only fields were not touched by the leader's form.
      assert.equal(saved?.nces_id, school.nces_id);
      assert.equal(saved?.center_id, center.id);
      const updated = (await auditOf(school.id)).filter((e) => e.action === 'organisation.updated').at(-1);
      assert.ok(updated);
      const changes = JSON.parse(updated.changes ?? '{}');
      assert.deepEqual(changes.city, ['Oakland', 'Roxbury']);
      assert.deepEqual(changes.enrolment, [412, 230]);
      assert.equal(changes.nces_id, undefined);
      assert.equal(updated.organisation_id, school.id);
      assert.match(textOf((await leaderBrowser.get(res.headers.location as string)).body), /Your changes were saved\./);
    });

    it('clears a field left blank and an unticked checkbox on the edit form', async () => {
      await t.db.updateTable('organisations').set({ contact_public: true, region: 'New England' }).where('id', '=', school.id).execute();
      const current = (await row(school.id))!;
      const res = await leaderBrowser.submit(`/organisations/${school.slug}/edit`, {
        name: current.name,
        city: current.city ?? '',
        region: '',
        grade_low: current.grade_low ?? '',
        grade_high: current.grade_high ?? '',
      });
      assert.equal(res.statusCode, 303);
      const saved = (await row(school.id))!;
      assert.equal(saved.region, null);
      assert.equal(Boolean(saved.contact_public), false);
      assert.equal(saved.city, current.city);
    });

    it("refuses (403) a leader's hand-made post that changes an admin-only field, saving nothing", async () => {
      const before = await row(school.id);
      const res = await leaderBrowser.submit(`/organisations/${school.slug}/edit`, { name: 'Renamed', kind: 'partner', city: 'Elsewhere' });
      assert.equal(res.statusCode, 403);
      assert.match(textOf(res.body), /Only network admins can change the kind/);
      assert.deepEqual(await row(school.id), before);
      // Negative control: the same post without the admin-only field goes through.
      const ok = await leaderBrowser.submit(`/organisations/${school.slug}/edit`, { name: before!.name, city: 'Elsewhere' });
      assert.equal(ok.statusCode, 303);
    });

    it('re-renders the edit form on bad input with what was typed, saving nothing', async () => {
      const before = await row(school.id);
      const res = await leaderBrowser.submit(`/organisations/${school.slug}/edit`, { name: '', city: 'Typed City', grade_low: '9', grade_high: 'K', enrolment: '100001' });
      assert.equal(res.statusCode, 400);
      const text = textOf(res.body);
      assert.match(text, /This field is required\./);
      assert.match(text, /highest grade cannot be below the lowest grade/);
      assert.match(text, /whole number from 0 to 100,000/);
      assert.match(res.body, /value="Typed City"/);
      assert.deepEqual(await row(school.id), before);
    });

    it('lets an admin change kind-level fields, and refuses a duplicate NCES ID', async () => {
      const other = await createOrganisation(t.db, { kind: 'school', name: 'Duplicate Check School' });
      const form = await adminBrowser.get(`/organisations/${other.slug}/edit`);
      for (const name of ['kind', 'slug', 'center_id', 'nces_id']) assert.match(form.body, new RegExp(`name="${name}"`), name);
      const values = { name: other.name, kind: 'school', slug: other.slug, state: 'CA' };
      const dup = await adminBrowser.submit(`/organisations/${other.slug}/edit`, { ...values, nces_id: school.nces_id! });
      assert.equal(dup.statusCode, 400);
      assert.match(textOf(dup.body), /Another organisation already has this NCES ID\./);
      assert.equal((await row(other.id))?.nces_id, null);
      const ok = await adminBrowser.submit(`/organisations/${other.slug}/edit`, { ...values, slug: 'renamed-school', nces_id: 'a1234567', center_id: String(center.id) });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, '/organisations/renamed-school');
      const saved = await row(other.id);
      assert.equal(saved?.nces_id, 'A1234567');
      assert.equal(saved?.center_id, center.id);
    });

    it("shows an organisation's own page: its details, center, people link, and actions by role", async () => {
      const leaderPage = await leaderBrowser.get(`/organisations/${school.slug}`);
      assert.equal(leaderPage.statusCode, 200);
      assert.match(leaderPage.body, new RegExp(`href="/organisations/${school.slug}/edit"`));
      assert.match(leaderPage.body, new RegExp(`href="/organisations/${school.slug}/people"`));
      assert.doesNotMatch(leaderPage.body, /\/admin\/audit\?organisationId=/);
      assert.match(textOf(leaderPage.body), /062271003230/);
      const staffPage = await staffBrowser.get(`/organisations/${school.slug}`);
      assert.equal(staffPage.statusCode, 200);
      assert.doesNotMatch(staffPage.body, new RegExp(`href="/organisations/${school.slug}/edit"`));
      const adminPage = await adminBrowser.get(`/organisations/${school.slug}`);
      assert.match(adminPage.body, new RegExp(`href="/admin/audit\\?organisationId=${school.id}"`));
      assert.match(adminPage.body, new RegExp(`href="/organisations/${school.slug}/delete"`));
      const centerPage = await adminBrowser.get(`/organisations/${center.slug}`);
      assert.match(textOf(centerPage.body), /Schools and partners supported by this center/);
      assert.match(centerPage.body, new RegExp(`href="/organisations/${school.slug}"`));
      assert.equal((await adminBrowser.get('/organisations/no-such-organisation')).statusCode, 404);
    });

    it('deletes an organisation after confirmation, keeping its history in the audit log', async () => {
      const doomed = await createOrganisation(t.db, { kind: 'partner', name: 'Short-Lived Partner' });
      const confirm = await adminBrowser.get(`/organisations/${doomed.slug}/delete`);
      assert.equal(confirm.statusCode, 200);
      assert.match(textOf(confirm.body), /Delete Short-Lived Partner\?/);
      const res = await adminBrowser.submit(`/organisations/${doomed.slug}/delete`, {});
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/admin/organisations');
      assert.equal(await row(doomed.id), undefined);
      const deleted = (await auditOf(doomed.id)).find((e) => e.action === 'organisation.deleted');
      assert.ok(deleted);
      assert.equal(deleted.organisation_id, doomed.id);
      assert.deepEqual(JSON.parse(deleted.changes ?? '{}').name, ['Short-Lived Partner', null]);
      assert.match(textOf((await adminBrowser.get('/admin/organisations')).body), /The organisation was deleted\./);
    });

    it('refuses (409) to delete a center its schools still name, or an organisation with people, and says why', async () => {
      const confirm = await adminBrowser.get(`/organisations/${center.slug}/delete`);
      assert.equal(confirm.statusCode, 200);
      assert.match(textOf(confirm.body), /cannot be deleted yet/);
      assert.doesNotMatch(confirm.body, new RegExp(`action="/organisations/${center.slug}/delete"`));
      const token = await adminBrowser.csrfFrom(`/organisations/${school.slug}/edit`);
      const res = await adminBrowser.post(`/organisations/${center.slug}/delete`, { _csrf: token });
      assert.equal(res.statusCode, 409);
      assert.match(textOf(res.body), /still name this organisation as their affiliate center/);
      assert.ok(await row(center.id));

      const withPeople = await adminBrowser.post(`/organisations/${school.slug}/delete`, { _csrf: token });
      assert.equal(withPeople.statusCode, 409);
      assert.match(textOf(withPeople.body), /still has people with roles/);
      assert.ok(await row(school.id));
      assert.equal((await auditOf(school.id)).filter((e) => e.action === 'organisation.deleted').length, 0);
    });
  });
}
