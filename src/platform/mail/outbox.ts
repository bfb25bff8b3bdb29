import fs from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';

export interface OutboxMessage {
  id: string;
  date: string;
  to: string;
  subject: string;
  text: string;
}

const SAFE_ID = /^[\w-]+\.eml$/;

/** Lists the newest messages in the outbox folder (newest first). */
export async function listOutbox(outboxDir: string, limit = 50): Promise<OutboxMessage[]> {
  let files: string[];
  try {
    files = (await fs.readdir(outboxDir)).filter((f) => SAFE_ID.test(f));
  } catch {
    return [];
  }
  const newest = files.sort().reverse().slice(0, limit);
  return Promise.all(newest.map((f) => readOutboxMessage(outboxDir, f) as Promise<OutboxMessage>));
}

/** Reads one message by its file name; null for an unknown or unsafe name. */
export async function readOutboxMessage(outboxDir: string, id: string): Promise<OutboxMessage | null> {
  if (!SAFE_ID.test(id)) return null;
  try {
    const parsed = await simpleParser(await fs.readFile(path.join(outboxDir, id)));
    const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '');
    return { id, date: (parsed.date ?? new Date(0)).toISOString(), to, subject: parsed.subject ?? '', text: parsed.text ?? '' };
  } catch {
    return null;
  }
}
