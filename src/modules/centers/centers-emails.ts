import { DEFAULT_LOCALE, isLocale, translatorFor } from '../../platform/i18n/i18n.ts';
import type { MailMessage } from '../../platform/mail/mailer.ts';

/** Who an email goes to; it is written in their own language (else English). */
export interface Recipient {
  email: string;
  name: string;
  locale: string | null;
}

// What people typed (the need, an answer, a post) is placed between catalogue lines, never passed
// through the translator, so nothing in it is read as a key or a placeholder.
type Part = { key: string } | string | false | null;

function compose(to: Recipient, subjectKey: string, vars: Record<string, string | null>, parts: Part[]): MailMessage {
  const t = translatorFor(isLocale(to.locale) ? to.locale : DEFAULT_LOCALE);
  const all = { ...vars, name: to.name };
  const lines = parts.flatMap((p) => (!p ? [] : typeof p === 'string' ? [p] : [t(p.key, all)]));
  return { to: to.email, subject: t(subjectKey, all), text: [t('centers:email.greeting', all), ...lines].join('\n\n') + '\n' };
}

/** To a center's staff: a school asks for one of its services. */
export function serviceRequestEmail(to: Recipient, v: { school: string; center: string; service: string; need: string; timing: string | null; contact: string; link: string }): MailMessage {
  const t = translatorFor(isLocale(to.locale) ? to.locale : DEFAULT_LOCALE);
  return compose(to, 'centers:email.requestReceived.subject', v, [
    { key: 'centers:email.requestReceived.body' },
    `${t('centers:email.requestReceived.need')}\n${v.need}`,
    v.timing && `${t('centers:email.requestReceived.timing')} ${v.timing}`,
    `${t('centers:email.requestReceived.contact')} ${v.contact}`,
    `${t('centers:email.requestReceived.answerHere')} ${v.link}`,
  ]);
}

/** To the person who asked: the center's answer. */
export function requestAnsweredEmail(to: Recipient, v: { school: string; center: string; service: string; response: string; link: string }): MailMessage {
  const t = translatorFor(isLocale(to.locale) ? to.locale : DEFAULT_LOCALE);
  return compose(to, 'centers:email.requestAnswered.subject', v, [{ key: 'centers:email.requestAnswered.body' }, v.response, `${t('centers:email.requestAnswered.seeIt')} ${v.link}`]);
}

/** To the exchange's other members: a new thread or a reply (long posts are cut, the link has it all). */
export function exchangePostEmail(kind: 'threadStarted' | 'replyPosted', to: Recipient, v: { author: string; title: string; body: string; link: string }): MailMessage {
  const t = translatorFor(isLocale(to.locale) ? to.locale : DEFAULT_LOCALE);
  const body = v.body.length > 1500 ? `${v.body.slice(0, 1500)}…` : v.body;
  return compose(to, `centers:email.${kind}.subject`, v, [{ key: `centers:email.${kind}.body` }, body, `${t('centers:email.readAndReply')} ${v.link}`, { key: 'centers:email.exchangeFooter' }]);
}
