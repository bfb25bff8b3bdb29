import type { Kysely } from 'kysely';
import type { Database, Framework, FrameworkVersion } from '../../db/schema.ts';
import { bool } from '../../db/dialect.ts';
import { notFound } from '../../platform/errors.ts';
import { benchmarksOf, getFrameworkTree, getPublishedTree, listVersions, type BenchmarkNode, type FrameworkTree } from './framework-read.service.ts';
import { taggedWith, type TaggedRecords } from './taxonomy.service.ts';

type Db = Kysely<Database>;

// What the public /framework pages read. Drafts never reach them: only the published version, or
// an older published-then-retired one asked for by number (so a past assessment can still be read
// in the words it was made against).

export interface PublicFrameworkView {
  tree: FrameworkTree;
  /** Published and retired versions, newest first (drafts left out). */
  history: FrameworkVersion[];
  /** True when the page shows a version other than the current one. */
  older: boolean;
  /** The current published version's number, for the "read the current version" link. */
  currentNumber: number;
}

/** The framework's published tree, or the published/retired version numbered `version`; 404 otherwise. */
export async function getPublicFramework(db: Db, framework: Framework, version?: number): Promise<PublicFrameworkView> {
  if (framework.current_version_id === null) throw notFound();
  const history = (await listVersions(db, framework.id)).filter((v) => v.status !== 'draft');
  const current = history.find((v) => v.id === framework.current_version_id);
  if (!current) throw notFound();
  if (version === undefined || version === current.number) return { tree: await getPublishedTree(db, framework), history, older: false, currentNumber: current.number };
  const asked = history.find((v) => v.number === version);
  if (!asked) throw notFound();
  return { tree: await getFrameworkTree(db, framework, asked.id), history, older: true, currentNumber: current.number };
}

/** Public and upcoming records tagged with a term: only the primary framework's terms are tags. */
export async function taggedFor(db: Db, framework: Framework, tag: string): Promise<TaggedRecords | null> {
  return bool(framework.is_primary) ? taggedWith(db, tag, { limit: 12 }) : null;
}

/** A benchmark of a tree by key (404 when the version has none). */
export function benchmarkOf(tree: FrameworkTree, key: string): { benchmark: BenchmarkNode; groupName: string } {
  for (const group of tree.groups) {
    const benchmark = group.benchmarks.find((b) => b.key === key);
    if (benchmark) return { benchmark, groupName: group.name };
  }
  throw notFound();
}

/** A principle of a tree by key, with the benchmarks that serve it (404 when the version has none). */
export function principleOf(tree: FrameworkTree, key: string) {
  const principle = tree.principles.find((p) => p.key === key);
  if (!principle) throw notFound();
  return { principle, benchmarks: benchmarksOf(tree).filter((b) => b.principleKeys.includes(key)) };
}
