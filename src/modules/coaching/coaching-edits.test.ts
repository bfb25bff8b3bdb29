import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { createPeopleNetwork, insertApiToken, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { seedDemoFrameworks } from '../framework/framework.demo.ts';
import { taxonomyTerms } from '../framework/taxonomy.service.ts';

// Edits that meet something unexpected: a damaged edit token, two changes at once, a focus
// benchmark that has since left the framework, and members who have since left.

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const RETIRED = 'benchmark:retired-practice';

for (const dialect of testDialects()) {
  describe(`coaching edits: tokens, concurrent changes, retired focus (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let token = '';
    let benchmarks: string[] = [];
    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      await seedDemoFrameworks(t.db);
      benchmarks = (await taxonomyTerms(t.db)).filter((x) => x.kind === 'benchmark').map((x) => x.tag);
      token = await insertApiToken(t.db, 'center_coach', n.center.id);
    });
    after(() => t.close());

    const api = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) =>
      t.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) }, ...(body !== undefined && { payload: JSON.stringify(body) }) });
    const as = async (personId: number): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, personId);
      return c;
    };
    const engagementRow = (id: number) => t.db.selectFrom('engagements').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const focusOf = async (id: number) => (await t.db.selectFrom('engagement_focus').select('tag').where('engagement_id', '=', id).execute()).map((r) => r.tag).sort();

    async function newEngagement(title: string, focus = [benchmarks[0]!]): Promise<number> {
      const res = await api('POST', `/api/v1/centers/${n.center.slug}/engagements`, { school_id: n.schoolA.id, title, starts_on: day(-10), focus, coaches: [n.coachC.id], contacts: [n.leaderA.id] });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id;
    }
    /** The fields the HTML edit form posts for an engagement as saved now, with its token. */
    async function formOf(id: number): Promise<Record<string, string | string[]>> {
      const e = await engagementRow(id);
      return { school_id: String(e.school_id), title: e.title, goals: e.goals, status: e.status, starts_on: e.starts_on, focus: await focusOf(id), coaches: [String(n.coachC.id)], contacts: [String(n.leaderA.id)], updated_at: e.updated_at };
    }

    it('answers a session edit token with a NUL byte 400, on the API and the form, and saves nothing', async () => {
      const id = await newEngagement('Token checks');
      const logged = await api('POST', `/api/v1/engagements/${id}/sessions`, { held_on: day(-1), minutes: 60, modality: 'virtual', notes: 'Original note.' });
      assert.equal(logged.statusCode, 201);
      const session = logged.json();
      const url = `/api/v1/engagements/${id}/sessions/${session.id}`;
      for (const bad of ['a\u0000b', `${session.updated_at}\u0000`, 'yesterday']) {
        const res = await api('PATCH', url, { updated_at: bad, minutes: 30 });
        assert.equal(res.statusCode, 400, JSON.stringify(bad));
        assert.match(res.json().error.fields.updated_at.join(' '), /version stamp is damaged/);
      }
      const editUrl = `/centers/${n.center.slug}/engagements/${id}/sessions/${session.id}/edit`;
      const coach = await as(n.coachC.id);
      const res = await coach.submit(editUrl, { held_on: day(-1), minutes: '30', modality: 'virtual', notes: 'Typed over.', updated_at: '\u0000' });
      assert.equal(res.statusCode, 400);
      assert.match(textOf(res.body), /version stamp is damaged/);
      assert.match(res.body, /Typed over\./, 'what was typed is kept');
      assert.doesNotMatch(res.body, /\u0000/);
      const row = await t.db.selectFrom('engagement_sessions').selectAll().where('id', '=', session.id).executeTakeFirstOrThrow();
      assert.deepEqual([row.minutes, row.notes, row.updated_at], [60, 'Original note.', session.updated_at], 'nothing changed');
      // Negative control: the token as read is accepted.
      assert.equal((await api('PATCH', url, { updated_at: session.updated_at, minutes: 30 })).statusCode, 200);
    });

    it('keeps both of two concurrent API changes to different fields (the second merges over the first)', async () => {
      // Without the row lock taken before the read, each PATCH writes back the field it did not
      // send as it was before the other's change, and one change is lost.
      for (let round = 0; round < 4; round++) {
        const id = await newEngagement(`Race ${round}`);
        const [a, b] = await Promise.all([api('PATCH', `/api/v1/engagements/${id}`, { title: `Renamed ${round}` }), api('PATCH', `/api/v1/engagements/${id}`, { status: 'paused' })]);
        assert.deepEqual([a.statusCode, b.statusCode], [200, 200]);
        const row = await engagementRow(id);
        assert.deepEqual([row.title, row.status], [`Renamed ${round}`, 'paused'], `round ${round}: both changes kept`);
        const audits = await t.db.selectFrom('audit_events').select('changes').where('action', '=', 'engagement.updated').where('subject_id', '=', id).orderBy('id').execute();
        assert.equal(audits.length, 2);
      }
    });

    it('refuses a stale edit form with 409, keeping what was typed and showing the engagement as saved now', async () => {
      const id = await newEngagement('Form race');
      const formUrl = `/centers/${n.center.slug}/engagements/${id}/edit`;
      const director = await as(n.directorC.id);
      const page = await director.get(formUrl);
      const drawn = await formOf(id);
      assert.match(page.body, new RegExp(`name="updated_at" value="${drawn.updated_at}"`));
      // Someone else changes the status after the form was drawn.
      assert.equal((await api('PATCH', `/api/v1/engagements/${id}`, { status: 'paused', goals: 'Their new goals.' })).statusCode, 200);
      const stale = await director.submit(formUrl, { ...drawn, title: 'My stale title' });
      assert.equal(stale.statusCode, 409);
      assert.match(textOf(stale.body), /Someone else saved this engagement/);
      assert.match(stale.body, /My stale title/, 'typed title kept');
      assert.match(textOf(stale.body), /The engagement as saved now.*Paused.*Their new goals\./);
      const now = await engagementRow(id);
      assert.deepEqual([now.title, now.status], ['Form race', 'paused'], 'nothing changed');
      assert.match(stale.body, new RegExp(`name="updated_at" value="${now.updated_at}"`), 'the form takes the current token');
      // A damaged token is refused outright.
      const damaged = await director.submit(formUrl, { ...drawn, updated_at: '\u0000' });
      assert.equal(damaged.statusCode, 400);
      assert.match(textOf(damaged.body), /version stamp is damaged/);
      // Saving again with the current token is a deliberate replacement.
      const again = await director.submit(formUrl, { ...drawn, title: 'My title', status: 'active', updated_at: now.updated_at });
      assert.equal(again.statusCode, 303);
      assert.deepEqual([(await engagementRow(id)).title, (await engagementRow(id)).status], ['My title', 'active']);
    });

    it('keeps a focus benchmark that has left the framework, and refuses new unknown ones', async () => {
      const id = await newEngagement('Retired focus');
      // A later framework version dropped this benchmark: the engagement is still focused on it.
      await t.db.insertInto('engagement_focus').values({ engagement_id: id, tag: RETIRED }).execute();
      const closed = await api('PATCH', `/api/v1/engagements/${id}`, { status: 'closed' });
      assert.equal(closed.statusCode, 200, closed.body);
      assert.deepEqual(await focusOf(id), [benchmarks[0]!, RETIRED].sort());
      const kept = await api('PATCH', `/api/v1/engagements/${id}`, { focus: [RETIRED, benchmarks[1]!] });
      assert.equal(kept.statusCode, 200, kept.body);
      // Negative control: a tag the engagement does not have must be the framework's.
      const unknown = await api('PATCH', `/api/v1/engagements/${id}`, { focus: [RETIRED, 'benchmark:never-existed'] });
      assert.equal(unknown.statusCode, 400);
      assert.ok(unknown.json().error.fields.focus);
      assert.deepEqual(await focusOf(id), [benchmarks[1]!, RETIRED].sort());
      // The form offers the retired benchmark (checked), and saving it keeps it.
      const formUrl = `/centers/${n.center.slug}/engagements/${id}/edit`;
      const director = await as(n.directorC.id);
      const page = await director.get(formUrl);
      assert.match(page.body, new RegExp(`value="${RETIRED}" checked`));
      assert.match(textOf(page.body), /retired-practice \(no longer in the framework\)/);
      const saved = await director.submit(formUrl, { ...(await formOf(id)), status: 'active' });
      assert.equal(saved.statusCode, 303);
      assert.deepEqual(await focusOf(id), [benchmarks[1]!, RETIRED].sort());
      const refused = await director.submit(formUrl, { ...(await formOf(id)), focus: [RETIRED, 'benchmark:never-existed'] });
      assert.equal(refused.statusCode, 400);
      // Dropping it is allowed; once dropped it is an unknown tag like any other.
      assert.equal((await api('PATCH', `/api/v1/engagements/${id}`, { focus: [benchmarks[1]!] })).statusCode, 200);
      assert.equal((await api('PATCH', `/api/v1/engagements/${id}`, { focus: [RETIRED] })).statusCode, 400);
    });

    it('can still close an engagement whose coach has left the center, and refuses adding someone who is not staff', async () => {
      const leaving = await createPerson(t.db, { name: 'Lou Leaving', roles: [['center_coach', n.center.id]] });
      const created = await api('POST', `/api/v1/centers/${n.center.slug}/engagements`, { school_id: n.schoolA.id, title: 'Coach moves on', starts_on: day(-10), focus: [benchmarks[0]!], coaches: [leaving.id], contacts: [n.leaderA.id] });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id;
      await t.db.deleteFrom('roles').where('person_id', '=', leaving.id).execute();
      const closed = await api('PATCH', `/api/v1/engagements/${id}`, { status: 'closed' });
      assert.equal(closed.statusCode, 200, closed.body);
      assert.equal((await engagementRow(id)).status, 'closed');
      // Negative control: someone who is not (or no longer) staff cannot be added.
      const outsider = await createPerson(t.db, { name: 'Olga Outsider' });
      const added = await api('PATCH', `/api/v1/engagements/${id}`, { coaches: [leaving.id, outsider.id] });
      assert.equal(added.statusCode, 400);
      assert.ok(added.json().error.fields.coaches);
      // A former coach does not become a school contact by being kept as a coach.
      const moved = await api('PATCH', `/api/v1/engagements/${id}`, { contacts: [n.leaderA.id, leaving.id] });
      assert.equal(moved.statusCode, 400);
      assert.ok(moved.json().error.fields.contacts);
    });
  });
}
