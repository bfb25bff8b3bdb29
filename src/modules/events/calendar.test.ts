import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { createEvent, createTicketType } from '../../../test/factories/events.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import type { CoalitionEvent } from '../../db/schema.ts';
import { recordOfflinePayment } from '../billing/billing.service.ts';
import { addSession, giveTicket } from './calendar.test-support.ts';
import { buyerOf, orderInput, testActor } from './registration-test-support.ts';
import { placeOrder } from './registration.service.ts';
import { seedDemoFrameworks } from '../framework/framework.demo.ts';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const jsonLd = (html: string) => JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!) as Record<string, any>;

for (const dialect of testDialects()) {
  describe(`the public calendar and event pages (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let forum: CoalitionEvent;
    let workshop: CoalitionEvent;
    let draft: CoalitionEvent;
    let cancelled: CoalitionEvent;
    let past: CoalitionEvent;
    let webinar: CoalitionEvent;
    let otherDirector: Awaited<ReturnType<typeof createPerson>>;
    const as = async (personId: number): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, personId);
      return c;
    };

    before(async () => {
      t = await createTestApp(dialect);
      await seedDemoFrameworks(t.db);
      n = await createPeopleNetwork(t.db);
      const other = await createOrganisation(t.db, { kind: 'affiliate_center' });
      otherDirector = await createPerson(t.db, { roles: [['center_director', other.id]] });
      forum = await createEvent(t.db, n.office.id, {
        title: 'Fall Forum 2026', kind: 'forum', all_day: true, timezone: 'America/Chicago',
        start_date: '2026-12-03', end_date: '2026-12-05', starts_at: '2026-12-03T06:00:00.000Z', ends_at: '2026-12-06T06:00:00.000Z',
        summary: 'The annual gathering of the network.', tags: ['principle:1', 'benchmark:advisory'],
        proposals_open_at: iso(Date.now() - DAY), proposals_close_at: iso(Date.now() + 10 * DAY),
      });
      workshop = await createEvent(t.db, n.center.id, { title: 'Advisory workshop', kind: 'workshop', description: 'Bring 100% of your questions_about advisory.', tags: ['benchmark:advisory'] });
      webinar = await createEvent(t.db, n.center.id, { title: 'Equity data webinar', kind: 'webinar', online: true, venue_name: null, venue_address: null, online_url: 'https://meet.example.org/secret-room' });
      draft = await createEvent(t.db, n.center.id, { title: 'Secret draft plan', status: 'draft', published_at: null });
      cancelled = await createEvent(t.db, n.center.id, { title: 'Movie night fundraiser', kind: 'fundraiser', status: 'cancelled', cancelled_at: iso(Date.now()) });
      past = await createEvent(t.db, n.office.id, { title: 'Spring forum long ago', kind: 'forum', starts_at: iso(Date.now() - 40 * DAY), ends_at: iso(Date.now() - 40 * DAY + 7_200_000) });
    });
    after(() => t.close());

    it('lists upcoming published and cancelled (marked) events, never drafts; the past tab has the past', async () => {
      const res = await t.client().get('/events');
      assert.equal(res.statusCode, 200);
      const text = textOf(res.body);
      for (const e of [forum, workshop, webinar, cancelled]) assert.match(res.body, new RegExp(`href="/events/${e.slug}"`), e.title);
      assert.match(text, /Movie night fundraiser Cancelled/);
      assert.ok(!res.body.includes(draft.slug), 'drafts never listed');
      assert.ok(!res.body.includes(past.slug), 'past events not among upcoming');
      const pastTab = await t.client().get('/events?when=past');
      assert.match(pastTab.body, new RegExp(`href="/events/${past.slug}"`));
      assert.ok(!pastTab.body.includes(`/events/${workshop.slug}"`));
      // Feed autodiscovery in the head.
      const head = /<head>([\s\S]*?)<\/head>/.exec(res.body)![1]!;
      assert.match(head, /<link rel="alternate" type="application\/rss\+xml" href="\/events.rss"/);
      assert.match(head, /<link rel="alternate" type="application\/atom\+xml" href="\/events.atom"/);
      // Negative control: the organiser sees the draft in their own list.
      const director = await as(n.directorC.id);
      assert.match((await director.get('/events/manage')).body, new RegExp(draft.title));
      const es = await t.client().get('/events', { 'accept-language': 'es' });
      assert.match(textOf(es.body), /Eventos y encuentros/);
      assert.match(textOf(es.body), /Cancelado/);
    });

    it('filters by organiser, kind, tag, mode and free text (LIKE wildcards taken literally)', async () => {
      const slugs = async (qs: string) => [...(await t.client().get(`/events?${qs}`)).body.matchAll(/<h3[^>]*><a class="usa-link" href="\/events\/([^"]+)"/g)].map((m) => m[1]).sort();
      assert.deepEqual(await slugs(`organiser=${n.office.slug}`), [forum.slug]);
      assert.deepEqual(await slugs(`organiser=${n.center.slug}`), [cancelled.slug, webinar.slug, workshop.slug].sort());
      assert.deepEqual(await slugs('organiser=nobody-at-all'), []);
      assert.deepEqual(await slugs('kind=fundraiser'), [cancelled.slug]);
      assert.deepEqual(await slugs('tag=benchmark:advisory'), [forum.slug, workshop.slug].sort());
      assert.deepEqual(await slugs('mode=online'), [webinar.slug]);
      assert.ok(!(await slugs('mode=in_person')).includes(webinar.slug));
      assert.deepEqual(await slugs('q=ANNUAL gathering'), [forum.slug], 'case-insensitive, in the summary');
      assert.deepEqual(await slugs('q=100%25 of'), [workshop.slug], 'a literal %');
      assert.deepEqual(await slugs('q=questions_about'), [workshop.slug]);
      assert.deepEqual(await slugs('q=questions%25about'), [], '% is not a wildcard');
      assert.deepEqual(await slugs('q=Secret draft'), [], 'drafts never match');
      assert.deepEqual(await slugs('kind=fundraiser&q=movie'), [cancelled.slug]);
    });

    it('never answers 500 to hostile query strings', async () => {
      const hostile = [
        'page=-1', 'page=abc', 'page=99999999999', 'kind=party', 'kind[]=forum', 'kind=forum&kind=workshop', 'tag=principle:99', 'tag=%00', 'mode=both',
        'view=month&month=2026-13', 'view=month&month=99999-01', 'view=month&month=0000-01', "q=' OR 1=1 --", `q=${'x'.repeat(5000)}`, 'q=%E2%80%AE%00', 'q=%00', 'when=future', 'organiser[$ne]=x', '__proto__[x]=1',
      ];
      for (const qs of hostile) {
        const res = await t.client().get(`/events?${qs}`);
        assert.equal(res.statusCode, 200, qs);
        const api = await t.client().get(`/api/v1/events?${qs}`);
        assert.ok([200, 400].includes(api.statusCode), `${qs} → ${api.statusCode}`);
      }
      for (const path of ['/events/%00', '/events/a%00b.ics', '/events/%E2%80%AE', '/api/v1/events/%00', '/centers/%00/events.ics', '/events/tags/%00.ics']) {
        assert.ok((await t.client().get(path)).statusCode < 500, path);
      }
      const bad = await t.client().get('/api/v1/events?kind=party&page=0');
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(Object.keys(JSON.parse(bad.body).error.fields).sort(), ['kind', 'page']);
    });

    it('shows a month grid with a multi-day event on each of its days, and prev/next links', async () => {
      const res = await t.client().get('/events?view=month&month=2026-12');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<table class="usa-table[^"]*calendar-month">/);
      assert.equal([...res.body.matchAll(/<th scope="col"/g)].length, 7);
      const cells = [...res.body.matchAll(/<td class="text-top">([\s\S]*?)<\/td>/g)].map((m) => m[1]!);
      assert.equal(cells.length, 31);
      const withForum = cells.map((c, i) => (c.includes(`/events/${forum.slug}"`) ? i + 1 : 0)).filter(Boolean);
      assert.deepEqual(withForum, [3, 4, 5], 'the forum shows on 3, 4 and 5 December and no other day');
      assert.match(res.body, /href="\/events\?view=month&amp;month=2026-11"/);
      assert.match(res.body, /href="\/events\?view=month&amp;month=2027-01"/);
      assert.ok(!res.body.includes(draft.slug));
      // Filters apply to the grid too.
      assert.ok(!(await t.client().get(`/events?view=month&month=2026-12&kind=workshop`)).body.includes(`/events/${forum.slug}"`));
      assert.equal((await t.client().get('/events?view=month&month=2026-12', { 'accept-language': 'es' })).statusCode, 200);
    });

    it('shows an event: local times with the zone, venue, organiser link, tags, .ics, agenda and proposals links, JSON-LD', async () => {
      await addSession(t.db, forum);
      const type = await createTicketType(t.db, forum.id, { name: 'Member', price_cents: 25_000 });
      await createTicketType(t.db, forum.id, { name: 'Old early bird', price_cents: 1000, retired_at: iso(Date.now()) });
      const res = await t.client().get(`/events/${forum.slug}`);
      assert.equal(res.statusCode, 200);
      const text = textOf(res.body);
      assert.match(text, /Thursday, December 3 – Saturday, December 5, 2026/);
      assert.match(res.body, new RegExp(`href="/events/${forum.slug}.ics"`));
      assert.match(res.body, new RegExp(`href="/events/${forum.slug}/agenda"`));
      assert.match(res.body, new RegExp(`href="/events/${forum.slug}/proposals"`));
      assert.match(res.body, /href="\/events\?tag=benchmark%3Aadvisory"/);
      const ld = jsonLd(res.body);
      assert.equal(ld['@type'], 'Event');
      assert.equal(ld.name, 'Fall Forum 2026');
      assert.equal(ld.startDate, '2026-12-03');
      assert.equal(ld.endDate, '2026-12-05');
      assert.equal(ld.eventStatus, 'https://schema.org/EventScheduled');
      assert.equal(ld.eventAttendanceMode, 'https://schema.org/OfflineEventAttendanceMode');
      assert.equal(ld.location['@type'], 'Place');
      assert.deepEqual(ld.offers.map((o: any) => [o.name, o.price, o.priceCurrency]), [[type.name, '250.00', 'USD']], 'retired ticket types are not offered');

      const w = await t.client().get(`/events/${workshop.slug}`);
      assert.match(textOf(w.body), /Times in America\/New_York/);
      assert.match(textOf(w.body), /[AP]M E[SD]T/);
      assert.match(w.body, new RegExp(`href="/centers/${n.center.slug}"`));
      const wld = jsonLd(w.body);
      assert.match(wld.startDate, /^\d{4}-\d{2}-\d{2}T\d{2}:00:00\.000-0[45]:00$/, 'local time with its offset');
      assert.equal(Date.parse(wld.startDate), Date.parse(workshop.starts_at));
      assert.ok(!w.body.includes('/agenda"'), 'no agenda link without sessions');
      assert.ok(!w.body.includes('/proposals"'), 'no proposals link outside a window');
      assert.equal((await t.client().get(`/events/${workshop.slug}`, { 'accept-language': 'es' })).statusCode, 200);
    });

    it('marks a cancelled event and says so in JSON-LD', async () => {
      const res = await t.client().get(`/events/${cancelled.slug}`);
      assert.equal(res.statusCode, 200);
      assert.match(textOf(res.body), /This event is cancelled/);
      assert.equal(jsonLd(res.body).eventStatus, 'https://schema.org/EventCancelled');
    });

    it('shows an online event\'s join link only to people holding an active ticket', async () => {
      const page = `/events/${webinar.slug}`;
      const ld = jsonLd((await t.client().get(page)).body);
      assert.equal(ld.eventAttendanceMode, 'https://schema.org/OnlineEventAttendanceMode');
      assert.equal(ld.location['@type'], 'VirtualLocation');
      assert.ok(!JSON.stringify(ld).includes('secret-room'));
      const holder = await createPerson(t.db, { name: 'Tina Ticket' });
      const stranger = await createPerson(t.db);
      const lapsed = await createPerson(t.db);
      await giveTicket(t.db, webinar, holder);
      await giveTicket(t.db, webinar, lapsed, 'cancelled');
      assert.match((await (await as(holder.id)).get(page)).body, /secret-room/);
      // Negative controls: a visitor, someone without a ticket, someone whose order was cancelled.
      assert.ok(!(await t.client().get(page)).body.includes('secret-room'));
      assert.ok(!(await (await as(stranger.id)).get(page)).body.includes('secret-room'));
      assert.ok(!(await (await as(lapsed.id)).get(page)).body.includes('secret-room'));
    });

    it('gives the join link for a card order only once it is paid, not while the seats are only held', async () => {
      const host = await createOrganisation(t.db, { kind: 'affiliate_center' });
      const online = await createEvent(t.db, host.id, { title: 'Paid webinar', kind: 'webinar', online: true, venue_name: null, venue_address: null, online_url: 'https://meet.example.org/paid-room' });
      const type = await createTicketType(t.db, online.id, { capacity: 5, price_cents: 2_500, member_discount: false });
      const buyer = await createPerson(t.db, { name: 'Carla Card' });
      const { order } = await placeOrder(t.db, testActor, { event: online, buyer: buyerOf(buyer), input: orderInput([[type.id, 1]], { payment_method: 'card' }), cardAvailable: true });
      assert.equal(order.status, 'pending');
      const c = await as(buyer.id);
      assert.ok(!(await c.get(`/events/${online.slug}`)).body.includes('paid-room'), 'not while the card payment is pending');
      await recordOfflinePayment(t.db, testActor, order.invoice_id!, { method: 'check', reference: 'C-1', amountCents: 2_500, receivedOn: new Date().toISOString().slice(0, 10) });
      assert.match((await c.get(`/events/${online.slug}`)).body, /paid-room/);
    });

    it('hides drafts from everyone but their organisers', async () => {
      const page = `/events/${draft.slug}`;
      assert.equal((await t.client().get(page)).statusCode, 404);
      assert.equal((await (await as(otherDirector.id)).get(page)).statusCode, 404);
      assert.equal((await (await as(n.coachC.id)).get(page)).statusCode, 404);
      assert.equal((await t.client().get(`${page}.ics`)).statusCode, 404);
      assert.equal((await t.client().get(`/api/v1/events/${draft.slug}`)).statusCode, 404);
      const director = await as(n.directorC.id);
      const seen = await director.get(page);
      assert.equal(seen.statusCode, 200);
      assert.match(textOf(seen.body), /This is a draft/);
      assert.match(seen.body, new RegExp(`href="${page}/edit"`));
      assert.equal((await t.client().get(`/events/${'x'.repeat(90)}`)).statusCode, 404);
      assert.ok((await t.client().get(`/events/${'x'.repeat(500)}`)).statusCode < 500);
    });

    it('answers the JSON API with the same filters and public fields', async () => {
      const list = JSON.parse((await t.client().get(`/api/v1/events?organiser=${n.center.slug}`)).body);
      assert.deepEqual(list.data.map((e: any) => e.slug).sort(), [cancelled.slug, webinar.slug, workshop.slug].sort());
      assert.equal(list.total, 3);
      const one = JSON.parse((await t.client().get(`/api/v1/events/${forum.slug}`)).body);
      assert.equal(one.all_day, true);
      assert.equal(one.start_date, '2026-12-03');
      assert.deepEqual(one.tags, ['benchmark:advisory', 'principle:1']);
      assert.equal(one.proposals_open, true);
      assert.match(one.ics_url, new RegExp(`/events/${forum.slug}.ics$`));
      const web = JSON.parse((await t.client().get(`/api/v1/events/${webinar.slug}`)).body);
      assert.ok(!JSON.stringify(web).includes('secret-room'), 'no join link in the API');
      const spec = JSON.parse((await t.client().get('/api/openapi.json')).body);
      assert.ok(spec.paths['/api/v1/events'] && spec.paths['/api/v1/events/{slug}']);
    });

    it('shows a center\'s upcoming events in its space, with its feed', async () => {
      const res = await t.client().get(`/centers/${n.center.slug}`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, new RegExp(`href="/events/${workshop.slug}"`));
      assert.ok(!res.body.includes(draft.slug));
      assert.ok(!res.body.includes(`/events/${forum.slug}"`), 'the national office\'s event is not the center\'s');
      assert.match(res.body, new RegExp(`href="/centers/${n.center.slug}/events.ics"`));
    });
  });
}
