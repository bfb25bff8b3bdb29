import { DEFAULT_LOCALE, isLocale, translatorFor } from '../../platform/i18n/i18n.ts';
import type { MailMessage } from '../../platform/mail/mailer.ts';

/** To a next step's owner: it is due (or overdue). Written in their language; what people typed is kept out of the translator. */
export function nextStepDueEmail(to: { email: string; name: string; locale: string | null }, v: { step: string; engagement: string; due: string; link: string }): MailMessage {
  const t = translatorFor(isLocale(to.locale) ? to.locale : DEFAULT_LOCALE);
  const vars = { name: to.name, engagement: v.engagement, due: v.due };
  return {
    to: to.email,
    subject: t('coaching:email.stepDue.subject', vars),
    text: [t('coaching:email.greeting', vars), t('coaching:email.stepDue.body', vars), v.step, `${t('coaching:email.stepDue.seeIt')} ${v.link}`].join('\n\n') + '\n',
  };
}
