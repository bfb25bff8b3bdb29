import type { Kysely } from 'kysely';
import type { Database, NewOrganisation, Organisation, OrganisationKind } from '../../src/db/schema.ts';

let seq = 0;

/** Inserts an organisation with sensible defaults for its kind; override any column. */
export async function createOrganisation(db: Kysely<Database>, overrides: Partial<NewOrganisation> & { kind?: OrganisationKind } = {}): Promise<Organisation> {
  seq += 1;
  const kind = overrides.kind ?? 'school';
  const now = new Date().toISOString();
  const name = overrides.name ?? `${kind === 'school' ? 'Test School' : kind === 'affiliate_center' ? 'Test Center' : 'Test Organisation'} ${process.pid}-${seq}`;
  return db
    .insertInto('organisations')
    .values({
      slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      name,
      kind,
      city: 'Oakland',
      state: 'CA',
      region: 'West',
      email: `office${seq}@example.org`,
      phone: '510-555-0100',
      ...(kind === 'school' && { grade_low: '9', grade_high: '12', enrolment: 400 }),
      created_at: now,
      updated_at: now,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
