/**
 * JSON for a <script type="application/json"> or "application/ld+json" block. Such blocks are data,
 * never executed (so the CSP allows them), but the HTML parser still ends the block at the first
 * "</script"; escaping <, > and & (and the two JavaScript line separators) keeps any name a school
 * chooses from closing the block early. JSON.parse reads the escapes back unchanged.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
