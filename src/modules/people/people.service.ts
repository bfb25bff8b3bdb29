import type { Kysely } from 'kysely';
import type { Database, Person } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';
import * as repo from './people.repository.ts';
import * as rolesRepo from './roles.repository.ts';
import { findRoleGrants } from '../../platform/auth/auth.repository.ts';
import type { RoleGrant } from '../../platform/auth/principal.ts';

/** A person by id, or undefined. */
export function getPersonById(db: Kysely<Database>, id: number): Promise<Person | undefined> {
  return repo.findPersonById(db, id);
}

/** Who a person is, as other modules show them (name, email, language); no credentials. */
export type PersonSummary = Pick<Person, 'id' | 'name' | 'email' | 'locale'>;

/** The people with these ids, in one query; unknown ids are left out, duplicates read once. */
export function getPeopleByIds(db: Kysely<Database>, ids: readonly number[]): Promise<PersonSummary[]> {
  return repo.findPeopleByIds(db, [...new Set(ids)]);
}

/** A person by email (case-insensitive), or undefined. */
export function getPersonByEmail(db: Kysely<Database>, email: string): Promise<Person | undefined> {
  return repo.findPersonByEmail(db, email);
}

/** Creates a person record (no roles). The email must not be taken: callers check first, the unique index guards races. */
export function createPersonRecord(
  db: Kysely<Database>,
  input: { email: string; name: string; locale?: string | null; passwordHash?: string | null; emailVerified?: boolean },
): Promise<Person> {
  const now = nowIso();
  return repo.insertPerson(db, {
    email: input.email.toLowerCase(),
    name: input.name,
    locale: input.locale ?? null,
    password_hash: input.passwordHash ?? null,
    email_verified_at: input.emailVerified ? now : null,
    created_at: now,
    updated_at: now,
  });
}

/** Sets sign-in fields (password hash, verification, last sign-in, locale). */
export function updateSignInFields(
  db: Kysely<Database>,
  id: number,
  changes: { passwordHash?: string; emailVerifiedAt?: string; lastSignInAt?: string; locale?: string | null; name?: string },
): Promise<Person | undefined> {
  return repo.updatePerson(db, id, {
    ...(changes.passwordHash !== undefined && { password_hash: changes.passwordHash }),
    ...(changes.emailVerifiedAt !== undefined && { email_verified_at: changes.emailVerifiedAt }),
    ...(changes.lastSignInAt !== undefined && { last_sign_in_at: changes.lastSignInAt }),
    ...(changes.locale !== undefined && { locale: changes.locale }),
    ...(changes.name !== undefined && { name: changes.name }),
    updated_at: nowIso(),
  });
}

/** The roles a person holds, with each organisation's name and slug (for invitation and account pages). */
export function listRoleGrantsOfPerson(db: Kysely<Database>, personId: number): Promise<RoleGrant[]> {
  return findRoleGrants(db, personId);
}

/** People in all, and how many have confirmed their email address. */
export async function countPeople(db: Kysely<Database>): Promise<{ total: number; verified: number }> {
  const row = await repo.countPeopleVerified(db);
  return { total: Number(row.total), verified: Number(row.verified) };
}

/**
 * How many different people hold a role at an organisation (someone with two roles there counts
 * once). The organisations module asks this before deleting or re-kinding an organisation.
 */
export function countPeopleAtOrganisation(db: Kysely<Database>, organisationId: number): Promise<number> {
  return rolesRepo.countPeopleAt(db, organisationId);
}
