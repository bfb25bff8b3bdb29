import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database, EventOrder, Ticket } from '../../db/schema.ts';
import { bool } from '../../db/dialect.ts';
import { DEFAULT_LOCALE, isLocale, translatorFor, type Locale } from '../../platform/i18n/i18n.ts';
import { enqueueEmail } from '../../platform/mail/mail-jobs.ts';
import type { MailMessage } from '../../platform/mail/mailer.ts';
import { siteUrl } from '../../platform/site-url.ts';
import { getPersonByEmail, getPersonById } from '../people/people.service.ts';
import { icsForEvent } from './event-calendar.ts';
import { formatMoney } from './pricing.ts';
import { checkInUrl, qrPng } from './ticket-qr.ts';

type Db = Kysely<Database>;

// Registration emails from the catalogue, each in its reader's language. Names people typed are
// placed in the text as values, never passed through the translator as keys.

interface Recipient {
  email: string;
  name: string;
  locale: Locale;
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

async function recipientFor(db: Db, personId: number | null, email: string, name: string, fallback: Locale): Promise<Recipient> {
  const person = personId !== null ? await getPersonById(db, personId) : await getPersonByEmail(db, email);
  const locale = person && isLocale(person.locale) ? person.locale : fallback;
  return { email, name, locale };
}

async function attachmentsFor(db: Db, event: CoalitionEvent, tickets: Ticket[]): Promise<NonNullable<MailMessage['attachments']>> {
  const out: NonNullable<MailMessage['attachments']> = [];
  for (const t of tickets) out.push({ filename: `ticket-${t.code.slice(0, 8)}.png`, content: await qrPng(checkInUrl(event.slug, t.code)), contentType: 'image/png' });
  const ics = await icsForEvent(db, event);
  if (ics) out.push({ filename: `${event.slug}.ics`, content: ics, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' });
  return out;
}

function ticketLines(t: (k: string, o?: Record<string, unknown>) => string, tickets: Ticket[], typeNames: Map<number, string>): string {
  return tickets.map((x) => `- ${typeNames.get(x.ticket_type_id) ?? ''}: ${x.attendee_name} <${x.attendee_email}> · ${t('registration:email.code')} ${x.code.slice(0, 8)}`).join('\n');
}

/**
 * The confirmation: to the buyer (every ticket) and to each attendee with an address of their own
 * (their tickets only), each with the tickets' QR codes as PNG attachments and the event's .ics.
 */
export async function enqueueConfirmationEmails(db: Db, args: { event: CoalitionEvent; order: EventOrder; tickets: Ticket[]; typeNames: Map<number, string>; buyerLocale: Locale }): Promise<void> {
  const { event, order, tickets, typeNames } = args;
  const active = tickets.filter((x) => x.status === 'active');
  const buyer = await recipientFor(db, order.buyer_person_id, order.buyer_email, order.buyer_name, args.buyerLocale);
  const link = siteUrl(orderPath(event, order));
  const send = async (to: Recipient, mine: Ticket[], asBuyer: boolean) => {
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
      `${t('registration:email.seeOrder')} ${link}`,
    ];
    await enqueueEmail(db, { to: to.email, subject: t('registration:email.confirmed.subject', v), text: parts.filter(Boolean).join('\n\n') + '\n', attachments: await attachmentsFor(db, event, mine) });
  };
  await send(buyer, active, true);
  const others = new Map<string, Ticket[]>();
  for (const x of active) if (x.attendee_email !== order.buyer_email) others.set(x.attendee_email, [...(others.get(x.attendee_email) ?? []), x]);
  for (const [email, mine] of others) await send(await recipientFor(db, mine[0]!.attendee_person_id, email, mine[0]!.attendee_name, buyer.locale), mine, false);
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

/** A transfer: the new attendee gets the ticket (QR and .ics); the previous one is told it moved. */
export async function enqueueTransferEmails(db: Db, args: { event: CoalitionEvent; order: EventOrder; before: Ticket; after: Ticket; typeNames: Map<number, string> }): Promise<void> {
  const { event, order, before, after } = args;
  const from = await recipientFor(db, before.attendee_person_id, before.attendee_email, before.attendee_name, DEFAULT_LOCALE);
  const to = await recipientFor(db, after.attendee_person_id, after.attendee_email, after.attendee_name, from.locale);
  const tf = translatorFor(from.locale);
  const vf = { name: from.name, event: event.title, other: after.attendee_name };
  await enqueueEmail(db, { to: from.email, subject: tf('registration:email.transferredAway.subject', vf), text: `${tf('registration:email.greeting', vf)}\n\n${tf('registration:email.transferredAway.body', vf)}\n` });
  const tt = translatorFor(to.locale);
  const vt = { name: to.name, event: event.title, other: before.attendee_name, when: whenText(event, to.locale) };
  const text = [
    tt('registration:email.greeting', vt),
    tt('registration:email.transferredTo.body', vt),
    `${tt('registration:email.when')} ${vt.when}`,
    ticketLines(tt, [after], args.typeNames),
    tt('registration:email.qrNote'),
    `${tt('registration:email.seeOrder')} ${siteUrl(orderPath(event, order))}`,
  ].join('\n\n');
  await enqueueEmail(db, { to: to.email, subject: tt('registration:email.transferredTo.subject', vt), text: `${text}\n`, attachments: await attachmentsFor(db, event, [after]) });
}
