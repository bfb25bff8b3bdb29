import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database, OrganisationKind } from '../../db/schema.ts';
import { isPostgres } from '../../db/dialect.ts';
import { GRADES } from '../organisations/organisations.schemas.ts';
import { fts5Match, tsFacetQuery, tsQuery, type FacetGroup, type SearchWords } from './search-text.ts';

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

/**
 * The equality filters that travel inside the full-text query as facet tokens (migration 0007),
 * so that words and filters meet in one index intersection rather than in a join.
 */
function facetGroups(f: DirectoryFilters): FacetGroup[] {
  const groups: FacetGroup[] = [];
  if (f.kind) groups.push(['k', [f.kind]]);
  if (f.state) groups.push(['s', [f.state]]);
  if (f.centerId !== undefined) groups.push(['c', [f.centerId]]);
  if (f.statuses?.length) groups.push(['a', f.statuses]);
  return groups;
}

/** The filters that are not facets (region, grade band), on `organisations as o`. */
function otherFilters(q: From, f: DirectoryFilters): From {
  if (f.region) q = q.where(sql`lower(o.region)`, '=', f.region.toLowerCase());
  if (f.band) {
    // Grades are stored as codes ('PK', 'K', '1'…'12'); a span overlaps [a, b] when it starts at
    // or before b and ends at or after a, which as codes is two IN lists — no mapping in SQL.
    const lo = GRADES.indexOf(f.band[0] as never);
    const hi = GRADES.indexOf(f.band[1] as never);
    q = q.where('o.grade_low', 'in', GRADES.slice(0, hi + 1)).where('o.grade_high', 'in', GRADES.slice(lo));
  }
  return q;
}
const hasOtherFilters = (f: DirectoryFilters) => Boolean(f.region || f.band);

/** Every filter as plain SQL on `organisations as o` (no words: the indexes on organisations serve). */
function filtered(db: Db, f: DirectoryFilters): From {
  let q: From = (db as Kysely<any>).selectFrom('organisations as o');
  if (f.kind) q = q.where('o.kind', '=', f.kind);
  if (f.state) q = q.where('o.state', '=', f.state);
  if (f.centerId !== undefined) q = q.where('o.center_id', '=', f.centerId);
  if (f.statuses?.length) q = q.where('o.affiliation_status', 'in', f.statuses);
  return otherFilters(q, f);
}

/**
 * Words plus filters: the full-text table `t` (one row id per match, facets included), joined to
 * `organisations as o` only when a non-facet filter or a column sort needs it.
 */
function textMatches(db: Db, words: SearchWords, f: DirectoryFilters, joinOrganisations: boolean): From {
  const facets = facetGroups(f);
  let q: From;
  if (isPostgres(db)) {
    const facetQuery = tsFacetQuery(facets);
    const query = facetQuery
      ? sql`(to_tsquery('simple', ${tsQuery(words)}) && ${facetQuery}::tsquery)`
      : sql`to_tsquery('simple', ${tsQuery(words)})`;
    q = (db as Kysely<any>).selectFrom('organisation_search as t').where(sql<boolean>`t.document @@ ${query}`);
    if (joinOrganisations) q = q.innerJoin('organisations as o', 'o.id', 't.organisation_id');
  } else {
    q = (db as Kysely<any>).selectFrom('organisations_fts as t').where(sql<boolean>`organisations_fts MATCH ${fts5Match(words, facets)}`);
    if (joinOrganisations) q = q.innerJoin('organisations as o', 'o.id', 't.rowid');
  }
  return joinOrganisations ? otherFilters(q, f) : q;
}

const textId = (db: Db) => (isPostgres(db) ? sql.ref('t.organisation_id') : sql.ref('t.rowid'));

/**
 * Relevance: a match in the name counts most, then the city, then the description. On SQLite the
 * bm25 weights say so (the facets column weighs nothing); on PostgreSQL the tsvector's A/B/C
 * weights do, ranked against the words alone (never the facets).
 */
function score(db: Db, words: SearchWords) {
  return isPostgres(db)
    ? sql<number>`-ts_rank(t.document, to_tsquery('simple', ${tsQuery(words)}))`
    : sql<number>`bm25(organisations_fts, 10.0, 4.0, 1.0, 0.0)`;
}

/** One page of public result rows, each with its center's name and slug. */
export async function searchDirectoryPage(db: Db, f: DirectoryFilters, sort: DirectorySort, page: { limit: number; offset: number }) {
  if (!f.words) {
    const q = filtered(db, f)
      .leftJoin('organisations as c', 'c.id', 'o.center_id')
      .select(PUBLIC_COLUMNS)
      .select(['c.name as center_name', 'c.slug as center_slug']);
    return (await columnOrder(q, sort).orderBy('o.id').limit(page.limit).offset(page.offset).execute()) as DirectoryRow[];
  }
  // With words, the page's ids are chosen first from the full-text index alone (plus organisations
  // only when a filter or sort needs its columns), and only those ids are joined to their rows: a
  // broad word ranks thousands of matches, and reading thousands of whole rows to keep 25 is what
  // made the worst case slow.
  const relevance = sort === 'relevance';
  let ids = textMatches(db, f.words, f, !relevance || hasOtherFilters(f)).select(textId(db).as('id'));
  if (relevance) ids = ids.select(score(db, f.words).as('score')).orderBy('score');
  else ids = columnOrder(ids.select(['o.name as k_name', 'o.city as k_city', 'o.state as k_state']), sort, 'k_');
  ids = ids.orderBy('id').limit(page.limit).offset(page.offset);
  let q = (db as Kysely<any>)
    .selectFrom(ids.as('m'))
    .innerJoin('organisations as o', 'o.id', 'm.id')
    .leftJoin('organisations as c', 'c.id', 'o.center_id')
    .select(PUBLIC_COLUMNS)
    .select(['c.name as center_name', 'c.slug as center_slug']);
  q = relevance ? q.orderBy('m.score') : columnOrder(q, sort, 'm.k_');
  return (await q.orderBy('m.id').execute()) as DirectoryRow[];
}

/** Orders by the sort's columns, named `o.name` etc. or with a prefix (`m.k_name`). */
function columnOrder<Q extends From>(q: Q, sort: DirectorySort, prefix = 'o.'): Q {
  const col = (name: string) => sql.ref(`${prefix}${name}`);
  if (sort === 'city') return q.orderBy(col('city')).orderBy(col('name')) as Q;
  if (sort === 'state') return q.orderBy(col('state')).orderBy(col('name')) as Q;
  return q.orderBy(col('name')) as Q;
}

/**
 * How many organisations match, counting no further than `cap`. An exact count of a broad search
 * over 100,000 organisations costs more than the page itself; past the cap, "more than 10,000" is
 * all anyone needs to know. With words, only the full-text index is read (facets stand for the
 * equality filters), unless a region or grade band filter needs the organisations' columns.
 */
export async function countDirectoryMatches(db: Db, f: DirectoryFilters, cap: number): Promise<number> {
  const from = f.words ? textMatches(db, f.words, f, hasOtherFilters(f)) : filtered(db, f);
  const inner = from.select(sql`1`.as('one')).limit(cap + 1);
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
