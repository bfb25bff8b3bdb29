import type { Kysely } from 'kysely';
import type { Database, Framework, FrameworkVersion } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';
import type { VersionParts } from './framework-read.repository.ts';

type Db = Kysely<Database>;

// Writes of the framework editor: frameworks, versions and the parts of a draft. Every function
// takes `db` or the service's transaction; the service decides what is allowed.

/** The tables of a version's keyed parts (the URL's kinds map onto them). */
export type PartTable = 'framework_principles' | 'framework_groups' | 'framework_benchmarks' | 'framework_levels';

export interface NewFramework {
  slug: string;
  name: string;
  description: string;
  is_primary: boolean;
}

export async function insertFramework(db: Db, input: NewFramework): Promise<Framework> {
  const now = nowIso();
  return db
    .insertInto('frameworks')
    .values({ ...input, current_version_id: null, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateFramework(db: Db, id: number, input: { name: string; description: string; is_primary: boolean }): Promise<void> {
  await db.updateTable('frameworks').set({ ...input, updated_at: nowIso() }).where('id', '=', id).execute();
}

/** Takes the primary flag from every framework but `keepId`: there is one shared taxonomy. */
export async function clearPrimaryExcept(db: Db, keepId: number): Promise<void> {
  await db.updateTable('frameworks').set({ is_primary: false }).where('id', '!=', keepId).where('is_primary', '=', true).execute();
}

/**
 * Touches the framework row. On PostgreSQL the update holds the row's lock until the transaction
 * ends, so two requests that both begin with it (start a revision, publish) take turns.
 */
export async function lockFramework(db: Db, id: number): Promise<boolean> {
  const r = await db.updateTable('frameworks').set({ updated_at: nowIso() }).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function findFrameworkById(db: Db, id: number): Promise<Framework | undefined> {
  return db.selectFrom('frameworks').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findDraftOf(db: Db, frameworkId: number): Promise<FrameworkVersion | undefined> {
  return db.selectFrom('framework_versions').selectAll().where('framework_id', '=', frameworkId).where('status', '=', 'draft').executeTakeFirst();
}

export async function nextVersionNumber(db: Db, frameworkId: number): Promise<number> {
  const r = await db.selectFrom('framework_versions').select((eb) => eb.fn.max('number').as('n')).where('framework_id', '=', frameworkId).executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

export async function insertDraftVersion(db: Db, frameworkId: number, number: number): Promise<FrameworkVersion> {
  const now = nowIso();
  return db
    .insertInto('framework_versions')
    .values({ framework_id: frameworkId, number, status: 'draft', notes: '', published_at: null, published_by: null, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The guard of every draft edit: touches the version only while it is a draft. False means it is
 * published or retired (or gone), and nothing may change. On PostgreSQL the row stays locked until
 * the edit commits, so a publish cannot slip in between this check and the edit's writes.
 */
export async function claimDraft(db: Db, versionId: number): Promise<boolean> {
  const r = await db.updateTable('framework_versions').set({ updated_at: nowIso() }).where('id', '=', versionId).where('status', '=', 'draft').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Publishes a draft, guarded: of two publishes of the same draft, only one updates a row. */
export async function markPublished(db: Db, versionId: number, by: number | null, notes: string): Promise<boolean> {
  const now = nowIso();
  const r = await db
    .updateTable('framework_versions')
    .set({ status: 'published', published_at: now, published_by: by, notes, updated_at: now })
    .where('id', '=', versionId)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function retirePublishedExcept(db: Db, frameworkId: number, keepId: number): Promise<void> {
  await db.updateTable('framework_versions').set({ status: 'retired', updated_at: nowIso() }).where('framework_id', '=', frameworkId).where('status', '=', 'published').where('id', '!=', keepId).execute();
}

export async function setCurrentVersion(db: Db, frameworkId: number, versionId: number): Promise<void> {
  await db.updateTable('frameworks').set({ current_version_id: versionId, updated_at: nowIso() }).where('id', '=', frameworkId).execute();
}

/** Deletes a version and its whole tree, children first (no reliance on ON DELETE CASCADE). */
export async function deleteVersionTree(db: Db, versionId: number): Promise<void> {
  const benchmarkIds = db.selectFrom('framework_benchmarks').select('id').where('version_id', '=', versionId);
  await db.deleteFrom('framework_descriptors').where('benchmark_id', 'in', benchmarkIds).execute();
  await db.deleteFrom('framework_benchmark_principles').where('benchmark_id', 'in', benchmarkIds).execute();
  await db.deleteFrom('framework_benchmarks').where('version_id', '=', versionId).execute();
  for (const table of ['framework_principles', 'framework_groups', 'framework_levels'] as const) {
    await db.deleteFrom(table).where('version_id', '=', versionId).execute();
  }
  await db.deleteFrom('framework_versions').where('id', '=', versionId).execute();
}

export interface PartRow {
  id: number;
  version_id: number;
  key: string;
  position: number;
  name: string;
  description: string;
}

export function findPart(db: Db, table: PartTable, id: number): Promise<PartRow | undefined> {
  return db.selectFrom(table).select(['id', 'version_id', 'key', 'position', 'name', 'description']).where('id', '=', id).executeTakeFirst();
}

export function findBenchmark(db: Db, id: number) {
  return db.selectFrom('framework_benchmarks').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPartsOf(db: Db, table: PartTable, versionId: number): Promise<PartRow[]> {
  return db.selectFrom(table).select(['id', 'version_id', 'key', 'position', 'name', 'description']).where('version_id', '=', versionId).orderBy('position').orderBy('id').execute();
}

/** Whether another part of the version already uses the key. */
export async function keyTaken(db: Db, table: PartTable, versionId: number, key: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom(table).select('id').where('version_id', '=', versionId).where('key', '=', key);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function countParts(db: Db, table: PartTable, versionId: number): Promise<number> {
  const r = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('version_id', '=', versionId).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function nextPosition(db: Db, table: PartTable, versionId: number): Promise<number> {
  const r = await db.selectFrom(table).select((eb) => eb.fn.max('position').as('p')).where('version_id', '=', versionId).executeTakeFirst();
  return Number(r?.p ?? 0) + 1;
}

export interface PartValues {
  key: string;
  name: string;
  description: string;
}

/** Adds a principle, group or level at the end of its list. */
export async function insertPart(db: Db, table: Exclude<PartTable, 'framework_benchmarks'>, versionId: number, values: PartValues): Promise<number> {
  const position = await nextPosition(db, table, versionId);
  const r = await db.insertInto(table).values({ version_id: versionId, position, ...values }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function insertBenchmark(db: Db, versionId: number, groupId: number, values: PartValues): Promise<number> {
  const position = await nextPosition(db, 'framework_benchmarks', versionId);
  const r = await db.insertInto('framework_benchmarks').values({ version_id: versionId, group_id: groupId, position, ...values }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updatePart(db: Db, table: PartTable, id: number, values: PartValues & { group_id?: number }): Promise<void> {
  await db.updateTable(table).set(values).where('id', '=', id).execute();
}

export async function setPosition(db: Db, table: PartTable, id: number, position: number): Promise<void> {
  await db.updateTable(table).set({ position }).where('id', '=', id).execute();
}

/** Replaces the principles a benchmark serves. */
export async function replaceLinks(db: Db, benchmarkId: number, principleIds: number[]): Promise<void> {
  await db.deleteFrom('framework_benchmark_principles').where('benchmark_id', '=', benchmarkId).execute();
  if (principleIds.length) {
    await db.insertInto('framework_benchmark_principles').values(principleIds.map((principle_id) => ({ benchmark_id: benchmarkId, principle_id }))).execute();
  }
}

/** Sets (or, with blank text, removes) a benchmark's descriptor at one level. */
export async function saveDescriptor(db: Db, benchmarkId: number, levelId: number, text: string): Promise<void> {
  await db.deleteFrom('framework_descriptors').where('benchmark_id', '=', benchmarkId).where('level_id', '=', levelId).execute();
  if (text) await db.insertInto('framework_descriptors').values({ benchmark_id: benchmarkId, level_id: levelId, text }).execute();
}

export async function countBenchmarksInGroup(db: Db, groupId: number): Promise<number> {
  const r = await db.selectFrom('framework_benchmarks').select((eb) => eb.fn.countAll().as('n')).where('group_id', '=', groupId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Deletes one part with what hangs off it (links, descriptors); a group must be empty first. */
export async function deletePart(db: Db, table: PartTable, id: number): Promise<void> {
  if (table === 'framework_principles') await db.deleteFrom('framework_benchmark_principles').where('principle_id', '=', id).execute();
  if (table === 'framework_levels') await db.deleteFrom('framework_descriptors').where('level_id', '=', id).execute();
  if (table === 'framework_benchmarks') {
    await db.deleteFrom('framework_benchmark_principles').where('benchmark_id', '=', id).execute();
    await db.deleteFrom('framework_descriptors').where('benchmark_id', '=', id).execute();
  }
  await db.deleteFrom(table).where('id', '=', id).execute();
}

/** Copies a version's whole tree into another (new ids, same keys, positions and texts). */
export async function copyTree(db: Db, parts: VersionParts, toVersionId: number): Promise<void> {
  const ids = { framework_principles: new Map<number, number>(), framework_groups: new Map<number, number>(), framework_levels: new Map<number, number>() };
  const simple = [
    ['framework_principles', parts.principles],
    ['framework_groups', parts.groups],
    ['framework_levels', parts.levels],
  ] as const;
  for (const [table, rows] of simple) {
    for (const p of rows) {
      const r = await db.insertInto(table).values({ version_id: toVersionId, key: p.key, position: p.position, name: p.name, description: p.description }).returning('id').executeTakeFirstOrThrow();
      ids[table].set(p.id, r.id);
    }
  }
  const benchmarkIds = new Map<number, number>();
  for (const b of parts.benchmarks) {
    const r = await db
      .insertInto('framework_benchmarks')
      .values({ version_id: toVersionId, group_id: ids.framework_groups.get(b.group_id)!, key: b.key, position: b.position, name: b.name, description: b.description })
      .returning('id')
      .executeTakeFirstOrThrow();
    benchmarkIds.set(b.id, r.id);
  }
  const links = parts.links.map((l) => ({ benchmark_id: benchmarkIds.get(l.benchmark_id)!, principle_id: ids.framework_principles.get(l.principle_id)! }));
  if (links.length) await db.insertInto('framework_benchmark_principles').values(links).execute();
  const descriptors = parts.descriptors.map((d) => ({ benchmark_id: benchmarkIds.get(d.benchmark_id)!, level_id: ids.framework_levels.get(d.level_id)!, text: d.text }));
  if (descriptors.length) await db.insertInto('framework_descriptors').values(descriptors).execute();
}
