import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

// Uploaded CSVs wait under DATA_DIR/imports between the upload, the dry run and the confirmation,
// named by a random id (the id is the only handle on the file, and only network admins see it).

const ID_PATTERN = /^[a-f0-9]{24}$/;
/** Uploads older than this are removed the next time someone uploads. */
const KEEP_MS = 24 * 60 * 60 * 1000;

export interface ImportUpload {
  id: string;
  csv: string;
  rejections: string;
  meta: string;
}

export interface ImportMeta {
  originalName: string;
  uploadedAt: string;
  bytes: number;
}

/** The files of an upload (which may not exist), or undefined for an id that is not one of ours. */
export function importUpload(dir: string, id: string): ImportUpload | undefined {
  if (!ID_PATTERN.test(id)) return undefined;
  return { id, csv: path.join(dir, `${id}.csv`), rejections: path.join(dir, `${id}.rejected.csv`), meta: path.join(dir, `${id}.json`) };
}

/** A new upload's file names (the folder is created when missing). */
export function newImportUpload(dir: string): ImportUpload {
  fs.mkdirSync(dir, { recursive: true });
  return importUpload(dir, randomBytes(12).toString('hex'))!;
}

export function readImportMeta(upload: ImportUpload): ImportMeta | undefined {
  try {
    return JSON.parse(fs.readFileSync(upload.meta, 'utf8')) as ImportMeta;
  } catch {
    return undefined;
  }
}

export function writeImportMeta(upload: ImportUpload, meta: ImportMeta): void {
  fs.writeFileSync(upload.meta, JSON.stringify(meta));
}

/** Removes an upload's files. */
export function removeImportUpload(upload: ImportUpload): void {
  for (const f of [upload.csv, upload.rejections, upload.meta]) fs.rmSync(f, { force: true });
}

/** Removes uploads left behind for more than a day (abandoned between upload and confirmation). */
export function sweepOldImports(dir: string, now = Date.now()): void {
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > KEEP_MS) fs.rmSync(file, { force: true });
    } catch {
      // Removed meanwhile by another request: nothing to do.
    }
  }
}
