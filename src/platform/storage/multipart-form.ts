import multipart, { type Multipart, type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, badRequest } from '../errors.ts';

// Upload forms post multipart/form-data. The app's CSRF check reads the token from the parsed
// body before any handler runs, but a multipart body is parsed only when a handler reads it. So a
// hook reads the form's first part (the token field, first in every form) before the CSRF check,
// and the handler reads the rest, streaming each file to storage instead of holding it in memory.

const pending = new WeakMap<FastifyRequest, AsyncIterableIterator<Multipart>>();

/** The most text one upload form field may carry, and the most fields and files per form. */
const FIELD_LIMITS = { fieldSize: 100_000, fields: 20, files: 1, parts: 24 };

/**
 * Registers multipart parsing in this plugin scope only (encapsulated: the rest of the app does not
 * accept multipart bodies), with busboy stopping each file one byte past the limit so oversized
 * files are recognised without being read in full.
 */
export async function registerMultipartForms(scope: FastifyInstance, maxBytes: number): Promise<void> {
  await scope.register(multipart, { limits: { ...FIELD_LIMITS, fileSize: maxBytes + 1 }, throwFileSizeLimit: false });
  scope.addHook('preValidation', async (request) => {
    if (request.method !== 'POST' || !request.isMultipart()) return;
    const parts = request.parts();
    pending.set(request, parts);
    const first = await parts.next().catch(multipartFailure);
    if (!first.done && first.value.type === 'field' && first.value.fieldname === '_csrf') {
      request.body = { _csrf: String(first.value.value) };
    } else if (!first.done && first.value.type === 'file') {
      // Not a form of ours (the token comes first): drain it so the CSRF check can refuse the request.
      first.value.file.resume();
    }
  });
}

/**
 * Reads the rest of a multipart form: text fields into a record (trimmed, blanks dropped, as
 * formInput does), and each chosen file handed to `onFile`, which must consume its stream. A file
 * input left empty arrives as a nameless empty part and is skipped.
 */
export async function readMultipartForm(request: FastifyRequest, onFile: (file: MultipartFile) => Promise<void>): Promise<Record<string, string>> {
  const parts = pending.get(request);
  if (!parts) throw badRequest(undefined, 'uploads:notMultipart');
  const fields: Record<string, string> = {};
  for (;;) {
    const next = await parts.next().catch(multipartFailure);
    if (next.done) break;
    const part = next.value;
    if (part.type === 'field') {
      const value = String(part.value).trim();
      if (value !== '' && part.fieldname !== '_csrf') fields[part.fieldname] = value;
    } else if (!part.filename) {
      part.file.resume();
    } else {
      await onFile(part);
    }
  }
  return fields;
}

/** Busboy's limit errors as our own: 413 with a message rather than a bare 500. */
function multipartFailure(err: unknown): never {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'FST_FILES_LIMIT') throw new AppError(413, 'payload_too_large', 'uploads:tooManyFiles');
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new AppError(413, 'payload_too_large', 'uploads:tooManyFields');
  if (code.startsWith('FST_')) throw badRequest(undefined, 'uploads:malformed');
  throw err;
}
