import type { Kysely } from 'kysely';
import { withId } from '../dialect.ts';

// Migrations use only the schema builder and the dialect helper, never app code, so they keep
// meaning what they meant when written.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('organisations'))
    .addColumn('slug', 'varchar(120)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('email', 'varchar(254)')
    .addColumn('phone', 'varchar(40)')
    .addColumn('website', 'varchar(300)')
    .addColumn('address_line1', 'varchar(200)')
    .addColumn('address_line2', 'varchar(200)')
    .addColumn('city', 'varchar(100)')
    .addColumn('state', 'varchar(2)')
    .addColumn('postal_code', 'varchar(10)')
    .addColumn('region', 'varchar(100)')
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('grade_low', 'varchar(2)')
    .addColumn('grade_high', 'varchar(2)')
    .addColumn('enrolment', 'integer')
    .addColumn('nces_id', 'varchar(12)', (c) => c.unique())
    .addColumn('center_id', 'integer', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('contact_public', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('organisations_kind_name').on('organisations').columns(['kind', 'name']).execute();
  await db.schema.createIndex('organisations_center').on('organisations').column('center_id').execute();
  await db.schema.createIndex('organisations_state').on('organisations').column('state').execute();

  await withId(db, db.schema.createTable('people'))
    .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('locale', 'varchar(10)')
    .addColumn('password_hash', 'varchar(200)')
    .addColumn('email_verified_at', 'varchar(30)')
    .addColumn('disabled_at', 'varchar(30)')
    .addColumn('last_sign_in_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('people_name').on('people').column('name').execute();

  await withId(db, db.schema.createTable('roles'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('role', 'varchar(32)', (c) => c.notNull())
    .addColumn('title', 'varchar(120)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('roles_person_org_role', ['person_id', 'organisation_id', 'role'])
    .execute();
  await db.schema.createIndex('roles_organisation').on('roles').columns(['organisation_id', 'role']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('user_agent', 'varchar(300)')
    .execute();
  await db.schema.createIndex('sessions_person').on('sessions').column('person_id').execute();

  await withId(db, db.schema.createTable('person_tokens'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('purpose', 'varchar(20)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('person_tokens_person').on('person_tokens').columns(['person_id', 'purpose']).execute();

  await withId(db, db.schema.createTable('api_tokens'))
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('role', 'varchar(32)', (c) => c.notNull())
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('created_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('last_used_at', 'varchar(30)')
    .addColumn('revoked_at', 'varchar(30)')
    .execute();

  await withId(db, db.schema.createTable('audit_events'))
    .addColumn('occurred_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('actor_person_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('actor_label', 'varchar(200)', (c) => c.notNull())
    .addColumn('action', 'varchar(60)', (c) => c.notNull())
    .addColumn('subject_type', 'varchar(40)', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('organisation_id', 'integer')
    .addColumn('changes', 'text')
    .addColumn('request_id', 'varchar(60)')
    .execute();
  await db.schema.createIndex('audit_events_occurred').on('audit_events').column('occurred_at').execute();
  await db.schema.createIndex('audit_events_subject').on('audit_events').columns(['subject_type', 'subject_id']).execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['settings', 'audit_events', 'api_tokens', 'person_tokens', 'sessions', 'roles', 'people', 'organisations']) {
    await db.schema.dropTable(table).execute();
  }
}
