import fs from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { parse } from 'csv-parse';

// Reads an uploaded CSV as a stream of records, never the whole file at once, so a 50 MB file (or
// 50 MB of junk) costs the same memory as a small one. Bytes are checked as UTF-8 on the way in:
// a wrong encoding (Latin-1, UTF-16, a spreadsheet saved as .xlsx) is refused outright with a clear
// message rather than imported as mojibake.

/** A reason the whole file cannot be read, for the admin (nothing is imported). */
export class UnreadableFile extends Error {}

/** The longest record we accept: a lone unclosed quote must not swallow the file into one "row". */
const MAX_RECORD_BYTES = 64 * 1024;

/** Decodes UTF-8 strictly, chunk by chunk, and refuses NUL bytes (binary files are full of them). */
class StrictUtf8 extends Transform {
  private decoder = new TextDecoder('utf-8', { fatal: true });
  private offset = 0;
  constructor() {
    super({ readableObjectMode: true });
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    if (chunk.includes(0)) return done(new UnreadableFile(`The file contains binary data (a NUL byte near byte ${this.offset + chunk.indexOf(0)}). Save it as CSV text in UTF-8.`));
    try {
      const text = this.decoder.decode(chunk, { stream: true });
      this.offset += chunk.length;
      done(null, text);
    } catch {
      done(new UnreadableFile(`The file is not UTF-8 text (an invalid byte sequence within bytes ${this.offset}–${this.offset + chunk.length}). Save it as "CSV UTF-8" and upload it again.`));
    }
  }
  override _flush(done: TransformCallback) {
    try {
      const rest = this.decoder.decode();
      done(null, rest || undefined);
    } catch {
      done(new UnreadableFile('The file is not UTF-8 text (it ends in the middle of a character).'));
    }
  }
}

export interface CsvRecord {
  /** Line on which the record ends (1 = the header; a record with quoted line breaks spans several). */
  line: number;
  fields: string[];
}

export interface RecordSkip {
  line: number;
  reason: string;
}

/**
 * The records of a CSV file after its header, with line numbers. Handles a byte-order mark, CRLF
 * and quoted fields with commas or line breaks (csv-parse). A malformed record (a stray quote) is
 * reported through `onSkip` and reading goes on; an unreadable file throws UnreadableFile.
 */
export async function* readCsv(file: string, onHeader: (columns: string[]) => void, onSkip: (skip: RecordSkip) => void): AsyncGenerator<CsvRecord> {
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_BYTES,
    info: true,
  });
  parser.on('skip', (err: { lines?: number; message: string }) => onSkip({ line: err.lines ?? 0, reason: `unreadable CSV record: ${err.message}` }));
  const input = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  const decoder = new StrictUtf8();
  let failure: Error | undefined;
  const fail = (err: Error) => {
    failure ??= err;
    parser.destroy(err);
  };
  input.on('error', fail);
  decoder.on('error', fail);
  input.pipe(decoder).pipe(parser);
  let header = true;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (header) {
        header = false;
        onHeader(record.map((c) => c.trim()));
        continue;
      }
      yield { line: info.lines, fields: record };
    }
  } catch (err) {
    throw asUnreadable(failure ?? err);
  } finally {
    input.destroy();
  }
  if (failure) throw asUnreadable(failure);
  if (header) throw new UnreadableFile('The file is empty: there is no header row.');
}

function asUnreadable(err: unknown): Error {
  if (err instanceof UnreadableFile) return err;
  const e = err as { code?: string; message?: string; lines?: number };
  if (typeof e?.code === 'string' && e.code.startsWith('CSV_')) {
    return new UnreadableFile(`The file is not a CSV we can read (line ${e.lines ?? '?'}): ${e.message}`);
  }
  return err as Error;
}

/** Just the header row's column names (reads only as far as the first record). */
export async function readCsvHeader(file: string): Promise<string[]> {
  let columns: string[] | undefined;
  const records = readCsv(file, (c) => (columns = c), () => {});
  try {
    await records.next();
  } finally {
    await records.return(undefined);
  }
  if (!columns) throw new UnreadableFile('The file is empty: there is no header row.');
  return columns;
}
