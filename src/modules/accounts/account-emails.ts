import type { Config } from '../../config.ts';
import { DEFAULT_LOCALE, isLocale, translatorFor, type Locale } from '../../platform/i18n/i18n.ts';
import type { MailMessage } from '../../platform/mail/mailer.ts';
import { renderAccountEmailHtml } from './views/account-email.tsx';

/** The emails the accounts module sends; each key names accounts:email.<kind>.* in the catalogue. */
export type AccountEmailKind =
  | 'verify'
  | 'alreadyRegistered'
  | 'reset'
  | 'signInLink'
  | 'passwordChanged'
  | 'invitationNew'
  | 'invitationExisting';

/** The language an email is written in: the person's own setting, else the request's. */
export function emailLocale(personLocale: string | null | undefined, fallback: Locale | undefined): Locale {
  if (isLocale(personLocale)) return personLocale;
  return fallback ?? DEFAULT_LOCALE;
}

/** An absolute link into the site, for emails (which have no "current page" to be relative to). */
export function absoluteLink(config: Pick<Config, 'baseUrl'>, path: string, token?: string): string {
  const url = new URL(path, `${config.baseUrl}/`);
  if (token) url.searchParams.set('token', token);
  return url.toString();
}

/**
 * Writes one account email in the given language, as plain text with an HTML twin (rendered by
 * Preact, so escaped). Every line comes from the catalogue (accounts:email.<kind>), with `vars`
 * interpolated.
 */
export function composeAccountEmail(
  kind: AccountEmailKind,
  locale: Locale,
  to: string,
  vars: Record<string, string> & { name: string },
  link?: string,
): MailMessage {
  const t = translatorFor(locale);
  const key = (part: string) => `accounts:email.${kind}.${part}`;
  const paragraphs = t(key('body'), { ...vars, returnObjects: true }) as unknown;
  const body = Array.isArray(paragraphs) ? paragraphs.map(String) : [String(paragraphs)];
  const notes = t(key('notes'), { ...vars, returnObjects: true, defaultValue: [] }) as unknown;
  const after = Array.isArray(notes) ? notes.map(String) : [];
  const greeting = t('accounts:email.greeting', { name: vars.name });
  const signOff = t('accounts:email.signOff', { siteName: t('common:siteName') });

  const subject = t(key('subject'), vars);
  const text = [greeting, ...body, ...(link ? [link] : []), ...after, signOff].join('\n\n') + '\n';
  const html = renderAccountEmailHtml({
    locale,
    subject,
    greeting,
    body,
    ...(link && { action: { href: link, label: t(key('action'), vars) } }),
    notes: after,
    signOff,
  });
  return { to, subject, text, html };
}
