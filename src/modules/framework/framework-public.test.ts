import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { after, before, describe, it } from 'node:test';
import type { CoalitionEvent, Database } from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createEvent } from '../../../test/factories/events.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { seedDemoFrameworks } from './framework.demo.ts';

const LANGS = { en: 'en-US,en;q=0.9', es: 'es-MX,es;q=0.9,en;q=0.5' } as const;
const V1_ADVISORY = 'Advisories meet regularly, with a curriculum some advisors follow.';
const V2_ADVISORY = "Advisories meet at least weekly with a shared curriculum, but not every advisor follows it or knows each advisee's progress.";

function h1s(html: string): string[] {
  return [...html.matchAll(/<h1[^>]*>([\s\S]*?)<\/h1>/g)].map((m) => textOf(m[1]!));
}

async function insertTaggedSession(db: Kysely<Database>, eventId: number, title: string, tags: string[]) {
  const start = new Date(Date.now() + 30 * 86_400_000);
  const now = new Date().toISOString();
  const s = await db
    .insertInto('event_sessions')
    .values({ event_id: eventId, uid: `${randomUUID()}@sessions.test`, sequence: 0, title, description: 'A tagged session.', starts_at: start.toISOString(), ends_at: new Date(start.getTime() + 3_600_000).toISOString(), room: null, capacity: null, status: 'scheduled', proposal_id: null, submission_key: null, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db.insertInto('session_tags').values(tags.map((tag) => ({ session_id: s.id, tag }))).execute();
  return s;
}

/** A framework row with no version yet. */
async function insertFramework(db: Kysely<Database>, slug: string) {
  const now = new Date().toISOString();
  return db.insertInto('frameworks').values({ slug, name: `Framework ${slug}`, description: 'Unpublished.', is_primary: false, current_version_id: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
}

/** A draft version holding one principle with `name`. */
async function insertDraft(db: Kysely<Database>, frameworkId: number, number: number, name: string) {
  const now = new Date().toISOString();
  const v = await db.insertInto('framework_versions').values({ framework_id: frameworkId, number, status: 'draft', notes: 'Draft notes never shown', published_at: null, published_by: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('framework_principles').values({ version_id: v.id, key: 'secret', position: 0, name, description: 'Draft text.' }).execute();
  return v.id;
}

for (const dialect of testDialects()) {
  describe(`public framework pages (${dialect})`, () => {
    let t: TestApp;
    let event: CoalitionEvent;
    let sessionId: number;
    before(async () => {
      t = await createTestApp(dialect);
      await seedDemoFrameworks(t.db);
      const office = await createOrganisation(t.db, { kind: 'national_office' });
      event = await createEvent(t.db, office.id, { title: 'Advisory Summit', tags: ['benchmark:advisory'] });
      sessionId = (await insertTaggedSession(t.db, event.id, 'Advisory that works', ['benchmark:advisory', 'principle:4'])).id;
      const draftEvent = await createEvent(t.db, office.id, { title: 'Hidden Draft Gathering', status: 'draft', tags: ['benchmark:advisory'] });
      await insertTaggedSession(t.db, draftEvent.id, 'Hidden draft session', ['benchmark:advisory']);
    });
    after(() => t.close());

    it('/framework lists the frameworks, the network one first, in English and Spanish', async () => {
      const res = await t.client().get('/framework');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(h1s(res.body), ['The framework: principles and Benchmarks']);
      const text = textOf(res.body);
      assert.ok(text.indexOf('Common Principles and Benchmarks') < text.indexOf('Community Schools Standards'));
      assert.match(res.body, /href="\/framework\/common-principles"/);
      assert.match(res.body, /href="\/framework\/community-schools-standards"/);
      const es = await t.client().get('/framework', { 'accept-language': LANGS.es });
      assert.match(es.body, /<html lang="es"/);
      assert.deepEqual(h1s(es.body), ['El marco: principios e Indicadores de referencia']);
    });

    it('a framework page shows numbered principles, benchmarks by group with their principles, the rubric scale and the history', async () => {
      const res = await t.client().get('/framework/common-principles');
      assert.equal(res.statusCode, 200);
      const text = textOf(res.body);
      assert.deepEqual(h1s(res.body), ['Common Principles and Benchmarks']);
      assert.equal([...res.body.matchAll(/href="\/framework\/common-principles\/benchmarks\/[^"?]+"/g)].length, 14);
      for (const s of ['Classroom practices', 'Organizational practices', 'Early', 'Developing', 'Sustaining', 'Version 2', 'Renamed two benchmarks and clarified the advisory and data descriptors.', 'Version history']) assert.ok(text.includes(s), s);
      assert.match(res.body, /href="\/framework\/common-principles\?version=1"/);
      assert.match(res.body, /href="\/framework\/common-principles\/principles\/10"/);
      assert.match(text, /Version 1 \(retired\)/);
      const es = await t.client().get('/framework/common-principles', { 'accept-language': LANGS.es });
      assert.match(textOf(es.body), /Historial de versiones/);
      assert.match(textOf(es.body), /Principios/);
    });

    it('a benchmark page shows its group, principles, rubric and the upcoming public sessions and events tagged with it', async () => {
      const res = await t.client().get('/framework/common-principles/benchmarks/advisory');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(h1s(res.body), ['Advisory and personal attention']);
      const text = textOf(res.body);
      assert.match(text, /Organizational practices/);
      assert.match(res.body, /href="\/framework\/common-principles\/principles\/4"/);
      assert.match(res.body, /<table class="usa-table[^"]*">\s*<caption>/);
      assert.ok(text.includes(V2_ADVISORY));
      assert.ok(!text.includes(V1_ADVISORY));
      assert.match(res.body, new RegExp(`href="/events/${event.slug}/agenda#session-${sessionId}"`));
      assert.match(res.body, new RegExp(`href="/events/${event.slug}"`));
      assert.ok(text.includes('Advisory that works'));
      assert.ok(!text.includes('Hidden draft session') && !text.includes('Hidden Draft Gathering'));
      // An untagged benchmark says so rather than listing nothing.
      assert.match(textOf((await t.client().get('/framework/common-principles/benchmarks/time-and-resources')).body), /No upcoming session is tagged with this yet/);
      const es = await t.client().get('/framework/common-principles/benchmarks/advisory', { 'accept-language': LANGS.es });
      assert.match(textOf(es.body), /Etiquetado con este Indicador/);
    });

    it('a principle page lists the benchmarks that serve it and the sessions tagged with it', async () => {
      const res = await t.client().get('/framework/common-principles/principles/4');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(h1s(res.body), ['Personalization']);
      const text = textOf(res.body);
      assert.match(text, /Principle 4/);
      for (const key of ['personalised-learning', 'differentiated-instruction', 'advisory']) assert.match(res.body, new RegExp(`href="/framework/common-principles/benchmarks/${key}"`), key);
      assert.ok(text.includes('Advisory that works'));
      assert.match(textOf((await t.client().get('/framework/common-principles/principles/4', { 'accept-language': LANGS.es })).body), /Principio 4/);
    });

    it('?version= shows a retired version read-only, with a notice, and keeps links on that version', async () => {
      const res = await t.client().get('/framework/common-principles/benchmarks/advisory?version=1');
      assert.equal(res.statusCode, 200);
      const text = textOf(res.body);
      assert.ok(text.includes(V1_ADVISORY));
      assert.ok(!text.includes(V2_ADVISORY));
      assert.match(text, /You are reading version 1, an earlier version/);
      assert.match(res.body, /href="\/framework\/common-principles\/principles\/4\?version=1"/);
      const page = await t.client().get('/framework/common-principles?version=1');
      assert.match(textOf(page.body), /Version 1 \(shown here\)/);
      assert.match(page.body, /href="\/framework\/common-principles\/benchmarks\/advisory\?version=1"/);
      // The current version asked for by number is simply the current page.
      assert.doesNotMatch(textOf((await t.client().get('/framework/common-principles?version=2')).body), /an earlier version/);
    });

    it('the community-schools framework shows its four stages and says its keys are not tags', async () => {
      const res = await t.client().get('/framework/community-schools-standards/benchmarks/collaborative-leadership');
      assert.equal(res.statusCode, 200);
      const text = textOf(res.body);
      for (const s of ['Emerging', 'Exploring', 'Excelling', 'Sustaining']) assert.ok(text.includes(s), s);
      assert.match(text, /Only the network's shared framework tags events and sessions/);
    });

    it('answers 404 for unknown frameworks, keys and versions, and for a framework with nothing published', async () => {
      const none = await insertFramework(t.db, 'not-yet');
      await insertDraft(t.db, none.id, 1, 'Only a draft');
      const paths = [
        '/framework/no-such-framework',
        '/framework/common-principles/benchmarks/no-such-key',
        '/framework/common-principles/principles/11',
        '/framework/common-principles/benchmarks/strong-partnerships',
        '/framework/not-yet',
        '/framework/not-yet/principles/secret',
        '/framework/common-principles?version=9',
        '/framework/common-principles?version=abc',
        '/framework/common-principles?version=0',
      ];
      for (const path of paths) assert.equal((await t.client().get(path)).statusCode, 404, path);
      const es = await t.client().get('/framework/no-such-framework', { 'accept-language': LANGS.es });
      assert.deepEqual(h1s(es.body), ['Página no encontrada']);
      assert.doesNotMatch(textOf((await t.client().get('/framework')).body), /Framework not-yet/);
    });

    it("never shows a draft version's content; once published it appears and the old one is retired", async () => {
      const db = t.db;
      const community = await db.selectFrom('frameworks').selectAll().where('slug', '=', 'community-schools-standards').executeTakeFirstOrThrow();
      const draftId = await insertDraft(db, community.id, 2, 'A brand new draft value');
      const client = t.client();
      // Visit first, so a stored copy of each page exists when the version changes.
      for (const path of ['/framework/community-schools-standards', '/framework/community-schools-standards/principles/secret', '/framework/community-schools-standards?version=2']) {
        const res = await client.get(path);
        assert.doesNotMatch(textOf(res.body), /A brand new draft value|Draft notes never shown/, path);
        if (path !== '/framework/community-schools-standards') assert.equal(res.statusCode, 404, path);
      }
      // Negative control: publish the draft, and the same pages show it at once.
      await db.updateTable('framework_versions').set({ status: 'retired' }).where('id', '=', community.current_version_id!).execute();
      await db.updateTable('framework_versions').set({ status: 'published', published_at: new Date().toISOString() }).where('id', '=', draftId).execute();
      await db.updateTable('frameworks').set({ current_version_id: draftId }).where('id', '=', community.id).execute();
      const page = await client.get('/framework/community-schools-standards');
      assert.match(textOf(page.body), /A brand new draft value/);
      assert.match(textOf(page.body), /Draft notes never shown/);
      assert.equal((await client.get('/framework/community-schools-standards/principles/secret')).statusCode, 200);
      assert.equal((await client.get('/framework/community-schools-standards?version=1')).statusCode, 200);
    });
  });
}
