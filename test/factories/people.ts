import type { Kysely } from 'kysely';
import type { Database, Person, RoleKind } from '../../src/db/schema.ts';
import { hashPassword } from '../../src/platform/auth/passwords.ts';
import { startSession } from '../../src/platform/auth/sessions.ts';
import { SESSION_COOKIE } from '../../src/platform/http/request-context.plugin.ts';
import type { TestClient } from '../helpers/client.ts';

let seq = 0;
export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

/**
 * Inserts a verified person (password TEST_PASSWORD) with the given roles, each at an organisation id.
 */
export async function createPerson(
  db: Kysely<Database>,
  opts: { email?: string; name?: string; verified?: boolean; locale?: string; roles?: [RoleKind, number][] } = {},
): Promise<Person> {
  seq += 1;
  const now = new Date().toISOString();
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const person = await db
    .insertInto('people')
    .values({
      email: opts.email ?? `person-${process.pid}-${seq}@example.org`,
      name: opts.name ?? `Test Person ${seq}`,
      locale: opts.locale ?? null,
      password_hash: await passwordHash,
      email_verified_at: opts.verified === false ? null : now,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (const [role, organisationId] of opts.roles ?? []) {
    await db.insertInto('roles').values({ person_id: person.id, organisation_id: organisationId, role, created_at: now }).execute();
  }
  return person;
}

/** Signs a client in as a person directly (no form), for tests about what comes after sign-in. */
export async function signIn(db: Kysely<Database>, client: TestClient, personId: number): Promise<void> {
  const token = await startSession(db, personId, { days: 1 });
  client.cookies.set(SESSION_COOKIE, token);
}
