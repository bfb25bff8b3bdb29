import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

// The taxonomy's reads: only keys and names of the primary framework's published version, in
// display order. Two queries, because event pages ask on every render that misses the page store;
// the whole tree (descriptors, links) is for the framework's own pages.

/** The version the taxonomy speaks for: the primary framework's current one (the first primary, as `findPrimaryFramework`). */
const currentPrimaryVersion = (db: Db) => db.selectFrom('frameworks').select('current_version_id').where('is_primary', '=', true).orderBy('id').limit(1);

export function findTaxonomyPrinciples(db: Db): Promise<{ key: string; name: string }[]> {
  return db
    .selectFrom('framework_principles')
    .select(['key', 'name'])
    .where('version_id', '=', currentPrimaryVersion(db))
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** Benchmarks group by group, as the framework pages list them. */
export function findTaxonomyBenchmarks(db: Db): Promise<{ key: string; name: string }[]> {
  return db
    .selectFrom('framework_benchmarks as b')
    .innerJoin('framework_groups as g', 'g.id', 'b.group_id')
    .select(['b.key', 'b.name'])
    .where('b.version_id', '=', currentPrimaryVersion(db))
    .orderBy('g.position')
    .orderBy('g.id')
    .orderBy('b.position')
    .orderBy('b.id')
    .execute();
}
