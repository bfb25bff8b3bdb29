import type { Kysely } from 'kysely';
import { withId } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('affiliation_plans'))
    .addColumn('slug', 'varchar(80)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('holder', 'varchar(20)', (c) => c.notNull())
    .addColumn('term_kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('fixed_start_month', 'integer')
    .addColumn('fixed_start_day', 'integer')
    .addColumn('term_months', 'integer', (c) => c.notNull())
    .addColumn('grace_days', 'integer', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('plan_dues'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('affiliation_plans.id').onDelete('cascade'))
    .addColumn('min_enrolment', 'integer')
    .addColumn('max_enrolment', 'integer')
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plan_dues_plan').on('plan_dues').column('plan_id').execute();

  await withId(db, db.schema.createTable('plan_benefits'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('affiliation_plans.id').onDelete('cascade'))
    .addColumn('benefit', 'varchar(60)', (c) => c.notNull())
    .addColumn('value', 'varchar(120)', (c) => c.notNull())
    .addColumn('label', 'varchar(200)', (c) => c.notNull())
    .addUniqueConstraint('plan_benefits_plan_benefit', ['plan_id', 'benefit'])
    .execute();

  await withId(db, db.schema.createTable('affiliations'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('affiliation_plans.id'))
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.references('people.id').onDelete('cascade'))
    .addColumn('applicant_person_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('center_id', 'integer', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('statement', 'text')
    .addColumn('decision', 'varchar(12)', (c) => c.notNull())
    .addColumn('decided_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('decided_at', 'varchar(30)')
    .addColumn('decision_message', 'text')
    .addColumn('cancelled_at', 'varchar(30)')
    .addColumn('cancelled_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('cancel_reason', 'text')
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('status_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('affiliations_organisation').on('affiliations').column('organisation_id').execute();
  await db.schema.createIndex('affiliations_person').on('affiliations').column('person_id').execute();
  await db.schema.createIndex('affiliations_status').on('affiliations').columns(['status', 'plan_id']).execute();
  await db.schema.createIndex('affiliations_center').on('affiliations').columns(['center_id', 'decision']).execute();

  await withId(db, db.schema.createTable('affiliation_terms'))
    .addColumn('affiliation_id', 'integer', (c) => c.notNull().references('affiliations.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('starts_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('ends_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('invoice_id', 'integer', (c) => c.references('invoices.id').onDelete('set null'))
    .addColumn('paid_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('affiliation_terms_start', ['affiliation_id', 'starts_on'])
    .execute();
  await db.schema.createIndex('affiliation_terms_ends').on('affiliation_terms').columns(['ends_on', 'paid_at']).execute();
  await db.schema.createIndex('affiliation_terms_invoice').on('affiliation_terms').column('invoice_id').execute();

  await withId(db, db.schema.createTable('renewal_reminders'))
    .addColumn('affiliation_id', 'integer', (c) => c.notNull().references('affiliations.id').onDelete('cascade'))
    .addColumn('term_ends_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('days_before', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('renewal_reminders_once', ['affiliation_id', 'term_ends_on', 'days_before'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['renewal_reminders', 'affiliation_terms', 'affiliations', 'plan_benefits', 'plan_dues', 'affiliation_plans']) {
    await db.schema.dropTable(table).execute();
  }
}
