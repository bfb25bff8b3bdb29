import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database, OrganisationKind } from '../../db/schema.ts';
import { isPostgres } from '../../db/dialect.ts';
import { GRADES } from '../organisations/organisations.schemas.ts';
import { fts5Query, tsQuery, type SearchWords } from './search-text.ts';

type Db = Kysely<Database>;

export interface DirectoryFilters {
  words?: SearchWords;
  kind?: OrganisationKind;
  state?: string;
  centerId?: number;
  region?: string;
  /** Inclusive grade band, as grade codes ('K', '5'). */
  band?: readonly [string, string];
  /** Affiliation status values to accept. */
  statuses?: readonly string[];
}

export type DirectorySort = 'relevance' | 'name' | 'city' | 'state';

// Only public columns are ever selected here: the search cannot leak what it never reads.
const PUBLIC_COLUMNS = [
  'o.id',
  'o.slug',
  'o.name',
  'o.kind',
  'o.city',
  'o.state',
  'o.region',
  'o.grade_low',
  'o.grade_high',
  'o.latitude',
  'o.longitude',
  'o.affiliation_status',
  'o.center_id',
] as const;

type From = SelectQueryBuilder<any, any, object>;

/** Full-text match (when there are words) and every filter, on `organisations as o`. */
function matching(db: Db, f: DirectoryFilters): From {
  let q: From;
  if (f.words && isPostgres(db)) {
    q = (db as Kysely<any>)
      .selectFrom('organisation_search as s')
      .innerJoin('organisations as o', 'o.id', 's.organisation_id')
      .where(sql<boolean>`s.document @@ to_tsquery('simple', ${tsQuery(f.words)})`);
  } else if (f.words) {
    q = (db as Kysely<any>)
      .selectFrom('organisations_fts')
      .innerJoin('organisations as o', 'o.id', 'organisations_fts.rowid')
      .where(sql<boolean>`organisations_fts MATCH ${fts5Query(f.words)}`);
  } else {
    q = (db as Kysely<any>).selectFrom('organisations as o');
  }
  if (f.kind) q = q.where('o.kind', '=', f.kind);
  if (f.state) q = q.where('o.state', '=', f.state);
  if (f.centerId !== undefined) q = q.where('o.center_id', '=', f.centerId);
  if (f.region) q = q.where(sql`lower(o.region)`, '=', f.region.toLowerCase());
  if (f.band) {
    // Grades are stored as codes ('PK', 'K', '1'…'12'); a span overlaps [a, b] when it starts at
    // or before b and ends at or after a, which as codes is two IN lists — no mapping in SQL.
    const lo = GRADES.indexOf(f.band[0] as never);
    const hi = GRADES.indexOf(f.band[1] as never);
    q = q.where('o.grade_low', 'in', GRADES.slice(0, hi + 1)).where('o.grade_high', 'in', GRADES.slice(lo));
  }
  if (f.statuses?.length) q = q.where('o.affiliation_status', 'in', f.statuses);
  return q;
}

/** One page of public result rows, each with its center's name and slug. */
export async function searchDirectoryPage(db: Db, f: DirectoryFilters, sort: DirectorySort, page: { limit: number; offset: number }) {
  let q = matching(db, f)
    .leftJoin('organisations as c', 'c.id', 'o.center_id')
    .select(PUBLIC_COLUMNS)
    .select(['c.name as center_name', 'c.slug as center_slug']);
  if (sort === 'relevance' && f.words) {
    q = isPostgres(db)
      ? q.orderBy(sql`ts_rank(s.document, to_tsquery('simple', ${tsQuery(f.words)}))`, 'desc')
      : // bm25 weights: a word in the name counts most, then the city, then the description.
        q.orderBy(sql`bm25(organisations_fts, 10.0, 4.0, 1.0)`);
  } else if (sort === 'city') {
    q = q.orderBy('o.city').orderBy('o.name');
  } else if (sort === 'state') {
    q = q.orderBy('o.state').orderBy('o.name');
  } else {
    q = q.orderBy('o.name');
  }
  const rows = await q.orderBy('o.id').limit(page.limit).offset(page.offset).execute();
  return rows as DirectoryRow[];
}

/**
 * How many organisations match, counting no further than `cap`. An exact count of a broad search
 * over 100,000 organisations costs more than the page itself; past the cap, "more than 10,000" is
 * all anyone needs to know.
 */
export async function countDirectoryMatches(db: Db, f: DirectoryFilters, cap: number): Promise<number> {
  const inner = matching(db, f).select(sql`1`.as('one')).limit(cap + 1);
  const row = await (db as Kysely<any>).selectFrom(inner.as('m')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Affiliate centers, for the center filter (a network has tens of them). */
export function findCenterOptions(db: Db) {
  return db.selectFrom('organisations').select(['id', 'name', 'slug', 'region']).where('kind', '=', 'affiliate_center').orderBy('name').execute();
}

export interface DirectoryRow {
  id: number;
  slug: string;
  name: string;
  kind: OrganisationKind;
  city: string | null;
  state: string | null;
  region: string | null;
  grade_low: string | null;
  grade_high: string | null;
  latitude: number | null;
  longitude: number | null;
  affiliation_status: string | null;
  center_id: number | null;
  center_name: string | null;
  center_slug: string | null;
}
