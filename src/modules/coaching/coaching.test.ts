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
import { BENCHMARK_TAGS } from '../events/event-tags.ts';
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
    const base = () => `/centers/${n.center.slug}/engagements`;
    const as = async (personId: number): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, personId);
      return c;
    };
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
      const edited = await director.submit(`${engagementUrl}/edit`, { ...good(), status: 'paused', focus: [BENCHMARK_TAGS[0]!] });
      assert.equal(edited.statusCode, 303);
      assert.equal((await t.db.selectFrom('engagements').select('status').where('id', '=', row.id).executeTakeFirstOrThrow()).status, 'paused');
      const badEdit = await director.submit(`${engagementUrl}/edit`, { ...good(), ends_on: day(-31) });
      assert.equal(badEdit.statusCode, 400);
      // Its notes are about this school's people: the engagement cannot be moved to another school.
      const sibling = await createOrganisation(t.db, { kind: 'school', center_id: n.center.id });
      const moved = await director.submit(`${engagementUrl}/edit`, { ...good(), school_id: String(sibling.id), contacts: [] });
      assert.equal(moved.statusCode, 400);
      assert.equal((await t.db.selectFrom('engagements').select('school_id').where('id', '=', row.id).executeTakeFirstOrThrow()).school_id, n.schoolA.id);
      await director.submit(`${engagementUrl}/edit`, { ...good(), focus: [BENCHMARK_TAGS[0]!] });
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
      assert.equal((await other.post(`${engagementUrl}/edit`, { ...good(), title: 'Hijacked', _csrf: token })).statusCode, 404);
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
        [{ minutes: '10000' }, /too large/],
        [{ held_on: day(3) }, /after today/],
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

    it('reminds owners with accounts of due steps once, even when run twice at once', async () => {
      assert.deepEqual(coachingJobs[0]!.schedule, { every: 'day', atHourUtc: 13 });
      // A due step owned by a Spanish-speaking member, added directly.
      const e = await t.db.selectFrom('engagements').select('id').executeTakeFirstOrThrow();
      const s = await t.db.selectFrom('engagement_sessions').select('id').executeTakeFirstOrThrow();
      await t.db.insertInto('engagement_members').values({ engagement_id: e.id, person_id: spanishLeader.id, role: 'school_contact' }).execute();
      const now = new Date().toISOString();
      await t.db.insertInto('engagement_next_steps').values({ engagement_id: e.id, session_id: s.id, description: 'Traer el horario', owner_person_id: spanishLeader.id, owner_name: 'Elena Escuela', due_on: day(0), done_at: null, reminded_at: null, created_at: now }).execute();
      await t.db.insertInto('engagement_next_steps').values({ engagement_id: e.id, session_id: s.id, description: 'Not due yet', owner_person_id: n.leaderA.id, owner_name: 'Lena Leader', due_on: day(5), done_at: null, reminded_at: null, created_at: now }).execute();
      const runs = await Promise.all([sendNextStepReminders(t.db), sendNextStepReminders(t.db), sendNextStepReminders(t.db)]);
      assert.equal(runs.reduce((a, b) => a + b, 0), 2, `overdue Lena + due-today Elena, once each (runs: ${runs})`);
      assert.equal(await sendNextStepReminders(t.db), 0, 'a second day-run sends nothing again');
      await drainJobs(t);
      const lena = await t.smtp.waitFor((m) => recipients(m).includes(n.leaderA.email) && /Pilot advisory/.test(m.text ?? ''));
      assert.match(lena.subject ?? '', /A next step is due: Advisory redesign/);
      assert.match(lena.text ?? '', new RegExp(`/centers/${n.center.slug}/engagements/\\d+`));
      const elena = await t.smtp.waitFor((m) => recipients(m).includes(spanishLeader.email));
      assert.match(elena.subject ?? '', /Un próximo paso vence/);
      assert.equal(t.smtp.messages.filter((m) => /Pilot advisory/.test(m.text ?? '')).length, 1);
      assert.ok(!t.smtp.messages.some((m) => /Not due yet|Send readings/.test(m.text ?? '')), 'not due, done and ownerless steps are not reminded');
      // Negative control: clearing the claim makes the job send again, so the guard is what stopped the repeats.
      await t.db.updateTable('engagement_next_steps').set({ reminded_at: null }).where('description', '=', 'Traer el horario').execute();
      assert.equal(await sendNextStepReminders(t.db), 1);
    });
  });
}
