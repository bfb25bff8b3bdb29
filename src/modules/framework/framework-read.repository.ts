import type { Kysely } from 'kysely';
import type { Database, Framework, FrameworkBenchmark, FrameworkDescriptor, FrameworkGroup, FrameworkLevel, FrameworkPrinciple, FrameworkVersion } from '../../db/schema.ts';

type Db = Kysely<Database>;

// Reading frameworks and whole version trees. Editing (drafts, publishing, revisions) has its own
// repository; this one only reads, so pages and other modules' questions share it.

export function findFrameworks(db: Db): Promise<Framework[]> {
  return db.selectFrom('frameworks').selectAll().orderBy('is_primary', 'desc').orderBy('name').execute();
}

export function findFrameworkBySlug(db: Db, slug: string): Promise<Framework | undefined> {
  return db.selectFrom('frameworks').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function findPrimaryFramework(db: Db): Promise<Framework | undefined> {
  return db.selectFrom('frameworks').selectAll().where('is_primary', '=', true).orderBy('id').executeTakeFirst();
}

export function findVersionById(db: Db, id: number): Promise<FrameworkVersion | undefined> {
  return db.selectFrom('framework_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findVersionsOf(db: Db, frameworkId: number): Promise<FrameworkVersion[]> {
  return db.selectFrom('framework_versions').selectAll().where('framework_id', '=', frameworkId).orderBy('number', 'desc').execute();
}

export interface VersionParts {
  principles: FrameworkPrinciple[];
  groups: FrameworkGroup[];
  benchmarks: FrameworkBenchmark[];
  links: { benchmark_id: number; principle_id: number }[];
  levels: FrameworkLevel[];
  descriptors: FrameworkDescriptor[];
}

/** Every part of one version, each list in display order. */
export async function findVersionParts(db: Db, versionId: number): Promise<VersionParts> {
  const [principles, groups, benchmarks, levels] = await Promise.all([
    db.selectFrom('framework_principles').selectAll().where('version_id', '=', versionId).orderBy('position').orderBy('id').execute(),
    db.selectFrom('framework_groups').selectAll().where('version_id', '=', versionId).orderBy('position').orderBy('id').execute(),
    db.selectFrom('framework_benchmarks').selectAll().where('version_id', '=', versionId).orderBy('position').orderBy('id').execute(),
    db.selectFrom('framework_levels').selectAll().where('version_id', '=', versionId).orderBy('position').orderBy('id').execute(),
  ]);
  const ids = benchmarks.map((b) => b.id);
  const [links, descriptors] = ids.length
    ? await Promise.all([
        db.selectFrom('framework_benchmark_principles').selectAll().where('benchmark_id', 'in', ids).execute(),
        db.selectFrom('framework_descriptors').selectAll().where('benchmark_id', 'in', ids).execute(),
      ])
    : [[], []];
  return { principles, groups, benchmarks, links, levels, descriptors };
}
