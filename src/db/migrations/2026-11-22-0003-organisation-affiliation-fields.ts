import { sql, type Kysely } from 'kysely';

// The directory shows and filters by each organisation's affiliation status and principles focus.
// The status is a copy the affiliation service keeps up to date, so a search filter on it is a plain
// indexed column rather than a join into another module's tables.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organisations').addColumn('affiliation_status', 'varchar(12)').execute();
  await db.schema.alterTable('organisations').addColumn('principles_focus', 'varchar(60)').execute();
  await db.schema.createIndex('organisations_affiliation_status').on('organisations').columns(['affiliation_status', 'kind']).execute();
  // Re-importing a spreadsheet without NCES IDs finds schools by name whatever its case.
  await db.schema.createIndex('organisations_lower_name').on('organisations').expression(sql`lower(name)`).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('organisations_lower_name').execute();
  await db.schema.dropIndex('organisations_affiliation_status').execute();
  await db.schema.alterTable('organisations').dropColumn('principles_focus').execute();
  await db.schema.alterTable('organisations').dropColumn('affiliation_status').execute();
}
