// Which QR codes the door scanner (check-in-scanner.js) may follow. A ticket's QR code carries its
// check-in address, `<site>/events/<slug>/check-in/<code>` (ticket-qr.ts). The scanner only ever
// navigates to such a path of the event being checked in, on this site: anything else a camera
// sees (another event's ticket, a poster's link, a `javascript:` text) is refused, not followed.
// Plain JavaScript with no imports, so the browser loads it as is and the unit tests import it too.

/** A ticket code: base64url of random bytes (22 characters today; 16 in older test data). */
const TICKET_CODE = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The same-site path a scanned text leads to, or null when it is not a check-in address of this
 * event. Only the canonical form the site prints is accepted: no query, fragment, credentials,
 * dot segments, escapes or extra segments, so no reading of the text can land elsewhere.
 * @param {unknown} text what the QR code holds
 * @param {{ origins: string[]; slug: string }} expected the site's origins and the event's slug
 * @returns {string | null}
 */
export function ticketPathFromScan(text, expected) {
  if (typeof text !== 'string' || text.length > 2048) return null;
  const raw = text.trim();
  let url;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || raw.includes('?') || raw.includes('#')) return null;
  if (!expected.origins.includes(url.origin)) return null;
  // The parser resolves `..` and lower-cases the host: anything it had to rewrite is refused.
  if (url.href !== raw) return null;
  const parts = url.pathname.split('/');
  if (parts.length !== 5) return null;
  const [empty, events, slug, checkIn, code] = parts;
  if (empty !== '' || events !== 'events' || slug !== expected.slug || checkIn !== 'check-in') return null;
  if (!code || !TICKET_CODE.test(code)) return null;
  return `/events/${slug}/check-in/${code}`;
}
