import type { Insertable, Kysely, Updateable } from 'kysely';
import type { CenterNewsTable, CenterServiceTable, Database } from '../../db/schema.ts';
import { isPostgres } from '../../db/dialect.ts';

type Db = Kysely<Database>;

/** A center's services in display order; retired ones only when asked. */
export function findServices(db: Db, centerId: number, opts: { includeRetired: boolean }) {
  let q = db.selectFrom('center_services').selectAll().where('center_id', '=', centerId);
  if (!opts.includeRetired) q = q.where('retired_at', 'is', null);
  return q.orderBy('retired_at', (o) => o.asc().nullsFirst()).orderBy('position').orderBy('id').execute();
}

export function findService(db: Db, centerId: number, id: number) {
  return db.selectFrom('center_services').selectAll().where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();
}

/** The services (offered ones) of many centers, counted per center. */
export function countOfferedServices(db: Db) {
  return db
    .selectFrom('center_services')
    .select(['center_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('retired_at', 'is', null)
    .groupBy('center_id')
    .execute();
}

/** The next free position at the end of a center's list. */
export async function nextServicePosition(db: Db, centerId: number): Promise<number> {
  const row = await db.selectFrom('center_services').select((eb) => eb.fn.max<number | null>('position').as('p')).where('center_id', '=', centerId).executeTakeFirst();
  return Number(row?.p ?? 0) + 1;
}

export function insertService(db: Db, row: Insertable<CenterServiceTable>) {
  return db.insertInto('center_services').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateService(db: Db, id: number, changes: Updateable<CenterServiceTable>) {
  return db.updateTable('center_services').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** The center's services locked (PostgreSQL) for a reorder, so two reorders apply one after the other. */
export function lockServices(db: Db, centerId: number) {
  const q = db.selectFrom('center_services').selectAll().where('center_id', '=', centerId).orderBy('position').orderBy('id');
  return (isPostgres(db) ? q.forUpdate() : q).execute();
}

export function findNews(db: Db, centerId: number, opts: { publishedOnly: boolean; limit?: number }) {
  let q = db.selectFrom('center_news').selectAll().where('center_id', '=', centerId);
  if (opts.publishedOnly) q = q.where('status', '=', 'published');
  q = q.orderBy('published_at', (o) => o.desc().nullsFirst()).orderBy('created_at', 'desc').orderBy('id', 'desc');
  return (opts.limit ? q.limit(opts.limit) : q).execute();
}

export function findNewsBySlug(db: Db, centerId: number, slug: string) {
  return db.selectFrom('center_news').selectAll().where('center_id', '=', centerId).where('slug', '=', slug).executeTakeFirst();
}

export async function findNewsSlugsLike(db: Db, centerId: number, base: string): Promise<string[]> {
  const rows = await db.selectFrom('center_news').select('slug').where('center_id', '=', centerId).where('slug', 'like', `${base}%`).execute();
  return rows.map((r) => r.slug);
}

export function insertNews(db: Db, row: Insertable<CenterNewsTable>) {
  return db.insertInto('center_news').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateNews(db: Db, id: number, changes: Updateable<CenterNewsTable>) {
  return db.updateTable('center_news').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function deleteNews(db: Db, id: number) {
  return db.deleteFrom('center_news').where('id', '=', id).execute();
}

export function findNewsById(db: Db, centerId: number, id: number) {
  return db.selectFrom('center_news').selectAll().where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();
}
