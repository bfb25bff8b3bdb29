import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { createEvent } from '../../../test/factories/events.ts';
import { signIn } from '../../../test/factories/people.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import type { CoalitionEvent } from '../../db/schema.ts';
import { systemActor } from '../audit/audit.service.ts';
import * as editing from '../framework/framework-editing.service.ts';
import { getFrameworkBySlug } from '../framework/framework-read.service.ts';
import { seedDemoFrameworks } from '../framework/framework.demo.ts';
import { createForum } from './agenda.test-support.ts';
import { loadTagVocabulary, tagLabel } from './event-tags.ts';

// Events take their principles and benchmarks from the shared framework: what an admin publishes
// can tag a session at once, what is not in it is refused, and what left it still reads.

const actor = systemActor('test');
const NEW_TAG = 'benchmark:restorative-practices';

for (const dialect of testDialects()) {
  describe(`event tags from the shared taxonomy (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let forum: CoalitionEvent;
    let manage: string;
    const as = async (personId: number): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, personId);
      return c;
    };
    const session = { description: 'Circles instead of suspensions.', day: '2030-10-18', start_time: '10:00', end_time: '11:00', room: 'Room 9' };
    const tagsOfSession = async (title: string) =>
      (await t.db.selectFrom('session_tags').innerJoin('event_sessions', 'event_sessions.id', 'session_tags.session_id').select('tag').where('event_sessions.title', '=', title).orderBy('tag').execute()).map((r) => r.tag);
    /** Publishes a revision of the network framework after `change` edits its draft. */
    async function revise(change: (draft: NonNullable<Awaited<ReturnType<typeof editing.getEditorView>>['draft']>) => Promise<void>) {
      const framework = await getFrameworkBySlug(t.db, 'common-principles');
      await editing.startRevision(t.db, actor, framework);
      await change((await editing.getEditorView(t.db, framework)).draft!);
      await editing.publishDraft(t.db, actor, framework, 'Test revision');
    }

    before(async () => {
      t = await createTestApp(dialect);
      await seedDemoFrameworks(t.db);
      n = await createPeopleNetwork(t.db);
      forum = await createForum(t.db, n.center.id, { title: 'Taxonomy Forum', tags: ['principle:7'] });
      manage = `/events/${forum.slug}/agenda/manage`;
    });
    after(() => t.close());

    it('lets a benchmark an admin has just published tag a session at once, under its name', async () => {
      const director = await as(n.directorC.id);
      // Negative control: before it is published, the same tag is refused and nothing is saved.
      const early = await director.submit(`${manage}/new`, { ...session, title: 'Restorative circles', tags: [NEW_TAG, 'grades:middle'] });
      assert.equal(early.statusCode, 400);
      assert.match(textOf(early.body), /not a principle or benchmark of the network's framework/);
      assert.deepEqual(await tagsOfSession('Restorative circles'), []);
      assert.ok(!(await director.get(`${manage}/new`)).body.includes(`value="${NEW_TAG}"`), 'not offered yet');

      await revise(async (draft) => {
        const group = draft.groups.find((g) => g.key === 'organization')!;
        const b = await editing.addPart(t.db, actor, draft.framework, 'benchmarks', { key: 'restorative-practices', name: 'Restorative practices', description: 'Harm is repaired in circles.', group_id: group.id, principle_ids: [draft.principles.find((p) => p.key === '7')!.id] });
        await editing.saveDescriptors(t.db, actor, draft.framework, b, new Map(draft.levels.map((l) => [l.id, `Restorative practices: ${l.name}`])));
      });

      const form = await director.get(`${manage}/new`);
      assert.match(form.body, new RegExp(`value="${NEW_TAG}"`), 'offered on the session form');
      const saved = await director.submit(`${manage}/new`, { ...session, title: 'Restorative circles', tags: [NEW_TAG, 'grades:middle'] });
      assert.equal(saved.statusCode, 303, textOf(saved.body).slice(0, 300));
      assert.deepEqual(await tagsOfSession('Restorative circles'), [NEW_TAG, 'grades:middle']);
      const agenda = textOf((await t.client().get(`/events/${forum.slug}/agenda`)).body);
      assert.match(agenda, /Restorative practices/);
      // The calendar offers it as a filter, and filters by it.
      const calendar = await t.client().get(`/events?tag=${encodeURIComponent(NEW_TAG)}`);
      assert.match(calendar.body, new RegExp(`<option value="${NEW_TAG}" selected`));
    });

    it('refuses a tag outside the taxonomy with a message on every form and the API; the calendar ignores it', async () => {
      const director = await as(n.directorC.id);
      for (const tags of [['benchmark:no-such-thing'], ['principle:99', 'grades:high'], ['benchmark:<script>'], ['topic:anything']]) {
        const res = await director.submit(`${manage}/new`, { ...session, title: 'Junk tags', tags });
        assert.equal(res.statusCode, 400, tags.join());
        assert.match(textOf(res.body), /Choose topics from the list/, tags.join());
        assert.match(res.body, /value="Junk tags"/, 'the typed title is kept');
      }
      assert.deepEqual(await tagsOfSession('Junk tags'), []);

      const event = await director.submit('/events/new', {
        title: 'Tagged wrong', summary: 'A workshop.', kind: 'workshop', organiser_id: String(n.center.id), venue_name: 'Room 1', timezone: 'America/New_York',
        start_date: '2030-03-10', start_time: '09:00', end_date: '2030-03-10', end_time: '12:00', tags: ['benchmark:no-such-thing'],
      });
      assert.equal(event.statusCode, 400);
      assert.match(event.body, /id="field-tags-error"/);
      assert.match(textOf(event.body), /Choose topics from the list/);

      await t.db.updateTable('events').set({ proposals_open_at: new Date(Date.now() - 86_400_000).toISOString(), proposals_close_at: new Date(Date.now() + 86_400_000).toISOString() }).where('id', '=', forum.id).execute();
      const staff = await as(n.staffA.id);
      const proposal = await staff.submit(`/events/${forum.slug}/proposals`, { title: 'A proposal', abstract: 'About it.', format: 'workshop', duration_minutes: '60', tags: ['benchmark:no-such-thing'] });
      assert.equal(proposal.statusCode, 400);
      assert.match(textOf(proposal.body), /Choose topics from the list/);
      assert.equal((await t.db.selectFrom('session_proposals').select('id').where('event_id', '=', forum.id).execute()).length, 0);

      // The API refuses it (as it refuses any bad filter); the page drops it and lists every event.
      assert.equal((await t.client().get('/api/v1/events?tag=benchmark:no-such-thing')).statusCode, 400);
      assert.equal((await t.client().get('/api/v1/events?tag=principle:7')).statusCode, 200);
      const page = await t.client().get('/events?tag=benchmark:no-such-thing');
      assert.equal(page.statusCode, 200);
      assert.match(textOf(page.body), /Taxonomy Forum/);
      assert.equal((await t.client().get('/events/tags/benchmark:no-such-thing.ics')).statusCode, 404);
    });

    it('still shows a stored tag whose benchmark has left the framework, and keeps it on save but never adds it anew', async () => {
      const event = await createEvent(t.db, n.center.id, { title: 'Circles Workshop', tags: [NEW_TAG, 'principle:7'] });
      await revise(async (draft) => {
        const b = draft.groups.flatMap((g) => g.benchmarks).find((x) => x.key === 'restorative-practices')!;
        await editing.deletePart(t.db, actor, draft.framework, 'benchmarks', b.id);
      });
      const vocab = await loadTagVocabulary(t.db);
      assert.equal(vocab.names.has(NEW_TAG), false);
      assert.equal(tagLabel(((k: string) => k) as never, vocab, NEW_TAG), 'Restorative practices', 'a readable label from the key');

      // The event page, the agenda and the calendar still render; the old tag reads as words, not a filter link.
      const page = await t.client().get(`/events/${event.slug}`);
      assert.equal(page.statusCode, 200);
      assert.match(textOf(page.body), /Restorative practices/);
      assert.ok(!page.body.includes(`href="/events?tag=${encodeURIComponent(NEW_TAG)}"`));
      assert.match(page.body, /href="\/events\?tag=principle%3A7"/, 'a current tag is still a link');
      assert.match(textOf(page.body), /A tone of decency and trust/, 'named by the framework');
      const agenda = await t.client().get(`/events/${forum.slug}/agenda`);
      assert.equal(agenda.statusCode, 200);
      assert.match(textOf(agenda.body), /Restorative practices/);
      assert.equal((await t.client().get(`/events/${forum.slug}/agenda?tag=${encodeURIComponent(NEW_TAG)}`)).statusCode, 200);

      // Editing the session keeps the tag it already had; a new session cannot take it.
      const director = await as(n.directorC.id);
      const sessionId = (await t.db.selectFrom('event_sessions').select('id').where('title', '=', 'Restorative circles').executeTakeFirstOrThrow()).id;
      const edit = await director.get(`${manage}/${sessionId}`);
      assert.match(edit.body, new RegExp(`value="${NEW_TAG}" checked`), 'offered, ticked, on the edit form');
      const kept = await director.submit(`${manage}/${sessionId}`, { ...session, title: 'Restorative circles', room: 'Room 10', tags: [NEW_TAG, 'grades:middle'] });
      assert.equal(kept.statusCode, 303, textOf(kept.body).slice(0, 300));
      assert.deepEqual(await tagsOfSession('Restorative circles'), [NEW_TAG, 'grades:middle']);
      const fresh = await director.submit(`${manage}/new`, { ...session, title: 'Another circle', start_time: '13:00', end_time: '14:00', tags: [NEW_TAG] });
      assert.equal(fresh.statusCode, 400);
      assert.match(textOf(fresh.body), /Choose topics from the list/);
    });
  });
}
