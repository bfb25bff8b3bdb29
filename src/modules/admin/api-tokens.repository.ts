import type { Insertable, Kysely } from 'kysely';
import type { ApiTokenTable, Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

export function insertApiToken(db: Db, row: Insertable<ApiTokenTable>) {
  return db.insertInto('api_tokens').values(row).returning(['id', 'name', 'role', 'organisation_id']).executeTakeFirstOrThrow();
}

export function findApiTokens(db: Db) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('organisations', 'organisations.id', 'api_tokens.organisation_id')
    .leftJoin('people', 'people.id', 'api_tokens.created_by')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.role',
      'api_tokens.created_at',
      'api_tokens.last_used_at',
      'api_tokens.revoked_at',
      'organisations.name as organisation_name',
      'organisations.slug as organisation_slug',
      'people.name as created_by_name',
    ])
    .orderBy('api_tokens.revoked_at', 'desc')
    .orderBy('api_tokens.id', 'desc')
    .execute();
}

/** Revokes a live token; returns how many rows changed (0 when unknown or already revoked). */
export async function revokeApiTokenRow(db: Db, id: number, now: string): Promise<{ organisationId: number } | undefined> {
  const row = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning(['organisation_id'])
    .executeTakeFirst();
  return row && { organisationId: row.organisation_id };
}
