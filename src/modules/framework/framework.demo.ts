import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';
import { DEMO_FRAMEWORKS, type DemoFramework, type DemoVersion } from './framework-demo.data.ts';

type Db = Kysely<Database>;

/**
 * The demo's frameworks: the network's own (primary, two published versions, the first retired) and
 * a community-schools one. Written directly, one transaction per framework; a framework whose slug
 * exists already is left alone, so running it again adds nothing.
 */
export async function seedDemoFrameworks(db: Db): Promise<void> {
  for (const f of DEMO_FRAMEWORKS) {
    const exists = await db.selectFrom('frameworks').select('id').where('slug', '=', f.slug).executeTakeFirst();
    if (!exists) await db.transaction().execute((trx) => insertFramework(trx, f));
  }
}

async function insertFramework(db: Db, f: DemoFramework): Promise<void> {
  const now = nowIso();
  // Only one primary framework: a network that already chose one keeps it.
  const primary = f.primary && !(await db.selectFrom('frameworks').select('id').where('is_primary', '=', true).executeTakeFirst());
  const framework = await db
    .insertInto('frameworks')
    .values({ slug: f.slug, name: f.name, description: f.description, is_primary: primary, current_version_id: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  let previous: number | null = null;
  for (const [i, v] of f.versions.entries()) {
    // Earlier versions were published earlier: a season apart, so the history reads like one.
    const publishedAt = new Date(Date.now() - (f.versions.length - 1 - i) * 90 * 86_400_000).toISOString();
    const id = await insertVersion(db, framework.id, i + 1, v, publishedAt);
    if (previous !== null) await db.updateTable('framework_versions').set({ status: 'retired', updated_at: now }).where('id', '=', previous).execute();
    await db.updateTable('frameworks').set({ current_version_id: id, updated_at: now }).where('id', '=', framework.id).execute();
    previous = id;
  }
}

/** One published version's whole tree. */
async function insertVersion(db: Db, frameworkId: number, number: number, v: DemoVersion, now: string): Promise<number> {
  const { id: versionId } = await db
    .insertInto('framework_versions')
    .values({ framework_id: frameworkId, number, status: 'published', notes: v.notes, published_at: now, published_by: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ids = async (table: 'framework_principles' | 'framework_groups' | 'framework_levels', items: DemoVersion['principles']) => {
    const rows = items.map((it, position) => ({ version_id: versionId, key: it.key, position, name: it.name, description: it.description }));
    const inserted = await db.insertInto(table as 'framework_principles').values(rows).returning(['id', 'key']).execute();
    return new Map(inserted.map((r) => [r.key, r.id]));
  };
  const principles = await ids('framework_principles', v.principles);
  const groups = await ids('framework_groups', v.groups);
  const levels = await ids('framework_levels', v.levels);
  for (const [position, b] of v.benchmarks.entries()) {
    const { id } = await db
      .insertInto('framework_benchmarks')
      .values({ version_id: versionId, group_id: groups.get(b.group)!, key: b.key, position, name: b.name, description: b.description })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('framework_benchmark_principles').values(b.principles.map((k) => ({ benchmark_id: id, principle_id: principles.get(k)! }))).execute();
    await db.insertInto('framework_descriptors').values(Object.entries(b.descriptors).map(([level, text]) => ({ benchmark_id: id, level_id: levels.get(level)!, text: text! }))).execute();
  }
  return versionId;
}
