import type { Kysely } from 'kysely';
import type { Database, Organisation } from '../../db/schema.ts';
import { bool, isPostgres } from '../../db/dialect.ts';
import { getOrganisationById, getOrganisationBySlug } from '../organisations/organisations.service.ts';
import * as repo from './directory-search.repository.ts';
import { GRADE_BANDS, PAGE_SIZE, type DirectoryItem, type DirectoryProfile, type DirectoryQuery } from './directory.schemas.ts';
import { searchWords, someWords, type SearchWords } from './search-text.ts';

type Db = Kysely<Database>;

/** Counting stops here (see countDirectoryMatches). */
export const COUNT_CAP = 10_000;

/**
 * Relevance ranking is bounded. A search matching more organisations than this is listed by name
 * (ranking means scoring every match: the worst case took 120–220 ms). On SQLite, a word matching
 * more than this on its own is "common": it must still match, but takes no part in the ranking,
 * and when every word is common the results are listed by name. Such words — "school",
 * "community", a prefix like "hi" — appear in most descriptions and say little about relevance:
 * bm25 weighs a word found in half the rows at nearly nothing, and one in 5 % of them at a third
 * of a rare namesake's weight. Words that name something (a namesake, a city) decide the order.
 */
export const RANK_CAP = 5_000;

/** What "member" means in the directory: an affiliation that is current or in its grace period. */
const STATUS_SETS: Record<string, readonly string[]> = { member: ['current', 'grace'] };

export interface DirectoryResult {
  items: DirectoryItem[];
  total: number;
  totalCapped: boolean;
  page: number;
  perPage: number;
  /** The sort applied (relevance only when there were words to rank by). */
  sort: repo.DirectorySort;
}

/**
 * Map markers are placed to two decimal places (about a kilometre): the directory shows a
 * school's city, not its street address, which stays private.
 */
export const roundCoordinate = (v: number | null): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100);

/** One page of the public directory for a query, with a (capped) count of matches. */
export async function searchDirectory(db: Db, query: DirectoryQuery): Promise<DirectoryResult> {
  const words = searchWords(query.q);
  const filters: repo.DirectoryFilters = {
    words,
    kind: query.kind,
    state: query.state,
    centerId: query.center,
    region: query.region,
    band: query.grades ? GRADE_BANDS[query.grades] : undefined,
    statuses: query.status ? (STATUS_SETS[query.status] ?? [query.status]) : undefined,
  };
  let sort: repo.DirectorySort = query.sort && (query.sort !== 'relevance' || words) ? query.sort : words ? 'relevance' : 'name';
  const page = { limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE };
  if (isPostgres(db)) {
    // PostgreSQL: the page (as asked) and the count run at once on two connections; the page is
    // fetched again by name only when the count shows too many matches to rank (see RANK_CAP).
    const [first, counted] = await Promise.all([repo.searchDirectoryPage(db, filters, sort, page), repo.countDirectoryMatches(db, filters, COUNT_CAP)]);
    let rows = first;
    if (sort === 'relevance' && counted > RANK_CAP) {
      sort = 'name';
      rows = await repo.searchDirectoryPage(db, filters, sort, page);
    }
    return result(rows, counted, query, sort);
  }
  let counted: number;
  let rankWords = filters.words;
  if (filters.words) {
    // SQLite: which words are common (see RANK_CAP), and whether the last one is already a common
    // whole word, in which case it is read as typed in full rather than as a prefix ("school" does
    // not also look for "schoolhouse"): FTS5 answers a prefix of a common word by merging the
    // posting lists of every word it begins, and bm25 reads a common word's whole list to weigh
    // it, on every query. PostgreSQL has neither cost (ts_rank needs no statistics, and the GIN
    // index answers a prefix as a bitmap), and counting each word there costs more than it saves.
    const counts = await repo.searchCounts(db, { ...filters, words: filters.words }, COUNT_CAP, RANK_CAP);
    if (counts.lastComplete) filters.words = { ...filters.words, prefix: false };
    counted = counts.total;
    rankWords = someWords(filters.words, counts.common.map((c) => !c));
  } else {
    counted = await repo.countDirectoryMatches(db, filters, COUNT_CAP);
  }
  // Ranking scores every match; past RANK_CAP matches (or with only common words) the results are
  // listed by name, and the page says so (its sort control shows "name").
  if (sort === 'relevance' && (!rankWords || counted > RANK_CAP)) sort = 'name';
  const rows = counted === 0 ? [] : await repo.searchDirectoryPage(db, filters, sort, page, rankWords);
  return result(rows, counted, query, sort);
}

function result(rows: repo.DirectoryRow[], counted: number, query: DirectoryQuery, sort: repo.DirectorySort): DirectoryResult {
  return { items: rows.map(toDirectoryItem), total: Math.min(counted, COUNT_CAP), totalCapped: counted > COUNT_CAP, page: query.page, perPage: PAGE_SIZE, sort };
}

function toDirectoryItem(r: repo.DirectoryRow): DirectoryItem {
  return {
    slug: r.slug,
    name: r.name,
    kind: r.kind,
    city: r.city,
    state: r.state,
    region: r.region,
    grade_low: r.grade_low,
    grade_high: r.grade_high,
    center: r.center_slug && r.center_name ? { slug: r.center_slug, name: r.center_name } : null,
    affiliation_status: r.affiliation_status,
    latitude: roundCoordinate(r.latitude),
    longitude: roundCoordinate(r.longitude),
  };
}

/** Enrolment bands shown instead of the number (which the school keeps private). */
const ENROLMENT_BANDS: [number, number | null][] = [
  [0, 199],
  [200, 499],
  [500, 999],
  [1000, 1999],
  [2000, null],
];

/** "200-499", "2000+", or null when no enrolment is recorded. */
export function enrolmentBand(enrolment: number | null): string | null {
  if (enrolment === null || enrolment === undefined || enrolment < 0) return null;
  const [low, high] = ENROLMENT_BANDS.find(([lo, hi]) => enrolment >= lo && (hi === null || enrolment <= hi))!;
  return high === null ? `${low}+` : `${low}-${high}`;
}

/** "1,3,7" → [1, 3, 7]: the Common Principles (1–10) a school focuses on, ignoring anything else. */
export function principlesOf(focus: string | null): number[] {
  if (!focus) return [];
  const numbers = focus.split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n >= 1 && n <= 10);
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/** The public profile of an organisation by slug, or undefined. */
export async function getDirectoryProfile(db: Db, slug: string): Promise<DirectoryProfile | undefined> {
  const o = await getOrganisationBySlug(db, slug);
  if (!o) return undefined;
  const center = o.center_id === null ? undefined : await getOrganisationById(db, o.center_id);
  return toDirectoryProfile(o, center);
}

/** Public fields only; contacts only when the organisation chose to publish them. */
export function toDirectoryProfile(o: Organisation, center: Organisation | undefined): DirectoryProfile {
  return {
    slug: o.slug,
    name: o.name,
    kind: o.kind,
    city: o.city,
    state: o.state,
    region: o.region,
    grade_low: o.grade_low,
    grade_high: o.grade_high,
    center: center ? { slug: center.slug, name: center.name } : null,
    affiliation_status: o.affiliation_status,
    latitude: roundCoordinate(o.latitude),
    longitude: roundCoordinate(o.longitude),
    description: o.description,
    website: o.website,
    ...(bool(o.contact_public) && { email: o.email, phone: o.phone }),
    enrolment_band: o.kind === 'school' ? enrolmentBand(o.enrolment) : null,
    principles_focus: principlesOf(o.principles_focus),
  };
}

/** The centers offered in the directory's center filter. */
export function listCenterOptions(db: Db) {
  return repo.findCenterOptions(db);
}
