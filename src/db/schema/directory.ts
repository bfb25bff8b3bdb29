/**
 * Directory search tables (modules/directory). Both are maintained by triggers from organisations
 * (migration 0007); code only reads them, and only in directory-search.repository.ts.
 */
export interface DirectoryTables {
  /** PostgreSQL only: each organisation's weighted tsvector over name, city and description. */
  organisation_search: { organisation_id: number; document: string };
  /** SQLite only: the FTS5 index over organisations (external content; rowid = organisations.id). */
  organisations_fts: { rowid: number; name: string; city: string | null; description: string | null };
}
