import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart, { type MultipartFile } from '@fastify/multipart';
import { fileTypeFromFile } from 'file-type';
import { requireNetworkAdmin } from '../../platform/auth/guards.ts';
import { isNetworkAdmin } from '../../platform/auth/principal.ts';
import { notFound } from '../../platform/errors.ts';
import { viewContext } from '../../platform/http/view.ts';
import { sendPage } from '../../platform/ui/render.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { removeImportUpload, importUpload, newImportUpload, readImportMeta, sweepOldImports, writeImportMeta, type ImportUpload } from './import-files.ts';
import { detectMapping, IMPORT_FIELDS, isCcdHeader, type ImportMapping } from './import-fields.ts';
import { readCsvHeader, UnreadableFile } from './import-reader.ts';
import { runSchoolImport } from './directory-import.service.ts';
import { ImportMappingPage, ImportReportPage, ImportUploadPage } from './views/import-pages.tsx';

/** Largest CSV accepted: the national CCD directory file (~100,000 schools) is about 40 MB. */
export const IMPORT_MAX_BYTES = 60 * 1024 * 1024;
const hide = { schema: { hide: true } };

interface UploadOutcome {
  upload?: ImportUpload;
  name?: string;
  tooLarge?: boolean;
}
const outcomes = new WeakMap<FastifyRequest, UploadOutcome>();

/**
 * Streams the uploaded file to disk as it arrives (never into memory). Runs before the CSRF check
 * and the handler, so it writes nothing for anyone but a network admin: other uploads are drained.
 */
async function saveUploadedFile(this: FastifyRequest, part: MultipartFile) {
  if (part.fieldname !== 'file' || !isNetworkAdmin(this.principal) || outcomes.has(this)) {
    part.file.resume();
    return;
  }
  const upload = newImportUpload(path.join(this.server.deps.config.dataDir, 'imports'));
  await pipeline(part.file, fs.createWriteStream(upload.csv));
  if (part.file.truncated) {
    removeImportUpload(upload);
    outcomes.set(this, { tooLarge: true });
  } else {
    outcomes.set(this, { upload, name: part.filename || 'upload.csv' });
  }
}

/** The mapping the admin chose, from `map_<field>` form fields. */
function mappingFrom(body: unknown): ImportMapping {
  const values = (body ?? {}) as Record<string, unknown>;
  const mapping: ImportMapping = {};
  for (const f of IMPORT_FIELDS) {
    const v = values[`map_${f}`];
    if (typeof v === 'string' && v !== '') mapping[f] = v;
  }
  return mapping;
}

/** /admin/directory-import: upload a CSV, map its columns, dry-run it, confirm it. Network admins only. */
export async function registerDirectoryImportRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;
  const importsDir = path.join(app.deps.config.dataDir, 'imports');
  const maxMb = Math.round(IMPORT_MAX_BYTES / 1024 / 1024);

  const uploadOf = (request: FastifyRequest): ImportUpload => {
    const upload = importUpload(importsDir, (request.params as { id: string }).id);
    if (!upload || !fs.existsSync(upload.csv)) throw notFound();
    return upload;
  };
  const uploadPage = (request: FastifyRequest, reply: FastifyReply, error?: string, status = 200) =>
    sendPage(reply, <ImportUploadPage ctx={viewContext(request, reply)} error={error} maxMb={maxMb} />, status);

  await app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      onFile: saveUploadedFile,
      throwFileSizeLimit: false,
      limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5, parts: 6 },
    });

    // The file is streamed to disk before the CSRF check runs (multipart parsing comes first), so
    // an upload whose request is then refused — a forged post, a failed check — is removed at once.
    scope.addHook('onResponse', async (request, reply) => {
      const upload = outcomes.get(request)?.upload;
      if (upload && reply.statusCode >= 400) removeImportUpload(upload);
    });

    scope.get('/admin/directory-import', hide, async (request, reply) => {
      requireNetworkAdmin(request);
      return uploadPage(request, reply);
    });

    scope.post('/admin/directory-import', hide, async (request, reply) => {
      requireNetworkAdmin(request);
      const outcome = outcomes.get(request) ?? {};
      const t = request.t;
      if (outcome.tooLarge) return uploadPage(request, reply, t('directory-import:upload.tooLarge', { maxMb }), 413);
      if (!outcome.upload) return uploadPage(request, reply, t('directory-import:upload.missing'), 400);
      const upload = outcome.upload;
      // A spreadsheet or archive sent as-is is named for what it is rather than read as bad text.
      const sniffed = await fileTypeFromFile(upload.csv).catch(() => undefined);
      if (sniffed && sniffed.mime !== 'text/csv') {
        removeImportUpload(upload);
        return uploadPage(request, reply, t('directory-import:upload.binary', { type: `${sniffed.ext.toUpperCase()} (${sniffed.mime})` }), 400);
      }
      try {
        await readCsvHeader(upload.csv);
      } catch (err) {
        removeImportUpload(upload);
        if (err instanceof UnreadableFile) return uploadPage(request, reply, err.message, 400);
        throw err;
      }
      writeImportMeta(upload, { originalName: outcome.name ?? 'upload.csv', uploadedAt: new Date().toISOString(), bytes: fs.statSync(upload.csv).size });
      sweepOldImports(importsDir);
      return reply.redirect(`/admin/directory-import/${upload.id}`, 303);
    });

    const mappingPage = async (request: FastifyRequest, reply: FastifyReply, upload: ImportUpload, mapping?: ImportMapping, error?: string) => {
      const columns = await readCsvHeader(upload.csv);
      const meta = readImportMeta(upload);
      return sendPage(
        reply,
        <ImportMappingPage
          ctx={viewContext(request, reply)}
          id={upload.id}
          fileName={meta?.originalName ?? 'upload.csv'}
          columns={columns}
          mapping={mapping ?? detectMapping(columns)}
          ccd={isCcdHeader(columns)}
          error={error}
        />,
        error ? 400 : 200,
      );
    };

    scope.get('/admin/directory-import/:id', hide, async (request, reply) => {
      requireNetworkAdmin(request);
      return mappingPage(request, reply, uploadOf(request));
    });

    scope.post('/admin/directory-import/:id/check', hide, async (request, reply) => {
      requireNetworkAdmin(request);
      const upload = uploadOf(request);
      const report = await runSchoolImport(db, upload.csv, mappingFrom(request.body), { apply: false, rejectionsFile: upload.rejections });
      return sendPage(reply, <ImportReportPage ctx={viewContext(request, reply)} id={upload.id} report={report} />, report.fatal ? 400 : 200);
    });

    scope.post('/admin/directory-import/:id/confirm', hide, async (request, reply) => {
      requireNetworkAdmin(request);
      const upload = uploadOf(request);
      const report = await runSchoolImport(db, upload.csv, mappingFrom(request.body), { apply: true, actor: actorFromRequest(request) });
      if (report.applied) removeImportUpload(upload);
      return sendPage(reply, <ImportReportPage ctx={viewContext(request, reply)} id={upload.id} report={report} />, report.fatal ? 400 : 200);
    });

    scope.get('/admin/directory-import/:id/rejections.csv', hide, async (request, reply) => {
      requireNetworkAdmin(request);
      const upload = uploadOf(request);
      if (!fs.existsSync(upload.rejections)) throw notFound();
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="rejected-rows-${upload.id}.csv"`)
        .send(fs.createReadStream(upload.rejections));
    });
  });
}
