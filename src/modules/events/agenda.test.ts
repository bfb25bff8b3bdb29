import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import type { CoalitionEvent } from '../../db/schema.ts';
import { createForum } from './agenda.test-support.ts';
import { isPresenterAt } from './presenters.service.ts';
import { seedDemoFrameworks } from '../framework/framework.demo.ts';

for (const dialect of testDialects()) {
  describe(`agenda sessions and the public agenda (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let forum: CoalitionEvent;
    let manage: string;
    const as = async (personId: number): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, personId);
      return c;
    };
    const sessionCount = async () => (await t.db.selectFrom('event_sessions').select('id').where('event_id', '=', forum.id).execute()).length;
    const base = { description: 'Looking at student work together.', day: '2030-10-18', start_time: '10:00', end_time: '11:00', room: 'Room 204' };
    before(async () => {
      t = await createTestApp(dialect);
      await seedDemoFrameworks(t.db);
      n = await createPeopleNetwork(t.db);
      forum = await createForum(t.db, n.center.id, { title: 'Fall Forum Agenda Test' });
      manage = `/events/${forum.slug}/agenda/manage`;
    });
    after(() => t.close());

    it('lets only organisers manage sessions (negative controls: 403, sign-in, nothing saved)', async () => {
      assert.equal((await t.client().get(`${manage}/new`)).statusCode, 302);
      const leader = await as(n.leaderA.id);
      assert.equal((await leader.get(manage)).statusCode, 403);
      assert.equal((await leader.get(`${manage}/new`)).statusCode, 403);
      const token = await leader.csrfFrom(`/events/${forum.slug}/agenda`).catch(() => '');
      const refused = await leader.post(`${manage}/new`, { ...base, title: 'Sneaky', _csrf: token });
      assert.equal(refused.statusCode, 403);
      assert.equal(await sessionCount(), 0);
      // Positive control: the center's director.
      const director = await as(n.directorC.id);
      assert.equal((await director.get(manage)).statusCode, 200);
    });

    it('validates times, event days and rooms, and stores local times as UTC', async () => {
      const director = await as(n.directorC.id);
      const form = `${manage}/new`;
      const backwards = await director.submit(form, { ...base, title: 'Backwards', start_time: '11:00', end_time: '10:00' });
      assert.equal(backwards.statusCode, 400);
      assert.match(textOf(backwards.body), /The end must be after the start/);
      assert.match(backwards.body, /value="Backwards"/, 'typed values kept');
      const outside = await director.submit(form, { ...base, title: 'Too late', day: '2030-10-21' });
      assert.equal(outside.statusCode, 400);
      assert.match(textOf(outside.body), /Choose one of the event's days/);
      const badTime = await director.submit(form, { ...base, title: 'Bad time', start_time: '25:00' });
      assert.equal(badTime.statusCode, 400);
      const unknown = await director.submit(form, { ...base, title: 'Ghost', presenters: 'nobody-here@example.org' });
      assert.equal(unknown.statusCode, 400);
      assert.equal(await sessionCount(), 0, 'nothing saved by bad input');

      const ok = await director.submit(form, { ...base, title: 'Looking at Student Work', capacity: '30', presenters: `${n.leaderA.email}\nMaria Lopez, Harbor School`, tags: ['discipline:mathematics', 'grades:high'] });
      assert.equal(ok.statusCode, 303);
      const s = await t.db.selectFrom('event_sessions').selectAll().where('event_id', '=', forum.id).executeTakeFirstOrThrow();
      assert.equal(s.starts_at, '2030-10-18T14:00:00.000Z', '10:00 EDT is 14:00 UTC');
      assert.equal(s.ends_at, '2030-10-18T15:00:00.000Z');
      assert.match(s.uid, /^[0-9a-f-]{36}@session\.coalition-hub$/);
      assert.equal(s.sequence, 0);
      const presenters = await t.db.selectFrom('session_presenters').selectAll().where('session_id', '=', s.id).orderBy('position').execute();
      assert.deepEqual(presenters.map((p) => [p.person_id, p.name, p.affiliation]), [[n.leaderA.id, n.leaderA.name, null], [null, 'Maria Lopez', 'Harbor School']]);

      // A second session in the same room at an overlapping time is refused, naming the first.
      const clash = await director.submit(form, { ...base, title: 'Clashing', start_time: '10:30', end_time: '11:30', room: 'room 204' });
      assert.equal(clash.statusCode, 400);
      assert.match(textOf(clash.body), /Room 204 is already used by "Looking at Student Work"/);
      assert.equal(await sessionCount(), 1);
      // Back to back is fine; so is another room at the same time.
      assert.equal((await director.submit(form, { ...base, title: 'Advisory Circles', start_time: '11:00', end_time: '12:00', tags: ['benchmark:advisory', 'grades:high'] })).statusCode, 303);
      assert.equal((await director.submit(form, { ...base, title: 'Exhibitions Panel', room: 'Auditorium', day: '2030-10-19', tags: 'grades:middle' })).statusCode, 303);

      // An edit raises SEQUENCE and updated_at, and shows the local values back.
      const edit = `${manage}/${s.id}`;
      const editPage = await director.get(edit);
      assert.match(editPage.body, /value="10:00"/);
      assert.match(editPage.body, new RegExp(n.leaderA.email));
      assert.equal((await director.submit(edit, { ...base, title: 'Looking at Student Work (LASW)', start_time: '09:00', end_time: '10:00', presenters: n.leaderA.email, tags: ['discipline:mathematics', 'grades:high'] })).statusCode, 303);
      const edited = await t.db.selectFrom('event_sessions').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow();
      assert.equal(edited.sequence, 1);
      assert.equal(edited.starts_at, '2030-10-18T13:00:00.000Z');
      assert.ok(edited.updated_at >= s.updated_at);
      const audit = await t.db.selectFrom('audit_events').select('action').where('subject_type', '=', 'event_session').execute();
      assert.ok(audit.some((a) => a.action === 'event_session.updated'));
    });

    it('shows the agenda by day and slot, filters by tag and day, marks cancelled sessions, in Spanish too', async () => {
      const director = await as(n.directorC.id);
      const exhibit = await t.db.selectFrom('event_sessions').selectAll().where('title', '=', 'Exhibitions Panel').executeTakeFirstOrThrow();
      assert.equal((await director.submit(manage, {}, `${manage}/${exhibit.id}/cancel`)).statusCode, 303);
      const row = await t.db.selectFrom('event_sessions').select(['status', 'sequence']).where('id', '=', exhibit.id).executeTakeFirstOrThrow();
      assert.deepEqual([row.status, row.sequence], ['cancelled', 1]);

      const agenda = `/events/${forum.slug}/agenda`;
      const page = await t.client().get(agenda);
      assert.equal(page.statusCode, 200);
      const text = textOf(page.body);
      assert.match(text, /Friday, October 18/);
      assert.match(text, /Saturday, October 19/);
      assert.match(text, /9:00 AM – 10:00 AM EDT/);
      assert.match(page.body, /<del>Exhibitions Panel<\/del>/);
      // The edit above left Lena Leader as the only presenter of LASW: the page shows her, and not the guest removed.
      assert.ok(text.includes(`Looking at Student Work (LASW)`) && text.includes(`Presenters: ${n.leaderA.name}`), 'the presenter named on the card');
      assert.ok(!text.includes('Maria Lopez'), 'a removed presenter is gone');
      assert.match(page.body, /href="\/events\/[^"]+\/agenda\?tag=discipline%3Amathematics"/);

      const math = textOf((await t.client().get(`${agenda}?tag=discipline:mathematics`)).body);
      assert.match(math, /Looking at Student Work/);
      assert.ok(!math.includes('Advisory Circles'), 'filtered out');
      const both = textOf((await t.client().get(`${agenda}?tag=grades:high&tag=benchmark:advisory`)).body);
      assert.match(both, /Advisory Circles/);
      assert.ok(!both.includes('Looking at Student Work'), 'every tag must match');
      const saturday = textOf((await t.client().get(`${agenda}?day=2030-10-19`)).body);
      assert.match(saturday, /Exhibitions Panel/);
      assert.ok(!saturday.includes('Advisory Circles'));
      assert.equal((await t.client().get(`${agenda}?tag=<script>&day=nonsense`)).statusCode, 200, 'bad filters are ignored');

      const es = textOf((await t.client().get(agenda, { 'accept-language': 'es' })).body);
      assert.match(es, /Cancelada/);
      assert.match(es, /viernes, 18 de octubre/);
      assert.match(es, /Matemáticas/, 'tag labels in Spanish');
      assert.ok(!es.includes('Mathematics'), 'not the English label');
    });

    it('hides draft events\' agendas from everyone but organisers', async () => {
      const draft = await createForum(t.db, n.center.id, { title: 'Draft Forum Agenda', status: 'draft', published_at: null });
      const url = `/events/${draft.slug}/agenda`;
      assert.equal((await t.client().get(url)).statusCode, 404);
      assert.equal((await (await as(n.leaderA.id)).get(url)).statusCode, 404);
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/events/${draft.slug}/sessions` })).statusCode, 404);
      assert.equal((await (await as(n.directorC.id)).get(url)).statusCode, 200, 'positive control');
    });

    it('stars idempotently, privately, and builds a personal agenda with clashes', async () => {
      const sessions = await t.db.selectFrom('event_sessions').selectAll().where('event_id', '=', forum.id).orderBy('starts_at').execute();
      const [lasw, advisory] = sessions;
      const agenda = `/events/${forum.slug}/agenda`;
      const staff = await as(n.staffA.id);
      const token = await staff.csrfFrom(agenda);
      assert.equal((await staff.post(`${agenda}/${lasw!.id}/star`, { back: agenda })).statusCode, 403, 'no CSRF token, no star');
      assert.equal((await t.db.selectFrom('session_stars').selectAll().execute()).length, 0);
      for (let i = 0; i < 2; i++) assert.equal((await staff.post(`${agenda}/${lasw!.id}/star`, { _csrf: token, back: 'https://evil.example/' })).headers.location, `${agenda}#session-${lasw!.id}`);
      const stars = await t.db.selectFrom('session_stars').selectAll().where('person_id', '=', n.staffA.id).execute();
      assert.equal(stars.length, 1, 'starring twice keeps one row');

      // An overlapping session starred too: a clash warning on my agenda.
      const director = await as(n.directorC.id);
      await director.submit(`${manage}/new`, { ...base, title: 'Family Night Planning', start_time: '09:30', end_time: '10:30', room: 'Library' });
      const family = await t.db.selectFrom('event_sessions').select('id').where('title', '=', 'Family Night Planning').executeTakeFirstOrThrow();
      await staff.post(`${agenda}/${family.id}/star`, { _csrf: token });
      const mine = textOf((await staff.get(`/events/${forum.slug}/my-agenda`)).body);
      assert.match(mine, /Looking at Student Work/);
      assert.match(mine, /Overlaps with: Family Night Planning/);
      assert.ok(!mine.includes('Advisory Circles'));
      assert.match((await staff.get(`/events/${forum.slug}/my-agenda`)).body, /href="\/events\/calendar"/);

      // Stars are private: another person sees none of them; counts are for organisers only.
      const other = await as(n.staffB.id);
      const theirs = textOf((await other.get(`/events/${forum.slug}/my-agenda`)).body);
      assert.match(theirs, /You have not starred any sessions yet/);
      assert.ok(!textOf((await other.get(agenda)).body).includes('person starred'), 'no counts for attendees');
      assert.match(textOf((await director.get(agenda)).body), /1 person starred this/);
      assert.match(textOf((await director.get(manage)).body), /Looking at Student Work/);

      // The presenter sees the session they present.
      assert.match(textOf((await (await as(n.leaderA.id)).get(`/events/${forum.slug}/my-agenda`)).body), /Sessions you present.*Looking at Student Work/);
      // Unstar.
      await staff.post(`${agenda}/${lasw!.id}/unstar`, { _csrf: token, back: `/events/${forum.slug}/my-agenda` });
      assert.equal((await t.db.selectFrom('session_stars').selectAll().where('person_id', '=', n.staffA.id).execute()).length, 1);
      assert.equal((await t.client().post(`${agenda}/${advisory!.id}/star`, {})).statusCode, 403, 'signed-out: no token, refused');
      assert.equal((await t.client().get(`/events/${forum.slug}/my-agenda`)).statusCode, 302);
    });

    it('serves the sessions API with tags and presenters', async () => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/events/${forum.slug}/sessions?tag=discipline:mathematics` });
      assert.equal(res.statusCode, 200);
      const { data } = res.json();
      assert.equal(data.length, 1);
      assert.equal(data[0].title, 'Looking at Student Work (LASW)');
      assert.deepEqual(data[0].presenters, [{ name: n.leaderA.name, affiliation: null, on_platform: true }]);
      assert.equal(data[0].timezone, 'America/New_York');
      assert.ok(!JSON.stringify(data).includes(n.leaderA.email), 'no presenter emails');
      const all = (await t.app.inject({ method: 'GET', url: `/api/v1/events/${forum.slug}/sessions` })).json().data;
      assert.equal(all.length, 4);
      const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      assert.ok(spec.paths['/api/v1/events/{slug}/sessions'].get.summary);
    });

    it('knows who presents at an event', async () => {
      const guest = await createPerson(t.db);
      assert.equal(await isPresenterAt(t.db, forum.id, n.leaderA.id), true);
      assert.equal(await isPresenterAt(t.db, forum.id, guest.id), false);
      const lasw = await t.db.selectFrom('event_sessions').select('id').where('title', 'like', 'Looking at Student Work%').executeTakeFirstOrThrow();
      const director = await as(n.directorC.id);
      await director.submit(manage, {}, `${manage}/${lasw.id}/cancel`);
      assert.equal(await isPresenterAt(t.db, forum.id, n.leaderA.id), false, 'a cancelled session does not count');
    });
  });
}
