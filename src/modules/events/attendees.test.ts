import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { CoalitionEvent, TicketType } from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createOrderWithTickets } from '../../../test/factories/event-orders.ts';
import { createEvent, createTicketType } from '../../../test/factories/events.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { createPeopleNetwork, insertApiToken, type PeopleNetwork } from '../../../test/factories/people-network.ts';

for (const dialect of testDialects()) {
  describe(`attendee list, CSV, badges and API (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let event: CoalitionEvent;
    let member: TicketType;
    let student: TicketType;
    let otherDirectorId: number;
    const as = async (personId: number): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, personId);
      return c;
    };
    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      otherDirectorId = (await createPerson(t.db, { roles: [['center_director', (await createOrganisation(t.db, { kind: 'affiliate_center' })).id]] })).id;
      event = await createEvent(t.db, n.center.id, { title: `Bay Area Workshop ${dialect}` });
      member = await createTicketType(t.db, event.id, { capacity: 20, name: 'Member', position: 1 });
      student = await createTicketType(t.db, event.id, { capacity: 20, name: 'Student', position: 2 });
      await createOrderWithTickets(t.db, event, member, { quantity: 2, organisationId: n.schoolA.id, attendees: [{ name: 'Lena Leader', email: 'lena@example.org' }, { name: '=HYPERLINK("http://evil.example","click")', email: 'evil@example.org' }] });
      const { tickets } = await createOrderWithTickets(t.db, event, student, { attendees: [{ name: 'Stu Dent', email: 'stu@example.org' }] });
      await t.db.updateTable('tickets').set({ checked_in_at: new Date().toISOString(), checked_in_by: n.coachC.id }).where('id', '=', tickets[0]!.id).execute();
      const { order } = await createOrderWithTickets(t.db, event, member, { attendees: [{ name: 'Gone Person', email: 'gone@example.org' }] });
      await t.db.updateTable('tickets').set({ status: 'cancelled' }).where('order_id', '=', order.id).execute();
    });
    after(() => t.close());

    const base = () => `/events/${event.slug}`;

    it('keeps the attendee pages, CSV and badges from anyone but the organiser and its staff', async () => {
      for (const path of ['/attendees', '/attendees.csv', '/badges', '/check-in']) {
        for (const id of [n.leaderA.id, otherDirectorId, n.staffB.id]) assert.equal((await (await as(id)).get(base() + path)).statusCode, 404, `${path} as ${id}`);
        const visitor = await t.client().get(base() + path);
        assert.equal(visitor.statusCode, 303, path);
        assert.match(String(visitor.headers.location), /^\/login/);
        for (const id of [n.directorC.id, n.coachC.id, n.admin.id]) assert.equal((await (await as(id)).get(base() + path)).statusCode, 200, `${path} as ${id}`);
      }
    });

    it('lists active tickets with type, order, organisation and check-in state; counts; search and filters', async () => {
      const c = await as(n.coachC.id);
      const page = textOf((await c.get(`${base()}/attendees`)).body);
      assert.match(page, /3 tickets, 1 checked in/);
      assert.match(page, /Lena Leader/);
      assert.match(page, new RegExp(n.schoolA.name));
      assert.doesNotMatch(page, /Gone Person/, 'cancelled tickets are not attendees');
      assert.match(page, /Member 2 0 Student 1 1/, 'counts by ticket type');
      const searched = textOf((await c.get(`${base()}/attendees?q=lena`)).body);
      assert.match(searched, /Lena Leader/);
      assert.doesNotMatch(searched, /Stu Dent/);
      const inOnly = textOf((await c.get(`${base()}/attendees?state=in`)).body);
      assert.match(inOnly, /Stu Dent/);
      assert.doesNotMatch(inOnly, /Lena Leader/);
      const students = textOf((await c.get(`${base()}/attendees?type=${student.id}&state=out`)).body);
      assert.match(students, /No attendees match/);
      assert.equal((await c.get(`${base()}/attendees?type=abc&state=zzz&page=-4`)).statusCode, 200, 'nonsense filters are ignored');
    });

    it('exports CSV with formula cells neutralised (checked by parsing it)', async () => {
      const res = await (await as(n.directorC.id)).get(`${base()}/attendees.csv`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/csv/);
      assert.match(String(res.headers['content-disposition']), /attachment; filename=".*attendees\.csv"/);
      const rows: string[][] = parse(res.body, { bom: true });
      assert.deepEqual(rows[0]!.slice(0, 5), ['Name', 'Email', 'Ticket type', 'Order reference', 'Organization']);
      const evil = rows.find((r) => r[1] === 'evil@example.org')!;
      assert.equal(evil[0], `'=HYPERLINK("http://evil.example","click")`, 'a leading apostrophe makes it text');
      assert.ok(!rows.slice(1).some((r) => r.some((cell) => /^[=+\-@]/.test(cell))), 'no cell starts a formula');
      assert.equal(rows.length, 4, 'header and the three attending tickets');
    });

    it('prints badges with name, organisation, ticket type and a QR code of the check-in address', async () => {
      const res = await (await as(n.directorC.id)).get(`${base()}/badges?type=${member.id}`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /href="\/assets\/event-badges.css"/);
      const badges = res.body.match(/class="event-badge"/g) ?? [];
      assert.equal(badges.length, 2);
      assert.match(res.body, /<img class="event-badge__qr" src="data:image\/svg\+xml;base64,/);
      assert.match(textOf(res.body), new RegExp(`Lena Leader ${n.schoolA.name} Member`));
      assert.equal((await t.client().get('/assets/event-badges.css')).statusCode, 200);
    });

    it('serves the paginated attendee list over the API to staff tokens only', async () => {
      const staff = await insertApiToken(t.db, 'center_coach', n.center.id);
      const outsider = await insertApiToken(t.db, 'school_leader', n.schoolA.id);
      const url = `/api/v1/events/${event.slug}/attendees?q=example.org`;
      const ok = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${staff}` } });
      assert.equal(ok.statusCode, 200, ok.body);
      const body = ok.json();
      assert.equal(body.total, 3);
      assert.equal(body.counts.sold, 3);
      assert.ok(body.data.some((a: { name: string; organisation: string | null }) => a.name === 'Lena Leader' && a.organisation === n.schoolA.name));
      assert.equal((await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${outsider}` } })).statusCode, 404);
      assert.equal((await t.app.inject({ method: 'GET', url })).statusCode, 401);
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      assert.ok(doc.paths['/api/v1/events/{slug}/attendees']?.get, 'documented in OpenAPI');
      assert.ok(doc.paths['/api/v1/events/{slug}/check-ins']?.post);
    });
  });
}
