import type { CoalitionEvent, EventOrder, Ticket } from '../../db/schema.ts';
import { bool } from '../../db/dialect.ts';
import { translatorFor } from '../../platform/i18n/i18n.ts';
import type { JobContext, JobDefinition } from '../../platform/jobs/job-types.ts';
import type { MailMessage } from '../../platform/mail/mailer.ts';
import { siteUrl } from '../../platform/site-url.ts';
import { icsForEvent } from './event-calendar.ts';
import { findEventById } from './events.repository.ts';
import { formatMoney } from './pricing.ts';
import { orderPath, recipientFor, ticketLines, TICKET_EMAIL, whenText, type Recipient, type TicketEmailJob } from './registration-emails.ts';
import * as repo from './registration.repository.ts';
import * as admin from './ticket-admin.repository.ts';
import { checkInUrl, qrPng } from './ticket-qr.ts';

// The emails that carry tickets (confirmations and transfers), drawn and sent by a job after the
// change that caused them committed. The job reads the order as it is *when it runs*:
// - an order no longer confirmed (cancelled, expired, or its event cancelled) gets nothing: its
//   cancellation email, queued by the cancel itself, is the one that matters;
// - tickets cancelled meanwhile are left out, and an attendee with none left gets nothing;
// - a ticket transferred meanwhile goes with its new attendee's own (transfer) email, never in an
//   email to the previous one, whose code no longer works anyway.
// So a late email never carries a QR code that no longer opens the door.

type Attachments = NonNullable<MailMessage['attachments']>;

/** Each ticket's QR code (drawn once per ticket) and the event's .ics (once per email). */
async function attachmentsFor(ctx: JobContext, event: CoalitionEvent, tickets: Ticket[]): Promise<Attachments> {
  const out: Attachments = tickets.map((t) => ({ filename: `ticket-${t.code.slice(0, 8)}.png`, content: qrPng(checkInUrl(event.slug, t.code)), contentType: 'image/png' }));
  const ics = await icsForEvent(ctx.db, event);
  if (ics) out.push({ filename: `${event.slug}.ics`, content: ics, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' });
  return out;
}

async function typeNamesOf(ctx: JobContext, tickets: Ticket[]): Promise<Map<number, string>> {
  return new Map((await admin.findTicketTypesByIds(ctx.db, [...new Set(tickets.map((t) => t.ticket_type_id))])).map((t) => [t.id, t.name]));
}

function confirmationText(to: Recipient, event: CoalitionEvent, order: EventOrder, mine: Ticket[], typeNames: Map<number, string>, asBuyer: boolean): Pick<MailMessage, 'subject' | 'text'> {
  const t = translatorFor(to.locale);
  const v = { name: to.name, event: event.title, when: whenText(event, to.locale), reference: order.reference, total: formatMoney(order.total_cents, to.locale) };
  const parts = [
    t('registration:email.greeting', v),
    t(asBuyer ? 'registration:email.confirmed.bodyBuyer' : 'registration:email.confirmed.bodyAttendee', v),
    `${t('registration:email.when')} ${v.when}`,
    bool(event.online) ? t('registration:email.online') : `${t('registration:email.where')} ${[event.venue_name, event.venue_address].filter(Boolean).join(', ')}`,
    ticketLines(t, mine, typeNames),
    asBuyer && order.total_cents > 0 ? `${t('registration:email.total')} ${v.total}` : null,
    t('registration:email.qrNote'),
    `${t('registration:email.seeOrder')} ${siteUrl(orderPath(event, order))}`,
  ];
  return { subject: t('registration:email.confirmed.subject', v), text: parts.filter(Boolean).join('\n\n') + '\n' };
}

function transferText(to: Recipient, event: CoalitionEvent, order: EventOrder, mine: Ticket[], typeNames: Map<number, string>, fromName: string): Pick<MailMessage, 'subject' | 'text'> {
  const t = translatorFor(to.locale);
  const v = { name: to.name, event: event.title, other: fromName, when: whenText(event, to.locale) };
  const text = [
    t('registration:email.greeting', v),
    t('registration:email.transferredTo.body', v),
    `${t('registration:email.when')} ${v.when}`,
    ticketLines(t, mine, typeNames),
    t('registration:email.qrNote'),
    `${t('registration:email.seeOrder')} ${siteUrl(orderPath(event, order))}`,
  ].join('\n\n');
  return { subject: t('registration:email.transferredTo.subject', v), text: `${text}\n` };
}

/** Draws and sends one ticket email, or nothing when the order or tickets changed so that it no longer applies. Returns whether it sent. */
export async function sendTicketEmail(ctx: JobContext, job: TicketEmailJob): Promise<boolean> {
  const order = await repo.findOrderById(ctx.db, job.orderId);
  if (!order || order.status !== 'confirmed') return false;
  const event = await findEventById(ctx.db, order.event_id);
  if (!event || event.status === 'cancelled') return false;
  const active = (await repo.findTicketsOfOrders(ctx.db, [order.id])).filter((t) => t.status === 'active');
  const buyer = () => recipientFor(ctx.db, order.buyer_person_id, order.buyer_email, order.buyer_name, job.locale);
  let to: Recipient;
  let mine: Ticket[];
  let text: (typeNames: Map<number, string>) => Pick<MailMessage, 'subject' | 'text'>;
  if (job.kind === 'transfer') {
    const ticket = active.find((t) => t.id === job.ticketId && t.code === job.code && t.attendee_email === job.email);
    if (!ticket) return false;
    // Its add-ons moved with it (new codes too), so they travel in the same email.
    mine = [ticket, ...active.filter((t) => t.parent_ticket_id === ticket.id && t.attendee_email === job.email)];
    to = await recipientFor(ctx.db, ticket.attendee_person_id, ticket.attendee_email, ticket.attendee_name, job.locale);
    text = (names) => transferText(to, event, order, mine, names, job.fromName);
  } else if (job.recipient === 'buyer') {
    mine = active;
    to = await buyer();
    text = (names) => confirmationText(to, event, order, mine, names, true);
  } else {
    mine = active.filter((t) => t.attendee_email === job.email);
    if (mine.length === 0) return false;
    to = await recipientFor(ctx.db, mine[0]!.attendee_person_id, job.email, mine[0]!.attendee_name, (await buyer()).locale);
    text = (names) => confirmationText(to, event, order, mine, names, false);
  }
  if (mine.length === 0) return false;
  await ctx.mailer.send({ to: to.email, ...text(await typeNamesOf(ctx, mine)), attachments: await attachmentsFor(ctx, event, mine) });
  return true;
}

/** The job: one ticket email per run, so a retry (the mail server was down) never re-sends anyone else's. */
export const ticketEmailJob: JobDefinition<TicketEmailJob> = {
  kind: TICKET_EMAIL,
  maxAttempts: 8,
  lockSeconds: 120,
  async run(ctx, job) {
    if (!(await sendTicketEmail(ctx, job))) ctx.log.info({ kind: job.kind, orderId: job.orderId }, 'ticket email not sent: the order or its tickets changed before it ran');
  },
};
