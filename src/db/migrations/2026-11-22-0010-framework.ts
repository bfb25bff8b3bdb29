import type { Kysely } from 'kysely';
import { withId } from '../dialect.ts';

// Versioned frameworks of principles and benchmarks with their rubrics (modules/framework).

const ts = 'varchar(30)';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('frameworks'))
    .addColumn('slug', 'varchar(120)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('is_primary', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('current_version_id', 'integer')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('framework_versions'))
    .addColumn('framework_id', 'integer', (c) => c.notNull().references('frameworks.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('published_at', ts)
    .addColumn('published_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('framework_versions_number', ['framework_id', 'number'])
    .execute();

  const part = (table: string) =>
    withId(db, db.schema.createTable(table))
      .addColumn('version_id', 'integer', (c) => c.notNull().references('framework_versions.id').onDelete('cascade'))
      .addColumn('key', 'varchar(80)', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull());
  await part('framework_principles').addUniqueConstraint('framework_principles_key', ['version_id', 'key']).execute();
  await part('framework_groups').addUniqueConstraint('framework_groups_key', ['version_id', 'key']).execute();
  await part('framework_levels').addUniqueConstraint('framework_levels_key', ['version_id', 'key']).execute();
  await part('framework_benchmarks')
    .addColumn('group_id', 'integer', (c) => c.notNull().references('framework_groups.id').onDelete('cascade'))
    .addUniqueConstraint('framework_benchmarks_key', ['version_id', 'key'])
    .execute();

  await db.schema
    .createTable('framework_benchmark_principles')
    .addColumn('benchmark_id', 'integer', (c) => c.notNull().references('framework_benchmarks.id').onDelete('cascade'))
    .addColumn('principle_id', 'integer', (c) => c.notNull().references('framework_principles.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('framework_benchmark_principles_pk', ['benchmark_id', 'principle_id'])
    .execute();

  await db.schema
    .createTable('framework_descriptors')
    .addColumn('benchmark_id', 'integer', (c) => c.notNull().references('framework_benchmarks.id').onDelete('cascade'))
    .addColumn('level_id', 'integer', (c) => c.notNull().references('framework_levels.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('framework_descriptors_pk', ['benchmark_id', 'level_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['framework_descriptors', 'framework_benchmark_principles', 'framework_benchmarks', 'framework_levels', 'framework_groups', 'framework_principles', 'framework_versions', 'frameworks']) {
    await db.schema.dropTable(table).execute();
  }
}
