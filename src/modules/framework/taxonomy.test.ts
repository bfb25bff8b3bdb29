import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../../db/schema.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/helpers/database.ts';
import { createEvent } from '../../../test/factories/events.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { DEMO_BENCHMARK_TAGS, DEMO_PRINCIPLE_TAGS } from './framework-demo.data.ts';
import { seedDemoFrameworks } from './framework.demo.ts';
import { taggedWith, taxonomyTerms, termFor } from './taxonomy.service.ts';

/** A session on an event's agenda, tagged; `days` from now (negative: in the past). */
async function insertTaggedSession(db: Kysely<Database>, eventId: number, title: string, tags: string[], opts: { days?: number; status?: 'scheduled' | 'cancelled' } = {}) {
  const start = new Date(Date.now() + (opts.days ?? 30) * 86_400_000);
  const now = new Date().toISOString();
  const session = await db
    .insertInto('event_sessions')
    .values({ event_id: eventId, uid: `${randomUUID()}@sessions.test`, sequence: 0, title, description: 'A tagged session.', starts_at: start.toISOString(), ends_at: new Date(start.getTime() + 3_600_000).toISOString(), room: null, capacity: null, status: opts.status ?? 'scheduled', proposal_id: null, submission_key: null, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (tags.length) await db.insertInto('session_tags').values(tags.map((tag) => ({ session_id: session.id, tag }))).execute();
  return session;
}

for (const dialect of testDialects()) {
  describe(`shared taxonomy (${dialect})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(dialect);
    });
    after(() => database.drop());

    it('is empty until the primary framework is published, then names every principle and benchmark tag events use', async () => {
      const db = database.db;
      assert.deepEqual(await taxonomyTerms(db), []);
      assert.equal(await termFor(db, 'benchmark:advisory'), undefined);
      await seedDemoFrameworks(db);
      const terms = await taxonomyTerms(db);
      assert.deepEqual(terms.map((t) => t.tag), [...DEMO_PRINCIPLE_TAGS, ...DEMO_BENCHMARK_TAGS]);
      assert.deepEqual(await termFor(db, 'benchmark:advisory'), { tag: 'benchmark:advisory', kind: 'benchmark', key: 'advisory', name: 'Advisory and personal attention' });
      assert.equal((await termFor(db, 'principle:4'))?.name, 'Personalization');
      // The community-schools framework is not the primary: its keys are not tags.
      assert.equal(await termFor(db, 'principle:strong-partnerships'), undefined);
      assert.equal(await termFor(db, 'discipline:english'), undefined);
    });

    it('finds upcoming public sessions and events with a tag, never drafts, cancelled or past ones', async () => {
      const db = database.db;
      const office = await createOrganisation(db, { kind: 'national_office' });
      const event = await createEvent(db, office.id, { title: 'Advisory Summit', tags: ['benchmark:advisory'] });
      const draft = await createEvent(db, office.id, { title: 'Draft Gathering', status: 'draft', tags: ['benchmark:advisory'] });
      const shown = await insertTaggedSession(db, event.id, 'Advisory that works', ['benchmark:advisory', 'principle:4']);
      await insertTaggedSession(db, event.id, 'Cancelled advisory talk', ['benchmark:advisory'], { status: 'cancelled' });
      await insertTaggedSession(db, event.id, 'Last year advisory', ['benchmark:advisory'], { days: -400 });
      await insertTaggedSession(db, event.id, 'Untagged session', []);
      await insertTaggedSession(db, draft.id, 'Draft advisory session', ['benchmark:advisory']);

      const found = await taggedWith(db, 'benchmark:advisory');
      assert.deepEqual(found.sessions.map((s) => [s.id, s.title, s.event_slug, s.event_title]), [[shown.id, 'Advisory that works', event.slug, 'Advisory Summit']]);
      assert.deepEqual(found.events.map((e) => e.title), ['Advisory Summit']);
      assert.deepEqual((await taggedWith(db, 'principle:4')).sessions.map((s) => s.title), ['Advisory that works']);
      assert.deepEqual(await taggedWith(db, 'benchmark:time-and-resources'), { sessions: [], events: [] });

      // Negative control: publishing the draft event shows its session and itself.
      await db.updateTable('events').set({ status: 'published' }).where('id', '=', draft.id).execute();
      const after = await taggedWith(db, 'benchmark:advisory');
      assert.deepEqual(after.sessions.map((s) => s.title).sort(), ['Advisory that works', 'Draft advisory session']);
      assert.equal(after.events.length, 2);
    });
  });
}
