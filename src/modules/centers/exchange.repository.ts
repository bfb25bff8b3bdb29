import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database, ExchangeAttachmentTable, ExchangeReplyTable, ExchangeThreadTable } from '../../db/schema.ts';
import { isPostgres } from '../../db/dialect.ts';

type Db = Kysely<Database>;

/** A page of threads, most recent activity first. */
export function findThreads(db: Db, limit: number, offset: number) {
  return db.selectFrom('exchange_threads').selectAll().orderBy('last_activity_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

export async function countThreads(db: Db): Promise<number> {
  const row = await db.selectFrom('exchange_threads').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findThread(db: Db, id: number) {
  return db.selectFrom('exchange_threads').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The thread locked (PostgreSQL) while a reply is added, so counts and activity times stay right. */
export function lockThread(db: Db, id: number) {
  const q = db.selectFrom('exchange_threads').selectAll().where('id', '=', id);
  return (isPostgres(db) ? q.forUpdate() : q).executeTakeFirst();
}

export function findThreadByTitle(db: Db, title: string) {
  return db.selectFrom('exchange_threads').selectAll().where('title', '=', title).executeTakeFirst();
}

export function findReplies(db: Db, threadId: number) {
  return db.selectFrom('exchange_replies').selectAll().where('thread_id', '=', threadId).orderBy('id').execute();
}

export function findAttachments(db: Db, threadId: number) {
  return db.selectFrom('exchange_attachments').selectAll().where('thread_id', '=', threadId).orderBy('id').execute();
}

export function findAttachment(db: Db, id: number) {
  return db.selectFrom('exchange_attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertThread(db: Db, row: Insertable<ExchangeThreadTable>) {
  return db.insertInto('exchange_threads').values(row).returningAll().executeTakeFirstOrThrow();
}

export function insertReply(db: Db, row: Insertable<ExchangeReplyTable>) {
  return db.insertInto('exchange_replies').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function touchThread(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('exchange_threads').set({ last_activity_at: at, reply_count: sql`reply_count + 1` }).where('id', '=', id).execute();
}

export async function insertAttachment(db: Db, row: Insertable<ExchangeAttachmentTable>): Promise<void> {
  await db.insertInto('exchange_attachments').values(row).execute();
}

export async function findMutedIds(db: Db): Promise<Set<number>> {
  return new Set((await db.selectFrom('exchange_mutes').select('person_id').execute()).map((r) => r.person_id));
}

export async function isMuted(db: Db, personId: number): Promise<boolean> {
  return !!(await db.selectFrom('exchange_mutes').select('person_id').where('person_id', '=', personId).executeTakeFirst());
}

export async function setMuted(db: Db, personId: number, muted: boolean, at: string): Promise<void> {
  if (!muted) {
    await db.deleteFrom('exchange_mutes').where('person_id', '=', personId).execute();
    return;
  }
  await db.insertInto('exchange_mutes').values({ person_id: personId, created_at: at }).onConflict((oc) => oc.column('person_id').doNothing()).execute();
}
