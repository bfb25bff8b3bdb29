import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** Stores a setting unless one with that key exists (the first writer wins). */
export function insertSettingIfAbsent(db: Kysely<Database>, key: string, value: string) {
  return db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doNothing()).execute();
}

export function findSetting(db: Kysely<Database>, key: string) {
  return db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
}
