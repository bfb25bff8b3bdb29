import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: string | Buffer; contentType?: string }[];
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * SMTP when SMTP_URL is set; otherwise every message is written as an .eml file to the outbox
 * folder, where admins read it at /admin/outbox. Both go through nodemailer, so what lands in the
 * outbox is byte-for-byte what SMTP would have carried.
 */
export function createMailer(opts: { smtpUrl?: string; outboxDir: string; from: string; logger?: Logger }): Mailer {
  const transport: Transporter = opts.smtpUrl
    ? nodemailer.createTransport(opts.smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transport.sendMail({ from: opts.from, ...message });
      if (!opts.smtpUrl) {
        await fs.mkdir(opts.outboxDir, { recursive: true });
        // Names sort by time, so the newest message is the last file.
        const file = path.join(opts.outboxDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`);
        await fs.writeFile(file, info.message as Buffer);
      }
      opts.logger?.info({ to: message.to, subject: message.subject, outbox: !opts.smtpUrl }, 'mail sent');
    },
    close: () => transport.close(),
  };
}
