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

    // The review step: the form's button (step=review) shows the price and writes nothing; the
    // summary's "Place order" posts the same values and places; its "Edit" goes back to the form.
    // After 'lists my registrations', which counts staff A's orders.
    const written = async () => ({
      orders: (await orders()).length,
      tickets: (await t.db.selectFrom('tickets').select('id').where('event_id', '=', event.id).execute()).length,
      invoices: (await t.db.selectFrom('invoices').select('id').execute()).length,
      pools: await t.db.selectFrom('capacity_pools').select(['id', 'sold']).where('event_id', '=', event.id).orderBy('id').execute(),
      promos: await t.db.selectFrom('promo_codes').select(['id', 'used']).where('event_id', '=', event.id).orderBy('id').execute(),
      waitlist: (await t.db.selectFrom('waitlist_entries').select('id').execute()).length,
    });

    it('reviews before placing: member price and promo discount shown, nothing written; placing from the summary makes one order', async () => {
      const at = new Date().toISOString();
      await t.db.insertInto('promo_codes').values({ event_id: event.id, code: 'FORUM10', percent_off: 10, amount_off_cents: null, max_uses: 5, used: 0, ticket_type_id: null, valid_from: null, valid_until: null, created_at: at }).execute();
      const c = await as(n.staffA.id);
      const before = await written();
      const fields = { [`qty_${standard.id}`]: '1', promo_code: 'forum10', payment_method: 'invoice', po_number: 'PO-9', step: 'review' };
      const review = await c.submit(url(), fields);
      assert.equal(review.statusCode, 200, textOf(review.body));
      const text = textOf(review.body);
      assert.match(text, /Review your order/);
      assert.match(text, /Standard 1 \$350\.00 −\$70\.00 20% off: Fall Forum discount \(School membership\) −\$28\.00 Promo code FORUM10 \$252\.00/, 'the line: list price, member discount with its plan, promo, total');
      assert.match(text, /Total to pay \$252\.00/);
      assert.match(text, new RegExp(`${n.staffA.name} ${n.staffA.email}`), 'one seat: for the buyer');
      assert.match(text, /Invoice or purchase order .*Purchase-order number: PO-9/);
      assert.match(text, /Full refund until a week before\. Full refund if you cancel by .* \(7 days before the event starts\)/);
      assert.doesNotMatch(text, /shown on the confirmation/);
      assert.deepEqual(await written(), before, 'the review wrote nothing');

      const carried = hiddenFields(review.body, url());
      assert.equal(carried.step, undefined, 'the summary places unless "Edit" is pressed');
      assert.match(String(carried.submission_key), /^[A-Za-z0-9_-]{16,64}$/);
      assert.deepEqual([carried[`qty_${standard.id}`], carried.promo_code, carried.po_number], ['1', 'forum10', 'PO-9']);

      // "Edit" goes back to the form with everything kept.
      const edit = await c.submit(url(), { ...carried, step: 'edit' });
      assert.equal(edit.statusCode, 200);
      assert.match(edit.body, new RegExp(`name="qty_${standard.id}"[^>]*value="1"`));
      assert.match(edit.body, /name="promo_code"[^>]*value="forum10"/);
      assert.match(edit.body, new RegExp(`name="submission_key" value="${carried.submission_key}"`), 'the same one-time key');
      assert.deepEqual(await written(), before);

      const placed = await c.submit(url(), carried);
      assert.equal(placed.statusCode, 303, textOf(placed.body));
      const again = await c.submit(url(), carried);
      assert.equal(again.headers.location, placed.headers.location, 'a double submit of the summary finds the first order');
      const mine = await t.db.selectFrom('event_orders').selectAll().where('submission_key', '=', String(carried.submission_key)).execute();
      assert.equal(mine.length, 1);
      assert.deepEqual([mine[0]!.total_cents, mine[0]!.discount_cents, mine[0]!.status], [25_200, 9_800, 'confirmed'], 'the total the summary showed');
      const after = await written();
      assert.deepEqual([after.orders, after.tickets, after.invoices], [before.orders + 1, before.tickets + 1, before.invoices + 1]);
      assert.equal(after.promos.at(-1)!.used, 1);
      // Reviewing the same form again (back button) leads to the order, not to a second one.
      const back = await c.submit(url(), { ...carried, step: 'review' });
      assert.equal(back.headers.location, placed.headers.location);
      assert.deepEqual(await written(), after);
      // Negative control: someone else's key is refused on review as on placing.
      const other = await (await as(n.staffB.id)).submit(url(), { ...carried, step: 'review' });
      assert.equal(other.statusCode, 409);
    });

    it('refuses on review what placing would refuse, with the form and its messages, writing nothing', async () => {
      const c = await as(n.staffA.id);
      const before = await written();
      const cases: [Record<string, string>, number, RegExp][] = [
        [{ [`qty_${standard.id}`]: '-1' }, 400, /can't be negative/],
        [{ [`qty_${standard.id}`]: '1', promo_code: 'NOPE' }, 400, /don't know this promo code/],
        [{ [`qty_${later.id}`]: '1' }, 400, /not on sale yet/],
        [{ [`qty_${presenter.id}`]: '1' }, 400, /for presenters/],
        [{ [`qty_${standard.id}`]: '2', [`qty_${workshop.id}`]: '2', attendees: attendeeLines(2) }, 409, /Only 1 seat left/],
      ];
      for (const [fields, status, message] of cases) {
        const res = await c.submit(url(), { ...fields, step: 'review' });
        assert.equal(res.statusCode, status, JSON.stringify(fields));
        assert.match(textOf(res.body), message);
        assert.match(res.body, /value="review"/, 'the form again, not the summary');
        for (const [k, v] of Object.entries(fields)) if (k.startsWith('qty_') && k !== `qty_${later.id}`) assert.match(res.body, new RegExp(`name="${k}"[^>]*value="${v}"`), 'typed values kept');
      }
      assert.deepEqual(await written(), before);
    });

    it('seats gone between the review and placing: the sold-out message on the form, values kept, nothing written', async () => {
      const c = await as(n.staffA.id);
      const review = await c.submit(url(), { [`qty_${standard.id}`]: '1', [`qty_${workshop.id}`]: '1', payment_method: 'invoice', step: 'review' });
      assert.equal(review.statusCode, 200, textOf(review.body));
      const carried = hiddenFields(review.body, url());
      const pool = await t.db.selectFrom('capacity_pools').selectAll().where('id', '=', workshop.pool_id).executeTakeFirstOrThrow();
      await t.db.updateTable('capacity_pools').set({ sold: pool.capacity }).where('id', '=', pool.id).execute();
      try {
        const before = await written();
        const res = await c.submit(url(), carried);
        assert.equal(res.statusCode, 409);
        assert.match(textOf(res.body), /Sold out\. Join the waitlist/);
        assert.match(res.body, new RegExp(`name="qty_${workshop.id}"[^>]*value="1"`));
        assert.deepEqual(await written(), before);
      } finally {
        await t.db.updateTable('capacity_pools').set({ sold: pool.sold }).where('id', '=', pool.id).execute();
      }
    });

    it('a waitlist offer: the review counts the seats it holds, only for its own person; placing claims nothing twice', async () => {
      const small = await createTicketType(t.db, event.id, { name: 'Film night', price_cents: 1_000, member_discount: false, capacity: 1, position: 7 });
      await t.db.updateTable('capacity_pools').set({ sold: 1 }).where('id', '=', small.pool_id).execute();
      const at = new Date().toISOString();
      const token = 'offer-token-for-the-review-test-01';
      await t.db
        .insertInto('waitlist_entries')
        .values({ event_id: event.id, ticket_type_id: small.id, person_id: n.staffB.id, name: n.staffB.name, email: n.staffB.email, quantity: 1, status: 'offered', offer_token: token, offered_at: at, offer_expires_at: new Date(Date.now() + 3_600_000).toISOString(), claimed_order_id: null, created_at: at, updated_at: at })
        .execute();
      const fields = { [`qty_${small.id}`]: '1', payment_method: 'invoice', step: 'review' };
      const b = await as(n.staffB.id);
      const before = await written();
      const review = await b.submit(url(), { ...fields, offer: token });
      assert.equal(review.statusCode, 200, textOf(review.body));
      assert.match(textOf(review.body), /Film night 1 \$10\.00/);
      // Negative controls: without the offer the held seat is not theirs; someone else's offer is refused.
      const without = await b.submit(url(), fields);
      assert.equal(without.statusCode, 409);
      assert.match(textOf(without.body), /Sold out/);
      const stranger = await (await as(n.staffA.id)).submit(url(), { ...fields, offer: token });
      assert.equal(stranger.statusCode, 409);
      assert.match(textOf(stranger.body), /offer is not yours/);
      assert.deepEqual(await written(), before, 'reviews wrote nothing');
      const placed = await b.submit(url(), hiddenFields(review.body, url()));
      assert.equal(placed.statusCode, 303, textOf(placed.body));
      const pool = await t.db.selectFrom('capacity_pools').select('sold').where('id', '=', small.pool_id).executeTakeFirstOrThrow();
      assert.equal(pool.sold, 1, 'the held seat became the ticket');
      const entry = await t.db.selectFrom('waitlist_entries').selectAll().where('offer_token', '=', token).executeTakeFirstOrThrow();
      assert.equal(entry.status, 'claimed');
    });
  });
}

/** The hidden fields of the page's form that posts to `action`, as a browser would send them. */
function hiddenFields(html: string, action: string): Record<string, string | string[]> {
  const form = new RegExp(`<form[^>]*action="${action}"[^>]*>([\\s\\S]*?)</form>`).exec(html)?.[1];
  assert.ok(form, `a form posting to ${action}`);
  const out: Record<string, string | string[]> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    const [name, raw] = [m[1]!, m[2]!];
    if (name === '_csrf') continue;
    const value = raw.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&');
    const had = out[name];
    out[name] = had === undefined ? value : [had, value].flat();
  }
  return out;
}

function attendeeLines(count: number): string {
  return Array.from({ length: count }, (_, i) => `Person ${i}, person${i}@example.org`).join('\n');
}

function fakePrincipal(personId: number) {
  return { kind: 'person' as const, personId, name: 'x', email: null, locale: null, emailVerified: true, roles: [], auditLabel: 'x' };
}
