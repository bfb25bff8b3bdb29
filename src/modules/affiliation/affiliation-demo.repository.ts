import type { Kysely } from 'kysely';
import type { Database, OrganisationKind } from '../../db/schema.ts';

// Read-only look-ups for the demo seed: which organisations and people the demo network holds.

export const findOrganisationsOfKind = (db: Kysely<Database>, kinds: OrganisationKind[]) =>
  db.selectFrom('organisations').select(['id', 'slug', 'name', 'kind', 'center_id', 'enrolment']).where('kind', 'in', kinds).orderBy('id').execute();

export const findHoldersWithAffiliation = (db: Kysely<Database>) => db.selectFrom('affiliations').select(['organisation_id', 'person_id']).execute();

/** People holding a role of this kind (demo individual members are drawn from the coaches). */
export const findPeopleWithRole = (db: Kysely<Database>, role: 'center_coach') =>
  db.selectFrom('people').innerJoin('roles', 'roles.person_id', 'people.id').select(['people.id', 'people.name', 'people.email']).where('roles.role', '=', role).orderBy('people.id').distinct().execute();
