import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Database, OrganisationKind, OrganisationTable } from '../../db/schema.ts';
import { ilike, isPostgres, likePattern } from '../../db/dialect.ts';

type Db = Kysely<Database>;

export function findOrganisationById(db: Db, id: number) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The organisations with these ids (unknown ids are skipped), in one query. */
export function findOrganisationsByIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organisations').selectAll().where('id', 'in', ids).execute();
}

export function findOrganisationBySlug(db: Db, slug: string) {
  return db.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/**
 * Reads an organisation inside a transaction and, on PostgreSQL, locks its row until commit: a
 * concurrent role grant or a school joining this center (both take a key-share lock on it through
 * their foreign key) waits, so "it has no people or schools" stays true until the delete commits.
 * SQLite runs one write transaction at a time, so it needs no lock.
 */
export function lockOrganisation(db: Db, id: number) {
  const q = db.selectFrom('organisations').selectAll().where('id', '=', id);
  return (isPostgres(db) ? q.forUpdate() : q).executeTakeFirst();
}

/** A center (or any organisation) read for a reference check, held against deletion on PostgreSQL. */
export function findOrganisationForReference(db: Db, id: number) {
  const q = db.selectFrom('organisations').select(['id', 'kind']).where('id', '=', id);
  return (isPostgres(db) ? q.forKeyShare() : q).executeTakeFirst();
}

/** Inserts an organisation and returns the stored row. */
export function insertOrganisation(db: Db, row: Insertable<OrganisationTable>) {
  return db.insertInto('organisations').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Sets columns on one organisation and returns the stored row. */
export function updateOrganisationRow(db: Db, id: number, changes: Updateable<OrganisationTable>) {
  return db.updateTable('organisations').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Deletes one organisation (its roles and API tokens go with it through their foreign keys). */
export function deleteOrganisationRow(db: Db, id: number) {
  return db.deleteFrom('organisations').where('id', '=', id).executeTakeFirst();
}

/** Slugs equal to `base` or of the form `base-<anything>` (slugs hold no LIKE wildcards). */
export async function findSlugsLike(db: Db, base: string): Promise<string[]> {
  const rows = await db
    .selectFrom('organisations')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute();
  return rows.map((r) => r.slug);
}

/** The organisation (other than `exceptId`) holding a value in a unique column, if any. */
export function findHolderOf(db: Db, column: 'slug' | 'nces_id', value: string, exceptId?: number) {
  let q = db.selectFrom('organisations').select(['id', 'name', 'slug']).where(column, '=', value);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

/** How many organisations name this one as their center. */
export async function countCenterMembers(db: Db, centerId: number): Promise<number> {
  const row = await db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).where('center_id', '=', centerId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface OrganisationFilters {
  q?: string;
  kind?: OrganisationKind;
  state?: string;
  centerId?: number;
  region?: string;
}

function filtered(db: Db, f: OrganisationFilters) {
  let q = db.selectFrom('organisations');
  if (f.q) {
    // ESCAPE is spelled out because SQLite's LIKE has no default escape character.
    const pattern = likePattern(f.q);
    const op = sql.raw(ilike(db));
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`${sql.ref('organisations.name')} ${op} ${pattern} escape '\\'`,
        sql<boolean>`${sql.ref('organisations.city')} ${op} ${pattern} escape '\\'`,
      ]),
    );
  }
  if (f.kind) q = q.where('organisations.kind', '=', f.kind);
  if (f.state) q = q.where('organisations.state', '=', f.state);
  if (f.centerId !== undefined) q = q.where('organisations.center_id', '=', f.centerId);
  if (f.region) q = q.where(sql`lower(${sql.ref('organisations.region')})`, '=', f.region.toLowerCase());
  return q;
}

/** One page of organisations matching the filters, by name, each with its center's name and slug. */
export function findOrganisationsPage(db: Db, f: OrganisationFilters, page: { limit: number; offset: number }) {
  return filtered(db, f)
    .leftJoin('organisations as center', 'center.id', 'organisations.center_id')
    .selectAll('organisations')
    .select(['center.name as center_name', 'center.slug as center_slug'])
    .orderBy('organisations.name')
    .orderBy('organisations.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** How many organisations match the filters. */
export async function countOrganisations(db: Db, f: OrganisationFilters): Promise<number> {
  const row = await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every affiliate center, for pickers and filters (a network has tens, not thousands). */
export function findCenters(db: Db) {
  return db.selectFrom('organisations').select(['id', 'name', 'slug']).where('kind', '=', 'affiliate_center').orderBy('name').execute();
}

/** The national offices and affiliate centers (who may organise events): national office first, then by name. */
export async function findSchoolIdsOfCenters(db: Db, centerIds: number[]): Promise<number[]> {
  if (centerIds.length === 0) return [];
  const rows = await db.selectFrom('organisations').select('id').where('kind', '=', 'school').where('center_id', 'in', centerIds).execute();
  return rows.map((r) => r.id);
}

export function findEventOrganisers(db: Db) {
  return (
    db
      .selectFrom('organisations')
      .select(['id', 'name', 'slug', 'kind', 'center_id'])
      .where('kind', 'in', ['national_office', 'affiliate_center'])
      // 'national_office' sorts after 'affiliate_center', so descending puts the national office first.
      .orderBy('kind', 'desc')
      .orderBy('name')
      .execute()
  );
}

export type OrganisationListRow = Awaited<ReturnType<typeof findOrganisationsPage>>[number];

/** How many organisations of each kind the network has. */
export function countOrganisationsByKind(db: Db) {
  return db.selectFrom('organisations').select(['kind', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('kind').execute();
}

/** Stores the affiliation status the directory shows and filters by. */
export function setAffiliationStatusColumn(db: Db, id: number, status: string | null) {
  return db.updateTable('organisations').set({ affiliation_status: status }).where('id', '=', id).execute();
}
