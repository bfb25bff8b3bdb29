import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import jsqrModule from 'jsqr';
import ical from 'node-ical';
import { PNG } from 'pngjs';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { drainJobs } from '../../../test/helpers/jobs.ts';
import { recipients } from '../../../test/helpers/smtp.ts';
import { createEvent, createTicketType } from '../../../test/factories/events.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { signIn } from '../../../test/factories/people.ts';
import type { CoalitionEvent, TicketType } from '../../db/schema.ts';
import { registrationPanelFor } from './registration-panel.ts';
import { makeMember, seatCounts } from './registration-test-support.ts';
import { checkInUrl } from './ticket-qr.ts';

// jsqr is CommonJS with an ES-style default export: depending on the loader it arrives as the function or as { default }.
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR: Decode = ((jsqrModule as unknown as { default?: Decode }).default ?? jsqrModule) as unknown as Decode;

for (const dialect of testDialects()) {
  describe(`registration pages (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let event: CoalitionEvent;
    let standard: TicketType;
    let student: TicketType;
    let membersOnly: TicketType;
    let presenter: TicketType;
    let workshop: TicketType;
    let later: TicketType;
    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      await makeMember(t.db, n.schoolA);
      event = await createEvent(t.db, n.center.id, { title: `Fall Forum ${dialect}` });
      standard = await createTicketType(t.db, event.id, { name: 'Standard', price_cents: 35_000, capacity: 40, max_per_order: 5 });
      student = await createTicketType(t.db, event.id, { name: 'Student', price_cents: 10_000, member_discount: false, audience: 'students', pool_id: standard.pool_id, position: 2 });
      membersOnly = await createTicketType(t.db, event.id, { name: 'Member day', price_cents: 20_000, audience: 'members', pool_id: standard.pool_id, position: 3 });
      presenter = await createTicketType(t.db, event.id, { name: 'Presenter', price_cents: 0, audience: 'presenters', pool_id: standard.pool_id, position: 4 });
      workshop = await createTicketType(t.db, event.id, { name: 'Pre-forum workshop', price_cents: 5_000, is_add_on: true, capacity: 2, member_discount: false, position: 5 });
      later = await createTicketType(t.db, event.id, { name: 'Late', sales_start_at: new Date(Date.now() + 86_400_000).toISOString(), pool_id: standard.pool_id, position: 6 });
    });
    after(() => t?.close());

    const as = async (personId: number): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, personId);
      return c;
    };
    const register = `/events/${'{slug}'}/register`;
    const url = () => register.replace('{slug}', event.slug);
    const orders = () => t.db.selectFrom('event_orders').selectAll().where('event_id', '=', event.id).orderBy('id').execute();

    it('sends a signed-out visitor to sign in and back', async () => {
      const res = await t.client().get(url());
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/login?next=${encodeURIComponent(url())}`);
    });

    it('shows the member price from the school membership (never a typed number), and only then', async () => {
      const staff = await registrationPanelFor(t.db, event, { ...fakePrincipal(n.staffA.id) });
      assert.equal(staff.member?.percent, 20);
      assert.equal(staff.types.find((x) => x.id === standard.id)?.memberPriceCents, 28_000);
      assert.equal(staff.types.find((x) => x.id === student.id)?.memberPriceCents, null, 'no member discount on this type');
      const outsider = await registrationPanelFor(t.db, event, fakePrincipal(n.staffB.id));
      assert.equal(outsider.member, null);
      assert.equal(outsider.types.find((x) => x.id === standard.id)?.memberPriceCents, null);
      assert.equal(outsider.types.find((x) => x.id === later.id)?.sale, 'not_yet');
      const page = await (await as(n.staffA.id)).get(url());
      assert.equal(page.statusCode, 200);
      assert.match(textOf(page.body), /Standard · \$280\.00/);
      assert.doesNotMatch(page.body, /membership_number|member number/i);
    });

    it('registers by invoice: confirmed at once, invoice for the event, QR code and .ics by email', async () => {
      const c = await as(n.staffA.id);
      const res = await c.submit(url(), { [`qty_${standard.id}`]: '1', [`qty_${workshop.id}`]: '1', payment_method: 'invoice', po_number: 'PO-77' });
      assert.equal(res.statusCode, 303, textOf(res.body));
      const [order] = await orders();
      assert.ok(order);
      assert.equal(res.headers.location, `/events/${event.slug}/orders/${order.reference}`);
      assert.deepEqual([order.status, order.payment_method, order.total_cents, order.subtotal_cents], ['confirmed', 'invoice', 28_000 + 5_000, 40_000]);
      const tickets = await t.db.selectFrom('tickets').selectAll().where('order_id', '=', order.id).orderBy('id').execute();
      assert.equal(tickets.length, 2);
      assert.equal(tickets[1]!.parent_ticket_id, tickets[0]!.id, 'the add-on attaches to the main ticket');
      assert.equal(tickets[0]!.attendee_email, n.staffA.email, 'one seat defaults to the buyer');
      const invoice = await t.db.selectFrom('invoices').selectAll().where('id', '=', order.invoice_id!).executeTakeFirstOrThrow();
      assert.deepEqual([invoice.purpose, invoice.purpose_id, invoice.total_cents, invoice.person_id], ['event', order.id, 33_000, n.staffA.id]);
      assert.match(invoice.notes ?? '', /PO-77/);
      assert.deepEqual(await seatCounts(t.db, event.id), { sold: 2, capacity: 42, tickets: 2 });

      const page = await c.get(res.headers.location as string);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<img src="data:image\/svg\+xml;base64,/);
      assert.match(page.body, new RegExp(`/invoices/${invoice.number}`));
      assert.match(page.body, new RegExp(`/events/${event.slug}\\.ics`));

      await drainJobs(t);
      const mail = t.smtp.messages.find((m) => recipients(m).includes(n.staffA.email) && /Your registration/.test(m.subject ?? ''));
      assert.ok(mail, 'confirmation sent');
      const pngs = mail.attachments.filter((a) => a.contentType === 'image/png');
      assert.equal(pngs.length, 2);
      const decoded = pngs.map((a) => {
        const png = PNG.sync.read(a.content);
        return jsQR(Uint8ClampedArray.from(png.data), png.width, png.height)?.data;
      });
      assert.deepEqual(decoded.sort(), tickets.map((x) => checkInUrl(event.slug, x.code)).sort(), 'each QR code carries its ticket\'s check-in address');
      const ics = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
      assert.ok(ics, 'the .ics is attached');
      {
        const type = ics.headers.get('content-type') as { value: string; params: Record<string, string> };
        assert.equal(type.params.method?.toUpperCase(), 'PUBLISH');
        const parsed = Object.values(ical.sync.parseICS(ics.content.toString('utf8'))).filter((v) => v?.type === 'VEVENT');
        assert.equal(parsed.length, 1, 'one event in the .ics');
      }
    });

    it('refuses bad input with a message beside the field, saving nothing', async () => {
      const c = await as(n.staffA.id);
      const before = { orders: (await orders()).length, counts: await seatCounts(t.db, event.id) };
      const cases: [Record<string, string>, RegExp][] = [
        [{ [`qty_${standard.id}`]: '-2' }, /can't be negative/],
        [{ [`qty_${standard.id}`]: '1.5' }, /whole number/],
        [{ [`qty_${standard.id}`]: '99999999' }, /far more/],
        [{ [`qty_${standard.id}`]: '0' }, /at least one ticket/],
        [{ [`qty_${standard.id}`]: '6', attendees: attendeeLines(6) }, /More than this ticket allows/],
        [{ [`qty_${workshop.id}`]: '1' }, /needs a main ticket/],
        [{ [`qty_${standard.id}`]: '1', promo_code: 'NOPE' }, /don't know this promo code/],
        [{ [`qty_${presenter.id}`]: '1' }, /for presenters/],
        [{ [`qty_${later.id}`]: '1' }, /not on sale yet/],
        [{ [`qty_${standard.id}`]: '2' }, /one attendee per seat/],
        [{ [`qty_${standard.id}`]: '1', attendees: 'just a name' }, /own line/],
        [{ [`qty_${standard.id}`]: '1', payment_method: 'card' }, /Card payments are not available/],
      ];
      for (const [fields, message] of cases) {
        const res = await c.submit(url(), fields);
        assert.equal(res.statusCode, 400, `${JSON.stringify(fields)} → ${res.statusCode}`);
        assert.match(textOf(res.body), message, JSON.stringify(fields));
        for (const [k, v] of Object.entries(fields)) if (k.startsWith('qty_') && k !== `qty_${later.id}`) assert.match(res.body, new RegExp(`name="${k}"[^>]*value="${String(v).replace('.', '\\.')}"`), 'typed values kept');
      }
      const outsider = await as(n.staffB.id);
      const res = await outsider.submit(url(), { [`qty_${membersOnly.id}`]: '1' });
      assert.equal(res.statusCode, 400);
      assert.match(textOf(res.body), /for members/);
      assert.deepEqual({ orders: (await orders()).length, counts: await seatCounts(t.db, event.id) }, before, 'nothing saved');
    });

    it('a double submit returns the first order', async () => {
      const c = await as(n.staffB.id);
      const key = randomUUID();
      const fields = { [`qty_${student.id}`]: '1', submission_key: key, payment_method: 'invoice' };
      const first = await c.submit(url(), fields);
      const second = await c.submit(url(), fields);
      assert.equal(first.statusCode, 303);
      assert.equal(second.headers.location, first.headers.location);
      assert.equal((await t.db.selectFrom('event_orders').selectAll().where('submission_key', '=', key).execute()).length, 1);
      const other = await as(n.leaderB.id);
      const stolen = await other.submit(url(), fields);
      assert.equal(stolen.statusCode, 409, "someone else's key finds nothing of theirs");
    });

    it('group registration: a school leader registers staff in one order, billed to the school at its member price', async () => {
      const c = await as(n.leaderA.id);
      const form = await c.get(`${url()}?school=${n.schoolA.id}`);
      assert.equal(form.statusCode, 200);
      assert.match(textOf(form.body), new RegExp(n.staffA.name));
      const res = await c.submit(`${url()}?school=${n.schoolA.id}`, {
        organisation_id: String(n.schoolA.id),
        [`qty_${standard.id}`]: '3',
        staff_id: [String(n.staffA.id), String(n.leaderA.id)],
        attendees: 'Guest Teacher, guest.teacher@example.org',
        payment_method: 'invoice',
      }, url());
      assert.equal(res.statusCode, 303, textOf(res.body));
      const order = (await orders()).at(-1)!;
      assert.deepEqual([order.organisation_id, order.total_cents], [n.schoolA.id, 3 * 28_000]);
      const invoice = await t.db.selectFrom('invoices').selectAll().where('id', '=', order.invoice_id!).executeTakeFirstOrThrow();
      assert.deepEqual([invoice.organisation_id, invoice.bill_to_name], [n.schoolA.id, n.schoolA.name]);
      const tickets = await t.db.selectFrom('tickets').selectAll().where('order_id', '=', order.id).orderBy('id').execute();
      assert.deepEqual(tickets.map((x) => x.attendee_email).sort(), [n.staffA.email, n.leaderA.email, 'guest.teacher@example.org'].sort());
      // Negative controls: another school's staff cannot be picked; a school one does not work at cannot be billed.
      const bad = await c.submit(url(), { organisation_id: String(n.schoolA.id), [`qty_${standard.id}`]: '1', staff_id: String(n.staffB.id) });
      assert.equal(bad.statusCode, 400);
      assert.match(textOf(bad.body), /school's staff/);
      const other = await c.submit(url(), { organisation_id: String(n.schoolB.id), [`qty_${standard.id}`]: '1' });
      assert.equal(other.statusCode, 400);
      assert.match(textOf(other.body), /school's leaders/);
      // Staff of a school may not bill it: their own school is not offered, and posting it is refused with nothing written.
      const staff = await as(n.staffA.id);
      assert.doesNotMatch(textOf((await staff.get(url())).body), new RegExp(`Staff of ${n.schoolA.name}`));
      const invoicesBefore = (await t.db.selectFrom('invoices').select('id').execute()).length;
      const byStaff = await staff.submit(url(), { organisation_id: String(n.schoolA.id), [`qty_${standard.id}`]: '1', payment_method: 'invoice' });
      assert.equal(byStaff.statusCode, 400);
      assert.match(textOf(byStaff.body), /school's leaders/);
      assert.equal((await t.db.selectFrom('invoices').select('id').execute()).length, invoicesBefore, 'no invoice billed to the school');
    });

    it("someone else's order is not found; the buyer, attendees and organisers see it", async () => {
      const order = (await orders())[0]!;
      const path = `/events/${event.slug}/orders/${order.reference}`;
      for (const personId of [n.staffB.id, n.coachC.id, n.leaderB.id]) {
        const c = await as(personId);
        assert.equal((await c.get(path)).statusCode, 404, `person ${personId}`);
        assert.equal((await c.submit(`/events/${event.slug}/register`, {}, `${path}/cancel`)).statusCode, 404);
      }
      assert.equal((await orders())[0]!.status, 'confirmed', 'nothing changed');
      assert.equal((await (await as(n.staffA.id)).get(path)).statusCode, 200);
      const director = await (await as(n.directorC.id)).get(path);
      assert.equal(director.statusCode, 200);
      assert.match(textOf(director.body), /For organisers/);
      assert.equal((await t.client().get(path)).statusCode, 303, 'signed out: sign in first');
    });

    it('lists my registrations, upcoming first', async () => {
      const res = await (await as(n.staffA.id)).get('/events/mine');
      assert.equal(res.statusCode, 200);
      const text = textOf(res.body);
      assert.match(text, new RegExp(event.title));
      const eventPage = textOf((await (await as(n.staffA.id)).get(`/events/${event.slug}`)).body);
      assert.match(eventPage, /Your registrations/);
      assert.match(eventPage, /\$350\.00 \$280\.00 your member price/);
      assert.match(eventPage, /Register/);
      assert.equal((text.match(new RegExp(`Order ${event.slug.split('-').map((w) => w[0]).join('').toUpperCase().slice(0, 4)}-`, 'g')) ?? []).length, 2, 'their own order and the school order they attend');
    });
  });
}

function attendeeLines(count: number): string {
  return Array.from({ length: count }, (_, i) => `Person ${i}, person${i}@example.org`).join('\n');
}

function fakePrincipal(personId: number) {
  return { kind: 'person' as const, personId, name: 'x', email: null, locale: null, emailVerified: true, roles: [], auditLabel: 'x' };
}
