import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Full-text search for the public directory, over each organisation's name, city and description.
//
// SQLite: an FTS5 table with external content (the text is not stored twice) kept in step by
// triggers. `remove_diacritics 2` lets "Martinez" find "Martínez"; the prefix index makes the
// "last word still being typed" query (`acad*`) an index lookup rather than a scan of the terms.
//
// PostgreSQL: a side table of tsvectors ('simple' configuration: names and places are not English
// prose to be stemmed) with a GIN index, kept by a trigger. A side table rather than a column on
// organisations, so `select *` of an organisation (done all over the code) never carries the vector.
// The weights rank a match in the name above one in the city above one in the description.
//
// Migrations never import app code, so the dialect test is written out here.

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`CREATE TABLE organisation_search (
      organisation_id integer PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
      document tsvector NOT NULL
    )`.execute(db);
    await sql`CREATE FUNCTION organisation_search_document(name text, city text, description text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE AS $$
        SELECT setweight(to_tsvector('simple', coalesce(name, '')), 'A')
            || setweight(to_tsvector('simple', coalesce(city, '')), 'B')
            || setweight(to_tsvector('simple', coalesce(description, '')), 'C')
      $$`.execute(db);
    await sql`CREATE FUNCTION organisation_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO organisation_search (organisation_id, document)
        VALUES (NEW.id, organisation_search_document(NEW.name, NEW.city, NEW.description))
        ON CONFLICT (organisation_id) DO UPDATE SET document = EXCLUDED.document;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER organisation_search_insert AFTER INSERT ON organisations
      FOR EACH ROW EXECUTE FUNCTION organisation_search_sync()`.execute(db);
    await sql`CREATE TRIGGER organisation_search_update AFTER UPDATE OF name, city, description ON organisations
      FOR EACH ROW EXECUTE FUNCTION organisation_search_sync()`.execute(db);
    await sql`INSERT INTO organisation_search (organisation_id, document)
      SELECT id, organisation_search_document(name, city, description) FROM organisations`.execute(db);
    await sql`CREATE INDEX organisation_search_document_gin ON organisation_search USING gin (document)`.execute(db);
  } else {
    await sql`CREATE VIRTUAL TABLE organisations_fts USING fts5(
      name, city, description,
      content='organisations', content_rowid='id',
      tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    )`.execute(db);
    await sql`CREATE TRIGGER organisations_fts_insert AFTER INSERT ON organisations BEGIN
      INSERT INTO organisations_fts (rowid, name, city, description) VALUES (new.id, new.name, new.city, new.description);
    END`.execute(db);
    await sql`CREATE TRIGGER organisations_fts_delete AFTER DELETE ON organisations BEGIN
      INSERT INTO organisations_fts (organisations_fts, rowid, name, city, description) VALUES ('delete', old.id, old.name, old.city, old.description);
    END`.execute(db);
    await sql`CREATE TRIGGER organisations_fts_update AFTER UPDATE OF name, city, description ON organisations BEGIN
      INSERT INTO organisations_fts (organisations_fts, rowid, name, city, description) VALUES ('delete', old.id, old.name, old.city, old.description);
      INSERT INTO organisations_fts (rowid, name, city, description) VALUES (new.id, new.name, new.city, new.description);
    END`.execute(db);
    await sql`INSERT INTO organisations_fts (organisations_fts) VALUES ('rebuild')`.execute(db);
  }
  // Filters the directory combines: kind with state (the commonest pair), and sorting by city.
  await db.schema.createIndex('organisations_kind_state_name').on('organisations').columns(['kind', 'state', 'name']).execute();
  await db.schema.createIndex('organisations_city').on('organisations').columns(['city', 'name']).execute();
  // The bare directory (everyone's first page) lists everything by name.
  await db.schema.createIndex('organisations_name').on('organisations').columns(['name', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('organisations_name').execute();
  await db.schema.dropIndex('organisations_city').execute();
  await db.schema.dropIndex('organisations_kind_state_name').execute();
  if (isPostgres(db)) {
    await sql`DROP TRIGGER organisation_search_update ON organisations`.execute(db);
    await sql`DROP TRIGGER organisation_search_insert ON organisations`.execute(db);
    await sql`DROP TABLE organisation_search`.execute(db);
    await sql`DROP FUNCTION organisation_search_sync()`.execute(db);
    await sql`DROP FUNCTION organisation_search_document(text, text, text)`.execute(db);
  } else {
    await sql`DROP TRIGGER organisations_fts_update`.execute(db);
    await sql`DROP TRIGGER organisations_fts_delete`.execute(db);
    await sql`DROP TRIGGER organisations_fts_insert`.execute(db);
    await sql`DROP TABLE organisations_fts`.execute(db);
  }
}
