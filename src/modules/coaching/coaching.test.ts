import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { drainJobs } from '../../../test/helpers/jobs.ts';
import { recipients } from '../../../test/helpers/smtp.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { seedDemoFrameworks } from '../framework/framework.demo.ts';
import { taxonomyTerms } from '../framework/taxonomy.service.ts';
import { sendNextStepReminders } from './coaching-reminders.service.ts';
import { coachingJobs } from './coaching.jobs.ts';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

for (const dialect of testDialects()) {
  describe(`coaching engagements, sessions and reminders (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let otherCenter: Awaited<ReturnType<typeof createOrganisation>>;
    let otherSchool: Awaited<ReturnType<typeof createOrganisation>>;
    let otherDirector: Awaited<ReturnType<typeof createPerson>>;
    let otherCoach: Awaited<ReturnType<typeof createPerson>>;
    let leaderOther: Awaited<ReturnType<typeof createPerson>>;
    let spanishLeader: Awaited<ReturnType<typeof createPerson>>;
    let engagementUrl = '';
    let BENCHMARK_TAGS: string[] = [];
    const base = () => `/centers/${n.center.slug}/engagements`;
    const as = async (personId: number): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, personId);
      return c;
    };
    /** An engagement's edit token as its form would carry it now. */
    const tokenOf = async (id: number) => (await t.db.selectFrom('engagements').select('updated_at').where('id', '=', id).executeTakeFirstOrThrow()).updated_at;
    const good = () => ({
      school_id: String(n.schoolA.id),
      title: 'Advisory redesign',
      goals: 'Every student known well by one adult.',
      status: 'active',
      starts_on: day(-30),
      ends_on: day(200),
      focus: [BENCHMARK_TAGS[0]!, BENCHMARK_TAGS[1]!],
      coaches: [String(n.coachC.id)],
      contacts: [String(n.leaderA.id)],
    });

    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      await seedDemoFrameworks(t.db);
      BENCHMARK_TAGS = (await taxonomyTerms(t.db)).filter((x) => x.kind === 'benchmark').map((x) => x.tag);
      otherCenter = await createOrganisation(t.db, { kind: 'affiliate_center' });
      otherSchool = await createOrganisation(t.db, { kind: 'school', center_id: otherCenter.id });
      otherDirector = await createPerson(t.db, { name: 'Olga Other', roles: [['center_director', otherCenter.id]] });
      otherCoach = await createPerson(t.db, { name: 'Oscar Othercoach', roles: [['center_coach', otherCenter.id]] });
      leaderOther = await createPerson(t.db, { roles: [['school_leader', otherSchool.id]] });
      spanishLeader = await createPerson(t.db, { name: 'Elena Escuela', locale: 'es', roles: [['school_staff', n.schoolA.id]] });
    });
    after(() => t.close());

    it('refuses bad engagements with field messages and keeps what was typed', async () => {
      const director = await as(n.directorC.id);
      const cases: [Record<string, string | string[]>, string, RegExp][] = [
        [{ ends_on: day(-40) }, 'ends_on', /end date must come after/],
        [{ school_id: String(otherSchool.id) }, 'school_id', /one of this center's schools/],
        [{ school_id: String(n.schoolB.id) }, 'school_id', /one of this center's schools/],
        [{ coaches: [String(otherCoach.id)] }, 'coaches', /directors or coaches/],
        [{ contacts: [String(leaderOther.id)] }, 'contacts', /people of the chosen school/],
        [{ focus: ['benchmark:not-a-benchmark'] }, 'focus', /Choose one of the listed options/],
        [{ title: '' }, 'title', /required/],
      ];
      for (const [change, field, message] of cases) {
        const res = await director.submit(`${base()}/new`, { ...good(), ...change });
        assert.equal(res.statusCode, 400, field);
        assert.match(textOf(res.body), message, field);
        assert.match(res.body, /Every student known well by one adult/, 'values kept');
      }
      const count = await t.db.selectFrom('engagements').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 0);
    });

    it('creates and edits an engagement, audited; only the center\'s staff and admins reach the forms', async () => {
      const director = await as(n.directorC.id);
      const created = await director.submit(`${base()}/new`, good());
      assert.equal(created.statusCode, 303);
      engagementUrl = created.headers.location as string;
      const row = await t.db.selectFrom('engagements').selectAll().executeTakeFirstOrThrow();
      assert.equal(row.school_id, n.schoolA.id);
      const members = await t.db.selectFrom('engagement_members').select(['person_id', 'role']).where('engagement_id', '=', row.id).orderBy('person_id').execute();
      assert.deepEqual(members.map((m) => [m.person_id, m.role]).sort(), [[n.coachC.id, 'coach'], [n.leaderA.id, 'school_contact']].sort());
      const focus = await t.db.selectFrom('engagement_focus').select('tag').where('engagement_id', '=', row.id).execute();
      assert.equal(focus.length, 2);
      // Edit: pause, drop a focus.
      const edited = await director.submit(`${engagementUrl}/edit`, { ...good(), status: 'paused', focus: [BENCHMARK_TAGS[0]!], updated_at: await tokenOf(row.id) });
      assert.equal(edited.statusCode, 303);
      assert.equal((await t.db.selectFrom('engagements').select('status').where('id', '=', row.id).executeTakeFirstOrThrow()).status, 'paused');
      const badEdit = await director.submit(`${engagementUrl}/edit`, { ...good(), ends_on: day(-31), updated_at: await tokenOf(row.id) });
      assert.equal(badEdit.statusCode, 400);
      // Its notes are about this school's people: the engagement cannot be moved to another school.
      const sibling = await createOrganisation(t.db, { kind: 'school', center_id: n.center.id });
      const moved = await director.submit(`${engagementUrl}/edit`, { ...good(), school_id: String(sibling.id), contacts: [], updated_at: await tokenOf(row.id) });
      assert.equal(moved.statusCode, 400);
      assert.equal((await t.db.selectFrom('engagements').select('school_id').where('id', '=', row.id).executeTakeFirstOrThrow()).school_id, n.schoolA.id);
      await director.submit(`${engagementUrl}/edit`, { ...good(), focus: [BENCHMARK_TAGS[0]!], updated_at: await tokenOf(row.id) });
      const audits = await t.db.selectFrom('audit_events').select('action').where('subject_type', '=', 'engagement').execute();
      assert.deepEqual(audits.map((a) => a.action).sort(), ['engagement.created', 'engagement.updated', 'engagement.updated']);
      // A coach of the center manages too; the list filters by status.
      const coach = await as(n.coachC.id);
      assert.equal((await coach.get(`${engagementUrl}/edit`)).statusCode, 200);
      assert.match(textOf((await coach.get(`${base()}?status=active`)).body), /Advisory redesign/);
      assert.doesNotMatch(textOf((await coach.get(`${base()}?status=closed`)).body), /Advisory redesign/);
      assert.equal((await (await as(n.admin.id)).get(base())).statusCode, 200);
      // Negative controls: another center's director and coach, the school's leader, a visitor.
      for (const [who, id] of [['other director', otherDirector.id], ['other coach', otherCoach.id], ['school leader', n.leaderA.id], ['other school leader', leaderOther.id]] as const) {
        const c = await as(id);
        assert.equal((await c.get(base())).statusCode, 404, `${who} list`);
        assert.equal((await c.get(`${base()}/new`)).statusCode, 404, `${who} new`);
        assert.equal((await c.get(`${engagementUrl}/edit`)).statusCode, 404, `${who} edit`);
      }
      assert.equal((await t.client().get(base())).statusCode, 302, 'visitor sent to sign in');
      // Another director posting with their own valid token changes nothing.
      const other = await as(otherDirector.id);
      const token = await other.csrfFrom('/account');
      assert.equal((await other.post(`${engagementUrl}/edit`, { ...good(), title: 'Hijacked', updated_at: await tokenOf(row.id), _csrf: token })).statusCode, 404);
      assert.equal((await t.db.selectFrom('engagements').select('title').where('id', '=', row.id).executeTakeFirstOrThrow()).title, 'Advisory redesign');
    });

    it('starts from a service request of the same center and school only', async () => {
      const director = await as(n.directorC.id);
      const now = new Date().toISOString();
      const service = await t.db.insertInto('center_services').values({ center_id: n.center.id, kind: 'coaching', title: 'Leadership coaching', description: 'd', how_to_request: 'h', position: 1, retired_at: null, created_at: now, updated_at: now }).returningAll().executeTakeFirstOrThrow();
      const req = await t.db
        .insertInto('service_requests')
        .values({ center_id: n.center.id, service_id: service.id, school_id: n.schoolA.id, requester_person_id: n.leaderA.id, need: 'Help our new advisory teachers.', timing: null, contact: 'Lena', status: 'open', response: null, responded_by: null, responded_at: null, submission_key: 'k'.repeat(20), created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      const form = await director.get(`${base()}/new?request=${req.id}`);
      assert.equal(form.statusCode, 200);
      assert.match(textOf(form.body), /Help our new advisory teachers/);
      assert.match(form.body, new RegExp(`name="service_request_id" value="${req.id}"`));
      // The request's school only: another school of the same center is refused with a message.
      const schoolA2 = await createOrganisation(t.db, { kind: 'school', center_id: n.center.id });
      const mismatch = await director.submit(`${base()}/new?request=${req.id}`, { ...good(), title: 'From request', service_request_id: String(req.id), school_id: String(schoolA2.id), contacts: [] }, `${base()}/new`);
      assert.equal(mismatch.statusCode, 400);
      assert.match(textOf(mismatch.body), /belongs to another school or center/);
      // Another center's request id cannot be smuggled in either.
      const otherService = await t.db.insertInto('center_services').values({ center_id: otherCenter.id, kind: 'coaching', title: 'Other', description: 'd', how_to_request: 'h', position: 1, retired_at: null, created_at: now, updated_at: now }).returningAll().executeTakeFirstOrThrow();
      const otherReq = await t.db
        .insertInto('service_requests')
        .values({ center_id: otherCenter.id, service_id: otherService.id, school_id: otherSchool.id, requester_person_id: leaderOther.id, need: 'Other need', timing: null, contact: 'O', status: 'open', response: null, responded_by: null, responded_at: null, submission_key: 'o'.repeat(20), created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      assert.equal((await director.get(`${base()}/new?request=${otherReq.id}`)).statusCode, 404);
      const smuggled = await director.submit(`${base()}/new`, { ...good(), title: 'Smuggled', service_request_id: String(otherReq.id) });
      assert.equal(smuggled.statusCode, 400);
      const ok = await director.submit(`${base()}/new?request=${req.id}`, { ...good(), title: 'From request', service_request_id: String(req.id), school_id: String(n.schoolA.id), contacts: [] }, `${base()}/new`);
      assert.equal(ok.statusCode, 303);
      const saved = await t.db.selectFrom('engagements').select(['service_request_id', 'id']).where('title', '=', 'From request').executeTakeFirstOrThrow();
      assert.equal(saved.service_request_id, req.id);
      // Another center's director cannot start from it.
      const other = await as(otherDirector.id);
      assert.equal((await other.get(`/centers/${otherCenter.slug}/engagements/new?request=${req.id}`)).statusCode, 404);
      await t.db.deleteFrom('engagement_members').where('engagement_id', '=', saved.id).execute();
      await t.db.deleteFrom('engagement_focus').where('engagement_id', '=', saved.id).execute();
      await t.db.deleteFrom('engagements').where('id', '=', saved.id).execute();
    });

    it('logs sessions with next steps, refusing bad minutes, future dates and non-member owners', async () => {
      const coach = await as(n.coachC.id);
      const session = (extra: Record<string, string>) => coach.submit(engagementUrl, { held_on: day(-1), minutes: '90', modality: 'on_site', participants: 'Lena, advisory team', notes: 'Private planning note.', ...extra }, `${engagementUrl}/sessions`);
      for (const [extra, message] of [
        [{ minutes: '0' }, /too small/],
        [{ minutes: '1441' }, /too large/],
        [{ held_on: day(3) }, /cannot be in the future/],
        [{ step1_description: 'Draft advisory calendar', step1_owner: String(n.staffA.id), step1_due: day(7) }, /member of the engagement/],
        [{ step1_description: 'Draft advisory calendar', step1_due: day(7) }, /Choose an owner/],
      ] as [Record<string, string>, RegExp][]) {
        const res = await session(extra);
        assert.equal(res.statusCode, 400, JSON.stringify(extra));
        assert.match(textOf(res.body), message);
        assert.match(res.body, /Private planning note/, 'notes kept');
      }
      assert.equal((await t.db.selectFrom('engagement_sessions').selectAll().execute()).length, 0);
      assert.equal((await session({})).statusCode, 303);
      const shared = await session({
        held_on: day(-0),
        minutes: '60',
        modality: 'virtual',
        notes: 'Shared: advisory rubric drafted together.',
        shareable: 'on',
        step1_description: 'Pilot advisory with grade 9',
        step1_owner: String(n.leaderA.id),
        step1_due: day(-2),
        step2_description: 'Send readings',
        step2_owner_name: 'Guest facilitator',
        step2_due: day(10),
      });
      assert.equal(shared.statusCode, 303);
      const steps = await t.db.selectFrom('engagement_next_steps').selectAll().orderBy('id').execute();
      assert.deepEqual(steps.map((s) => [s.description, s.owner_person_id, s.owner_name]), [['Pilot advisory with grade 9', n.leaderA.id, 'Lena Leader'], ['Send readings', null, 'Guest facilitator']]);
      // The school contact cannot log a session (negative control), nor can another center's coach.
      const leader = await as(n.leaderA.id);
      const token = await leader.csrfFrom('/account');
      assert.equal((await leader.post(`${engagementUrl}/sessions`, { held_on: day(-1), minutes: '30', modality: 'phone', _csrf: token })).statusCode, 403);
      const oc = await as(otherCoach.id);
      const otoken = await oc.csrfFrom('/account');
      assert.equal((await oc.post(`${engagementUrl}/sessions`, { held_on: day(-1), minutes: '30', modality: 'phone', _csrf: otoken })).statusCode, 404);
      assert.equal((await t.db.selectFrom('engagement_sessions').selectAll().execute()).length, 2);
    });

    it('shows the school only the shareable notes, in its own language; other schools and centers see nothing', async () => {
      for (const id of [n.leaderA.id, n.staffA.id]) {
        const c = await as(id);
        const page = textOf((await c.get(engagementUrl)).body);
        assert.match(page, /advisory rubric drafted together/);
        assert.doesNotMatch(page, /Private planning note/);
        assert.doesNotMatch(page, /Log a session/);
        const mine = textOf((await c.get('/coaching')).body);
        assert.match(mine, /Advisory redesign/);
        assert.match(mine, /advisory rubric drafted together/);
        assert.doesNotMatch(mine, /Private planning note/);
      }
      const es = await as(spanishLeader.id);
      const esPage = textOf((await es.get('/coaching', { 'accept-language': 'es' })).body);
      assert.match(esPage, /Notas compartidas/);
      assert.doesNotMatch(esPage, /Private planning note/);
      const esEngagement = textOf((await es.get(engagementUrl, { 'accept-language': 'es' })).body);
      assert.match(esEngagement, /Notas compartidas con su escuela/);
      assert.match(esEngagement, /Próximos pasos/);
      assert.doesNotMatch(esEngagement, /Private planning note|Log a session|Registrar una sesión/);
      // Staff see both.
      const staffPage = textOf((await (await as(n.directorC.id)).get(engagementUrl)).body);
      assert.match(staffPage, /Private planning note/);
      assert.match(staffPage, /Shared with the school/);
      for (const [who, id] of [['other school leader', leaderOther.id], ['other director', otherDirector.id], ['school B leader', n.leaderB.id], ['partner', n.partnerStaff.id]] as const) {
        const c = await as(id);
        assert.equal((await c.get(engagementUrl)).statusCode, 404, who);
        assert.doesNotMatch(textOf((await c.get('/coaching')).body), /Advisory redesign/, who);
      }
      assert.equal((await t.client().get(engagementUrl)).statusCode, 302);
    });

    it('gives the coach a caseload and the director hours by school and benchmark', async () => {
      const coach = await as(n.coachC.id);
      const caseload = textOf((await coach.get('/coaching')).body);
      assert.match(caseload, /My active engagements/);
      assert.match(caseload, /Advisory redesign/);
      assert.match(caseload, /Pilot advisory with grade 9.*Overdue|Overdue.*Pilot advisory with grade 9/);
      // Another center's coach has an empty caseload.
      assert.doesNotMatch(textOf((await (await as(otherCoach.id)).get('/coaching')).body), /Advisory redesign/);
      const director = await as(n.directorC.id);
      const summary = await director.get(`${base()}?view=summary`);
      assert.equal(summary.statusCode, 200);
      const text = textOf(summary.body);
      assert.match(text, new RegExp(`${n.schoolA.name} 1 2\\.5`), '90 + 60 minutes by school');
      assert.match(text, /Hours by focus benchmark/);
      assert.match(text, / 1 2\.5 /);
      // The summary is the director's: a coach of the center is refused, another director does not find it.
      assert.equal((await coach.get(`${base()}?view=summary`)).statusCode, 403);
      assert.equal((await (await as(otherDirector.id)).get(`${base()}?view=summary`)).statusCode, 404);
    });

    it('marks a next step done (staff only), audited', async () => {
      const step = await t.db.selectFrom('engagement_next_steps').selectAll().where('description', '=', 'Send readings').executeTakeFirstOrThrow();
      const leader = await as(n.leaderA.id);
      const token = await leader.csrfFrom('/account');
      assert.equal((await leader.post(`${engagementUrl}/steps/${step.id}/done`, { _csrf: token })).statusCode, 403);
      const coach = await as(n.coachC.id);
      const done = await coach.submit(engagementUrl, {}, `${engagementUrl}/steps/${step.id}/done`);
      assert.equal(done.statusCode, 303);
      assert.ok((await t.db.selectFrom('engagement_next_steps').select('done_at').where('id', '=', step.id).executeTakeFirstOrThrow()).done_at);
      assert.equal((await t.db.selectFrom('audit_events').select('action').where('action', '=', 'engagement_next_step.done').execute()).length, 1);
    });

    it('reminds owners with accounts of due steps once, even when run twice at once; private steps only to the center', async () => {
      assert.deepEqual(coachingJobs[0]!.schedule, { every: 'day', atHourUtc: 13 });
      const e = await t.db.selectFrom('engagements').select('id').where('title', '=', 'Advisory redesign').executeTakeFirstOrThrow();
      const sessions = await t.db.selectFrom('engagement_sessions').select(['id', 'shareable']).where('engagement_id', '=', e.id).orderBy('id').execute();
      const privateSession = sessions[0]!;
      const sharedSession = sessions[1]!;
      assert.equal(Boolean(sessions[0]!.shareable), false);
      assert.equal(Boolean(sessions[1]!.shareable), true);
      await t.db.insertInto('engagement_members').values({ engagement_id: e.id, person_id: spanishLeader.id, role: 'school_contact' }).execute();
      const now = new Date().toISOString();
      const step = (session: number, description: string, owner: { id: number; name: string }, due: string) =>
        t.db.insertInto('engagement_next_steps').values({ engagement_id: e.id, session_id: session, description, owner_person_id: owner.id, owner_name: owner.name, due_on: due, done_at: null, reminded_at: null, created_at: now }).execute();
      // A due step of the shared session owned by a Spanish-speaking member, one not due yet, and
      // two due steps of the private session: one the school's leader owns, one the coach owns.
      await step(sharedSession.id, 'Traer el horario', spanishLeader, day(0));
      await step(sharedSession.id, 'Not due yet', n.leaderA, day(5));
      await step(privateSession.id, 'Private: reconsider the staffing plan', n.leaderA, day(-1));
      await step(privateSession.id, 'Private: prepare the principal conversation', n.coachC, day(-1));
      const runs = await Promise.all([sendNextStepReminders(t.db), sendNextStepReminders(t.db), sendNextStepReminders(t.db)]);
      assert.equal(runs.reduce((a, b) => a + b, 0), 3, `overdue Lena, due-today Elena, the coach's private step, once each (runs: ${runs})`);
      assert.equal(await sendNextStepReminders(t.db), 0, 'a second day-run sends nothing again');
      await drainJobs(t);
      const lena = await t.smtp.waitFor((m) => recipients(m).includes(n.leaderA.email) && /Pilot advisory/.test(m.text ?? ''));
      assert.match(lena.subject ?? '', /A next step is due: Advisory redesign/);
      assert.match(lena.text ?? '', new RegExp(`/centers/${n.center.slug}/engagements/\\d+`));
      const elena = await t.smtp.waitFor((m) => recipients(m).includes(spanishLeader.email));
      assert.match(elena.subject ?? '', /Un próximo paso vence/);
      await t.smtp.waitFor((m) => recipients(m).includes(n.coachC.email) && /principal conversation/.test(m.text ?? ''));
      assert.equal(t.smtp.messages.filter((m) => /Pilot advisory/.test(m.text ?? '')).length, 1);
      assert.ok(!t.smtp.messages.some((m) => /Not due yet|Send readings/.test(m.text ?? '')), 'not due, done and ownerless steps are not reminded');
      assert.ok(!t.smtp.messages.some((m) => /staffing plan/.test(m.text ?? '')), "the private session's step is not emailed to the school's leader");
      const leaked = await t.db.selectFrom('engagement_next_steps').select('reminded_at').where('description', 'like', 'Private: reconsider%').executeTakeFirstOrThrow();
      assert.equal(leaked.reminded_at, null, 'skipped, not claimed: looked at again on the next run');
      // Negative controls: clearing the claim makes the job send again, so the guard is what stopped
      // the repeats; sharing the private session lets its step go to the leader, so the
      // shareable rule is what held it back.
      await t.db.updateTable('engagement_next_steps').set({ reminded_at: null }).where('description', '=', 'Traer el horario').execute();
      assert.equal(await sendNextStepReminders(t.db), 1);
      await t.db.updateTable('engagement_sessions').set({ shareable: true as never }).where('id', '=', privateSession.id).execute();
      assert.equal(await sendNextStepReminders(t.db), 1);
      await drainJobs(t);
      await t.smtp.waitFor((m) => recipients(m).includes(n.leaderA.email) && /staffing plan/.test(m.text ?? ''));
      await t.db.updateTable('engagement_sessions').set({ shareable: false as never }).where('id', '=', privateSession.id).execute();
    });

    it('does not remind an owner who has lost the role that let them read the step', async () => {
      const e = await t.db.selectFrom('engagements').select('id').where('title', '=', 'Advisory redesign').executeTakeFirstOrThrow();
      const s = await t.db.selectFrom('engagement_sessions').select('id').where('engagement_id', '=', e.id).where('shareable', '=', false as never).executeTakeFirstOrThrow();
      const leaver = await createPerson(t.db, { name: 'Leo Leaving', roles: [['center_coach', n.center.id]] });
      await t.db.insertInto('engagement_members').values({ engagement_id: e.id, person_id: leaver.id, role: 'coach' }).execute();
      await t.db.deleteFrom('roles').where('person_id', '=', leaver.id).execute();
      const now = new Date().toISOString();
      await t.db.insertInto('engagement_next_steps').values({ engagement_id: e.id, session_id: s.id, description: 'Private: for the leaver', owner_person_id: leaver.id, owner_name: leaver.name, due_on: day(-1), done_at: null, reminded_at: null, created_at: now }).execute();
      assert.equal(await sendNextStepReminders(t.db), 0);
      // Negative control: with the role back, the same step is reminded.
      await t.db.insertInto('roles').values({ person_id: leaver.id, organisation_id: n.center.id, role: 'center_coach', created_at: now }).execute();
      assert.equal(await sendNextStepReminders(t.db), 1);
    });

    it("lists on the caseload only engagements at centers where the coach still has the role", async () => {
      // Fay coaches at two centers; she leaves this one and keeps the other, so she still has a caseload.
      const floater = await createPerson(t.db, { name: 'Fay Floater', roles: [['center_coach', n.center.id], ['center_coach', otherCenter.id]] });
      const director = await as(n.directorC.id);
      const created = await director.submit(`${base()}/new`, { ...good(), title: 'Floater engagement', coaches: [String(floater.id)] });
      assert.equal(created.statusCode, 303);
      const url = created.headers.location as string;
      const c = await as(floater.id);
      assert.match(textOf((await c.get('/coaching')).body), /Floater engagement/, 'listed while a coach of the center');
      await t.db.deleteFrom('roles').where('person_id', '=', floater.id).where('organisation_id', '=', n.center.id).execute();
      // The principal is read afresh on each request: the same signed-in session now lists nothing.
      const after = textOf((await c.get('/coaching')).body);
      assert.match(after, /My active engagements/, 'still a coach elsewhere');
      assert.doesNotMatch(after, /Floater engagement/);
      assert.equal((await c.get(url)).statusCode, 404, 'nor can they open it');
      // Still a member of the engagement: membership alone was what listed it.
      const member = await t.db.selectFrom('engagement_members').select('person_id').where('person_id', '=', floater.id).executeTakeFirst();
      assert.ok(member);
    });

    it('edits a session with its next steps: staff only, audited, validated, and stale edits refused with nothing lost', async () => {
      const sessions = await t.db.selectFrom('engagement_sessions').selectAll().orderBy('id').execute();
      const priv = sessions[0]!;
      const editUrl = `${engagementUrl}/sessions/${priv.id}/edit`;
      const coach = await as(n.coachC.id);
      const page = await coach.get(editUrl);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(`name="updated_at" value="${priv.updated_at}"`));
      assert.match(textOf(page.body), /Private planning note/);
      // The engagement page links to it for staff only.
      assert.match((await coach.get(engagementUrl)).body, new RegExp(`href="${editUrl}"`));
      const fields = (extra: Record<string, string> = {}) => ({ held_on: priv.held_on, minutes: '75', modality: 'on_site', participants: 'Lena', notes: 'Private planning note, revised.', updated_at: priv.updated_at, ...extra });
      // Authorisation: the school (which sees the engagement) is refused; another center's coach does not find it; a visitor signs in.
      const leader = await as(n.leaderA.id);
      assert.equal((await leader.get(editUrl)).statusCode, 403);
      const ltoken = await leader.csrfFrom('/account');
      assert.equal((await leader.post(editUrl, { ...fields(), _csrf: ltoken })).statusCode, 403);
      const oc = await as(otherCoach.id);
      assert.equal((await oc.get(editUrl)).statusCode, 404);
      const otoken = await oc.csrfFrom('/account');
      assert.equal((await oc.post(editUrl, { ...fields(), _csrf: otoken })).statusCode, 404);
      assert.equal((await t.client().get(editUrl)).statusCode, 302);
      // Another engagement's session id under this engagement is not found.
      assert.equal((await coach.get(`${engagementUrl}/sessions/999999/edit`)).statusCode, 404);
      // Bad input keeps what was typed.
      for (const [extra, message] of [
        [{ minutes: '0' }, /too small/],
        [{ minutes: '1441' }, /too large/],
        [{ held_on: day(5) }, /cannot be in the future/],
        [{ held_on: '2025-02-30' }, /format/i],
        [{ step1_description: 'New step', step1_owner: String(n.staffA.id), step1_due: day(3) }, /member of the engagement/],
      ] as [Record<string, string>, RegExp][]) {
        const res = await coach.submit(editUrl, fields(extra));
        assert.equal(res.statusCode, 400, JSON.stringify(extra));
        assert.match(textOf(res.body), message, JSON.stringify(extra));
        assert.match(res.body, /Private planning note, revised\./, 'typed notes kept');
      }
      const unchanged = await t.db.selectFrom('engagement_sessions').selectAll().where('id', '=', priv.id).executeTakeFirstOrThrow();
      assert.equal(unchanged.updated_at, priv.updated_at, 'refused edits save nothing');
      // Tomorrow is allowed (a coach east of UTC); a new private step owned by the school's leader.
      const ok = await coach.submit(editUrl, fields({ held_on: day(1), step1_description: 'Private: draft the staffing memo', step1_owner: String(n.leaderA.id), step1_due: day(4) }));
      assert.equal(ok.statusCode, 303);
      const saved = await t.db.selectFrom('engagement_sessions').selectAll().where('id', '=', priv.id).executeTakeFirstOrThrow();
      assert.equal(saved.minutes, 75);
      assert.equal(saved.notes, 'Private planning note, revised.');
      assert.notEqual(saved.updated_at, priv.updated_at);
      const audit = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'engagement_session.updated').where('subject_id', '=', priv.id).executeTakeFirstOrThrow();
      const changes = JSON.parse(audit.changes!);
      assert.deepEqual(changes.minutes, [90, 75]);
      assert.equal(changes.steps_added[1], 1);
      assert.doesNotMatch(audit.changes!, /revised/, "the audit says the notes changed, not what they say");
      // The school never sees a private session's steps, on either page.
      for (const path of [engagementUrl, '/coaching']) assert.doesNotMatch(textOf((await leader.get(path)).body), /staffing memo|Private planning/, path);
      // A stale token: 409, the typed text stays, the saved version is shown, nothing changes.
      const stale = await coach.submit(editUrl, fields({ notes: 'My stale rewrite.' }));
      assert.equal(stale.statusCode, 409);
      assert.match(textOf(stale.body), /Someone else saved this session/);
      assert.match(stale.body, /My stale rewrite\./);
      assert.match(textOf(stale.body), /The session as saved now/);
      assert.match(stale.body, new RegExp(`name="updated_at" value="${saved.updated_at}"`), 'the form now carries the current token');
      assert.equal((await t.db.selectFrom('engagement_sessions').select('notes').where('id', '=', priv.id).executeTakeFirstOrThrow()).notes, 'Private planning note, revised.');
      // Editing the open step: a new due date clears its reminder so it is reminded when due again.
      const memo = await t.db.selectFrom('engagement_next_steps').selectAll().where('description', '=', 'Private: draft the staffing memo').executeTakeFirstOrThrow();
      await t.db.updateTable('engagement_next_steps').set({ reminded_at: new Date().toISOString() }).where('id', '=', memo.id).execute();
      const edited = await coach.submit(editUrl, { ...fields({ updated_at: saved.updated_at, held_on: day(-1) }), [`open${memo.id}_shown`]: '1', [`open${memo.id}_description`]: 'Private: draft the staffing memo v2', [`open${memo.id}_owner`]: String(n.coachC.id), [`open${memo.id}_due`]: day(9) });
      assert.equal(edited.statusCode, 303);
      const memo2 = await t.db.selectFrom('engagement_next_steps').selectAll().where('id', '=', memo.id).executeTakeFirstOrThrow();
      assert.deepEqual([memo2.description, memo2.owner_person_id, memo2.owner_name, memo2.due_on, memo2.reminded_at], ['Private: draft the staffing memo v2', n.coachC.id, 'Carl Coach', day(9), null]);
      // A step emptied in the form is an error, not a deletion.
      const now1 = await t.db.selectFrom('engagement_sessions').select('updated_at').where('id', '=', priv.id).executeTakeFirstOrThrow();
      const emptied = await coach.submit(editUrl, { ...fields({ updated_at: now1.updated_at, held_on: day(-1) }), [`open${memo.id}_shown`]: '1' });
      assert.equal(emptied.statusCode, 400);
      // A step marked done after the form was drawn: 409, nothing saved.
      const form = await coach.get(editUrl);
      assert.equal(form.statusCode, 200);
      await coach.submit(engagementUrl, {}, `${engagementUrl}/steps/${memo.id}/done`);
      const late = await coach.submit(editUrl, { ...fields({ updated_at: now1.updated_at, held_on: day(-1), notes: 'Late edit' }), [`open${memo.id}_shown`]: '1', [`open${memo.id}_description`]: 'Changed after done', [`open${memo.id}_owner`]: String(n.coachC.id), [`open${memo.id}_due`]: day(9) });
      assert.equal(late.statusCode, 409);
      assert.match(late.body, /Late edit/);
      assert.equal((await t.db.selectFrom('engagement_next_steps').select('description').where('id', '=', memo.id).executeTakeFirstOrThrow()).description, 'Private: draft the staffing memo v2');
      assert.notEqual((await t.db.selectFrom('engagement_sessions').select('notes').where('id', '=', priv.id).executeTakeFirstOrThrow()).notes, 'Late edit');
    });

    it('hides a session from the school as soon as it is no longer shareable, and shows it again when shared', async () => {
      const shared = (await t.db.selectFrom('engagement_sessions').selectAll().orderBy('id').execute())[1]!;
      const editUrl = `${engagementUrl}/sessions/${shared.id}/edit`;
      const director = await as(n.directorC.id);
      const leader = await as(n.leaderA.id);
      assert.match(textOf((await leader.get(engagementUrl)).body), /advisory rubric drafted together/);
      const base = { held_on: shared.held_on, minutes: String(shared.minutes), modality: shared.modality, participants: shared.participants, notes: shared.notes };
      assert.equal((await director.submit(editUrl, { ...base, updated_at: shared.updated_at })).statusCode, 303);
      for (const path of [engagementUrl, '/coaching']) {
        const text = textOf((await leader.get(path)).body);
        assert.doesNotMatch(text, /advisory rubric drafted together|Pilot advisory/, path);
      }
      const again = await t.db.selectFrom('engagement_sessions').select('updated_at').where('id', '=', shared.id).executeTakeFirstOrThrow();
      assert.equal((await director.submit(editUrl, { ...base, shareable: 'on', updated_at: again.updated_at })).statusCode, 303);
      assert.match(textOf((await leader.get(engagementUrl)).body), /advisory rubric drafted together/);
    });

    it('lets exactly one of two simultaneous edits with the same token through', async () => {
      const shared = (await t.db.selectFrom('engagement_sessions').selectAll().orderBy('id').execute())[1]!;
      const editUrl = `${engagementUrl}/sessions/${shared.id}/edit`;
      const [a, b] = [await as(n.coachC.id), await as(n.directorC.id)];
      const base = { held_on: shared.held_on, minutes: String(shared.minutes), modality: shared.modality, participants: shared.participants, shareable: 'on', updated_at: shared.updated_at };
      const [ta, tb] = [await a.csrfFrom(editUrl), await b.csrfFrom(editUrl)];
      const results = await Promise.all([a.post(editUrl, { ...base, notes: 'Version A', _csrf: ta }), b.post(editUrl, { ...base, notes: 'Version B', _csrf: tb })]);
      const codes = results.map((r) => r.statusCode).sort();
      assert.deepEqual(codes, [303, 409]);
      const winner = results[0]!.statusCode === 303 ? 'Version A' : 'Version B';
      assert.equal((await t.db.selectFrom('engagement_sessions').select('notes').where('id', '=', shared.id).executeTakeFirstOrThrow()).notes, winner);
      assert.equal((await t.db.selectFrom('audit_events').select('id').where('action', '=', 'engagement_session.updated').where('subject_id', '=', shared.id).execute()).length, 3, 'two earlier edits and the winner');
    });
  });
}
