import type { Kysely } from 'kysely';
import type { Database, Person } from '../../db/schema.ts';
import type { RoleGrant } from './principal.ts';

// The queries behind sessions and principals. Kept here (not in the people module) because every
// request runs them before any module's code.

type Db = Kysely<Database>;

export function insertSession(db: Db, row: Database['sessions'] extends infer T ? T : never) {
  return db.insertInto('sessions').values(row).execute();
}

export function findSessionPerson(db: Db, sessionId: string, now: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('people', 'people.id', 'sessions.person_id')
    .select(['sessions.id as session_id', 'sessions.last_seen_at', 'sessions.expires_at', 'people.id', 'people.name', 'people.email', 'people.locale', 'people.email_verified_at', 'people.disabled_at'])
    .where('sessions.id', '=', sessionId)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
}

export function touchSession(db: Db, sessionId: string, now: string) {
  return db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export function deleteSession(db: Db, sessionId: string) {
  return db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a person (after a password reset), optionally keeping one. */
export function deletePersonSessions(db: Db, personId: number, keepSessionId?: string) {
  let q = db.deleteFrom('sessions').where('person_id', '=', personId);
  if (keepSessionId) q = q.where('id', '!=', keepSessionId);
  return q.execute();
}

export function deleteExpiredSessions(db: Db, now: string) {
  return db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function findRoleGrants(db: Db, personId: number): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom('roles')
    .innerJoin('organisations', 'organisations.id', 'roles.organisation_id')
    .select(['roles.role', 'roles.organisation_id', 'organisations.kind', 'organisations.name', 'organisations.slug'])
    .where('roles.person_id', '=', personId)
    .orderBy('organisations.name')
    .execute();
  return rows.map((r) => ({
    role: r.role,
    organisationId: r.organisation_id,
    organisationKind: r.kind,
    organisationName: r.name,
    organisationSlug: r.slug,
  }));
}

export function findLiveApiToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('organisations', 'organisations.id', 'api_tokens.organisation_id')
    .select(['api_tokens.id', 'api_tokens.name', 'api_tokens.role', 'api_tokens.organisation_id', 'api_tokens.last_used_at', 'organisations.kind', 'organisations.name as organisation_name', 'organisations.slug'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
}

export function touchApiToken(db: Db, id: number, now: string) {
  return db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

export type SessionPerson = NonNullable<Awaited<ReturnType<typeof findSessionPerson>>>;
export type { Person };
