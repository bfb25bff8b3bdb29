import path from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { fileTypeFromStream } from 'file-type';
import { AppError } from '../errors.ts';
import type { FileStorage } from './file-storage.ts';

/**
 * The kinds of file people may share, by what their bytes say they are (never by their name or the
 * browser's claim). Office documents are the zip-based OOXML formats; plain text and CSV have no
 * magic number, so they are recognised by being valid UTF-8 without control characters.
 */
export const ALLOWED_UPLOADS = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  png: { mime: 'image/png', extensions: ['png'] },
  jpg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  gif: { mime: 'image/gif', extensions: ['gif'] },
  webp: { mime: 'image/webp', extensions: ['webp'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'] },
  txt: { mime: 'text/plain; charset=utf-8', extensions: ['txt', 'text', 'md'] },
  csv: { mime: 'text/csv; charset=utf-8', extensions: ['csv'] },
} as const;
export type AllowedUpload = keyof typeof ALLOWED_UPLOADS;

/** A stored file that passed the checks. */
export interface CheckedUpload {
  key: string;
  /** The person's file name made safe for display and for a download header. */
  filename: string;
  contentType: string;
  sizeBytes: number;
}

/** An upload refused for what it is (too large, empty, a type we do not take): 413 or 415, with a message for the person. */
export class UploadRejected extends AppError {
  constructor(status: 413 | 415 | 400, messageKey: string, params: Record<string, unknown> = {}) {
    super(status, status === 413 ? 'payload_too_large' : 'unsupported_upload', messageKey, { params });
  }
}

/** "10 MB", for messages. */
export const megabytes = (bytes: number): string => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/**
 * A file name fit to show and to send back in a download header: only its last path segment (so
 * "../../etc/passwd" is just "passwd"), without control or reserved characters, at most 120
 * characters. It is never used as a path: files are stored under random keys.
 */
export function safeFilename(name: string): string {
  const last = name.split(/[/\\]/).pop() ?? '';
  const cleaned = last
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}"<>:|?*;%]/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .trim();
  if (!cleaned) return 'file';
  if (cleaned.length <= 120) return cleaned;
  const ext = path.extname(cleaned).slice(0, 16);
  return cleaned.slice(0, 120 - ext.length) + ext;
}

const extensionOf = (name: string): string => path.extname(name).slice(1).toLowerCase();

/**
 * Watches bytes go by: counts them, keeps the first, and checks they are UTF-8 text. Past the
 * limit it drops the rest but keeps reading, so the request body is still consumed to its end
 * (answering mid-upload makes browsers show a reset connection instead of our message).
 */
class Inspector extends Transform {
  size = 0;
  tooLarge = false;
  text = true;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  constructor(private readonly maxBytes: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) this.tooLarge = true;
    if (this.tooLarge) return done();
    if (this.text) this.inspectText(chunk, true);
    done(null, chunk);
  }
  override _flush(done: TransformCallback): void {
    if (this.text && !this.tooLarge) this.inspectText(new Uint8Array(0), false);
    done();
  }
  private inspectText(chunk: Uint8Array, more: boolean): void {
    try {
      // Control characters other than tab, line breaks and form feed mean a binary file.
      if (/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(this.decoder.decode(chunk, { stream: more }))) this.text = false;
    } catch {
      this.text = false;
    }
  }
}

/**
 * Stores an upload if it is within the size limit and its bytes are an allowed type whose name
 * agrees with them; otherwise stores nothing (anything written is removed) and throws
 * UploadRejected with a message saying why.
 */
export async function storeCheckedUpload(storage: FileStorage, source: Readable | Buffer, originalName: string, opts: { maxBytes: number }): Promise<CheckedUpload> {
  const inspector = new Inspector(opts.maxBytes);
  const input = Buffer.isBuffer(source) ? Readable.from([source]) : source;
  const key = await storage.put(input.pipe(inspector));
  try {
    if (inspector.tooLarge) throw new UploadRejected(413, 'uploads:tooLarge', { max: megabytes(opts.maxBytes) });
    if (inspector.size === 0) throw new UploadRejected(400, 'uploads:empty');
    const filename = safeFilename(originalName);
    const kind = await sniff(storage, key, inspector.text, extensionOf(filename));
    return { key, filename: extensionOf(filename) ? filename : `${filename}.${kind}`, contentType: ALLOWED_UPLOADS[kind].mime, sizeBytes: inspector.size };
  } catch (err) {
    await storage.delete(key);
    throw err;
  }
}

/** Which allowed type the stored bytes are, or UploadRejected. */
async function sniff(storage: FileStorage, key: string, isText: boolean, ext: string): Promise<AllowedUpload> {
  const stream = await storage.get(key);
  if (!stream) throw new Error('stored upload vanished');
  const found = await fileTypeFromStream(Readable.toWeb(stream) as ReadableStream<Uint8Array>).finally(() => stream.destroy());
  const allowed = (Object.keys(ALLOWED_UPLOADS) as AllowedUpload[]).join(', ');
  if (found) {
    const kind = (found.ext === 'jpeg' ? 'jpg' : found.ext) as AllowedUpload;
    const known = kind in ALLOWED_UPLOADS && kind !== 'txt' && kind !== 'csv';
    const extensions: readonly string[] = known ? ALLOWED_UPLOADS[kind].extensions : [found.ext];
    // A name that claims another type is the classic disguise (a program renamed .pdf): say so.
    if (ext && !extensions.includes(ext)) throw new UploadRejected(415, 'uploads:disguised', { ext: `.${ext}`, detected: describe(found.ext, found.mime) });
    if (!known) throw new UploadRejected(415, 'uploads:notAllowed', { detected: describe(found.ext, found.mime), allowed });
    return kind;
  }
  if (!isText) throw new UploadRejected(415, 'uploads:unknownType', { allowed });
  if (ext === 'csv') return 'csv';
  if (!ext || (ALLOWED_UPLOADS.txt.extensions as readonly string[]).includes(ext)) return 'txt';
  throw new UploadRejected(415, 'uploads:notAllowed', { detected: `.${ext}`, allowed });
}

const describe = (ext: string, mime: string): string => `${ext.toUpperCase()} (${mime})`;

/**
 * The Content-Disposition for downloading a stored file: always an attachment (never shown inline
 * in our origin), with an ASCII fallback name and the exact name in RFC 5987 form.
 */
export function attachmentDisposition(filename: string): string {
  const ascii = safeFilename(filename).replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safeFilename(filename))}`;
}
