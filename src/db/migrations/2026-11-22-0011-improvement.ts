import type { Kysely } from 'kysely';
import { withId } from '../dialect.ts';

// School self-assessment cycles with ratings and evidence, and center coaching engagements with
// session logs and next steps (modules/assessment, modules/coaching).

const ts = 'varchar(30)';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('assessment_cycles'))
    .addColumn('school_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('framework_id', 'integer', (c) => c.notNull().references('frameworks.id').onDelete('cascade'))
    .addColumn('version_id', 'integer', (c) => c.notNull().references('framework_versions.id'))
    .addColumn('school_year', 'varchar(9)', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('visibility', 'varchar(16)', (c) => c.notNull())
    .addColumn('opened_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('submitted_at', ts)
    .addColumn('submitted_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('reviewed_at', ts)
    .addColumn('reviewed_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('assessment_cycles_one_a_year', ['school_id', 'framework_id', 'school_year'])
    .execute();
  await db.schema.createIndex('assessment_cycles_version').on('assessment_cycles').columns(['version_id', 'status']).execute();

  await withId(db, db.schema.createTable('assessment_ratings'))
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('assessment_cycles.id').onDelete('cascade'))
    .addColumn('benchmark_key', 'varchar(80)', (c) => c.notNull())
    .addColumn('level_key', 'varchar(80)')
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('coach_level_key', 'varchar(80)')
    .addColumn('coach_comment', 'text')
    .addColumn('coach_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('coach_at', ts)
    .addUniqueConstraint('assessment_ratings_one_each', ['cycle_id', 'benchmark_key'])
    .execute();

  await withId(db, db.schema.createTable('assessment_evidence'))
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('assessment_cycles.id').onDelete('cascade'))
    .addColumn('benchmark_key', 'varchar(80)', (c) => c.notNull())
    .addColumn('kind', 'varchar(8)', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('url', 'varchar(1000)')
    .addColumn('storage_key', 'varchar(80)', (c) => c.unique())
    .addColumn('filename', 'varchar(200)')
    .addColumn('content_type', 'varchar(120)')
    .addColumn('size_bytes', 'integer')
    .addColumn('added_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assessment_evidence_cycle').on('assessment_evidence').columns(['cycle_id', 'benchmark_key']).execute();

  await withId(db, db.schema.createTable('engagements'))
    .addColumn('center_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('school_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('goals', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('starts_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('ends_on', 'varchar(10)')
    .addColumn('service_request_id', 'integer', (c) => c.references('service_requests.id').onDelete('set null'))
    .addColumn('created_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('engagements_center').on('engagements').columns(['center_id', 'status']).execute();
  await db.schema.createIndex('engagements_school').on('engagements').column('school_id').execute();

  await db.schema
    .createTable('engagement_members')
    .addColumn('engagement_id', 'integer', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addPrimaryKeyConstraint('engagement_members_pk', ['engagement_id', 'person_id', 'role'])
    .execute();
  await db.schema.createIndex('engagement_members_person').on('engagement_members').column('person_id').execute();

  await db.schema
    .createTable('engagement_focus')
    .addColumn('engagement_id', 'integer', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
    .addColumn('tag', 'varchar(80)', (c) => c.notNull())
    .addPrimaryKeyConstraint('engagement_focus_pk', ['engagement_id', 'tag'])
    .execute();
  await db.schema.createIndex('engagement_focus_tag').on('engagement_focus').columns(['tag', 'engagement_id']).execute();

  await withId(db, db.schema.createTable('engagement_sessions'))
    .addColumn('engagement_id', 'integer', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
    .addColumn('held_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('modality', 'varchar(12)', (c) => c.notNull())
    .addColumn('participants', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('shareable', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('logged_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('engagement_sessions_engagement').on('engagement_sessions').columns(['engagement_id', 'held_on']).execute();

  await withId(db, db.schema.createTable('engagement_next_steps'))
    .addColumn('engagement_id', 'integer', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
    .addColumn('session_id', 'integer', (c) => c.notNull().references('engagement_sessions.id').onDelete('cascade'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_person_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('owner_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('due_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('done_at', ts)
    .addColumn('reminded_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('engagement_next_steps_due').on('engagement_next_steps').columns(['done_at', 'due_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const tables = ['engagement_next_steps', 'engagement_sessions', 'engagement_focus', 'engagement_members', 'engagements', 'assessment_evidence', 'assessment_ratings', 'assessment_cycles'];
  for (const table of tables) await db.schema.dropTable(table).execute();
}
