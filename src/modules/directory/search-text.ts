// Turns whatever a visitor typed into a query each full-text engine accepts. Both FTS5 and
// tsquery have their own syntax (quotes, AND/OR/NOT/NEAR, -, *, :, &, |, parentheses); rather than
// escaping every operator of two languages, we keep only words (letters, digits and combining
// marks) and write the query ourselves, so no input can reach the engine as syntax.
//
// Filters travel in the same query as "facet" tokens (see migration 0007): each facet group is a
// list of alternatives, and every group is required.

const MAX_WORDS = 8;
const MAX_WORD_LENGTH = 40;

export interface SearchWords {
  words: string[];
  /** Whether the last word is matched as a prefix (the visitor may still be typing it). */
  prefix: boolean;
}

/** A filter expressed as facet tokens: [facet letter, accepted values]; see `facetGroups`. */
export type FacetGroup = readonly [facet: 'k' | 's' | 'c' | 'a', values: readonly (string | number)[]];

/** The words of a search, or undefined when nothing searchable is left. */
export function searchWords(text: string | undefined): SearchWords | undefined {
  if (!text) return undefined;
  const words = (text.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [])
    .map((w) => w.slice(0, MAX_WORD_LENGTH))
    .slice(0, MAX_WORDS);
  if (words.length === 0) return undefined;
  // A one-letter prefix matches a large share of every term; it is treated as a whole word.
  return { words, prefix: words.at(-1)!.length >= 2 };
}

/** Each word on its own (the last keeping its prefix flag), to count their matches one by one. */
export function eachWord({ words, prefix }: SearchWords): SearchWords[] {
  return words.map((w, i) => ({ words: [w], prefix: prefix && i === words.length - 1 }));
}

/** The words for which `keep` is true, or undefined when none is left. */
export function someWords({ words, prefix }: SearchWords, keep: readonly boolean[]): SearchWords | undefined {
  const kept = words.filter((_, i) => keep[i]);
  if (kept.length === 0) return undefined;
  return { words: kept, prefix: prefix && keep[words.length - 1] === true };
}

/** FTS5 words only: each a quoted string (so NEAR, AND, OR and NOT are just words), all required. */
export function fts5Query({ words, prefix }: SearchWords): string {
  return words.map((w, i) => `"${w}"${prefix && i === words.length - 1 ? '*' : ''}`).join(' ');
}

// Facet values come from validated filters (enums, state codes, integer ids); they are still cut
// down to letters and digits, so a facet can never carry syntax either.
const facetValue = (v: string | number) => String(v).toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * FTS5: the words confined to the text columns, and each facet group confined to the facets
 * column (migration 0007 spells facet tokens as letter + value, underscores dropped: `kschool`, `sca`).
 */
export function fts5Match(words: SearchWords, facets: readonly FacetGroup[]): string {
  const parts = [`{name city description} : (${fts5Query(words)})`];
  for (const [facet, values] of facets) parts.push(`{facets} : (${values.map((v) => `"${facet}${facetValue(v)}"`).join(' OR ')})`);
  return parts.join(' AND ');
}

/** tsquery: each word a quoted lexeme joined by &, the last one with :* when a prefix. */
export function tsQuery({ words, prefix }: SearchWords): string {
  return words.map((w, i) => `'${w}'${prefix && i === words.length - 1 ? ':*' : ''}`).join(' & ');
}

/**
 * tsquery text for the facet groups, to be cast to tsquery as is (not parsed into words): the
 * lexemes are `~k=school`, `~s=ca`, `~c=12`, `~a=current` (migration 0007). Undefined when none.
 */
export function tsFacetQuery(facets: readonly FacetGroup[]): string | undefined {
  if (facets.length === 0) return undefined;
  return facets.map(([facet, values]) => `(${values.map((v) => `'~${facet}=${String(v).toLowerCase().replace(/[^a-z0-9_]/g, '')}'`).join(' | ')})`).join(' & ');
}
