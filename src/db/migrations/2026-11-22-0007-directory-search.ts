import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Full-text search for the public directory, over each organisation's name, city and description.
//
// Besides the words, each organisation's search document carries "facets": tokens for the
// equality filters the directory offers (kind, state, center, affiliation status). A search such
// as "lincoln, schools in CA" then becomes one intersection inside the full-text index (81 rows),
// instead of ~1,100 "lincoln" matches each looked up in organisations to test kind and state —
// or, for a common word, thousands (docs/benchmarks.md). Region and grade band are checked on the
// rows left.
// Facets can never be matched by a visitor's words: on SQLite they sit in their own column and
// the words are confined to the other three; on PostgreSQL they start with "~", which no word
// (letters and digits only, see search-text.ts) can start with, not even as a prefix.
//
// SQLite: a contentless FTS5 table (the text is not stored twice) whose rows can be deleted by
// rowid (contentless_delete, SQLite 3.43+), kept in step by triggers. `remove_diacritics 2` lets
// "Martinez" find "Martínez"; the prefix index makes the "last word still being typed" query
// (`acad*`) an index lookup rather than a scan of the terms.
//
// PostgreSQL: a side table of tsvectors ('simple' configuration: names and places are not English
// prose to be stemmed) with a GIN index, kept by a trigger. A side table rather than a column on
// organisations, so `select *` of an organisation (done all over the code) never carries the vector.
// The weights rank a match in the name above one in the city above one in the description; facets
// carry no positions and are never part of the ranking query.
//
// Migrations never import app code, so the dialect test is written out here, and the facet
// spelling is repeated in directory-search.repository.ts (`facetTokens`).

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** The columns whose change rewrites an organisation's search document. */
const SEARCHED = 'name, city, description, kind, state, center_id, affiliation_status';

/** SQLite: the facets column's text for row `r` (tokens of letters and digits only). */
const sqliteFacets = (r: string) =>
  `'k' || replace(${r}.kind, '_', '') || coalesce(' s' || ${r}.state, '') || coalesce(' c' || ${r}.center_id, '') || coalesce(' a' || replace(${r}.affiliation_status, '_', ''), '')`;

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`CREATE TABLE organisation_search (
      organisation_id integer PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
      document tsvector NOT NULL
    )`.execute(db);
    // Parallel workers cost more to start than these index-driven reads take (and the web process
    // shares its cores with the database on a small install).
    await sql`ALTER TABLE organisation_search SET (parallel_workers = 0)`.execute(db);
    await sql`CREATE FUNCTION organisation_search_document(name text, city text, description text, kind text, state text, center_id integer, affiliation_status text)
      RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
        SELECT setweight(to_tsvector('simple', coalesce(name, '')), 'A')
            || setweight(to_tsvector('simple', coalesce(city, '')), 'B')
            || setweight(to_tsvector('simple', coalesce(description, '')), 'C')
            || array_to_tsvector(array_remove(ARRAY['~k=' || kind, '~s=' || lower(state), '~c=' || center_id, '~a=' || affiliation_status], NULL))
      $$`.execute(db);
    await sql`CREATE FUNCTION organisation_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO organisation_search (organisation_id, document)
        VALUES (NEW.id, organisation_search_document(NEW.name, NEW.city, NEW.description, NEW.kind, NEW.state, NEW.center_id, NEW.affiliation_status))
        ON CONFLICT (organisation_id) DO UPDATE SET document = EXCLUDED.document;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER organisation_search_insert AFTER INSERT ON organisations
      FOR EACH ROW EXECUTE FUNCTION organisation_search_sync()`.execute(db);
    await sql.raw(`CREATE TRIGGER organisation_search_update AFTER UPDATE OF ${SEARCHED} ON organisations
      FOR EACH ROW EXECUTE FUNCTION organisation_search_sync()`).execute(db);
    await sql`INSERT INTO organisation_search (organisation_id, document)
      SELECT id, organisation_search_document(name, city, description, kind, state, center_id, affiliation_status) FROM organisations`.execute(db);
    await sql`CREATE INDEX organisation_search_document_gin ON organisation_search USING gin (document)`.execute(db);
  } else {
    await sql`CREATE VIRTUAL TABLE organisations_fts USING fts5(
      name, city, description, facets,
      content='', contentless_delete=1,
      tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    )`.execute(db);
    const insert = (r: string) =>
      `INSERT INTO organisations_fts (rowid, name, city, description, facets) VALUES (${r}.id, ${r}.name, ${r}.city, ${r}.description, ${sqliteFacets(r)});`;
    await sql.raw(`CREATE TRIGGER organisations_fts_insert AFTER INSERT ON organisations BEGIN ${insert('new')} END`).execute(db);
    await sql`CREATE TRIGGER organisations_fts_delete AFTER DELETE ON organisations BEGIN
      DELETE FROM organisations_fts WHERE rowid = old.id;
    END`.execute(db);
    await sql.raw(`CREATE TRIGGER organisations_fts_update AFTER UPDATE OF ${SEARCHED} ON organisations BEGIN
      DELETE FROM organisations_fts WHERE rowid = old.id;
      ${insert('new')}
    END`).execute(db);
    await sql.raw(`INSERT INTO organisations_fts (rowid, name, city, description, facets)
      SELECT o.id, o.name, o.city, o.description, ${sqliteFacets('o')} FROM organisations o`).execute(db);
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
    await sql`DROP FUNCTION organisation_search_document(text, text, text, text, text, integer, text)`.execute(db);
  } else {
    await sql`DROP TRIGGER organisations_fts_update`.execute(db);
    await sql`DROP TRIGGER organisations_fts_delete`.execute(db);
    await sql`DROP TRIGGER organisations_fts_insert`.execute(db);
    await sql`DROP TABLE organisations_fts`.execute(db);
  }
}
