import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ical, { type VEvent } from 'node-ical';
import Parser from 'rss-parser';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import type { TestClient } from '../../../test/helpers/client.ts';
import { createEvent } from '../../../test/factories/events.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import type { CoalitionEvent } from '../../db/schema.ts';
import { addSession, giveTicket } from './calendar.test-support.ts';
import { icsForEvent } from './event-calendar.ts';
import { seedDemoFrameworks } from '../framework/framework.demo.ts';

const DAY = 86_400_000;

/** What an independent parser reads from an iCalendar body, keyed by UID. */
function parse(body: string): { events: Map<string, VEvent>; zones: string[]; raw: Record<string, any> } {
  const raw = ical.sync.parseICS(body) as Record<string, any>;
  const events = new Map<string, VEvent>();
  const zones: string[] = [];
  for (const v of Object.values(raw)) {
    if (v.type === 'VEVENT') events.set(v.uid, v as VEvent);
    if (v.type === 'VTIMEZONE') zones.push(v.tzid);
  }
  return { events, zones, raw };
}

/** RFC 5545 §3.1: CRLF after every line, none longer than 75 octets (continuations start with a space). */
function assertWellFormed(body: string) {
  assert.ok(body.endsWith('\r\n') || body.endsWith('END:VCALENDAR'), 'ends with the calendar');
  assert.ok(!/[^\r]\n/.test(body), 'every line ends with CRLF');
  for (const line of body.split('\r\n')) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line over 75 octets: ${line}`);
}

for (const dialect of testDialects()) {
  describe(`iCalendar, RSS and Atom feeds (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let forum: CoalitionEvent;
    let workshop: CoalitionEvent;
    let cancelled: CoalitionEvent;
    let draft: CoalitionEvent;
    const as = async (personId: number): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, personId);
      return c;
    };

    before(async () => {
      t = await createTestApp(dialect);
      await seedDemoFrameworks(t.db);
      n = await createPeopleNetwork(t.db);
      forum = await createEvent(t.db, n.office.id, {
        title: 'Fall Forum in Chicago', kind: 'forum', all_day: true, timezone: 'America/Chicago', start_date: '2026-12-03', end_date: '2026-12-05',
        starts_at: '2026-12-03T06:00:00.000Z', ends_at: '2026-12-06T06:00:00.000Z', tags: ['principle:1', 'benchmark:advisory'], published_at: new Date(Date.now() - 5 * DAY).toISOString(),
        description: `A long description, with commas; semicolons and ünïcödé — ${'that goes on and on '.repeat(10)}`,
      });
      workshop = await createEvent(t.db, n.center.id, { title: 'Advisory workshop in Oakland', timezone: 'America/Los_Angeles', tags: ['benchmark:advisory'] });
      cancelled = await createEvent(t.db, n.center.id, { title: 'Cancelled movie night', kind: 'fundraiser', status: 'cancelled', cancelled_at: new Date().toISOString() });
      draft = await createEvent(t.db, n.center.id, { title: 'Draft retreat', status: 'draft', published_at: null });
    });
    after(() => t.close());

    it('/events.ics: every public event with stable UID, SEQUENCE, STATUS, TZID + VTIMEZONE and all-day DATE values', async () => {
      const res = await t.client().get('/events.ics');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'text/calendar; charset=utf-8');
      assertWellFormed(res.body);
      assert.match(res.body, /^BEGIN:VCALENDAR\r\n/);
      assert.match(res.body, /\r\nX-WR-CALNAME:Coalition events\r\n/);
      const { events, zones } = parse(res.body);
      assert.deepEqual([...events.keys()].sort(), [forum.uid, workshop.uid, cancelled.uid].sort(), 'drafts stay out, cancelled stay in');
      assert.ok(!events.has(draft.uid));
      assert.equal(events.get(cancelled.uid)!.status, 'CANCELLED');
      assert.equal(events.get(workshop.uid)!.status, 'CONFIRMED');
      const w = events.get(workshop.uid)!;
      assert.equal((w.start as any).tz, 'America/Los_Angeles');
      assert.equal(w.start.toISOString(), workshop.starts_at, 'the instant survives the trip through local time');
      assert.equal(w.end!.toISOString(), workshop.ends_at);
      assert.ok(zones.includes('America/Los_Angeles') && zones.includes('America/New_York'), `VTIMEZONE blocks: ${zones}`);
      assert.match(res.body, /DTSTART;TZID=America\/Los_Angeles:\d{8}T\d{6}\r\n/);
      const f = events.get(forum.uid)!;
      assert.equal(f.datetype, 'date');
      assert.equal((f.start as any).dateOnly, true);
      assert.match(res.body, /DTSTART;VALUE=DATE:20261203\r\nDTEND;VALUE=DATE:20261206\r\n/, 'DTEND is the day after the last day');
      assert.deepEqual([...(f.categories ?? [])].sort(), ['benchmark:advisory', 'principle:1']);
      assert.match(String((f.url as any)?.val ?? f.url), new RegExp(`/events/${forum.slug}$`));
      assert.match(String(f.description), /semicolons and ünïcödé/);
      assert.equal(String(f.sequence), String(forum.sequence));
      assert.match(res.body, /DTSTAMP:\d{8}T\d{6}Z/);
      assert.match(res.body, /ORGANIZER;CN=/);
      assert.match(String(w.location), /Test Hall/);
    });

    it('per event (the download), per center and per tag; UID stable and SEQUENCE rising across edits', async () => {
      const one = await t.client().get(`/events/${workshop.slug}.ics`);
      assert.equal(one.statusCode, 200);
      assertWellFormed(one.body);
      assert.match(String(one.headers['content-disposition']), /attachment; filename=".*\.ics"/);
      assert.deepEqual([...parse(one.body).events.keys()], [workshop.uid]);
      assert.equal(await icsForEvent(t.db, workshop), one.body, 'the email attachment is the same file');

      const center = parse((await t.client().get(`/centers/${n.center.slug}/events.ics`)).body);
      assert.deepEqual([...center.events.keys()].sort(), [workshop.uid, cancelled.uid].sort());
      assert.equal((await t.client().get(`/centers/${n.schoolA.slug}/events.ics`)).statusCode, 404, 'a school has no center feed');
      const tag = parse((await t.client().get('/events/tags/principle:1.ics')).body);
      assert.deepEqual([...tag.events.keys()], [forum.uid]);
      assert.equal((await t.client().get('/events/tags/principle:99.ics')).statusCode, 404);
      assert.equal((await t.client().get('/events/tags/principle:1')).statusCode, 404);

      // An edit by the director: same UID, higher SEQUENCE, new title, in every feed.
      const director = await as(n.directorC.id);
      const edit = `/events/${workshop.slug}/edit`;
      const form = await director.get(edit);
      assert.equal(form.statusCode, 200);
      const values = Object.fromEntries([...form.body.matchAll(/<input class="usa-input[^"]*" id="field-([a-z_]+)" name="\1" type="[a-z-]+" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]));
      const res = await director.submit(edit, { ...values, title: 'Advisory workshop, moved', summary: 'Moved.', kind: 'workshop', organiser_id: String(n.center.id), timezone: 'America/Los_Angeles', registration_enabled: 'on' });
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      const after1 = parse((await t.client().get(`/events/${workshop.slug}.ics`)).body).events.get(workshop.uid)!;
      assert.equal(after1.summary, 'Advisory workshop, moved');
      assert.ok(Number(after1.sequence) > workshop.sequence, 'SEQUENCE rose');
      const all = parse((await t.client().get('/events.ics')).body).events.get(workshop.uid)!;
      assert.equal(String(all.sequence), String(after1.sequence));
    });

    it('RSS 2.0 and Atom: upcoming published events, newest announced first, read by rss-parser', async () => {
      const parser = new Parser();
      const rssRes = await t.client().get('/events.rss');
      assert.equal(rssRes.statusCode, 200);
      assert.match(String(rssRes.headers['content-type']), /^application\/rss\+xml/);
      const rss = await parser.parseString(rssRes.body);
      assert.equal(rss.title, 'Coalition events');
      const links = rss.items.map((i) => i.link);
      assert.ok(links[0]!.endsWith(`/events/${workshop.slug}`), 'announced today, so first');
      assert.ok(links.some((l) => l!.endsWith(`/events/${forum.slug}`)));
      assert.ok(!links.some((l) => l!.includes(cancelled.slug) || l!.includes(draft.slug)), 'no drafts, no cancelled events');
      assert.ok(rss.items.every((i) => i.pubDate && i.title && i.contentSnippet));
      const atomRes = await t.client().get('/events.atom');
      assert.match(String(atomRes.headers['content-type']), /^application\/atom\+xml/);
      const atom = await parser.parseString(atomRes.body);
      assert.deepEqual(atom.items.map((i) => i.link), links);
      assert.ok(atom.items.every((i) => i.id && i.isoDate));
      const es = await parser.parseString((await t.client().get('/events.rss', { 'accept-language': 'es' })).body);
      assert.equal(es.title, 'Eventos de la Coalición');
    });

    it('the private feed: own tickets and starred sessions only; wrong token 404; reset kills the old address', async () => {
      const alice = await createPerson(t.db, { name: 'Alice Attendee' });
      const bob = await createPerson(t.db, { name: 'Bob Bystander' });
      await giveTicket(t.db, forum, alice);
      await giveTicket(t.db, workshop, bob);
      await giveTicket(t.db, cancelled, alice, 'cancelled');
      // A card hold not yet paid is not a registration: the workshop stays out of her feed (Bob's
      // confirmed ticket for the same event below shows the query does find it).
      await giveTicket(t.db, workshop, alice, 'pending');
      const starred = await addSession(t.db, forum, { title: 'Exhibitions that show', sequence: 2 });
      const dropped = await addSession(t.db, forum, { title: 'Dropped session', status: 'cancelled' });
      const bobsStar = await addSession(t.db, workshop, { title: 'Bob only' });
      const now = new Date().toISOString();
      await t.db.insertInto('session_stars').values([{ session_id: starred.id, person_id: alice.id, created_at: now }, { session_id: dropped.id, person_id: alice.id, created_at: now }, { session_id: bobsStar.id, person_id: bob.id, created_at: now }]).execute();

      assert.equal((await t.client().get('/events/calendar')).statusCode, 302, 'signed out: sign in first');
      const client = await as(alice.id);
      const page = await client.get('/events/calendar');
      assert.equal(page.statusCode, 200);
      const url = /value="(http[^"]+\/events\/calendar\/([A-Za-z0-9_-]+)\.ics)"/.exec(page.body)!;
      assert.match(page.body, /href="webcal:\/\/localhost:3000\/events\/calendar\//);
      const path = new URL(url[1]!).pathname;
      const feed = await t.client().get(path);
      assert.equal(feed.statusCode, 200);
      assert.equal(feed.headers['cache-control'], 'private, max-age=300');
      assertWellFormed(feed.body);
      const { events } = parse(feed.body);
      assert.deepEqual([...events.keys()].sort(), [forum.uid, starred.uid, dropped.uid].sort(), 'her event and her stars; not a cancelled order or a pending hold, never Bob\'s');
      assert.equal(String(events.get(starred.uid)!.sequence), '2');
      assert.equal(events.get(dropped.uid)!.status, 'CANCELLED');
      assert.equal((events.get(starred.uid)!.start as any).tz, 'America/Chicago');
      assert.equal((await client.get('/events/calendar')).body.includes(url[1]!), true, 'the same address on every visit');

      assert.equal((await t.client().get('/events/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics')).statusCode, 404);
      assert.equal((await t.client().get(`/events/calendar/${url[2]}`)).statusCode, 404, 'the .ics name only');
      const reset = await client.submit('/events/calendar', {}, '/events/calendar/reset');
      assert.equal(reset.statusCode, 303);
      assert.equal((await t.client().get(path)).statusCode, 404, 'the old address is dead');
      const fresh = /value="(http[^"]+\.ics)"/.exec((await client.get('/events/calendar')).body)![1]!;
      assert.notEqual(fresh, url[1]);
      assert.equal((await t.client().get(new URL(fresh).pathname)).statusCode, 200);
      // Negative control: Bob's own feed has his event, not Alice's.
      const bobClient = await as(bob.id);
      const bobUrl = /value="(http[^"]+\.ics)"/.exec((await bobClient.get('/events/calendar')).body)![1]!;
      const bobs = parse((await t.client().get(new URL(bobUrl).pathname)).body).events;
      assert.deepEqual([...bobs.keys()].sort(), [workshop.uid, bobsStar.uid].sort());
    });
  });
}
