import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { PNG } from 'pngjs';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { drainJobs } from '../../../test/helpers/jobs.ts';
import { decodeQrPng } from '../../../test/helpers/qr.ts';
import { recipients } from '../../../test/helpers/smtp.ts';
import { createEvent, createTicketType } from '../../../test/factories/events.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { AppError } from '../../platform/errors.ts';
import { MAIL_SEND } from '../../platform/mail/mail-jobs.ts';
import { cancelOrder, transferTicket } from './order-changes.service.ts';
import { TICKET_EMAIL, type TicketEmailJob } from './registration-emails.ts';
import { attendees, buyerOf, orderInput, testActor } from './registration-test-support.ts';
import { placeOrder } from './registration.service.ts';
import { checkInUrl, qrPng } from './ticket-qr.ts';

// Ticket emails are queued as small jobs inside the order's transaction and drawn (QR codes, .ics)
// when the job runs; the job sends what is true when it runs.

describe('ticket QR codes as PNG', () => {
  it('is a 1-bit greyscale PNG at least 320 px wide that an independent decoder reads', () => {
    const url = 'http://localhost:3000/events/fall-forum/check-in/Zx_9-abcdefghijklmnopq';
    const png = qrPng(url);
    const image = PNG.sync.read(png);
    assert.ok(image.width >= 320 && image.width === image.height, `width ${image.width}`);
    assert.equal(png[24], 1, 'bit depth 1');
    assert.equal(png[25], 0, 'greyscale');
    assert.equal(decodeQrPng(png), url);
    // Negative control: the decoder does not read any PNG as this address.
    assert.notEqual(decodeQrPng(qrPng(`${url}X`)), url);
  });
});

for (const dialect of testDialects()) {
  describe(`ticket emails as jobs (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let seq = 0;
    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
    });
    after(() => t?.close());

    const setUp = async (capacity = 10) => {
      const event = await createEvent(t.db, n.center.id, { title: `Ticket emails ${dialect} ${++seq}` });
      const type = await createTicketType(t.db, event.id, { capacity, price_cents: 10_000, member_discount: false });
      return { event, type };
    };
    const buy = (event: Parameters<typeof placeOrder>[2]['event'], typeId: number, seats: number) =>
      placeOrder(t.db, testActor, { event, buyer: buyerOf(n.staffA), input: orderInput([[typeId, seats]], { ...(seats > 1 && { attendees: attendees(seats, `e${seq}`) }) }), cardAvailable: false });
    const ticketJobs = async (orderId: number) =>
      (await t.db.selectFrom('jobs').select(['payload', 'state']).where('kind', '=', TICKET_EMAIL).execute()).filter((j) => (JSON.parse(j.payload) as TicketEmailJob).orderId === orderId);
    const ticketsOf = (orderId: number) => t.db.selectFrom('tickets').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
    const mailsTo = (email: string, subject: RegExp) => t.smtp.messages.filter((m: ParsedMail) => recipients(m).includes(email.toLowerCase()) && subject.test(m.subject ?? ''));
    const qrsOf = (m: ParsedMail) => m.attachments.filter((a) => a.contentType === 'image/png').map((a) => decodeQrPng(a.content)).sort();

    it('queues one small job per email in the order (no images), then sends each reader their own tickets', async () => {
      const { event, type } = await setUp();
      const mailJobsBefore = await t.db.selectFrom('jobs').select('id').where('kind', '=', MAIL_SEND).execute();
      const { order } = await buy(event, type.id, 3);
      const jobs = await ticketJobs(order.id);
      assert.equal(jobs.length, 4, 'the buyer and three attendees');
      assert.ok(jobs.every((j) => j.payload.length < 300 && !j.payload.includes('base64')), 'ids and addresses, no drawings');
      assert.equal((await t.db.selectFrom('jobs').select('id').where('kind', '=', MAIL_SEND).execute()).length, mailJobsBefore.length, 'no email drawn in the transaction');

      await drainJobs(t);
      const tickets = await ticketsOf(order.id);
      const urls = tickets.map((x) => checkInUrl(event.slug, x.code)).sort();
      const buyerMails = mailsTo(n.staffA.email, new RegExp(order.reference));
      assert.equal(buyerMails.length, 1);
      assert.deepEqual(qrsOf(buyerMails[0]!), urls, 'the buyer gets every ticket');
      assert.ok(buyerMails[0]!.attachments.some((a) => a.contentType.startsWith('text/calendar')));
      for (const x of tickets) {
        const mine = mailsTo(x.attendee_email, /Your registration/);
        assert.equal(mine.length, 1, x.attendee_email);
        assert.deepEqual(qrsOf(mine[0]!), [checkInUrl(event.slug, x.code)], 'an attendee gets only their own ticket');
        assert.ok(mine[0]!.attachments.some((a) => a.contentType.startsWith('text/calendar')));
      }
      assert.ok((await ticketJobs(order.id)).every((j) => j.state === 'done'));
    });

    it('an order refused (sold out) queues nothing: the jobs are part of its transaction', async () => {
      const { event, type } = await setUp(2);
      const before = (await t.db.selectFrom('jobs').select('id').where('kind', '=', TICKET_EMAIL).execute()).length;
      await assert.rejects(buy(event, type.id, 3), (e: unknown) => e instanceof AppError);
      assert.equal((await t.db.selectFrom('jobs').select('id').where('kind', '=', TICKET_EMAIL).execute()).length, before);
      // Control: the same order that fits does queue its emails.
      const { order } = await buy(event, type.id, 2);
      assert.equal((await ticketJobs(order.id)).length, 3);
      await drainJobs(t);
    });

    it('an order cancelled before its emails went gets only the cancellation', async () => {
      const { event, type } = await setUp();
      const { order } = await buy(event, type.id, 1);
      await cancelOrder(t.db, testActor, { event, order, by: 'buyer' });
      await drainJobs(t);
      assert.equal(mailsTo(n.staffA.email, new RegExp(`Your registration.*${order.reference}`)).length, 0, 'no confirmation with a dead QR code');
      assert.equal(mailsTo(n.staffA.email, new RegExp(`^Cancelled:.*${order.reference}`)).length, 1);
      assert.ok((await ticketJobs(order.id)).every((j) => j.state === 'done'), 'the job ran and chose to send nothing');
    });

    it('a ticket transferred before the emails went travels only with its new attendee, with its new code', async () => {
      const { event, type } = await setUp();
      const { order } = await buy(event, type.id, 2);
      const [first, second] = await ticketsOf(order.id);
      await transferTicket(t.db, testActor, { event, order, ticketId: first!.id, name: 'Cora Colleague', email: `cora-${seq}@example.org` });
      // …and on again before anything was sent: the first transfer's email must not go to Cora.
      const last = await transferTicket(t.db, testActor, { event, order, ticketId: first!.id, name: 'Dan Delegate', email: `dan-${seq}@example.org` });
      await drainJobs(t);
      assert.equal(mailsTo(first!.attendee_email, /Your registration/).length, 0, 'the first attendee no longer holds it');
      assert.equal(mailsTo(first!.attendee_email, /was transferred/).length, 1);
      assert.equal(mailsTo(`cora-${seq}@example.org`, /is yours/).length, 0, 'Cora gave it on before her email went');
      const dan = mailsTo(`dan-${seq}@example.org`, /is yours/);
      assert.equal(dan.length, 1);
      assert.deepEqual(qrsOf(dan[0]!), [checkInUrl(event.slug, last.code)]);
      const buyer = mailsTo(n.staffA.email, new RegExp(order.reference));
      assert.equal(buyer.length, 1);
      assert.deepEqual(qrsOf(buyer[0]!), [checkInUrl(event.slug, last.code), checkInUrl(event.slug, second!.code)].sort(), 'the buyer sees the codes that work now');
      assert.deepEqual(qrsOf(mailsTo(second!.attendee_email, /Your registration/)[0]!), [checkInUrl(event.slug, second!.code)]);
    });
  });
}
