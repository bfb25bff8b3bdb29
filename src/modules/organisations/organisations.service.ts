import type { Kysely } from 'kysely';
import type { Database, Organisation } from '../../db/schema.ts';
import type { OrganisationRef } from '../../platform/auth/policy.ts';
import * as repo from './organisations.repository.ts';

/** What the policy layer needs to know about an organisation. */
export const organisationRef = (o: Organisation): OrganisationRef => ({ id: o.id, kind: o.kind, centerId: o.center_id });

export function getOrganisationById(db: Kysely<Database>, id: number): Promise<Organisation | undefined> {
  return repo.findOrganisationById(db, id);
}

export function getOrganisationBySlug(db: Kysely<Database>, slug: string): Promise<Organisation | undefined> {
  return repo.findOrganisationBySlug(db, slug);
}
