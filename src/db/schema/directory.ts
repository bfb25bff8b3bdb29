/**
 * Directory search tables (modules/directory). Both are maintained by triggers from organisations
 * (migration 0007); code only reads them, and only in directory-search.repository.ts.
 */
export interface DirectoryTables {
  /** PostgreSQL only: each organisation's weighted tsvector over name, city and description, plus facet lexemes (`~k=school`). */
  organisation_search: { organisation_id: number; document: string };
  /** SQLite only: the contentless FTS5 index over organisations (rowid = organisations.id); columns read back as null. */
  organisations_fts: { rowid: number; name: string; city: string | null; description: string | null; facets: string };
}
