import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database, OrganisationKind } from '../../db/schema.ts';
import { isPostgres } from '../../db/dialect.ts';
import { GRADES } from '../organisations/organisations.schemas.ts';
import { eachWord, fts5Match, tsFacetQuery, tsQuery, type FacetGroup, type SearchWords } from './search-text.ts';

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
 * The equality filters travel inside the full-text query as facet tokens (migration 0007), so
 * that words and filters meet in one index intersection instead of a join over every match.
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

/** The full-text query for words plus facets, as SQL on the dialect's text table `t`. */
function textCondition(db: Db, words: SearchWords, facets: readonly FacetGroup[]) {
  if (!isPostgres(db)) return sql<boolean>`t.organisations_fts MATCH ${fts5Match(words, facets)}`;
  const facetQuery = tsFacetQuery(facets);
  const query = facetQuery ? sql`(to_tsquery('simple', ${tsQuery(words)}) && ${facetQuery}::tsquery)` : sql`to_tsquery('simple', ${tsQuery(words)})`;
  return sql<boolean>`t.document @@ ${query}`;
}

const textTable = (db: Db) => (isPostgres(db) ? 'organisation_search as t' : 'organisations_fts as t');
const textId = (db: Db) => (isPostgres(db) ? sql.ref('t.organisation_id') : sql.ref('t.rowid'));

/**
 * Words plus filters: the ids of the matching rows of the full-text table `t` (facets stand for
 * kind, state, center and status), joined to `organisations as o` only for a region or grade band.
 */
function textMatches(db: Db, words: SearchWords, f: DirectoryFilters): From {
  let q: From = (db as Kysely<any>).selectFrom(textTable(db)).where(textCondition(db, words, facetGroups(f)));
  if (hasOtherFilters(f)) q = otherFilters(q.innerJoin('organisations as o', 'o.id', isPostgres(db) ? 't.organisation_id' : 't.rowid'), f);
  return q;
}

export interface SearchCounts {
  /** Matches of the whole search (words as finally read, and filters), up to countCap + 1. */
  total: number;
  /** For each word on its own, whether it matches more than rankCap organisations. */
  common: boolean[];
  /** Whether the last word, asked as a prefix, is taken as a whole word (see searchCounts). */
  lastComplete: boolean;
}

/** `(SELECT count(*) FROM (… LIMIT cap + 1))`: a count that stops at cap + 1. */
function cappedCount(db: Db, from: From, cap: number) {
  return sql<number>`(SELECT count(*) FROM (${from.select(sql`1`.as('one')).limit(cap + 1)}) AS h)`;
}

/**
 * Everything the search decides before fetching a page, in one statement (one round trip, one
 * plan): for each word on its own, whether it matches more than `rankCap` organisations
 * ("common"); whether the last word, when it is to be matched as a prefix, already matches more
 * than `rankCap` as a whole word ("complete": a prefix of a common word makes the engine merge the
 * posting lists of every word it begins — 98,000 rows for "school" — on every query); and the
 * count of the whole search, with the last word read accordingly. Every count stops at its cap,
 * and CASE keeps the branch not taken from running.
 */
export async function searchCounts(db: Db, f: DirectoryFilters & { words: SearchWords }, countCap: number, rankCap: number): Promise<SearchCounts> {
  const words = f.words;
  const each = eachWord(words);
  const alone = (w: SearchWords) => cappedCount(db, (db as Kysely<any>).selectFrom(textTable(db)).where(textCondition(db, w, [])), rankCap);
  const whole = words.prefix ? alone({ ...each.at(-1)!, prefix: false }) : sql<number>`0`;
  const columns = each.map((w, i) => {
    if (!w.prefix) return alone(w).as(`w${i}`);
    return sql<number>`CASE WHEN ${whole} > ${rankCap} THEN -1 ELSE ${alone(w)} END`.as(`w${i}`);
  });
  const total = words.prefix
    ? sql<number>`CASE WHEN ${whole} > ${rankCap} THEN ${cappedCount(db, textMatches(db, { ...words, prefix: false }, f), countCap)} ELSE ${cappedCount(db, textMatches(db, words, f), countCap)} END`
    : cappedCount(db, textMatches(db, words, f), countCap);
  const row = (await (db as Kysely<any>).selectNoFrom([...columns, total.as('total')]).executeTakeFirstOrThrow()) as Record<string, unknown>;
  const n = each.map((_, i) => Number(row[`w${i}`]));
  return { total: Number(row.total), common: n.map((x) => x < 0 || x > rankCap), lastComplete: n.at(-1) === -1 };
}

/**
 * The ids of one page of matches by relevance: a match in the name counts most, then the city,
 * then the description, ranked on the words alone (never the facets).
 *
 * SQLite: bm25 first counts, for every phrase of its query, how many rows contain it — reading the
 * whole doclist of a facet such as "kind = school" (98,000 rows) on every search. So the words are
 * ranked by a second FTS cursor that carries the words only, and the facet query just decides
 * membership (`+rowid IN (…)`; the `+` keeps SQLite from turning the list into one FTS lookup per
 * id). PostgreSQL's ts_rank needs no such statistics: it ranks the candidates the GIN index found.
 */
function relevanceIds(db: Db, words: SearchWords, rankWords: SearchWords, f: DirectoryFilters): From {
  if (isPostgres(db)) {
    return textMatches(db, words, f)
      .select(textId(db).as('id'))
      .select(sql<number>`-ts_rank(t.document, to_tsquery('simple', ${tsQuery(rankWords)}))`.as('score'));
  }
  let q = (db as Kysely<any>)
    .selectFrom('organisations_fts as w')
    .where(sql<boolean>`w.organisations_fts MATCH ${fts5Match(rankWords, [])}`)
    .select(sql.ref('w.rowid').as('id'))
    // bm25 weights per column: name, city, description, facets (which weigh nothing).
    .select(sql<number>`bm25(w.organisations_fts, 10.0, 4.0, 1.0, 0.0)`.as('score'));
  if (facetGroups(f).length > 0 || hasOtherFilters(f) || rankWords.words.length < words.words.length) {
    q = q.where(sql<boolean>`+w.rowid IN (${textMatches(db, words, f).select(textId(db).as('id'))})`);
  }
  return q;
}

/**
 * Merges the full-text index into one segment. A bulk load (100,000 rows in one import) leaves it
 * in many segments, and every search then merges them as it reads: measured 2–5× slower. SQLite
 * only; call after a large import. Live edits are merged in the background by FTS5 itself.
 */
export async function optimizeSearchIndex(db: Db): Promise<void> {
  if (!isPostgres(db)) await sql`INSERT INTO organisations_fts (organisations_fts) VALUES ('optimize')`.execute(db);
}

/**
 * One page of public result rows, each with its center's name and slug. By relevance, the ranking
 * uses `rankWords` (default: all the words); every word still has to match.
 */
export async function searchDirectoryPage(db: Db, f: DirectoryFilters, sort: DirectorySort, page: { limit: number; offset: number }, rankWords = f.words) {
  if (sort === 'relevance' && f.words && rankWords) {
    // The page's ids are ranked from the full-text index alone, and only those 25 ids are joined to
    // their rows: reading every match's whole row to keep 25 is what made broad words slow.
    const ids = relevanceIds(db, f.words, rankWords, f).orderBy('score').orderBy('id').limit(page.limit).offset(page.offset);
    const rows = await (db as Kysely<any>)
      .selectFrom(ids.as('m'))
      .innerJoin('organisations as o', 'o.id', 'm.id')
      .leftJoin('organisations as c', 'c.id', 'o.center_id')
      .select(PUBLIC_COLUMNS)
      .select(['c.name as center_name', 'c.slug as center_slug'])
      .orderBy('m.score')
      .orderBy('m.id')
      .execute();
    return rows as DirectoryRow[];
  }
  // By a column: the filters as SQL, so the (kind, state, name) or (name, id) index can give the
  // order and the walk stop after one page; the words only decide membership.
  let q = filtered(db, f);
  if (f.words) {
    const ids = (db as Kysely<any>).selectFrom(textTable(db)).where(textCondition(db, f.words, facetGroups(f))).select(textId(db).as('id'));
    q = q.where('o.id', 'in', ids);
  }
  const rows = await columnOrder(
    q
      .leftJoin('organisations as c', 'c.id', 'o.center_id')
      .select(PUBLIC_COLUMNS)
      .select(['c.name as center_name', 'c.slug as center_slug']),
    sort,
  )
    .orderBy('o.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows as DirectoryRow[];
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
  const from = f.words ? textMatches(db, f.words, f) : filtered(db, f);
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
