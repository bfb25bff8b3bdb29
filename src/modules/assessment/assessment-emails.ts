import { DEFAULT_LOCALE, isLocale, translatorFor } from '../../platform/i18n/i18n.ts';
import type { MailMessage } from '../../platform/mail/mailer.ts';

/** Who an email goes to; it is written in their own language (else English). */
export interface Recipient {
  email: string;
  name: string;
  locale: string | null;
}

/** To a center's directors and coaches: one of their schools submitted its self-assessment. */
export function cycleSubmittedEmail(to: Recipient, v: { school: string; year: string; framework: string; link: string }): MailMessage {
  const t = translatorFor(isLocale(to.locale) ? to.locale : DEFAULT_LOCALE);
  const all = { ...v, name: to.name };
  return {
    to: to.email,
    subject: t('assessment:email.submitted.subject', all),
    text: [t('assessment:email.greeting', all), t('assessment:email.submitted.body', all), `${t('assessment:email.submitted.reviewHere')} ${v.link}`].join('\n\n') + '\n',
  };
}
