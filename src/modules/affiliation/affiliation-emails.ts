import { DEFAULT_LOCALE, isLocale, translatorFor } from '../../platform/i18n/i18n.ts';
import type { MailMessage } from '../../platform/mail/mailer.ts';

/** The emails this module sends; each names affiliation:email.<kind>.{subject,body} in the catalogue. */
export type AffiliationEmailKind = 'received' | 'newApplication' | 'approved' | 'approvedFree' | 'declined' | 'paid' | 'reminder' | 'renewed' | 'grace' | 'expired' | 'cancelled';


/**
 * One affiliation email in the recipient's language (their own setting, else English): plain
 * text from the catalogue with `vars` interpolated, and the action link on its own line.
 */
export function composeAffiliationEmail(kind: AffiliationEmailKind, to: { email: string; name: string; locale?: string | null }, vars: Record<string, string | number>, link?: string): MailMessage {
  const t = translatorFor(isLocale(to.locale) ? to.locale : DEFAULT_LOCALE);
  const all = { ...vars, name: to.name, siteName: t('common:siteName') };
  const body = t(`affiliation:email.${kind}.body`, all);
  const text = [t('affiliation:email.greeting', all), body, ...(link ? [link] : []), t('affiliation:email.signOff', all)].join('\n\n') + '\n';
  return { to: to.email, subject: t(`affiliation:email.${kind}.subject`, all), text };
}
