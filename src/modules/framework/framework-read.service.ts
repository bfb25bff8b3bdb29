import type { Kysely } from 'kysely';
import type { Database, Framework, FrameworkBenchmark, FrameworkGroup, FrameworkLevel, FrameworkPrinciple, FrameworkVersion } from '../../db/schema.ts';
import { notFound } from '../../platform/errors.ts';
import * as repo from './framework-read.repository.ts';

type Db = Kysely<Database>;

/** A benchmark with the keys of the principles it serves and its descriptor per level key. */
export interface BenchmarkNode extends FrameworkBenchmark {
  principleKeys: string[];
  descriptors: Record<string, string>;
}

export interface GroupNode extends FrameworkGroup {
  benchmarks: BenchmarkNode[];
}

/** One version of a framework as a whole: what every page, editor and assessment reads. */
export interface FrameworkTree {
  framework: Framework;
  version: FrameworkVersion;
  principles: FrameworkPrinciple[];
  groups: GroupNode[];
  levels: FrameworkLevel[];
}

/** The tree of one version (any status). */
export async function getFrameworkTree(db: Db, framework: Framework, versionId: number): Promise<FrameworkTree> {
  const version = await repo.findVersionById(db, versionId);
  if (!version || version.framework_id !== framework.id) throw notFound();
  const parts = await repo.findVersionParts(db, versionId);
  const principleKey = new Map(parts.principles.map((p) => [p.id, p.key]));
  const levelKey = new Map(parts.levels.map((l) => [l.id, l.key]));
  const nodes: BenchmarkNode[] = parts.benchmarks.map((b) => ({
    ...b,
    principleKeys: parts.links.filter((l) => l.benchmark_id === b.id).map((l) => principleKey.get(l.principle_id)!).filter(Boolean),
    descriptors: Object.fromEntries(parts.descriptors.filter((d) => d.benchmark_id === b.id).map((d) => [levelKey.get(d.level_id)!, d.text])),
  }));
  const groups = parts.groups.map((g) => ({ ...g, benchmarks: nodes.filter((b) => b.group_id === g.id) }));
  return { framework, version, principles: parts.principles, groups, levels: parts.levels };
}

export const listFrameworks = (db: Db): Promise<Framework[]> => repo.findFrameworks(db);

export async function getFrameworkBySlug(db: Db, slug: string): Promise<Framework> {
  const framework = await repo.findFrameworkBySlug(db, slug);
  if (!framework) throw notFound();
  return framework;
}

/** The published tree of a framework (404 when it has none yet). */
export async function getPublishedTree(db: Db, framework: Framework): Promise<FrameworkTree> {
  if (framework.current_version_id === null) throw notFound();
  return getFrameworkTree(db, framework, framework.current_version_id);
}

export const listVersions = (db: Db, frameworkId: number): Promise<FrameworkVersion[]> => repo.findVersionsOf(db, frameworkId);

/** Every benchmark of a tree, in order. */
export const benchmarksOf = (tree: FrameworkTree): BenchmarkNode[] => tree.groups.flatMap((g) => g.benchmarks);
