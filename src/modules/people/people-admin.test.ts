import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { recipients } from '../../../test/helpers/smtp.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';

for (const dialect of testDialects()) {
  describe(`people admin and profile pages (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;

    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
    });
    after(() => t.close());

    async function as(personId: number): Promise<TestClient> {
      const client = t.client();
      await signIn(t.db, client, personId);
      return client;
    }
    const person = (id: number) => t.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const auditCount = async () => Number((await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    describe('/admin/people', () => {
      it('searches by name or email (any case, % and _ taken literally), filters by role and organisation', async () => {
        const admin = await as(n.admin.id);
        const all = await admin.get('/admin/people');
        assert.equal(all.statusCode, 200);
        assert.match(textOf(all.body), /8 people/);
        const byName = textOf((await admin.get('/admin/people?q=LEADER')).body);
        assert.match(byName, /2 people/);
        assert.match(byName, /Lena Leader/);
        assert.match(byName, new RegExp(`School leader, ${n.schoolA.name}`));
        assert.match(textOf((await admin.get(`/admin/people?q=${encodeURIComponent(n.staffB.email.toUpperCase())}`)).body), /1 person Name/);
        assert.match(textOf((await admin.get('/admin/people?q=%25')).body), /Nobody matches/);
        assert.match(textOf((await admin.get('/admin/people?q=_')).body), /Nobody matches/);
        const staff = textOf((await admin.get('/admin/people?role=school_staff')).body);
        assert.match(staff, /2 people/);
        const atA = textOf((await admin.get(`/admin/people?organisation=${n.schoolA.slug}&role=school_staff`)).body);
        assert.match(atA, /1 person/);
        assert.match(atA, /Sam Staff/);
      });

      it('pages through long lists, keeping the filters', async () => {
        for (let i = 0; i < 27; i++) await createPerson(t.db, { name: `Paged Person ${String(i).padStart(2, '0')}` });
        const admin = await as(n.admin.id);
        const first = await admin.get('/admin/people?q=paged');
        assert.match(textOf(first.body), /Showing 1–25 of 27/);
        assert.match(first.body, /href="\/admin\/people\?q=paged&amp;page=2"/);
        const second = textOf((await admin.get('/admin/people?q=paged&page=2')).body);
        assert.match(second, /Showing 26–27 of 27/);
        assert.match(second, /Paged Person 26/);
        assert.doesNotMatch(second, /Paged Person 00/);
      });

      it('explains a filter it cannot apply (400) rather than showing everyone', async () => {
        const admin = await as(n.admin.id);
        const unknown = await admin.get('/admin/people?organisation=no-such-place');
        assert.equal(unknown.statusCode, 400);
        assert.match(textOf(unknown.body), /No organisation has this web address name/);
        assert.match(unknown.body, /value="no-such-place"/);
        assert.equal((await admin.get('/admin/people?role=emperor')).statusCode, 400);
        assert.equal((await admin.get('/admin/people?page=0')).statusCode, 400);
      });

      it('is for network admins only', async () => {
        assert.equal((await (await as(n.leaderA.id)).get('/admin/people')).statusCode, 403);
        assert.equal((await t.client().get('/admin/people')).statusCode, 303);
        assert.equal((await (await as(n.leaderA.id)).get('/admin/people/new')).statusCode, 403);
      });

      it('adds a person; a taken address re-renders the form with a field message (409); bad input 400; nothing extra saved', async () => {
        const admin = await as(n.admin.id);
        const res = await admin.submit('/admin/people/new', { name: 'Nia New', email: 'Nia.New@example.org' });
        assert.equal(res.statusCode, 303);
        const row = await t.db.selectFrom('people').selectAll().where('email', '=', 'nia.new@example.org').executeTakeFirstOrThrow();
        assert.equal(res.headers.location, `/people/${row.id}`);
        assert.equal(row.password_hash, null);
        const event = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'person.created').where('subject_id', '=', row.id).executeTakeFirstOrThrow();
        assert.equal(event.actor_person_id, n.admin.id);
        assert.match(textOf((await admin.get(`/people/${row.id}`)).body), /Person added/);

        const before = await auditCount();
        const dup = await admin.submit('/admin/people/new', { name: 'Nia Again', email: 'nia.new@example.org' });
        assert.equal(dup.statusCode, 409);
        assert.match(textOf(dup.body), /Another person already uses this email address/);
        assert.match(dup.body, /value="Nia Again"/);
        const bad = await admin.submit('/admin/people/new', { name: '', email: 'x'.repeat(250) + '@example.org' });
        assert.equal(bad.statusCode, 400);
        assert.match(textOf(bad.body), /This field is required/);
        assert.equal(await auditCount(), before);
        assert.equal((await t.db.selectFrom('people').select('id').where('name', '=', 'Nia Again').execute()).length, 0);

        const stranger = await as(n.leaderA.id);
        const csrf = await stranger.csrfFrom('/');
        assert.equal((await stranger.post('/admin/people/new', { name: 'Sneaky', email: 'sneaky@example.org', _csrf: csrf })).statusCode, 403);
      });
    });

    describe('/people/:id', () => {
      it('shows the profile: email, verification, last sign-in and roles with links', async () => {
        await t.db.updateTable('people').set({ last_sign_in_at: '2026-03-04T05:06:07.000Z' }).where('id', '=', n.staffA.id).execute();
        const res = await (await as(n.admin.id)).get(`/people/${n.staffA.id}`);
        assert.equal(res.statusCode, 200);
        const text = textOf(res.body);
        assert.match(text, new RegExp(`Email address ${n.staffA.email.replace('.', '\\.')} Email address verified Yes`));
        assert.match(res.body, /<time datetime="2026-03-04T05:06:07.000Z">/);
        assert.match(res.body, new RegExp(`href="/organisations/${n.schoolA.slug}"`));
        assert.match(text, /Give a role/);
      });

      it('is visible to the person, to those who may see one of their organisations, and 404 to others', async () => {
        assert.equal((await (await as(n.staffA.id)).get(`/people/${n.staffA.id}`)).statusCode, 200);
        assert.equal((await (await as(n.leaderA.id)).get(`/people/${n.staffA.id}`)).statusCode, 200);
        assert.equal((await (await as(n.directorC.id)).get(`/people/${n.staffA.id}`)).statusCode, 200);
        const leaderB = await as(n.leaderB.id);
        assert.equal((await leaderB.get(`/people/${n.staffA.id}`)).statusCode, 404);
        assert.equal((await leaderB.get('/people/999999')).statusCode, 404, 'the same answer as for someone who does not exist');
        const page = textOf((await (await as(n.leaderA.id)).get(`/people/${n.staffA.id}`)).body);
        assert.doesNotMatch(page, /Give a role|Edit details/, 'a leader sees the profile but not the admin tools');
      });
    });

    describe('/people/:id/edit', () => {
      it('lets a person change their own name, and nothing else', async () => {
        const self = await as(n.staffA.id);
        const form = await self.get(`/people/${n.staffA.id}/edit`);
        assert.equal(form.statusCode, 200);
        assert.doesNotMatch(form.body, /name="email"|name="disabled"/);
        const res = await self.submit(`/people/${n.staffA.id}/edit`, { name: 'Samuel Staff', email: 'evil@example.org', disabled: 'on' });
        assert.equal(res.statusCode, 303);
        const row = await person(n.staffA.id);
        assert.equal(row.name, 'Samuel Staff');
        assert.equal(row.email, n.staffA.email);
        assert.equal(row.disabled_at, null);
        const event = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'person.updated').where('subject_id', '=', n.staffA.id).executeTakeFirstOrThrow();
        assert.deepEqual(JSON.parse(event.changes!), { name: ['Sam Staff', 'Samuel Staff'] });
      });

      it('refuses others: a colleague 403, another school 404', async () => {
        assert.equal((await (await as(n.leaderA.id)).get(`/people/${n.staffA.id}/edit`)).statusCode, 403);
        assert.equal((await (await as(n.leaderB.id)).get(`/people/${n.staffA.id}/edit`)).statusCode, 404);
        const colleague = await as(n.leaderA.id);
        const csrf = await colleague.csrfFrom(`/organisations/${n.schoolA.slug}/people`);
        assert.equal((await colleague.post(`/people/${n.staffA.id}/edit`, { name: 'Renamed by boss', _csrf: csrf })).statusCode, 403);
        assert.equal((await person(n.staffA.id)).name, 'Samuel Staff');
      });

      it('an admin changing to a taken email gets a 409 field message and nothing changes', async () => {
        const admin = await as(n.admin.id);
        const before = await auditCount();
        const res = await admin.submit(`/people/${n.staffA.id}/edit`, { name: 'Changed Too', email: n.leaderA.email });
        assert.equal(res.statusCode, 409);
        assert.match(res.body, /id="field-email-error"[^>]*>Another person already uses this email address\./);
        assert.match(res.body, /value="Changed Too"/);
        const row = await person(n.staffA.id);
        assert.equal(row.name, 'Samuel Staff');
        assert.equal(row.email, n.staffA.email);
        assert.equal(await auditCount(), before);
      });

      it('disabling someone ends their sessions: their next request is anonymous', async () => {
        const victim = await as(n.partnerStaff.id);
        assert.equal((await victim.get(`/people/${n.partnerStaff.id}`)).statusCode, 200);
        const admin = await as(n.admin.id);
        const res = await admin.submit(`/people/${n.partnerStaff.id}/edit`, { name: n.partnerStaff.name, email: n.partnerStaff.email, disabled: 'on' });
        assert.equal(res.statusCode, 303);
        assert.ok((await person(n.partnerStaff.id)).disabled_at);
        assert.equal((await t.db.selectFrom('sessions').select('id').where('person_id', '=', n.partnerStaff.id).execute()).length, 0);
        const next = await victim.get(`/people/${n.partnerStaff.id}`);
        assert.equal(next.statusCode, 303);
        assert.match(String(next.headers.location), /^\/login/);
        const event = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'person.updated').where('subject_id', '=', n.partnerStaff.id).executeTakeFirstOrThrow();
        assert.deepEqual(JSON.parse(event.changes!), { disabled: [false, true] });
        assert.doesNotMatch(event.changes!, /password|hash/);
        assert.match(textOf((await admin.get(`/people/${n.partnerStaff.id}`)).body), /Account Disabled/);
      });
    });

    describe('giving and removing roles on a person page', () => {
      it('an admin gives a role by organisation slug and may email an invitation', async () => {
        const admin = await as(n.admin.id);
        const target = await createPerson(t.db, { name: 'Grant Me', email: 'grant.me@example.org' });
        const res = await admin.submit(`/people/${target.id}`, { organisation: n.partner.slug, role: 'partner_staff', title: 'Liaison', invite: 'on' }, `/people/${target.id}/roles`);
        assert.equal(res.statusCode, 303);
        const roles = await t.db.selectFrom('roles').selectAll().where('person_id', '=', target.id).execute();
        assert.deepEqual(roles.map((r) => [r.organisation_id, r.role, r.title]), [[n.partner.id, 'partner_staff', 'Liaison']]);
        await t.smtp.waitFor((m) => recipients(m).includes('grant.me@example.org'));
        assert.match(textOf((await admin.get(`/people/${target.id}`)).body), /Role given and invitation sent/);
      });

      it('explains an unknown organisation, a role that does not fit, or a role already held, and saves nothing', async () => {
        const admin = await as(n.admin.id);
        const url = `/people/${n.coachC.id}`;
        const before = await auditCount();
        const unknown = await admin.submit(url, { organisation: 'nowhere-at-all', role: 'school_staff' }, `${url}/roles`);
        assert.equal(unknown.statusCode, 400);
        assert.match(textOf(unknown.body), /No organisation has this web address name/);
        assert.match(unknown.body, /value="nowhere-at-all"/);
        const misfit = await admin.submit(url, { organisation: n.center.slug, role: 'school_leader' }, `${url}/roles`);
        assert.equal(misfit.statusCode, 400);
        assert.match(textOf(misfit.body), /An affiliate center's roles are center director and center coach/);
        const held = await admin.submit(url, { organisation: n.center.slug, role: 'center_coach' }, `${url}/roles`);
        assert.equal(held.statusCode, 409);
        assert.match(textOf(held.body), /already has that role/);
        const empty = await admin.submit(url, {}, `${url}/roles`);
        assert.equal(empty.statusCode, 400);
        assert.equal(await auditCount(), before);
        assert.equal((await t.db.selectFrom('roles').select('id').where('person_id', '=', n.coachC.id).execute()).length, 1);
      });

      it('refuses the last network admin role (409, with the reason) and removes it once there is another admin', async () => {
        const admin = await as(n.admin.id);
        const [own] = await t.db.selectFrom('roles').selectAll().where('person_id', '=', n.admin.id).execute();
        const url = `/people/${n.admin.id}/roles/${own!.id}/remove`;
        const before = await auditCount();
        const refused = await admin.submit(url, {});
        assert.equal(refused.statusCode, 409);
        assert.match(textOf(refused.body), /last network admin/);
        const disable = await admin.submit(`/people/${n.admin.id}/edit`, { name: n.admin.name, email: n.admin.email, disabled: 'on' });
        assert.equal(disable.statusCode, 409, 'disabling the last admin is refused too');
        assert.equal((await person(n.admin.id)).disabled_at, null);
        assert.equal(await auditCount(), before);

        // Negative control: with a second admin the same removal goes through.
        await admin.submit(`/people/${n.coachC.id}`, { organisation: n.office.slug, role: 'network_admin' }, `/people/${n.coachC.id}/roles`);
        const removed = await admin.submit(url, {});
        assert.equal(removed.statusCode, 303);
        assert.equal((await t.db.selectFrom('roles').select('id').where('id', '=', own!.id).execute()).length, 0);
      });
    });
  });
}
