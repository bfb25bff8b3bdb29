import type { Kysely } from 'kysely';
import type { Database, ExchangeAttachment, ExchangeReply, ExchangeThread } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';
import { notFound } from '../../platform/errors.ts';
import { enqueueEmail } from '../../platform/mail/mail-jobs.ts';
import type { CheckedUpload } from '../../platform/storage/upload-check.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { listPeopleWithRole } from '../people/people-management.service.ts';
import { getPersonById } from '../people/people.service.ts';
import type { ReplyInput, ThreadInput } from './centers.schemas.ts';
import * as repo from './exchange.repository.ts';
import { exchangePostEmail } from './centers-emails.ts';

type Db = Kysely<Database>;

export const THREADS_PER_PAGE = 20;

export type ThreadListItem = ExchangeThread & { authorName: string };

async function namesOf(db: Db, ids: (number | null)[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids.filter((i): i is number => i !== null))];
  const people = await Promise.all(unique.map((id) => getPersonById(db, id)));
  return new Map(people.filter((p) => !!p).map((p) => [p.id, p.name]));
}

/** A page of threads, most recent activity first, with who started each. */
export async function listThreads(db: Db, page: number): Promise<{ items: ThreadListItem[]; total: number; page: number; perPage: number }> {
  const [rows, total] = await Promise.all([repo.findThreads(db, THREADS_PER_PAGE, (page - 1) * THREADS_PER_PAGE), repo.countThreads(db)]);
  const names = await namesOf(db, rows.map((r) => r.author_person_id));
  return { items: rows.map((r) => ({ ...r, authorName: names.get(r.author_person_id ?? -1) ?? '—' })), total, page, perPage: THREADS_PER_PAGE };
}

export interface ThreadView {
  thread: ExchangeThread & { authorName: string };
  replies: (ExchangeReply & { authorName: string })[];
  /** Attachments by the post they belong to: `thread` for the opening post, else the reply id. */
  attachments: Map<number | 'thread', ExchangeAttachment[]>;
}

/** A thread with its replies and attachments, or 404. */
export async function getThreadView(db: Db, id: number): Promise<ThreadView> {
  const thread = await repo.findThread(db, id);
  if (!thread) throw notFound();
  const [replies, files] = await Promise.all([repo.findReplies(db, id), repo.findAttachments(db, id)]);
  const names = await namesOf(db, [thread.author_person_id, ...replies.map((r) => r.author_person_id)]);
  const attachments = new Map<number | 'thread', ExchangeAttachment[]>();
  for (const f of files) {
    const k = f.reply_id ?? 'thread';
    attachments.set(k, [...(attachments.get(k) ?? []), f]);
  }
  const name = (pid: number | null) => names.get(pid ?? -1) ?? '—';
  return { thread: { ...thread, authorName: name(thread.author_person_id) }, replies: replies.map((r) => ({ ...r, authorName: name(r.author_person_id) })), attachments };
}

/** An attachment by id, or 404. */
export async function getAttachment(db: Db, id: number): Promise<ExchangeAttachment> {
  const found = await repo.findAttachment(db, id);
  if (!found) throw notFound();
  return found;
}

/**
 * Who hears of a new post: every center director and network admin with an enabled account, once
 * each (someone directing two centers gets one email), except the author and those who muted it.
 */
export async function exchangeRecipients(db: Db, authorPersonId: number | null): Promise<{ id: number; name: string; email: string; locale: string | null }[]> {
  const [directors, admins, muted] = await Promise.all([listPeopleWithRole(db, 'center_director'), listPeopleWithRole(db, 'network_admin'), repo.findMutedIds(db)]);
  const out = new Map<number, { id: number; name: string; email: string; locale: string | null }>();
  for (const p of [...directors, ...admins]) {
    if (p.id === authorPersonId || muted.has(p.id)) continue;
    out.set(p.id, { id: p.id, name: p.name, email: p.email, locale: p.locale });
  }
  return [...out.values()];
}

interface Author {
  personId: number;
  name: string;
}

async function notify(trx: Db, author: Author, kind: 'threadStarted' | 'replyPosted', post: { title: string; body: string; link: string }): Promise<void> {
  for (const r of await exchangeRecipients(trx, author.personId)) {
    await enqueueEmail(trx, exchangePostEmail(kind, r, { author: author.name, ...post }));
  }
}

async function saveAttachments(trx: Db, threadId: number, replyId: number | null, files: CheckedUpload[], by: number, at: string): Promise<void> {
  for (const f of files) {
    await repo.insertAttachment(trx, { thread_id: threadId, reply_id: replyId, storage_key: f.key, filename: f.filename, content_type: f.contentType, size_bytes: f.sizeBytes, uploaded_by: by, created_at: at });
  }
}

/** Starts a thread (with any checked attachments) and emails the other members, in one transaction. */
export async function createThread(db: Db, actor: Actor, author: Author, input: ThreadInput, files: CheckedUpload[], baseUrl: string): Promise<ExchangeThread> {
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const thread = await repo.insertThread(trx, { title: input.title, body: input.body, author_person_id: author.personId, last_activity_at: now, created_at: now });
    await saveAttachments(trx, thread.id, null, files, author.personId, now);
    await recordAudit(trx, actor, { action: 'exchange_thread.created', subjectType: 'exchange_thread', subjectId: thread.id, changes: { title: [null, input.title] } });
    await notify(trx, author, 'threadStarted', { title: input.title, body: input.body, link: `${baseUrl}/exchange/${thread.id}` });
    return thread;
  });
}

/** Adds a reply (with any attachments), moves the thread to the top, and emails the other members. */
export async function createReply(db: Db, actor: Actor, author: Author, threadId: number, input: ReplyInput, files: CheckedUpload[], baseUrl: string): Promise<ExchangeReply> {
  return db.transaction().execute(async (trx) => {
    const thread = await repo.lockThread(trx, threadId);
    if (!thread) throw notFound();
    const now = nowIso();
    const reply = await repo.insertReply(trx, { thread_id: threadId, body: input.body, author_person_id: author.personId, created_at: now });
    await repo.touchThread(trx, threadId, now);
    await saveAttachments(trx, threadId, reply.id, files, author.personId, now);
    await recordAudit(trx, actor, { action: 'exchange_reply.created', subjectType: 'exchange_reply', subjectId: reply.id });
    await notify(trx, author, 'replyPosted', { title: thread.title, body: input.body, link: `${baseUrl}/exchange/${threadId}#reply-${reply.id}` });
    return reply;
  });
}

/** Whether a person has muted exchange emails. */
export const isExchangeMuted = (db: Db, personId: number): Promise<boolean> => repo.isMuted(db, personId);

/** Turns a person's exchange emails off (muted) or back on. */
export const setExchangeMuted = (db: Db, personId: number, muted: boolean): Promise<void> => repo.setMuted(db, personId, muted, nowIso());
