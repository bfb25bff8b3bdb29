import type { Kysely } from 'kysely';
import type { Database, TokenPurpose } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';
import { hashToken, newToken } from '../../platform/auth/tokens.ts';
import * as repo from './account-tokens.repository.ts';

/** How long each kind of emailed link stays usable. */
export const TOKEN_LIFETIMES_MS: Readonly<Record<TokenPurpose, number>> = {
  verify_email: 48 * 3_600_000,
  reset_password: 3_600_000,
  sign_in_link: 15 * 60_000,
  invitation: 7 * 86_400_000,
};

/**
 * Issues a single-use token for a person and returns it (only its hash is stored). Earlier unused
 * tokens of the same purpose stop working, so an older email cannot be used after a newer one.
 */
export async function issueAccountToken(db: Kysely<Database>, personId: number, purpose: TokenPurpose): Promise<string> {
  const token = newToken();
  const now = new Date();
  // Joins the caller's transaction when given one (Kysely has no nested transactions).
  const inTransaction = <T>(fn: (trx: Kysely<Database>) => Promise<T>) => (db.isTransaction ? fn(db) : db.transaction().execute(fn));
  await inTransaction(async (trx) => {
    await repo.retireUnusedTokens(trx, personId, purpose, now.toISOString());
    await repo.insertToken(trx, {
      person_id: personId,
      purpose,
      token_hash: hashToken(token),
      expires_at: new Date(now.getTime() + TOKEN_LIFETIMES_MS[purpose]).toISOString(),
      used_at: null,
      created_at: now.toISOString(),
    });
  });
  return token;
}

/**
 * Cancels every unused single-use link of a person (all purposes). Called when their email address
 * changes: links already sent to the old address must stop working. Runs on whatever it is given,
 * so inside a caller's transaction it commits or rolls back with the caller's change.
 */
export async function revokePendingAccountTokens(db: Kysely<Database>, personId: number): Promise<void> {
  await repo.retireAllUnusedTokens(db, personId, nowIso());
}

/** The person a still-usable token belongs to, without using it up (for the confirmation pages). */
export async function peekAccountToken(db: Kysely<Database>, token: string, purpose: TokenPurpose): Promise<number | null> {
  if (!token) return null;
  const row = await repo.findLiveToken(db, hashToken(token), purpose, nowIso());
  return row?.person_id ?? null;
}

/**
 * Uses a token up and returns its person, or null when it is unknown, expired, already used or of
 * another purpose. Safe under concurrency: of two simultaneous uses only one gets the person.
 */
export async function consumeAccountToken(db: Kysely<Database>, token: string, purpose: TokenPurpose): Promise<number | null> {
  if (!token) return null;
  return repo.claimToken(db, hashToken(token), purpose, nowIso());
}
