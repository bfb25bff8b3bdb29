import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';
import { PRINCIPAL_PEOPLE_COLUMNS, type DatabaseChanges } from '../../db/changes.ts';
import { readCacheFor } from '../cache/read-cache.ts';
import * as repo from './auth.repository.ts';
import type { Principal } from './principal.ts';
import { hashToken, newToken } from './tokens.ts';

// Writing last_seen_at on every request would turn each page view into a write; once every few
// minutes is enough to show "last active" and costs nothing on a hot page.
const TOUCH_EVERY_MS = 5 * 60_000;

/** Starts a session for a person and returns the token for the cookie (stored only as a hash). */
export async function startSession(db: Kysely<Database>, personId: number, opts: { days: number; userAgent?: string }): Promise<string> {
  const token = newToken();
  const now = new Date();
  await repo.insertSession(db, {
    id: hashToken(token),
    person_id: personId,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + opts.days * 86_400_000).toISOString(),
    user_agent: opts.userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

/** The person behind a session cookie, or null when it is unknown, expired or the person is disabled. */
export async function principalFromSession(db: Kysely<Database>, token: string, changes?: DatabaseChanges): Promise<Principal | null> {
  const sessionId = hashToken(token);
  const load = () => loadSession(db, sessionId);
  const session = changes ? await sessionCache(changes).read(sessionId, load) : await load();
  const now = nowIso();
  if (!session || session.expiresAt <= now) return null;
  if (Date.parse(now) - Date.parse(session.lastSeenAt) > TOUCH_EVERY_MS) {
    await repo.touchSession(db, sessionId, now);
    session.lastSeenAt = now; // the cached copy too: a touch is the one change it need not be dropped for
  }
  return session.principal;
}

interface LiveSession {
  principal: Principal;
  expiresAt: string;
  lastSeenAt: string;
}

// Every signed-in request asks who the session belongs to, with their roles: two queries that
// rarely change answer, so they are kept in memory until a session ends or a person, role or
// organisation changes (in any process; see DatabaseChanges).
const sessionCache = (changes: DatabaseChanges) =>
  readCacheFor<string, LiveSession | null>(changes, 'sessions', {
    watches: [{ table: 'sessions', ops: ['delete'] }, { table: 'people', ops: ['update', 'delete'], columns: PRINCIPAL_PEOPLE_COLUMNS }, { table: 'roles' }, { table: 'organisations' }],
    maxEntries: 10_000,
    maxAgeMs: 60_000,
  });

async function loadSession(db: Kysely<Database>, sessionId: string): Promise<LiveSession | null> {
  const row = await repo.findSessionPerson(db, sessionId, nowIso());
  if (!row || row.disabled_at) return null;
  const roles = Object.freeze((await repo.findRoleGrants(db, row.id)).map((r) => Object.freeze(r)));
  const principal: Principal = Object.freeze({
    kind: 'person',
    personId: row.id,
    name: row.name,
    email: row.email,
    locale: row.locale,
    emailVerified: !!row.email_verified_at,
    roles: roles as Principal['roles'],
    auditLabel: `${row.name} <${row.email}>`,
  });
  return { principal, expiresAt: row.expires_at, lastSeenAt: row.last_seen_at };
}

/** The role an API token acts as. */
export async function principalFromApiToken(db: Kysely<Database>, token: string): Promise<Principal | null> {
  const row = await repo.findLiveApiToken(db, hashToken(token));
  if (!row) return null;
  const now = nowIso();
  if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > TOUCH_EVERY_MS) await repo.touchApiToken(db, row.id, now);
  return {
    kind: 'api_token',
    personId: null,
    name: row.name,
    email: null,
    locale: null,
    emailVerified: true,
    roles: [{ role: row.role, organisationId: row.organisation_id, organisationKind: row.kind, organisationName: row.organisation_name, organisationSlug: row.slug }],
    auditLabel: `api-token:${row.id}:${row.name}`,
  };
}

export function endSession(db: Kysely<Database>, token: string) {
  return repo.deleteSession(db, hashToken(token));
}

export function endOtherSessions(db: Kysely<Database>, personId: number, keepToken?: string) {
  return repo.deletePersonSessions(db, personId, keepToken ? hashToken(keepToken) : undefined);
}
