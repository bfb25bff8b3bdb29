import type { Insertable, Kysely } from 'kysely';
import type { Database, PersonTokenTable, TokenPurpose } from '../../db/schema.ts';

// Queries on person_tokens, the single-use links the accounts module emails out.

type Db = Kysely<Database>;

/** Stores a newly issued token (its hash only). */
export function insertToken(db: Db, row: Insertable<PersonTokenTable>) {
  return db.insertInto('person_tokens').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Retires a person's unused links of one purpose, so only the newest link works. */
export function retireUnusedTokens(db: Db, personId: number, purpose: TokenPurpose, now: string) {
  return db
    .updateTable('person_tokens')
    .set({ used_at: now })
    .where('person_id', '=', personId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

/** Retires every unused link a person has, whatever its purpose (e.g. after their email changed). */
export function retireAllUnusedTokens(db: Db, personId: number, now: string) {
  return db.updateTable('person_tokens').set({ used_at: now }).where('person_id', '=', personId).where('used_at', 'is', null).execute();
}

/** A usable (unused, unexpired) token by its hash and purpose. */
export function findLiveToken(db: Db, tokenHash: string, purpose: TokenPurpose, now: string) {
  return db
    .selectFrom('person_tokens')
    .select(['id', 'person_id', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/**
 * Marks a token used only if it is still usable. The guard lives in the WHERE clause, so of two
 * concurrent uses exactly one sees a changed row.
 */
export async function claimToken(db: Db, tokenHash: string, purpose: TokenPurpose, now: string): Promise<number | null> {
  const row = await db
    .updateTable('person_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('person_id')
    .executeTakeFirst();
  return row?.person_id ?? null;
}
