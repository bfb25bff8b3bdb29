import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database } from '../../db/schema.ts';
import { changesOf } from '../../db/connection.ts';
import { readCacheFor } from '../../platform/cache/read-cache.ts';
import { eventsTaggedWith, sessionsTaggedWith, type TaggedSession } from '../events/tagged.service.ts';
import { findTaxonomyBenchmarks, findTaxonomyPrinciples } from './taxonomy.repository.ts';

type Db = Kysely<Database>;

// The network's shared taxonomy: the primary framework's published principles and benchmarks, as
// the `principle:<key>` / `benchmark:<key>` tags other modules put on their records. Every event
// and coaching page that is rendered asks for it, and it changes only when a framework is edited
// or published, so it is kept in memory until a framework table changes (src/db/changes.ts).
// Callers that label or check several tags load it once per request (events' `loadTagVocabulary`).

export type TermKind = 'principle' | 'benchmark';

export interface TaxonomyTerm {
  tag: string;
  kind: TermKind;
  key: string;
  name: string;
}

/** Every principle then every benchmark of the primary framework's published version (empty when there is none). */
export async function taxonomyTerms(db: Db): Promise<readonly TaxonomyTerm[]> {
  const changes = changesOf(db);
  return changes ? termsCache(changes).read('terms', () => readTerms(db)) : readTerms(db);
}

const termsCache = (changes: NonNullable<ReturnType<typeof changesOf>>) =>
  readCacheFor<string, readonly TaxonomyTerm[]>(changes, 'taxonomy-terms', {
    watches: ['frameworks', 'framework_groups', 'framework_principles', 'framework_benchmarks'].map((table) => ({ table })),
    maxEntries: 1,
    maxAgeMs: 60_000,
  });

async function readTerms(db: Db): Promise<readonly TaxonomyTerm[]> {
  const [principles, benchmarks] = await Promise.all([findTaxonomyPrinciples(db), findTaxonomyBenchmarks(db)]);
  // Shared by every request until dropped: frozen, so a change made to it anywhere fails loudly.
  return Object.freeze([
    ...principles.map((p) => Object.freeze({ tag: `principle:${p.key}`, kind: 'principle' as const, key: p.key, name: p.name })),
    ...benchmarks.map((b) => Object.freeze({ tag: `benchmark:${b.key}`, kind: 'benchmark' as const, key: b.key, name: b.name })),
  ]);
}

/** The term a tag names, or undefined for a tag outside the taxonomy (a discipline, an unknown key). */
export async function termFor(db: Db, tag: string): Promise<TaxonomyTerm | undefined> {
  if (!/^(principle|benchmark):/.test(tag)) return undefined;
  return (await taxonomyTerms(db)).find((t) => t.tag === tag);
}

export interface TaggedRecords {
  sessions: TaggedSession[];
  events: CoalitionEvent[];
}

/** Everything public and upcoming tagged with `tag` (event sessions and events; library items later). */
export async function taggedWith(db: Db, tag: string, opts: { limit?: number } = {}): Promise<TaggedRecords> {
  const [sessions, events] = await Promise.all([sessionsTaggedWith(db, tag, { upcoming: true, limit: opts.limit }), eventsTaggedWith(db, tag, { upcoming: true, limit: opts.limit })]);
  return { sessions, events };
}
