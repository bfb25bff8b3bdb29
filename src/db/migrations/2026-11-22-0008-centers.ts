import type { Kysely } from 'kysely';
import { withId } from '../dialect.ts';

// Tables for center spaces, services, requests and the directors' exchange (modules/centers).

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('center_services'))
    .addColumn('center_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('title', 'varchar(160)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('how_to_request', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('retired_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('center_services_center').on('center_services').columns(['center_id', 'position']).execute();

  await withId(db, db.schema.createTable('center_news'))
    .addColumn('center_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('slug', 'varchar(120)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('published_at', 'varchar(30)')
    .addColumn('author_person_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('center_news_center_slug', ['center_id', 'slug'])
    .execute();
  await db.schema.createIndex('center_news_published').on('center_news').columns(['center_id', 'status', 'published_at']).execute();

  await withId(db, db.schema.createTable('service_requests'))
    .addColumn('center_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('center_services.id').onDelete('cascade'))
    .addColumn('school_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('requester_person_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('need', 'text', (c) => c.notNull())
    .addColumn('timing', 'varchar(200)')
    .addColumn('contact', 'varchar(300)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('response', 'text')
    .addColumn('responded_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('responded_at', 'varchar(30)')
    .addColumn('submission_key', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_requests_center').on('service_requests').columns(['center_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('service_requests_school').on('service_requests').columns(['school_id', 'created_at']).execute();

  await withId(db, db.schema.createTable('exchange_threads'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_person_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_activity_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exchange_threads_activity').on('exchange_threads').columns(['last_activity_at', 'id']).execute();

  await withId(db, db.schema.createTable('exchange_replies'))
    .addColumn('thread_id', 'integer', (c) => c.notNull().references('exchange_threads.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_person_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exchange_replies_thread').on('exchange_replies').columns(['thread_id', 'id']).execute();

  await withId(db, db.schema.createTable('exchange_attachments'))
    .addColumn('thread_id', 'integer', (c) => c.notNull().references('exchange_threads.id').onDelete('cascade'))
    .addColumn('reply_id', 'integer', (c) => c.references('exchange_replies.id').onDelete('cascade'))
    .addColumn('storage_key', 'varchar(80)', (c) => c.notNull().unique())
    .addColumn('filename', 'varchar(200)', (c) => c.notNull())
    .addColumn('content_type', 'varchar(120)', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exchange_attachments_thread').on('exchange_attachments').column('thread_id').execute();

  await db.schema
    .createTable('exchange_mutes')
    .addColumn('person_id', 'integer', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['exchange_mutes', 'exchange_attachments', 'exchange_replies', 'exchange_threads', 'service_requests', 'center_news', 'center_services']) {
    await db.schema.dropTable(table).execute();
  }
}
