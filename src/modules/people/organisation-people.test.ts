import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { linkIn, recipients } from '../../../test/helpers/smtp.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { signIn } from '../../../test/factories/people.ts';
import { hashToken } from '../../platform/auth/tokens.ts';

for (const dialect of testDialects()) {
  describe(`organisation people pages (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    const peopleUrl = (slug: string) => `/organisations/${slug}/people`;

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
    const rolesOf = (email: string) =>
      t.db.selectFrom('roles').innerJoin('people', 'people.id', 'roles.person_id').selectAll('roles').where('people.email', '=', email).execute();
    const peopleWith = (email: string) => t.db.selectFrom('people').selectAll().where('email', '=', email).execute();
    const auditCount = async () => Number((await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const mailTo = (email: string) => t.smtp.messages.filter((m) => recipients(m).includes(email));

    it('a school leader invites a new colleague: a person without a password, a role, an audit trail and an email with an invitation link', async () => {
      const leader = await as(n.leaderA.id);
      const page = await leader.get(peopleUrl(n.schoolA.slug));
      assert.equal(page.statusCode, 200);
      assert.match(textOf(page.body), /Invite someone/);

      const res = await leader.submit(peopleUrl(n.schoolA.slug), { name: 'Ana Ruiz', email: 'Ana.Ruiz@Example.org', role: 'school_staff', title: 'Math teacher' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, peopleUrl(n.schoolA.slug));

      const [person] = await peopleWith('ana.ruiz@example.org');
      assert.ok(person, 'the person was created with the address lower-cased');
      assert.equal(person.name, 'Ana Ruiz');
      assert.equal(person.password_hash, null);
      assert.equal(person.email_verified_at, null);
      const roles = await rolesOf('ana.ruiz@example.org');
      assert.deepEqual(roles.map((r) => [r.organisation_id, r.role, r.title]), [[n.schoolA.id, 'school_staff', 'Math teacher']]);

      const mail = await t.smtp.waitFor((m) => recipients(m).includes('ana.ruiz@example.org'));
      assert.match(mail.subject ?? '', new RegExp(n.schoolA.name));
      const link = new URL(linkIn(mail, '/invitation?token='));
      const token = link.searchParams.get('token')!;
      const stored = await t.db.selectFrom('person_tokens').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow();
      assert.equal(stored.person_id, person.id);
      assert.equal(stored.purpose, 'invitation');
      const days = (Date.parse(stored.expires_at) - Date.now()) / 86_400_000;
      assert.ok(days > 6.9 && days <= 7, `link lasts 7 days, not ${days}`);

      const events = await t.db.selectFrom('audit_events').selectAll().where('actor_person_id', '=', n.leaderA.id).orderBy('id').execute();
      assert.deepEqual(events.map((e) => e.action), ['person.created', 'role.granted']);
      const granted = events[1]!;
      assert.equal(granted.subject_type, 'role');
      assert.equal(granted.subject_id, roles[0]!.id);
      assert.equal(granted.organisation_id, n.schoolA.id);
      assert.deepEqual(JSON.parse(granted.changes!), { person: person.id, role: 'school_staff', title: 'Math teacher' });

      const after = textOf((await leader.get(peopleUrl(n.schoolA.slug))).body);
      assert.match(after, /Invitation sent\./);
      assert.match(after, /Ana Ruiz ana\.ruiz@example\.org School staff — Math teacher Invited/);
    });

    it('inviting someone to a role they already hold says so clearly and adds nothing', async () => {
      const leader = await as(n.leaderA.id);
      const [mailBefore, auditBefore] = [mailTo('ana.ruiz@example.org').length, await auditCount()];
      const res = await leader.submit(peopleUrl(n.schoolA.slug), { name: 'Ana Ruiz', email: 'ana.ruiz@example.org', role: 'school_staff' });
      assert.equal(res.statusCode, 409);
      assert.match(textOf(res.body), /This person already has that role at this organisation/);
      assert.match(res.body, /value="ana\.ruiz@example\.org"/, 'the form keeps what was typed');
      assert.equal((await rolesOf('ana.ruiz@example.org')).length, 1);
      assert.equal(await auditCount(), auditBefore);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(mailTo('ana.ruiz@example.org').length, mailBefore, 'no second email');
    });

    it('inviting someone who already has an account adds the role to it, and a leader may invite another leader', async () => {
      const leader = await as(n.leaderA.id);
      const res = await leader.submit(peopleUrl(n.schoolA.slug), { name: 'Someone Else', email: n.staffB.email, role: 'school_leader' });
      assert.equal(res.statusCode, 303);
      assert.equal((await peopleWith(n.staffB.email)).length, 1);
      assert.equal((await peopleWith(n.staffB.email))[0]!.name, n.staffB.name, 'an existing name is not overwritten by the invitation');
      assert.deepEqual((await rolesOf(n.staffB.email)).map((r) => [r.organisation_id, r.role]).sort(), [[n.schoolA.id, 'school_leader'], [n.schoolB.id, 'school_staff']].sort());
      await t.smtp.waitFor((m) => recipients(m).includes(n.staffB.email));
    });

    it('speaks Spanish to a Spanish-speaking leader, role names included', async () => {
      const leader = await as(n.leaderA.id);
      const text = textOf((await leader.get(peopleUrl(n.schoolA.slug), { 'accept-language': 'es' })).body);
      assert.match(text, new RegExp(`Personas de ${n.schoolA.name}`));
      assert.match(text, /Lena Leader \S+ Líder escolar Activa/);
      assert.match(text, /Invitar a alguien/);
    });

    it('inviting a disabled account answers a leader exactly as a new address, withholds the email and does not re-enable it', async () => {
      await t.db.updateTable('people').set({ disabled_at: new Date().toISOString() }).where('id', '=', n.partnerStaff.id).execute();
      const leader = await as(n.leaderA.id);
      const fresh = await leader.submit(peopleUrl(n.schoolA.slug), { name: 'Fresh Face', email: 'fresh.face@example.org', role: 'school_staff' });
      const freshPage = textOf((await leader.get(peopleUrl(n.schoolA.slug))).body);
      const mailBefore = mailTo(n.partnerStaff.email).length;

      const res = await leader.submit(peopleUrl(n.schoolA.slug), { name: 'Pat', email: n.partnerStaff.email, role: 'school_staff' });
      assert.equal(res.statusCode, fresh.statusCode);
      assert.equal(res.headers.location, fresh.headers.location);
      const page = textOf((await leader.get(peopleUrl(n.schoolA.slug))).body);
      assert.match(freshPage, /Invitation sent\./);
      assert.match(page, /Invitation sent\./, 'the same flash as for a new address');
      assert.match(page, new RegExp(`${n.partnerStaff.name} \\S+ School staff Invited Remove`), 'listed as invited, like anyone who has not joined');
      assert.doesNotMatch(page, /Disabled/);

      const [person] = await peopleWith(n.partnerStaff.email);
      assert.ok(person?.disabled_at, 'the account stays disabled');
      assert.deepEqual((await rolesOf(n.partnerStaff.email)).map((r) => r.organisation_id).sort(), [n.partner.id, n.schoolA.id].sort());
      const withheld = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'invitation.withheld').where('subject_id', '=', person.id).execute();
      assert.equal(withheld.length, 1, 'admins can see why no email went out');
      assert.equal(withheld[0]!.organisation_id, n.schoolA.id);

      // Sending it again answers as usual too, and still sends nothing.
      const [role] = (await rolesOf(n.partnerStaff.email)).filter((r) => r.organisation_id === n.schoolA.id);
      const resend = await leader.submit(peopleUrl(n.schoolA.slug), {}, `${peopleUrl(n.schoolA.slug)}/roles/${role!.id}/resend`);
      assert.equal(resend.statusCode, 303);
      assert.match(textOf((await leader.get(peopleUrl(n.schoolA.slug))).body), /Invitation sent again\./);
      await t.smtp.waitFor((m) => recipients(m).includes('fresh.face@example.org'));
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(mailTo(n.partnerStaff.email).length, mailBefore, 'a disabled account is sent no invitation');
    });

    it('a network admin is told the account is disabled (409), and nothing is added', async () => {
      const admin = await as(n.admin.id);
      const res = await admin.submit(peopleUrl(n.schoolB.slug), { name: 'Pat', email: n.partnerStaff.email, role: 'school_staff' });
      assert.equal(res.statusCode, 409);
      assert.match(textOf(res.body), /This person's account is disabled/);
      assert.ok(!(await rolesOf(n.partnerStaff.email)).some((r) => r.organisation_id === n.schoolB.id));
      const page = textOf((await admin.get(peopleUrl(n.schoolA.slug))).body);
      assert.match(page, new RegExp(`${n.partnerStaff.name} \\S+ School staff Disabled`), 'admins see the account state');
      const [role] = (await rolesOf(n.partnerStaff.email)).filter((r) => r.organisation_id === n.schoolA.id);
      const resend = await admin.submit(peopleUrl(n.schoolA.slug), {}, `${peopleUrl(n.schoolA.slug)}/roles/${role!.id}/resend`);
      assert.equal(resend.statusCode, 409);
    });

    it('two simultaneous invitations of one address make one person and one role, and no 500', async () => {
      const leader = await as(n.leaderA.id);
      // Two tabs of one browser: both forms are loaded first, then submitted at the same moment.
      const tokens = [await leader.csrfFrom(peopleUrl(n.schoolA.slug)), await leader.csrfFrom(peopleUrl(n.schoolA.slug))];
      const fields = { name: 'Rosa Twice', email: 'rosa.twice@example.org', role: 'school_staff' };
      const results = await Promise.all(tokens.map((_csrf) => leader.post(peopleUrl(n.schoolA.slug), { ...fields, _csrf })));
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [303, 409]);
      assert.equal((await peopleWith('rosa.twice@example.org')).length, 1);
      assert.equal((await rolesOf('rosa.twice@example.org')).length, 1);
    });

    it('bad input re-renders the form with field messages and what was typed, and saves nothing', async () => {
      const leader = await as(n.leaderA.id);
      const auditBefore = await auditCount();
      const res = await leader.submit(peopleUrl(n.schoolA.slug), { name: '', email: 'not-an-email', role: 'school_staff', title: 'x'.repeat(121) });
      assert.equal(res.statusCode, 400);
      const text = textOf(res.body);
      assert.match(text, /Please fix the following/);
      assert.match(text, /This field is required/);
      assert.match(text, /Enter an email address like name@example\.org/);
      assert.match(text, /This is too long/);
      assert.match(res.body, /value="not-an-email"/);
      assert.match(res.body, /id="field-email"[^>]*aria-invalid="true"/);
      assert.equal((await peopleWith('not-an-email')).length, 0);
      assert.equal(await auditCount(), auditBefore);

      const badRole = await leader.submit(peopleUrl(n.schoolA.slug), { name: 'Wrong Kind', email: 'wrong.kind@example.org', role: 'center_coach' });
      assert.equal(badRole.statusCode, 400);
      assert.match(textOf(badRole.body), /A school's roles are school leader and school staff/);
      assert.equal((await peopleWith('wrong.kind@example.org')).length, 0, 'no person is left behind by a refused role');
    });

    describe('who may see and invite', () => {
      it('a leader of school A gets 404 for the people of school B, on the page and when inviting', async () => {
        const leader = await as(n.leaderA.id);
        assert.equal((await leader.get(peopleUrl(n.schoolB.slug))).statusCode, 404);
        const csrf = await leader.csrfFrom(peopleUrl(n.schoolA.slug));
        const res = await leader.post(peopleUrl(n.schoolB.slug), { name: 'Intruder', email: 'intruder@example.org', role: 'school_staff', _csrf: csrf });
        assert.equal(res.statusCode, 404);
        assert.equal((await peopleWith('intruder@example.org')).length, 0);
      });

      it('school staff see their colleagues but get no invite form, and 403 when posting one', async () => {
        const staff = await as(n.staffA.id);
        const page = await staff.get(peopleUrl(n.schoolA.slug));
        assert.equal(page.statusCode, 200);
        assert.match(textOf(page.body), new RegExp(n.leaderA.name));
        assert.doesNotMatch(textOf(page.body), /Invite someone/);
        assert.doesNotMatch(page.body, /\/remove"/);
        const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!; // the sign-out form's token
        const res = await staff.post(peopleUrl(n.schoolA.slug), { name: 'Staff Invite', email: 'staff.invite@example.org', role: 'school_staff', _csrf: csrf });
        assert.equal(res.statusCode, 403);
        assert.equal((await peopleWith('staff.invite@example.org')).length, 0);
      });

      it("a center director reads the people of the center's schools but cannot invite there (403); at the center they can", async () => {
        const director = await as(n.directorC.id);
        const page = await director.get(peopleUrl(n.schoolA.slug));
        assert.equal(page.statusCode, 200);
        assert.doesNotMatch(textOf(page.body), /Invite someone/);
        const csrf = await director.csrfFrom(peopleUrl(n.center.slug));
        const refused = await director.post(peopleUrl(n.schoolA.slug), { name: 'Dir Invite', email: 'dir.invite@example.org', role: 'school_staff', _csrf: csrf });
        assert.equal(refused.statusCode, 403);
        assert.equal((await peopleWith('dir.invite@example.org')).length, 0);
        assert.equal((await director.get(peopleUrl(n.schoolB.slug))).statusCode, 404, 'a school outside the center stays hidden');

        const ok = await director.submit(peopleUrl(n.center.slug), { name: 'New Coach', email: 'new.coach@example.org', role: 'center_coach' });
        assert.equal(ok.statusCode, 303);
        assert.deepEqual((await rolesOf('new.coach@example.org')).map((r) => [r.organisation_id, r.role]), [[n.center.id, 'center_coach']]);
      });

      it('a signed-out visitor is sent to sign in first', async () => {
        const res = await t.client().get(peopleUrl(n.schoolA.slug));
        assert.equal(res.statusCode, 303);
        assert.equal(res.headers.location, `/login?next=${encodeURIComponent(peopleUrl(n.schoolA.slug))}`);
      });

      it('negative control: the same requests succeed for people who are allowed', async () => {
        const leaderB = await as(n.leaderB.id);
        assert.equal((await leaderB.get(peopleUrl(n.schoolB.slug))).statusCode, 200);
        const res = await leaderB.submit(peopleUrl(n.schoolB.slug), { name: 'Intruder', email: 'intruder@example.org', role: 'school_staff' });
        assert.equal(res.statusCode, 303, 'the refused invitation above failed because of who sent it, not what');
        const admin = await as(n.admin.id);
        const byAdmin = await admin.submit(peopleUrl(n.schoolA.slug), { name: 'Dir Invite', email: 'dir.invite@example.org', role: 'school_staff' });
        assert.equal(byAdmin.statusCode, 303);
        assert.equal((await rolesOf('dir.invite@example.org')).length, 1);
      });
    });

    describe('removing a role', () => {
      it('a leader confirms, then removes a role; the person stays and the audit log records it', async () => {
        const leader = await as(n.leaderA.id);
        const [role] = await rolesOf('ana.ruiz@example.org');
        const url = `${peopleUrl(n.schoolA.slug)}/roles/${role!.id}/remove`;
        const confirm = await leader.get(url);
        assert.equal(confirm.statusCode, 200);
        assert.match(textOf(confirm.body), new RegExp(`Remove Ana Ruiz as School staff at ${n.schoolA.name}\\?`));

        const staff = await as(n.staffA.id);
        const staffCsrf = await staff.csrfFrom(peopleUrl(n.schoolA.slug));
        assert.equal((await staff.post(url, { _csrf: staffCsrf })).statusCode, 403);
        const other = await as(n.leaderB.id);
        assert.equal((await other.post(url, { _csrf: await other.csrfFrom(peopleUrl(n.schoolB.slug)) })).statusCode, 404);
        assert.equal((await rolesOf('ana.ruiz@example.org')).length, 1, 'refused removals change nothing');

        const res = await leader.submit(url, {});
        assert.equal(res.statusCode, 303);
        assert.equal((await rolesOf('ana.ruiz@example.org')).length, 0);
        assert.equal((await peopleWith('ana.ruiz@example.org')).length, 1);
        const event = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'role.revoked').where('subject_id', '=', role!.id).executeTakeFirstOrThrow();
        assert.equal(event.organisation_id, n.schoolA.id);
        assert.equal(event.actor_person_id, n.leaderA.id);
        assert.deepEqual(JSON.parse(event.changes!), { person: role!.person_id, role: 'school_staff', title: 'Math teacher' });
        assert.match(textOf((await leader.get(peopleUrl(n.schoolA.slug))).body), /Role removed\./);
      });

      it('a role from another organisation cannot be removed through this one (404)', async () => {
        const leader = await as(n.leaderA.id);
        const [roleB] = await rolesOf(n.staffB.email).then((rs) => rs.filter((r) => r.organisation_id === n.schoolB.id));
        const res = await leader.get(`${peopleUrl(n.schoolA.slug)}/roles/${roleB!.id}/remove`);
        assert.equal(res.statusCode, 404);
      });

      it('sends an invitation again for someone who has not joined yet', async () => {
        const leader = await as(n.leaderA.id);
        const [role] = await rolesOf('rosa.twice@example.org');
        const before = mailTo('rosa.twice@example.org').length;
        const res = await leader.submit(peopleUrl(n.schoolA.slug), {}, `${peopleUrl(n.schoolA.slug)}/roles/${role!.id}/resend`);
        assert.equal(res.statusCode, 303);
        await t.smtp.waitFor((m) => recipients(m).includes('rosa.twice@example.org') && mailTo('rosa.twice@example.org').length > before);
        assert.equal(mailTo('rosa.twice@example.org').length, before + 1);
      });
    });
  });
}
