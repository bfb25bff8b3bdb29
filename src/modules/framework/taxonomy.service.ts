import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database } from '../../db/schema.ts';
import { eventsTaggedWith, sessionsTaggedWith, type TaggedSession } from '../events/tagged.service.ts';
import { findTaxonomyBenchmarks, findTaxonomyPrinciples } from './taxonomy.repository.ts';

type Db = Kysely<Database>;

// The network's shared taxonomy: the primary framework's published principles and benchmarks, as
// the `principle:<key>` / `benchmark:<key>` tags other modules put on their records. Nothing is
// cached: it is two small queries, and a cache would need invalidating on every publish (and
// between tests, which share the process but not the database). Callers that label or check
// several tags load it once per request (events' `loadTagVocabulary`).

export type TermKind = 'principle' | 'benchmark';

export interface TaxonomyTerm {
  tag: string;
  kind: TermKind;
  key: string;
  name: string;
}

/** Every principle then every benchmark of the primary framework's published version (empty when there is none). */
export async function taxonomyTerms(db: Db): Promise<TaxonomyTerm[]> {
  const [principles, benchmarks] = await Promise.all([findTaxonomyPrinciples(db), findTaxonomyBenchmarks(db)]);
  return [
    ...principles.map((p) => ({ tag: `principle:${p.key}`, kind: 'principle' as const, key: p.key, name: p.name })),
    ...benchmarks.map((b) => ({ tag: `benchmark:${b.key}`, kind: 'benchmark' as const, key: b.key, name: b.name })),
  ];
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
