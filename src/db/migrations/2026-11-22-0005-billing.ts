import type { Kysely } from 'kysely';
import { withId } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('invoices'))
    .addColumn('number', 'varchar(30)', (c) => c.notNull().unique())
    .addColumn('purpose', 'varchar(30)', (c) => c.notNull())
    .addColumn('purpose_id', 'integer')
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('person_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('bill_to_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('bill_to_address', 'text')
    .addColumn('bill_to_email', 'varchar(254)')
    .addColumn('currency', 'varchar(3)', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('state', 'varchar(12)', (c) => c.notNull())
    .addColumn('issued_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('due_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('paid_at', 'varchar(30)')
    .addColumn('voided_at', 'varchar(30)')
    .addColumn('po_number', 'varchar(60)')
    .addColumn('notes', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('invoices_organisation').on('invoices').column('organisation_id').execute();
  await db.schema.createIndex('invoices_person').on('invoices').column('person_id').execute();
  await db.schema.createIndex('invoices_purpose').on('invoices').columns(['purpose', 'purpose_id']).execute();
  await db.schema.createIndex('invoices_state_due').on('invoices').columns(['state', 'due_on']).execute();

  await withId(db, db.schema.createTable('invoice_lines'))
    .addColumn('invoice_id', 'integer', (c) => c.notNull().references('invoices.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('description', 'varchar(300)', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_cents', 'integer', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('invoice_lines_invoice').on('invoice_lines').column('invoice_id').execute();

  await withId(db, db.schema.createTable('payments'))
    .addColumn('invoice_id', 'integer', (c) => c.notNull().references('invoices.id').onDelete('cascade'))
    .addColumn('method', 'varchar(20)', (c) => c.notNull())
    .addColumn('provider', 'varchar(20)', (c) => c.notNull())
    .addColumn('reference', 'varchar(200)')
    .addColumn('provider_payment_id', 'varchar(200)', (c) => c.unique())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('received_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payments_invoice').on('payments').column('invoice_id').execute();

  await withId(db, db.schema.createTable('payment_checkouts'))
    .addColumn('invoice_id', 'integer', (c) => c.notNull().references('invoices.id').onDelete('cascade'))
    .addColumn('provider', 'varchar(20)', (c) => c.notNull())
    .addColumn('session_id', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('idempotency_key', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('state', 'varchar(12)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payment_checkouts_invoice').on('payment_checkouts').column('invoice_id').execute();

  await withId(db, db.schema.createTable('payment_events'))
    .addColumn('provider', 'varchar(20)', (c) => c.notNull())
    .addColumn('event_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('type', 'varchar(100)', (c) => c.notNull())
    .addColumn('object_id', 'varchar(200)')
    .addColumn('provider_created', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('outcome', 'varchar(60)')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addUniqueConstraint('payment_events_provider_event', ['provider', 'event_id'])
    .execute();
  await db.schema.createIndex('payment_events_object').on('payment_events').columns(['provider', 'object_id']).execute();

  await db.schema
    .createTable('number_sequences')
    .addColumn('name', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('next_value', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['number_sequences', 'payment_events', 'payment_checkouts', 'payments', 'invoice_lines', 'invoices']) {
    await db.schema.dropTable(table).execute();
  }
}
