import { DEFAULT_LOCALE, isLocale, translatorFor, type Locale } from '../../platform/i18n/i18n.ts';
import type { MailMessage } from '../../platform/mail/mailer.ts';

/** Who a waitlist email goes to, written in their own language (else English). */
export interface WaitlistRecipient {
  email: string;
  name: string;
  locale: string | null;
}

/** What every waitlist email names: the event, the ticket type and how many. */
export interface OfferFacts {
  event: string;
  ticketType: string;
  quantity: number;
  timezone: string;
}

const localeOf = (to: WaitlistRecipient): Locale => (isLocale(to.locale) ? to.locale : DEFAULT_LOCALE);

/** A deadline as people read it: in their language and the event's own time zone, zone named. */
export function formatDeadline(iso: string, locale: Locale, timezone: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: timezone, timeZoneName: 'short' }).format(new Date(iso));
}

function compose(to: WaitlistRecipient, kind: 'offer' | 'expired', vars: Record<string, string | number>, extra: string[]): MailMessage {
  const t = translatorFor(localeOf(to));
  const all = { ...vars, name: to.name };
  const lines = [t('waitlist:email.greeting', all), t(`waitlist:email.${kind}.body`, all), ...extra, t('waitlist:email.footer', all)];
  return { to: to.email, subject: t(`waitlist:email.${kind}.subject`, all), text: lines.join('\n\n') + '\n' };
}

/** To the next person in the queue: seats are held for them until the deadline; the link registers them. */
export function offerEmail(to: WaitlistRecipient, facts: OfferFacts, v: { link: string; expiresAt: string }): MailMessage {
  const t = translatorFor(localeOf(to));
  const deadline = formatDeadline(v.expiresAt, localeOf(to), facts.timezone);
  const vars = { event: facts.event, ticketType: facts.ticketType, count: facts.quantity, deadline };
  return compose(to, 'offer', vars, [`${t('waitlist:email.offer.registerHere', vars)}\n${v.link}`, t('waitlist:email.offer.notNeeded', vars)]);
}

/** To someone whose offer ran out: the seats went to the next person. */
export function offerExpiredEmail(to: WaitlistRecipient, facts: OfferFacts, v: { link: string }): MailMessage {
  const t = translatorFor(localeOf(to));
  const vars = { event: facts.event, ticketType: facts.ticketType, count: facts.quantity };
  return compose(to, 'expired', vars, [`${t('waitlist:email.expired.rejoin', vars)}\n${v.link}`]);
}
