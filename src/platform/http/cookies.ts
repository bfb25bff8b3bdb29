import type { Config } from '../../config.ts';

/**
 * Whether cookies carry the Secure flag. Always on a site served over https, and on localhost
 * (which browsers treat as a secure context, so development keeps the production flags). Off only
 * for plain http to another host — a LAN address, say — where browsers would silently drop Secure
 * cookies and nobody could sign in or submit a form.
 */
export function secureCookies(config: Config): boolean {
  const url = new URL(config.baseUrl);
  return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}
