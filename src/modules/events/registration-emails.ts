import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database, EventOrder, Ticket } from '../../db/schema.ts';
import { bool } from '../../db/dialect.ts';
import { DEFAULT_LOCALE, isLocale, translatorFor, type Locale } from '../../platform/i18n/i18n.ts';
import { enqueueEmail } from '../../platform/mail/mail-jobs.ts';
import { enqueueJob } from '../../platform/jobs/jobs.service.ts';
import { siteUrl } from '../../platform/site-url.ts';
import { getPersonByEmail, getPersonById } from '../people/people.service.ts';
import { formatMoney } from './pricing.ts';

type Db = Kysely<Database>;

// Registration emails from the catalogue, each in its reader's language. Names people typed are
// placed in the text as values, never passed through the translator as keys.

export interface Recipient {
  email: string;
  name: string;
  locale: Locale;
}

/** The job that draws and sends one ticket email (ticket-emails.ts). */
export const TICKET_EMAIL = 'events.send-ticket-email';

/**
 * One ticket email, as queued: ids and addresses only, so the order's transaction writes a small
 * row. `locale` is the language to fall back on when the reader has no account with one.
 */
export type TicketEmailJob =
  /** The order's confirmation, to the buyer (every active ticket). */
  | { kind: 'confirmation'; orderId: number; recipient: 'buyer'; locale: Locale }
  /** The order's confirmation, to one attendee's address (the active tickets in their name). */
  | { kind: 'confirmation'; orderId: number; recipient: 'attendee'; email: string; locale: Locale }
  /** A ticket given to someone new: the ticket (with this code) and its add-ons, to its new attendee. */
  | { kind: 'transfer'; orderId: number; ticketId: number; code: string; email: string; fromName: string; locale: Locale };

/** Queues one ticket email; the key makes queuing the same email twice a no-op. */
async function enqueueTicketEmail(db: Db, job: TicketEmailJob, key: string): Promise<void> {
  await enqueueJob(db, { kind: TICKET_EMAIL, payload: job, uniqueKey: `${TICKET_EMAIL}:${job.kind}:${job.orderId}:${key}`, maxAttempts: 8 });
}

/** The event's date and time as its reader sees it, in the event's own time zone. */
export function whenText(event: CoalitionEvent, locale: string): string {
  if (bool(event.all_day)) {
    const day = (d: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
    return event.start_date === event.end_date ? day(event.start_date) : `${day(event.start_date)} – ${day(event.end_date)}`;
  }
  const f = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: event.timezone, timeZoneName: undefined });
  return `${f.format(new Date(event.starts_at))} (${event.timezone})`;
}

export const orderPath = (event: CoalitionEvent, order: EventOrder) => `/events/${event.slug}/orders/${order.reference}`;

export async function recipientFor(db: Db, personId: number | null, email: string, name: string, fallback: Locale): Promise<Recipient> {
  const person = personId !== null ? await getPersonById(db, personId) : await getPersonByEmail(db, email);
  const locale = person && isLocale(person.locale) ? person.locale : fallback;
  return { email, name, locale };
}

export function ticketLines(t: (k: string, o?: Record<string, unknown>) => string, tickets: Ticket[], typeNames: Map<number, string>): string {
  return tickets.map((x) => `- ${typeNames.get(x.ticket_type_id) ?? ''}: ${x.attendee_name} <${x.attendee_email}> · ${t('registration:email.code')} ${x.code.slice(0, 8)}`).join('\n');
}

/**
 * The confirmation: one email to the buyer (every ticket) and one to each attendee with an address
 * of their own (their tickets only). Inside the order's transaction this only queues one small job
 * per email (ticket-emails.ts draws the QR codes and the .ics when it runs, after the commit), so
 * the transaction does not hold SQLite's one connection or PostgreSQL's pool row while images are
 * drawn, and a retry of one email never sends another person's again.
 */
export async function enqueueConfirmationEmails(db: Db, args: { order: EventOrder; tickets: Ticket[]; buyerLocale: Locale }): Promise<void> {
  const { order } = args;
  await enqueueTicketEmail(db, { kind: 'confirmation', orderId: order.id, recipient: 'buyer', locale: args.buyerLocale }, 'buyer');
  const firstTicketOf = new Map<string, number>();
  for (const x of args.tickets) if (x.status === 'active' && x.attendee_email !== order.buyer_email && !firstTicketOf.has(x.attendee_email)) firstTicketOf.set(x.attendee_email, x.id);
  for (const [email, ticketId] of firstTicketOf) await enqueueTicketEmail(db, { kind: 'confirmation', orderId: order.id, recipient: 'attendee', email, locale: args.buyerLocale }, `t${ticketId}`);
}

/** To the buyer and each attendee: the order (or some tickets) cancelled, and what is refunded. */
export async function enqueueCancellationEmails(
  db: Db,
  args: { event: CoalitionEvent; order: EventOrder; cancelled: Ticket[]; refundCents: number; byOrganiser: 'event' | 'organiser' | null },
): Promise<void> {
  const { event, order } = args;
  const buyer = await recipientFor(db, order.buyer_person_id, order.buyer_email, order.buyer_name, DEFAULT_LOCALE);
  const people = new Map<string, Recipient>([[buyer.email, buyer]]);
  for (const x of args.cancelled) if (!people.has(x.attendee_email)) people.set(x.attendee_email, await recipientFor(db, x.attendee_person_id, x.attendee_email, x.attendee_name, buyer.locale));
  for (const to of people.values()) {
    const t = translatorFor(to.locale);
    const v = { name: to.name, event: event.title, reference: order.reference, refund: formatMoney(args.refundCents, to.locale), count: args.cancelled.length };
    const reason = args.byOrganiser === 'event' ? 'registration:email.cancelled.eventCancelled' : args.byOrganiser === 'organiser' ? 'registration:email.cancelled.byOrganiser' : 'registration:email.cancelled.body';
    const parts = [
      t('registration:email.greeting', v),
      t(reason, v),
      to.email === buyer.email && args.refundCents > 0 ? t('registration:email.cancelled.refund', v) : null,
      `${t('registration:email.seeOrder')} ${siteUrl(orderPath(event, order))}`,
    ];
    await enqueueEmail(db, { to: to.email, subject: t('registration:email.cancelled.subject', v), text: parts.filter(Boolean).join('\n\n') + '\n' });
  }
}

/**
 * A transfer: the previous attendee is told at once that the ticket moved (plain text, queued in
 * the transaction); the new attendee's email with the ticket's QR code and the .ics is a job, like
 * the confirmation. The job carries the new code, so if the ticket moves again before it runs it
 * sends nothing (the later transfer sends its own).
 */
export async function enqueueTransferEmails(db: Db, args: { event: CoalitionEvent; order: EventOrder; before: Ticket; after: Ticket }): Promise<void> {
  const { event, before, after } = args;
  const from = await recipientFor(db, before.attendee_person_id, before.attendee_email, before.attendee_name, DEFAULT_LOCALE);
  const tf = translatorFor(from.locale);
  const vf = { name: from.name, event: event.title, other: after.attendee_name };
  await enqueueEmail(db, { to: from.email, subject: tf('registration:email.transferredAway.subject', vf), text: `${tf('registration:email.greeting', vf)}\n\n${tf('registration:email.transferredAway.body', vf)}\n` });
  await enqueueTicketEmail(
    db,
    { kind: 'transfer', orderId: args.order.id, ticketId: after.id, code: after.code, email: after.attendee_email, fromName: before.attendee_name, locale: from.locale },
    `t${after.id}:${after.code}`,
  );
}
