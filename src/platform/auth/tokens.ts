import { createHash, randomBytes } from 'node:crypto';

/** A new random token (256 bits, URL-safe) to hand to a person once. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What we store instead of a token: its SHA-256. Tokens are random, so no salt or KDF is needed. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
