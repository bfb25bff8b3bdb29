import type { Locale, Translate } from '../i18n/i18n.ts';
import type { Principal } from '../auth/principal.ts';

/** A one-time notice shown on the next page (after a redirect): "Saved", "Signed out", … */
export interface Flash {
  type: 'success' | 'info' | 'warning' | 'error';
  /** A catalogue key. */
  message: string;
}

/** What every page component needs from the request: built once per request by `viewContext()`. */
export interface ViewContext {
  t: Translate;
  locale: Locale;
  principal: Principal | null;
  /** The path being shown, to mark the current nav item and build the language switch. */
  path: string;
  /** A CSRF token for a form on this page; generated only when a form asks for one. */
  csrf: () => string;
  flash: Flash | null;
  isAdmin: boolean;
}
