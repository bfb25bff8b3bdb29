import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { drainJobs } from '../../../test/helpers/jobs.ts';
import { recipients } from '../../../test/helpers/smtp.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import type { CoalitionEvent, Person } from '../../db/schema.ts';
import { createForum, formTokens } from './agenda.test-support.ts';
import { isPresenterAt } from './presenters.service.ts';
import { seedDemoFrameworks } from '../framework/framework.demo.ts';

const DAY = 86_400_000;
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString();

for (const dialect of testDialects()) {
  describe(`call for proposals and review (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let forum: CoalitionEvent;
    let other: CoalitionEvent;
    let maria: Person;
    let reviewer: Person;
    let otherReviewer: Person;
    const as = async (personId: number): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, personId);
      return c;
    };
    const proposalsOf = (eventId: number) => t.db.selectFrom('session_proposals').selectAll().where('event_id', '=', eventId).orderBy('id').execute();
    const proposal = { title: 'Advisory that works', abstract: 'How our advisory program builds trust.', format: 'workshop', duration_minutes: '60', presenters: 'Ana Ruiz, Harbor School\nBen Cho, Bay Academy', tags: ['benchmark:advisory', 'grades:high'] };
    before(async () => {
      t = await createTestApp(dialect);
      await seedDemoFrameworks(t.db);
      n = await createPeopleNetwork(t.db);
      forum = await createForum(t.db, n.center.id, { title: 'Proposals Forum', proposals_open_at: iso(-1), proposals_close_at: iso(10), proposal_guidelines: 'Sessions should center student work.' });
      other = await createForum(t.db, n.center.id, { title: 'Other Forum', proposals_open_at: iso(-1), proposals_close_at: iso(10) });
      maria = await createPerson(t.db, { name: 'María Gómez', locale: 'es' });
      reviewer = await createPerson(t.db, { name: 'Rita Reviewer' });
      otherReviewer = await createPerson(t.db, { name: 'Oscar Otherreviewer' });
      const now = new Date().toISOString();
      await t.db.insertInto('event_reviewers').values({ event_id: other.id, person_id: otherReviewer.id, created_at: now }).execute();
    });
    after(() => t.close());

    it('enforces the window: not yet open and closed save nothing, with a clear message', async () => {
      const soon = await createForum(t.db, n.center.id, { title: 'Soon Forum', proposals_open_at: iso(2), proposals_close_at: iso(9) });
      const past = await createForum(t.db, n.center.id, { title: 'Past Forum', proposals_open_at: iso(-9), proposals_close_at: iso(-2) });
      const none = await createForum(t.db, n.center.id, { title: 'No Call Forum' });
      const c = await as(n.leaderA.id);
      for (const [event, message] of [[soon, /not open yet/], [past, /is closed/]] as const) {
        const url = `/events/${event.slug}/proposals`;
        const page = await c.get(url);
        assert.equal(page.statusCode, 200);
        assert.match(textOf(page.body), message);
        const { csrf } = formTokens(page.body);
        const res = await c.post(url, { ...proposal, _csrf: csrf, submission_key: 'window-key-0000000001' });
        assert.equal(res.statusCode, 409);
        assert.match(textOf(res.body), message);
        assert.equal((await proposalsOf(event.id)).length, 0);
      }
      assert.equal((await c.get(`/events/${none.slug}/proposals`)).statusCode, 404);
      assert.equal((await t.client().get(`/events/${forum.slug}/proposals`)).statusCode, 302, 'sign in first');
    });

    it('takes a proposal once per form, acknowledges it in the submitter\'s language', async () => {
      const c = await as(maria.id);
      const url = `/events/${forum.slug}/proposals`;
      const page = await c.get(url);
      assert.match(textOf(page.body), /Sessions should center student work/);
      const { csrf, key } = formTokens(page.body);
      const bad = await c.post(url, { ...proposal, duration_minutes: '15', _csrf: csrf, submission_key: key });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /value="Advisory that works"/);
      const fields = { ...proposal, _csrf: csrf, submission_key: key };
      const [a, b] = await Promise.all([c.post(url, fields), c.post(url, fields)]);
      assert.deepEqual([a.statusCode, b.statusCode], [303, 303]);
      const rows = await proposalsOf(forum.id);
      assert.equal(rows.length, 1, 'a double submit makes one proposal');
      assert.equal(rows[0]!.tags, 'benchmark:advisory,grades:high');
      await drainJobs(t);
      const ack = await t.smtp.waitFor((m) => recipients(m).includes(maria.email) && /Propuesta recibida/.test(m.subject ?? ''));
      assert.match(ack.text ?? '', /Hola, María Gómez/);
      // Someone else's key does not reveal or touch her proposal.
      const thief = await as(n.staffA.id);
      const tt = formTokens((await thief.get(url)).body);
      assert.equal((await thief.post(url, { ...proposal, _csrf: tt.csrf, submission_key: key })).statusCode, 409);
      assert.match(textOf((await c.get(url, { 'accept-language': 'es' })).body), /Mis propuestas.*Advisory that works.*En revisión/);
    });

    it('lets only the submitter edit or withdraw, while open and undecided', async () => {
      const c = await as(n.leaderA.id);
      const url = `/events/${forum.slug}/proposals`;
      const { csrf, key } = formTokens((await c.get(url)).body);
      await c.post(url, { ...proposal, title: 'Exhibitions of mastery', _csrf: csrf, submission_key: key });
      const mine = (await proposalsOf(forum.id)).find((p) => p.submitter_person_id === n.leaderA.id)!;
      const edit = `${url}/${mine.id}/edit`;
      assert.equal((await (await as(n.staffA.id)).get(edit)).statusCode, 404, 'not yours');
      const stranger = await as(n.staffA.id);
      assert.equal((await stranger.post(`${url}/${mine.id}/withdraw`, { _csrf: await stranger.csrfFrom(url) })).statusCode, 404);
      assert.equal((await c.submit(edit, { ...proposal, title: 'Exhibitions of mastery, revised' })).statusCode, 303);
      assert.equal((await proposalsOf(forum.id)).find((p) => p.id === mine.id)!.title, 'Exhibitions of mastery, revised');
      // Withdraw, then nothing more can change.
      assert.equal((await c.submit(url, {}, `${url}/${mine.id}/withdraw`)).statusCode, 303);
      assert.equal((await proposalsOf(forum.id)).find((p) => p.id === mine.id)!.status, 'withdrawn');
      const again = await c.submit(url, {}, `${url}/${mine.id}/withdraw`);
      assert.equal(again.statusCode, 409);
      assert.match(textOf(again.body), /already been decided or withdrawn/);
      // After the window closes, the edit form says so and saves nothing.
      const late = await createForum(t.db, n.center.id, { title: 'Late Forum', proposals_open_at: iso(-1), proposals_close_at: iso(1) });
      const lurl = `/events/${late.slug}/proposals`;
      const lt = formTokens((await c.get(lurl)).body);
      await c.post(lurl, { ...proposal, _csrf: lt.csrf, submission_key: lt.key });
      const lp = (await proposalsOf(late.id))[0]!;
      await t.db.updateTable('events').set({ proposals_close_at: iso(-0.01) }).where('id', '=', late.id).execute();
      const closedEdit = await c.post(`${lurl}/${lp.id}/edit`, { ...proposal, title: 'Too late', _csrf: lt.csrf });
      assert.equal(closedEdit.statusCode, 409);
      assert.equal((await proposalsOf(late.id))[0]!.title, proposal.title);
    });

    it('gives reviewers the blind review only; others get 404', async () => {
      const manage = `/events/${forum.slug}/proposals/manage`;
      const director = await as(n.directorC.id);
      const unknown = await director.submit(manage, { email: 'nobody@example.org' }, `${manage}/reviewers`);
      assert.equal(unknown.statusCode, 400);
      assert.equal((await director.submit(manage, { email: reviewer.email.toUpperCase() }, `${manage}/reviewers`)).statusCode, 303);
      assert.equal((await t.db.selectFrom('event_reviewers').selectAll().where('event_id', '=', forum.id).execute()).length, 1);

      for (const [who, id] of [['reviewer of another event', otherReviewer.id], ['attendee', n.staffB.id]] as const) {
        const c = await as(id);
        assert.equal((await c.get(manage)).statusCode, 404, who);
      }
      const maria_ = (await proposalsOf(forum.id)).find((p) => p.submitter_person_id === maria.id)!;
      assert.equal((await (await as(otherReviewer.id)).get(`${manage}/${maria_.id}`)).statusCode, 404);
      const r = await as(reviewer.id);
      const list = await r.get(manage);
      assert.equal(list.statusCode, 200);
      const listText = textOf(list.body);
      assert.match(listText, /Advisory that works/);
      for (const name of ['María Gómez', 'Ana Ruiz', 'Ben Cho', 'Submitted by']) assert.ok(!listText.includes(name), `blind list: no ${name}`);
      // Positive control: the organiser's list names the submitter.
      assert.match(textOf((await director.get(manage)).body), /Advisory that works .*María Gómez/);
      const detail = textOf((await r.get(`${manage}/${maria_.id}`)).body);
      assert.ok(!detail.includes('María Gómez') && !detail.includes('Ana Ruiz'), 'blind: no names for reviewers');
      // A reviewer may not add reviewers or decide.
      const token = await r.csrfFrom(`${manage}/${maria_.id}`);
      assert.equal((await r.post(`${manage}/reviewers`, { email: n.staffB.email, _csrf: token })).statusCode, 403);
      assert.equal((await r.post(`${manage}/${maria_.id}/decide`, { decision: 'accept', _csrf: token })).statusCode, 403);
      assert.equal((await proposalsOf(forum.id)).find((p) => p.id === maria_.id)!.status, 'submitted');
    });

    it('keeps one review each and shows the mean; nobody scores their own proposal', async () => {
      const manage = `/events/${forum.slug}/proposals/manage`;
      const p = (await proposalsOf(forum.id)).find((x) => x.submitter_person_id === maria.id)!;
      const r = await as(reviewer.id);
      assert.equal((await r.submit(`${manage}/${p.id}`, { score: '6' }, `${manage}/${p.id}/review`)).statusCode, 400);
      assert.equal((await r.submit(`${manage}/${p.id}`, { score: '5', comment: 'Strong.' }, `${manage}/${p.id}/review`)).statusCode, 303);
      assert.equal((await r.submit(`${manage}/${p.id}`, { score: '4', comment: 'Strong, on reflection.' }, `${manage}/${p.id}/review`)).statusCode, 303);
      const director = await as(n.directorC.id);
      await director.submit(`${manage}/${p.id}`, { score: '2' }, `${manage}/${p.id}/review`);
      const reviews = await t.db.selectFrom('proposal_reviews').selectAll().where('proposal_id', '=', p.id).execute();
      assert.equal(reviews.length, 2, 'one review per reviewer');
      const list = textOf((await director.get(manage)).body);
      assert.match(list, /Advisory that works Workshop · 60 minutes María Gómez Under review 3\.0 2/);
      // Maria, made a reviewer, cannot score her own.
      await director.submit(manage, { email: maria.email }, `${manage}/reviewers`);
      const own = await (await as(maria.id)).submit(`${manage}/${p.id}`, { score: '5' }, `${manage}/${p.id}/review`);
      assert.equal(own.statusCode, 409);
      assert.equal((await t.db.selectFrom('proposal_reviews').selectAll().where('proposal_id', '=', p.id).execute()).length, 2);
    });

    it('accepts into a session with presenters and tags, emails in Spanish, refuses a second decision', async () => {
      const manage = `/events/${forum.slug}/proposals/manage`;
      const p = (await proposalsOf(forum.id)).find((x) => x.submitter_person_id === maria.id)!;
      const director = await as(n.directorC.id);
      const page = `${manage}/${p.id}`;
      const token = await director.csrfFrom(page);
      const decide = { decision: 'accept', message: '¡Bienvenida!', day: '2030-10-19', start_time: '13:30', room: 'Room 12', _csrf: token };
      const [a, b] = await Promise.all([director.post(`${page}/decide`, decide), director.post(`${page}/decide`, decide)]);
      assert.deepEqual([a.statusCode, b.statusCode].sort(), [303, 409], 'racing decisions: one wins');
      const sessions = await t.db.selectFrom('event_sessions').selectAll().where('proposal_id', '=', p.id).execute();
      assert.equal(sessions.length, 1);
      const s = sessions[0]!;
      assert.equal(s.starts_at, '2030-10-19T17:30:00.000Z');
      assert.equal(s.ends_at, '2030-10-19T18:30:00.000Z', 'the proposal\'s 60 minutes');
      assert.equal(s.room, 'Room 12');
      const presenters = await t.db.selectFrom('session_presenters').selectAll().where('session_id', '=', s.id).orderBy('position').execute();
      assert.deepEqual(presenters.map((x) => [x.person_id, x.name, x.affiliation]), [[maria.id, 'María Gómez', null], [null, 'Ana Ruiz', 'Harbor School'], [null, 'Ben Cho', 'Bay Academy']]);
      const tags = (await t.db.selectFrom('session_tags').select('tag').where('session_id', '=', s.id).orderBy('tag').execute()).map((x) => x.tag);
      assert.deepEqual(tags, ['benchmark:advisory', 'grades:high']);
      const decided = (await proposalsOf(forum.id)).find((x) => x.id === p.id)!;
      assert.deepEqual([decided.status, decided.session_id], ['accepted', s.id]);
      assert.equal(await isPresenterAt(t.db, forum.id, maria.id), true);
      const twice = await director.post(`${page}/decide`, { ...decide, decision: 'decline' });
      assert.equal(twice.statusCode, 409);
      assert.match(textOf(twice.body), /already been decided/);
      await drainJobs(t);
      const mail = await t.smtp.waitFor((m) => recipients(m).includes(maria.email) && /Aceptada/.test(m.subject ?? ''));
      assert.match(mail.text ?? '', /¡Bienvenida!/);
      assert.match(mail.text ?? '', /\/my-agenda/);
      assert.match(textOf((await (await as(maria.id)).get(`/events/${forum.slug}/my-agenda`)).body), /Sesiones que usted presenta Advisory that works/, 'her agenda, in her language');
    });

    it('keeps the decision message from reviewers, and shows reviewers their pages in their language', async () => {
      const manage = `/events/${forum.slug}/proposals/manage`;
      const p = (await proposalsOf(forum.id)).find((x) => x.submitter_person_id === maria.id)!;
      assert.equal(p.decision_message, '¡Bienvenida!');
      const director = await as(n.directorC.id);
      assert.match(textOf((await director.get(`${manage}/${p.id}`)).body), /Message sent with the decision: ¡Bienvenida!/, 'organisers see it');
      const r = await as(reviewer.id);
      const seen = textOf((await r.get(`${manage}/${p.id}`)).body);
      assert.match(seen, /Advisory that works/);
      assert.ok(!seen.includes('¡Bienvenida!') && !seen.includes('Message sent with the decision'), 'reviewers do not');

      // A Spanish-speaking reviewer reads the review in Spanish (list, detail and the saved message).
      const revisora = await createPerson(t.db, { name: 'Rosa Revisora', locale: 'es' });
      await director.submit(manage, { email: revisora.email }, `${manage}/reviewers`);
      const c = await as(revisora.id);
      const list = textOf((await c.get(manage)).body);
      assert.match(list, /Propuestas de sesión/);
      assert.match(list, /Las propuestas se muestran sin los nombres/);
      assert.match(list, /Ordenar por: puntuación media más recientes/);
      assert.match(list, /Propuesta Estado Su puntuación/);
      assert.ok(!/Session proposals|Sort by|Your score/.test(list), 'no English left');
      const other = await createPerson(t.db, { name: 'Otto Other' });
      const oc = await as(other.id);
      const { csrf, key } = formTokens((await oc.get(`/events/${forum.slug}/proposals`)).body);
      await oc.post(`/events/${forum.slug}/proposals`, { ...proposal, title: 'Peer coaching', _csrf: csrf, submission_key: key });
      const open = (await proposalsOf(forum.id)).find((x) => x.title === 'Peer coaching')!;
      const detail = textOf((await c.get(`${manage}/${open.id}`)).body);
      assert.match(detail, /Volver a todas las propuestas/);
      assert.match(detail, /Su evaluación Puntuación .*4 – Sólida.* Comentario para los organizadores Guardar evaluación/);
      const saved = await c.submit(`${manage}/${open.id}`, { score: '4' }, `${manage}/${open.id}/review`);
      assert.equal(saved.statusCode, 303);
      assert.match(textOf((await c.get(manage)).body), /Se guardó su evaluación/);
    });

    it('declines with an email in English, and creates no session', async () => {
      const c = await as(n.staffB.id);
      const url = `/events/${forum.slug}/proposals`;
      const { csrf, key } = formTokens((await c.get(url)).body);
      await c.post(url, { ...proposal, title: 'Grading reform', _csrf: csrf, submission_key: key });
      const p = (await proposalsOf(forum.id)).find((x) => x.submitter_person_id === n.staffB.id)!;
      const manage = `/events/${forum.slug}/proposals/manage/${p.id}`;
      const director = await as(n.directorC.id);
      assert.equal((await director.submit(manage, { decision: 'decline', message: 'We had many strong proposals.' }, `${manage}/decide`)).statusCode, 303);
      assert.equal((await t.db.selectFrom('event_sessions').selectAll().where('proposal_id', '=', p.id).execute()).length, 0);
      await drainJobs(t);
      const mail = await t.smtp.waitFor((m) => recipients(m).includes(n.staffB.email) && /Your proposal for/.test(m.subject ?? ''));
      assert.match(mail.text ?? '', /We had many strong proposals/);
      assert.equal(await isPresenterAt(t.db, forum.id, n.staffB.id), false);
      const audit = await t.db.selectFrom('audit_events').select('action').where('subject_type', '=', 'session_proposal').execute();
      assert.ok(audit.some((x) => x.action === 'session_proposal.declined'));
    });
  });
}
