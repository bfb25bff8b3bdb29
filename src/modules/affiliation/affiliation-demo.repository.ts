import type { Kysely } from 'kysely';
import type { Database, OrganisationKind } from '../../db/schema.ts';

// Read-only look-ups for the demo seed: which organisations the demo network holds, and which already have an affiliation.

export const findOrganisationsOfKind = (db: Kysely<Database>, kinds: OrganisationKind[]) =>
  db.selectFrom('organisations').select(['id', 'slug', 'name', 'kind', 'center_id', 'enrolment']).where('kind', 'in', kinds).orderBy('id').execute();

export const findHoldersWithAffiliation = (db: Kysely<Database>) => db.selectFrom('affiliations').select(['organisation_id', 'person_id']).execute();
