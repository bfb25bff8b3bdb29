import type { Locale } from '../../../platform/i18n/i18n.ts';
import { renderDocument } from '../../../platform/ui/render.ts';

/** The words of one account email, already translated; the plain-text part is built from the same. */
export interface AccountEmailContent {
  locale: Locale;
  subject: string;
  greeting: string;
  body: string[];
  action?: { href: string; label: string };
  notes: string[];
  signOff: string;
}

/**
 * The HTML part of an account email. Rendered by Preact, so every name, organisation and link is
 * escaped; kept to plain paragraphs because mail clients ignore most styling anyway.
 */
function AccountEmail({ locale, subject, greeting, body, action, notes, signOff }: AccountEmailContent) {
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <title>{subject}</title>
      </head>
      <body>
        <p>{greeting}</p>
        {body.map((paragraph, i) => (
          <p key={`b${i}`}>{paragraph}</p>
        ))}
        {action && (
          <p>
            <a href={action.href}>{action.label}</a>
          </p>
        )}
        {notes.map((paragraph, i) => (
          <p key={`n${i}`}>{paragraph}</p>
        ))}
        <p>{signOff.split('\n').flatMap((line, i) => (i > 0 ? [<br key={i} />, line] : [line]))}</p>
      </body>
    </html>
  );
}

/** The HTML document for an account email. */
export function renderAccountEmailHtml(content: AccountEmailContent): string {
  return renderDocument(<AccountEmail {...content} />);
}
