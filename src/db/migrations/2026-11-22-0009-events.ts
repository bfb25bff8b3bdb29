import { sql, type Kysely } from 'kysely';
import { withId } from '../dialect.ts';

// Tables for convenings (modules/events): events and their tags, seats, tickets and orders,
// waitlists, agendas, session proposals and reviews, and private calendar feeds.

const ts = 'varchar(30)';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('events'))
    .addColumn('slug', 'varchar(120)', (c) => c.notNull().unique())
    .addColumn('uid', 'varchar(120)', (c) => c.notNull().unique())
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('summary', 'varchar(400)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('organiser_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('online', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('venue_name', 'varchar(200)')
    .addColumn('venue_address', 'varchar(400)')
    .addColumn('online_url', 'varchar(500)')
    .addColumn('timezone', 'varchar(64)', (c) => c.notNull())
    .addColumn('all_day', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('starts_at', ts, (c) => c.notNull())
    .addColumn('ends_at', ts, (c) => c.notNull())
    .addColumn('start_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('end_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('registration_enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('refund_cutoff_days', 'integer')
    .addColumn('refund_policy', 'text')
    .addColumn('transfers_allowed', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('proposals_open_at', ts)
    .addColumn('proposals_close_at', ts)
    .addColumn('proposal_guidelines', 'text')
    .addColumn('contact_email', 'varchar(254)')
    .addColumn('created_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('published_at', ts)
    .addColumn('cancelled_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_status_start').on('events').columns(['status', 'starts_at']).execute();
  await db.schema.createIndex('events_organiser_start').on('events').columns(['organiser_id', 'starts_at']).execute();

  await db.schema
    .createTable('event_tags')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('tag', 'varchar(80)', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_tags_pk', ['event_id', 'tag'])
    .execute();
  await db.schema.createIndex('event_tags_tag').on('event_tags').columns(['tag', 'event_id']).execute();

  await withId(db, db.schema.createTable('capacity_pools'))
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('name', 'varchar(160)', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('sold', 'integer', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint('capacity_pools_not_oversold', sql`sold >= 0 AND sold <= capacity`)
    .execute();
  await db.schema.createIndex('capacity_pools_event').on('capacity_pools').column('event_id').execute();

  await withId(db, db.schema.createTable('ticket_types'))
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('pool_id', 'integer', (c) => c.notNull().references('capacity_pools.id').onDelete('cascade'))
    .addColumn('name', 'varchar(160)', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('audience', 'varchar(16)', (c) => c.notNull())
    .addColumn('price_cents', 'integer', (c) => c.notNull())
    .addColumn('member_discount', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('seats_per_unit', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_add_on', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('max_per_order', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('sales_start_at', ts)
    .addColumn('sales_end_at', ts)
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('retired_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_types_event').on('ticket_types').columns(['event_id', 'position']).execute();

  await withId(db, db.schema.createTable('promo_codes'))
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('code', 'varchar(40)', (c) => c.notNull())
    .addColumn('percent_off', 'integer')
    .addColumn('amount_off_cents', 'integer')
    .addColumn('max_uses', 'integer')
    .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ticket_type_id', 'integer', (c) => c.references('ticket_types.id').onDelete('cascade'))
    .addColumn('valid_from', ts)
    .addColumn('valid_until', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('promo_codes_event_code', ['event_id', 'code'])
    .execute();

  await withId(db, db.schema.createTable('event_orders'))
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('reference', 'varchar(24)', (c) => c.notNull().unique())
    .addColumn('buyer_person_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('buyer_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('buyer_email', 'varchar(254)', (c) => c.notNull())
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('payment_method', 'varchar(12)', (c) => c.notNull())
    .addColumn('invoice_id', 'integer', (c) => c.references('invoices.id').onDelete('set null'))
    .addColumn('promo_code_id', 'integer', (c) => c.references('promo_codes.id').onDelete('set null'))
    .addColumn('subtotal_cents', 'integer', (c) => c.notNull())
    .addColumn('discount_cents', 'integer', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('refund_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refund_state', 'varchar(8)', (c) => c.notNull().defaultTo('none'))
    .addColumn('submission_key', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('hold_expires_at', ts)
    .addColumn('confirmed_at', ts)
    .addColumn('cancelled_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_orders_event').on('event_orders').columns(['event_id', 'status']).execute();
  await db.schema.createIndex('event_orders_buyer').on('event_orders').columns(['buyer_person_id', 'created_at']).execute();
  await db.schema.createIndex('event_orders_hold').on('event_orders').columns(['status', 'hold_expires_at']).execute();

  await withId(db, db.schema.createTable('tickets'))
    .addColumn('order_id', 'integer', (c) => c.notNull().references('event_orders.id').onDelete('cascade'))
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('ticket_type_id', 'integer', (c) => c.notNull().references('ticket_types.id').onDelete('cascade'))
    .addColumn('pool_id', 'integer', (c) => c.notNull().references('capacity_pools.id').onDelete('cascade'))
    .addColumn('parent_ticket_id', 'integer', (c) => c.references('tickets.id').onDelete('cascade'))
    .addColumn('attendee_person_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('attendee_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('attendee_email', 'varchar(254)', (c) => c.notNull())
    .addColumn('code', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('price_cents', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('checked_in_at', ts)
    .addColumn('checked_in_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tickets_event').on('tickets').columns(['event_id', 'status', 'attendee_name']).execute();
  await db.schema.createIndex('tickets_order').on('tickets').column('order_id').execute();
  await db.schema.createIndex('tickets_attendee').on('tickets').columns(['attendee_person_id', 'event_id']).execute();

  await withId(db, db.schema.createTable('waitlist_entries'))
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('ticket_type_id', 'integer', (c) => c.notNull().references('ticket_types.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('email', 'varchar(254)', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('offer_token', 'varchar(64)', (c) => c.unique())
    .addColumn('offered_at', ts)
    .addColumn('offer_expires_at', ts)
    .addColumn('claimed_order_id', 'integer', (c) => c.references('event_orders.id').onDelete('set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('waitlist_entries_queue').on('waitlist_entries').columns(['ticket_type_id', 'status', 'id']).execute();
  await db.schema.createIndex('waitlist_entries_offers').on('waitlist_entries').columns(['status', 'offer_expires_at']).execute();

  await withId(db, db.schema.createTable('session_proposals'))
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('submitter_person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('abstract', 'text', (c) => c.notNull())
    .addColumn('format', 'varchar(24)', (c) => c.notNull())
    .addColumn('presenters', 'text', (c) => c.notNull())
    // text, not varchar: every tag ticked joins to well over 600 characters (the form caps the count, not the length).
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('decision_message', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('decided_at', ts)
    .addColumn('session_id', 'integer')
    .addColumn('submission_key', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_proposals_event').on('session_proposals').columns(['event_id', 'status']).execute();

  await withId(db, db.schema.createTable('event_sessions'))
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('uid', 'varchar(120)', (c) => c.notNull().unique())
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('starts_at', ts, (c) => c.notNull())
    .addColumn('ends_at', ts, (c) => c.notNull())
    .addColumn('room', 'varchar(120)')
    .addColumn('capacity', 'integer')
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('proposal_id', 'integer', (c) => c.references('session_proposals.id').onDelete('set null'))
    // The organisers' new-session form's one-time key: a double submit makes one session (null when made otherwise).
    .addColumn('submission_key', 'varchar(64)', (c) => c.unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_sessions_event').on('event_sessions').columns(['event_id', 'starts_at']).execute();

  await withId(db, db.schema.createTable('session_presenters'))
    .addColumn('session_id', 'integer', (c) => c.notNull().references('event_sessions.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('affiliation', 'varchar(200)')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_presenters_session').on('session_presenters').columns(['session_id', 'position']).execute();
  await db.schema.createIndex('session_presenters_person').on('session_presenters').column('person_id').execute();

  await db.schema
    .createTable('session_tags')
    .addColumn('session_id', 'integer', (c) => c.notNull().references('event_sessions.id').onDelete('cascade'))
    .addColumn('tag', 'varchar(80)', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_tags_pk', ['session_id', 'tag'])
    .execute();
  await db.schema.createIndex('session_tags_tag').on('session_tags').columns(['tag', 'session_id']).execute();

  await db.schema
    .createTable('session_stars')
    .addColumn('session_id', 'integer', (c) => c.notNull().references('event_sessions.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('session_stars_pk', ['session_id', 'person_id'])
    .execute();
  await db.schema.createIndex('session_stars_person').on('session_stars').column('person_id').execute();

  await withId(db, db.schema.createTable('proposal_reviews'))
    .addColumn('proposal_id', 'integer', (c) => c.notNull().references('session_proposals.id').onDelete('cascade'))
    .addColumn('reviewer_person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('proposal_reviews_one_each', ['proposal_id', 'reviewer_person_id'])
    .execute();

  await db.schema
    .createTable('event_reviewers')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('event_reviewers_pk', ['event_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('person_id', 'integer', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
    .addColumn('token', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const tables = [
    'calendar_feeds', 'event_reviewers', 'proposal_reviews', 'session_stars', 'session_tags', 'session_presenters', 'event_sessions',
    'session_proposals', 'waitlist_entries', 'tickets', 'event_orders', 'promo_codes', 'ticket_types', 'capacity_pools', 'event_tags', 'events',
  ];
  for (const table of tables) await db.schema.dropTable(table).execute();
}
