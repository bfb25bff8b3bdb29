import { DEFAULT_LOCALE, isLocale, translatorFor } from '../../platform/i18n/i18n.ts';
import type { MailMessage } from '../../platform/mail/mailer.ts';

/** Who an email goes to; it is written in their own language (else English). */
export interface Recipient {
  email: string;
  name: string;
  locale: string | null;
}

// What people typed (a title, an organiser's message) is placed between catalogue lines as it is,
// never passed through the translator, so nothing in it is read as a key or a placeholder.
function compose(to: Recipient, kind: string, vars: Record<string, string>, typed: (string | null)[], link: string): MailMessage {
  const t = translatorFor(isLocale(to.locale) ? to.locale : DEFAULT_LOCALE);
  const all = { ...vars, name: to.name };
  const lines = [t('agenda:email.greeting', all), t(`agenda:email.${kind}.body`, all), ...typed.filter((x): x is string => !!x), `${t(`agenda:email.${kind}.link`, all)} ${link}`];
  return { to: to.email, subject: t(`agenda:email.${kind}.subject`, all), text: lines.join('\n\n') + '\n' };
}

/** To a submitter: their proposal arrived. */
export function proposalReceivedEmail(to: Recipient, v: { event: string; title: string; link: string }): MailMessage {
  return compose(to, 'received', { event: v.event, title: v.title }, [], v.link);
}

/** To a submitter: the organisers' decision, with their message. */
export function proposalDecidedEmail(to: Recipient, decision: 'accepted' | 'declined', v: { event: string; title: string; message: string | null; link: string }): MailMessage {
  return compose(to, decision, { event: v.event, title: v.title }, [v.message], v.link);
}
