import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { JobDefinition } from '../jobs/job-types.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import type { MailMessage } from './mailer.ts';

export const MAIL_SEND = 'mail.send';

/** Attachments are stored as base64 text: a Buffer does not survive JSON. */
interface StoredMessage extends Omit<MailMessage, 'attachments'> {
  attachments?: { filename: string; base64: string; contentType?: string }[];
}

/**
 * Durable email: queues the message as a job, so pass the transaction of the change it reports:
 * it is sent if and only if that change commits, and retried when the mail server is down.
 */
export async function enqueueEmail(db: Kysely<Database>, message: MailMessage): Promise<void> {
  const stored: StoredMessage = {
    ...message,
    attachments: message.attachments?.map((a) => ({ filename: a.filename, base64: Buffer.from(a.content).toString('base64'), contentType: a.contentType })),
  };
  await enqueueJob(db, { kind: MAIL_SEND, payload: stored, maxAttempts: 8 });
}

/** Sends one queued email through the app's mailer. */
export const mailJobs: JobDefinition<StoredMessage>[] = [
  {
    kind: MAIL_SEND,
    maxAttempts: 8,
    lockSeconds: 120,
    async run(ctx, message) {
      await ctx.mailer.send({
        ...message,
        attachments: message.attachments?.map((a) => ({ filename: a.filename, content: Buffer.from(a.base64, 'base64'), contentType: a.contentType })),
      });
    },
  },
];
