import type { Kysely } from 'kysely';
import type { Database, Organisation, Person, RoleKind } from '../../src/db/schema.ts';
import { hashToken, newToken } from '../../src/platform/auth/tokens.ts';
import { createOrganisation } from './organisations.ts';
import { createPerson } from './people.ts';

/**
 * A small network for authorisation tests: a national office with an admin, an affiliate center C
 * with a director and a coach, school A (in C) and school B (in no center) each with a leader and
 * a staff member, and a partner with its staff.
 */
export interface PeopleNetwork {
  office: Organisation;
  center: Organisation;
  schoolA: Organisation;
  schoolB: Organisation;
  partner: Organisation;
  admin: Person;
  directorC: Person;
  coachC: Person;
  leaderA: Person;
  staffA: Person;
  leaderB: Person;
  staffB: Person;
  partnerStaff: Person;
}

export async function createPeopleNetwork(db: Kysely<Database>): Promise<PeopleNetwork> {
  const office = await createOrganisation(db, { kind: 'national_office' });
  const center = await createOrganisation(db, { kind: 'affiliate_center' });
  const schoolA = await createOrganisation(db, { kind: 'school', center_id: center.id });
  const schoolB = await createOrganisation(db, { kind: 'school' });
  const partner = await createOrganisation(db, { kind: 'partner' });
  const person = (name: string, role: RoleKind, org: Organisation) => createPerson(db, { name, roles: [[role, org.id]] });
  return {
    office,
    center,
    schoolA,
    schoolB,
    partner,
    admin: await person('Ada Admin', 'network_admin', office),
    directorC: await person('Dina Director', 'center_director', center),
    coachC: await person('Carl Coach', 'center_coach', center),
    leaderA: await person('Lena Leader', 'school_leader', schoolA),
    staffA: await person('Sam Staff', 'school_staff', schoolA),
    leaderB: await person('Luis Leader', 'school_leader', schoolB),
    staffB: await person('Sara Staff', 'school_staff', schoolB),
    partnerStaff: await person('Pat Partner', 'partner_staff', partner),
  };
}

/** Inserts a live API token acting as `role` at an organisation; returns the secret for the Bearer header. */
export async function insertApiToken(db: Kysely<Database>, role: RoleKind, organisationId: number, name = `test ${role}`): Promise<string> {
  const token = newToken();
  await db
    .insertInto('api_tokens')
    .values({ name, token_hash: hashToken(token), role, organisation_id: organisationId, created_by: null, created_at: new Date().toISOString() })
    .execute();
  return token;
}
