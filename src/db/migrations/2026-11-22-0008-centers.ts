import type { Kysely } from 'kysely';

// Tables for center spaces, services, requests and the directors' exchange (modules/centers).

export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
