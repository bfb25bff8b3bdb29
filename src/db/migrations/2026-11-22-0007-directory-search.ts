import type { Kysely } from 'kysely';

// Tables for directory search (modules/directory).

export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
