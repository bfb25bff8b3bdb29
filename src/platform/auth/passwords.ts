import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's second recommended profile (19 MiB, t=2, p=1): strong, yet a sign-in
// costs tens of milliseconds on a small server. The parameters travel inside each hash, so
// raising them later only affects new hashes.
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;
/**
 * Longest password accepted anywhere (web forms, API, CLI): argon2 takes any length, but an
 * unbounded one is a cheap DoS, and one limit everywhere means a password set in one place can
 * always be typed into another.
 */
export const MAX_PASSWORD_LENGTH = 200;

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Checks a password against a stored hash; false for a malformed hash rather than throwing. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the email is unknown makes "no such account" take as long as
// "wrong password", so response timing does not reveal which addresses have accounts.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password-used-only-for-timing');
  await verifyPassword(await dummyHash, password);
}
