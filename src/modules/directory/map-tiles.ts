/**
 * The Content-Security-Policy source that lets the browser load a tile server's images:
 * "https://{s}.tile.example.org/{z}/{x}/{y}.png" → "https://*.tile.example.org". Only the scheme
 * and host are allowed, never the whole internet.
 */
export function tileImageSource(template: string): string | undefined {
  const match = /^https:\/\/([^/]+)\//.exec(template);
  if (!match) return undefined;
  const host = match[1]!.replace(/\{[a-z]\}/gi, '*');
  // A placeholder anywhere but a whole leading label cannot be expressed in CSP: allow the parent.
  const valid = /^(\*\.)?[a-z0-9.-]+(:\d+)?$/i.test(host) ? host : host.replace(/^[^.]*\./, '*.');
  return /^(\*\.)?[a-z0-9.-]+(:\d+)?$/i.test(valid) ? `https://${valid}` : undefined;
}
