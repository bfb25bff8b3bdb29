/** Directory search tables (modules/directory). Filled in by the directory release. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DirectoryTables {}
