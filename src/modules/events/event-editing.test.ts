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
import { AppError } from '../../platform/errors.ts';
import { cancelEvent, publishEvent } from './event-editing.service.ts';
import { buyerOf, orderInput, testActor } from './registration-test-support.ts';
import { placeOrder } from './registration.service.ts';
import { seedDemoFrameworks } from '../framework/framework.demo.ts';

/** A complete, valid event form (a timed workshop in Los Angeles). */
const validForm = (organiserId: number, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  title: 'Critical friends workshop',
  summary: 'Looking at student work together.',
  description: 'Learn the tuning protocol.',
  kind: 'workshop',
  organiser_id: String(organiserId),
  venue_name: 'Oakland High, Room 12',
  venue_address: '1 Main St, Oakland, CA',
  timezone: 'America/Los_Angeles',
  start_date: '2027-03-10',
  start_time: '09:00',
  end_date: '2027-03-10',
  end_time: '15:30',
  registration_enabled: 'on',
  contact_email: 'Workshops@Example.org',
  tags: ['benchmark:professional-collaboration', 'grades:high'],
  ...overrides,
});

for (const dialect of testDialects()) {
  describe(`organisers editing events (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let otherCenter: Awaited<ReturnType<typeof createOrganisation>>;
    let otherDirector: Awaited<ReturnType<typeof createPerson>>;
    const as = async (personId: number): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, personId);
      return c;
    };
    const reload = (id: number) => t.db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const count = async () => Number((await t.db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    before(async () => {
      t = await createTestApp(dialect);
      await seedDemoFrameworks(t.db);
      n = await createPeopleNetwork(t.db);
      otherCenter = await createOrganisation(t.db, { kind: 'affiliate_center' });
      otherDirector = await createPerson(t.db, { name: 'Olga Other', roles: [['center_director', otherCenter.id]] });
    });
    after(() => t.close());

    it('lets only admins and center directors reach the organisers\' pages', async () => {
      for (const path of ['/events/manage', '/events/new']) {
        assert.equal((await t.client().get(path)).statusCode, 302, `visitor → sign in (${path})`);
        for (const [who, id] of [['coach', n.coachC.id], ['school leader', n.leaderA.id], ['partner', n.partnerStaff.id]] as const) {
          assert.equal((await (await as(id)).get(path)).statusCode, 403, `${who} ${path}`);
        }
        assert.equal((await (await as(n.directorC.id)).get(path)).statusCode, 200);
        assert.equal((await (await as(n.admin.id)).get(path)).statusCode, 200);
      }
      const before = await count();
      // A coach with a valid token of their own (from their feed page) still cannot create.
      const coach = await as(n.coachC.id);
      const token = await coach.csrfFrom('/events/calendar');
      assert.equal((await coach.post('/events/new', { ...validForm(n.center.id), _csrf: token })).statusCode, 403);
      assert.equal(await count(), before, 'nothing created');
    });

    it('re-renders bad input with field messages and the typed values, saving nothing', async () => {
      const director = await as(n.directorC.id);
      const before = await count();
      const cases: [Record<string, string | string[]>, string, RegExp][] = [
        [{ slug: 'manage' }, 'slug', /reserved/],
        [{ slug: 'Bad Slug!' }, 'slug', /lower-case/],
        [{ timezone: 'Mars/Olympus_Mons' }, 'timezone', /time zone/],
        [{ end_date: '2027-03-09' }, 'end_date', /after the start/],
        [{ end_time: '08:00' }, 'end_date', /after the start/],
        [{ venue_name: '' }, 'venue_name', /venue/],
        [{ start_time: '' }, 'start_time', /Enter a time/],
        [{ start_date: '2027-02-30' }, 'start_date', /./],
        [{ tags: ['principle:99'] }, 'tags', /./],
        [{ organiser_id: String(otherCenter.id) }, 'organiser_id', /cannot organise/],
        [{ organiser_id: '99999999999' }, 'organiser_id', /./],
        [{ proposals_open_at: '2027-01-01T09:00' }, 'proposals_close_at', /both/],
      ];
      for (const [override, field, message] of cases) {
        const res = await director.submit('/events/new', validForm(n.center.id, override));
        assert.equal(res.statusCode, 400, `${field} ${JSON.stringify(override)}`);
        assert.match(res.body, new RegExp(`id="field-${field}-error"|href="#field-${field}"`), field);
        assert.match(textOf(res.body), message, field);
        assert.match(res.body, /value="Critical friends workshop"/, 'the typed title is kept');
      }
      assert.equal(await count(), before, 'nothing saved');
      // A director is offered their own center only.
      const form = await director.get('/events/new');
      assert.match(form.body, new RegExp(`<option value="${n.center.id}"`));
      assert.ok(!form.body.includes(`<option value="${otherCenter.id}"`) && !form.body.includes(`<option value="${n.office.id}"`));
    });

    let created: CoalitionEvent;
    it('creates a draft with a fixed UID, local times converted in the event\'s zone, tags, and an audit entry', async () => {
      const director = await as(n.directorC.id);
      const res = await director.submit('/events/new', validForm(n.center.id));
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/events/critical-friends-workshop/edit');
      created = await t.db.selectFrom('events').selectAll().where('slug', '=', 'critical-friends-workshop').executeTakeFirstOrThrow();
      assert.equal(created.status, 'draft');
      assert.equal(created.sequence, 0);
      assert.match(created.uid, /@coalition-hub$/);
      assert.equal(created.starts_at, '2027-03-10T17:00:00.000Z', '9:00 in Los Angeles (PST) is 17:00 UTC');
      assert.equal(created.ends_at, '2027-03-10T23:30:00.000Z');
      assert.equal(created.contact_email, 'workshops@example.org');
      const tags = await t.db.selectFrom('event_tags').select('tag').where('event_id', '=', created.id).orderBy('tag').execute();
      assert.deepEqual(tags.map((r) => r.tag), ['benchmark:professional-collaboration', 'grades:high']);
      const audit = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'event.created').where('subject_id', '=', created.id).execute();
      assert.equal(audit.length, 1);
      assert.ok(!(await t.client().get('/events')).body.includes(created.slug), 'a draft is not public');
      // The same address again is refused.
      const again = await director.submit('/events/new', validForm(n.center.id, { slug: 'critical-friends-workshop' }));
      assert.equal(again.statusCode, 400);
      assert.match(textOf(again.body), /already has this address/);
    });

    it('refuses edits, publishing and cancelling by anyone who does not organise the event, changing nothing', async () => {
      const published = await createEvent(t.db, n.center.id, { title: 'Published center workshop' });
      for (const [who, id] of [['other director', otherDirector.id], ['coach', n.coachC.id], ['school leader', n.leaderA.id]] as const) {
        const c = await as(id);
        // A draft does not exist for them; a published event is forbidden.
        assert.equal((await c.get(`/events/${created.slug}/edit`)).statusCode, 404, `${who} draft`);
        assert.equal((await c.get(`/events/${published.slug}/edit`)).statusCode, 403, `${who} published`);
        const token = await c.csrfFrom('/events/calendar');
        assert.equal((await c.post(`/events/${published.slug}/edit`, { ...validForm(n.center.id, { title: 'Hijacked' }), _csrf: token })).statusCode, 403, who);
        assert.equal((await c.post(`/events/${created.slug}/publish`, { _csrf: token })).statusCode, 404, who);
        assert.equal((await c.post(`/events/${published.slug}/cancel`, { confirm: 'on', _csrf: token })).statusCode, 403, who);
      }
      assert.equal((await t.client().get(`/events/${published.slug}/edit`)).statusCode, 302, 'visitor → sign in');
      const row = await reload(published.id);
      assert.equal(row.title, 'Published center workshop');
      assert.equal(row.status, 'published');
      assert.equal(row.sequence, published.sequence);
      assert.equal((await reload(created.id)).status, 'draft');
      // Positive control: an admin may edit any event.
      assert.equal((await (await as(n.admin.id)).get(`/events/${published.slug}/edit`)).statusCode, 200);
    });

    it('raises SEQUENCE and the stamp on every saved change (not on a save that changes nothing)', async () => {
      const director = await as(n.directorC.id);
      const edit = `/events/${created.slug}/edit`;
      const page = await director.get(edit);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /value="09:00"/, 'local times shown back in the event\'s zone');
      assert.match(page.body, /value="benchmark:professional-collaboration" checked/);
      let seq = (await reload(created.id)).sequence;
      let stamp = (await reload(created.id)).updated_at;
      const save = async (override: Record<string, string | string[]>) => {
        const res = await director.submit(edit, validForm(n.center.id, override));
        assert.equal(res.statusCode, 303, textOf(res.body).slice(0, 200));
      };
      // Each step changes one thing and keeps the earlier ones.
      const steps: Record<string, string | string[]>[] = [
        { title: 'Critical friends, day one' },
        { title: 'Critical friends workshop', start_time: '10:00' },
        { title: 'Critical friends workshop', start_time: '10:00', tags: ['grades:high'] },
        { title: 'Critical friends workshop', start_time: '10:00', tags: ['grades:high'], online: 'on', venue_name: '', online_url: 'https://meet.example.org/cf' },
      ];
      for (const override of steps) {
        await new Promise((r) => setTimeout(r, 5));
        await save({ slug: created.slug, ...override });
        const row = await reload(created.id);
        assert.equal(row.sequence, seq + 1, JSON.stringify(override));
        assert.ok(row.updated_at > stamp);
        assert.equal(row.uid, created.uid, 'the UID never changes');
        seq = row.sequence;
        stamp = row.updated_at;
      }
      await save({ slug: created.slug, ...steps.at(-1)! });
      const audit = await t.db.selectFrom('audit_events').select('changes').where('subject_id', '=', created.id).orderBy('id', 'desc').executeTakeFirst();
      assert.equal((await reload(created.id)).sequence, seq, `nothing changed, nothing raised (${audit?.changes})`);
      const audits = await t.db.selectFrom('audit_events').select('action').where('subject_type', '=', 'event').where('subject_id', '=', created.id).execute();
      assert.equal(audits.filter((a) => a.action === 'event.updated').length, 4);
    });

    it('saves all-day events as dates, with times at local midnight', async () => {
      const admin = await as(n.admin.id);
      const res = await admin.submit('/events/new', validForm(n.office.id, { title: 'Fall Forum 2027', kind: 'forum', all_day: 'on', start_time: '', end_time: '', start_date: '2027-10-14', end_date: '2027-10-16', timezone: 'America/Chicago', venue_name: 'Palmer House' }));
      assert.equal(res.statusCode, 303);
      const row = await t.db.selectFrom('events').selectAll().where('slug', '=', 'fall-forum-2027').executeTakeFirstOrThrow();
      assert.equal(Boolean(row.all_day), true);
      assert.deepEqual([row.start_date, row.end_date], ['2027-10-14', '2027-10-16']);
      assert.equal(row.starts_at, '2027-10-14T05:00:00.000Z');
      assert.equal(row.ends_at, '2027-10-17T05:00:00.000Z', 'the day after the last, at local midnight');
      assert.equal(row.organiser_id, n.office.id);
    });

    it('publishes a draft and cancels a published event after confirmation, raising SEQUENCE each time', async () => {
      const director = await as(n.directorC.id);
      const base = `/events/${created.slug}`;
      const seq0 = (await reload(created.id)).sequence;
      const pub = await director.submit(`${base}/edit`, {}, `${base}/publish`);
      assert.equal(pub.statusCode, 303);
      let row = await reload(created.id);
      assert.equal(row.status, 'published');
      assert.ok(row.published_at);
      assert.equal(row.sequence, seq0 + 1);
      // Signed in, so never the 30-second copy visitors share.
      assert.match((await (await as(n.leaderA.id)).get('/events')).body, new RegExp(`/events/${created.slug}"`));
      assert.equal((await director.submit(`${base}/edit`, {}, `${base}/publish`)).statusCode, 409, 'only a draft can be published');

      const confirm = await director.get(`${base}/cancel`);
      assert.equal(confirm.statusCode, 200);
      const unconfirmed = await director.submit(`${base}/cancel`, {});
      assert.equal(unconfirmed.statusCode, 400);
      assert.equal((await reload(created.id)).status, 'published', 'not without the confirmation');
      const done = await director.submit(`${base}/cancel`, { confirm: 'on' });
      assert.equal(done.statusCode, 303);
      row = await reload(created.id);
      assert.equal(row.status, 'cancelled');
      assert.ok(row.cancelled_at);
      assert.equal(row.sequence, seq0 + 2);
      assert.match(textOf((await t.client().get(base)).body), /This event is cancelled/);
      const actions = (await t.db.selectFrom('audit_events').select('action').where('subject_type', '=', 'event').where('subject_id', '=', created.id).execute()).map((a) => a.action);
      assert.ok(actions.includes('event.published') && actions.includes('event.cancelled'));
    });

    it('refuses an order on an event cancelled after it was read; two publishes or cancels at once: one wins, the cascade runs once', async () => {
      const event = await createEvent(t.db, n.center.id, { title: `Race ${dialect}` });
      const type = await createTicketType(t.db, event.id, { capacity: 10, price_cents: 10_000 });
      const { order } = await placeOrder(t.db, testActor, { event, buyer: buyerOf(n.staffA), input: orderInput([[type.id, 1]]), cardAvailable: false });
      const cancels = await Promise.allSettled([cancelEvent(t.db, testActor, event), cancelEvent(t.db, testActor, event)]);
      assert.deepEqual(cancels.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
      const audits = await t.db.selectFrom('audit_events').select('action').where('subject_type', '=', 'event_order').where('subject_id', '=', order.id).where('action', '=', 'event_order.cancelled').execute();
      assert.equal(audits.length, 1, 'the order was cancelled (and emailed) once');
      // `event` is the stale copy read before the cancel: the order's transaction re-reads it.
      const late = await placeOrder(t.db, testActor, { event, buyer: buyerOf(n.staffB), input: orderInput([[type.id, 1]]), cardAvailable: false }).catch((e: unknown) => e);
      assert.ok(late instanceof AppError && late.status === 409 && late.messageKey === 'registration:errors.closed');
      assert.equal((await t.db.selectFrom('event_orders').select('id').where('event_id', '=', event.id).execute()).length, 1, 'no order written');
      assert.equal((await t.db.selectFrom('capacity_pools').select('sold').where('id', '=', type.pool_id).executeTakeFirstOrThrow()).sold, 0, 'no seat claimed');
      assert.equal((await t.db.selectFrom('invoices').select('id').where('bill_to_name', '=', n.staffB.name).execute()).length, 0, 'no invoice');

      const draft = await createEvent(t.db, n.center.id, { title: `Race draft ${dialect}`, status: 'draft', published_at: null });
      const publishes = await Promise.allSettled([publishEvent(t.db, testActor, draft), publishEvent(t.db, testActor, draft)]);
      assert.deepEqual(publishes.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
      const refused = publishes.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.ok(refused.reason instanceof AppError && refused.reason.status === 409);
      assert.equal((await reload(draft.id)).sequence, draft.sequence + 1, 'published once');
    });
  });
}
