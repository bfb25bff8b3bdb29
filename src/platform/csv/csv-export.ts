import type { FastifyReply } from 'fastify';
import { stringify } from 'csv-stringify/sync';

/** What a CSV cell may hold. Dates are written as ISO-8601; null and undefined as empty cells. */
export type CsvCell = string | number | boolean | Date | null | undefined;

/** A table to export: one header row, then the data rows (same order as the header). */
export interface CsvTable {
  header: string[];
  rows: CsvCell[][];
}

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark, so Excel opens accented names correctly (default true). */
  bom?: boolean;
}

/**
 * Writes a table as RFC 4180 CSV (CRLF line ends, quotes where needed). Text cells that a
 * spreadsheet would run as a formula (starting with = + - @, tab or CR, or their full-width forms)
 * get a leading apostrophe; numbers, negative ones included, stay numbers. csv-stringify does the
 * quoting and the formula escaping (`escape_formulas`), so we do not hand-roll either.
 */
export function toCsv(table: CsvTable, opts: CsvOptions = {}): string {
  return stringify([table.header, ...table.rows], {
    bom: opts.bom ?? true,
    record_delimiter: 'windows',
    escape_formulas: true,
    cast: {
      boolean: (v) => (v ? 'true' : 'false'),
      date: (v) => v.toISOString(),
    },
  });
}

/**
 * A filename safe in a Content-Disposition header and on every file system: ASCII letters, digits,
 * dot, dash and underscore only, no leading dot, at most 100 characters, ending in `.csv`.
 */
export function safeCsvFilename(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\.csv$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, 96);
  return `${base || 'export'}.csv`;
}

/**
 * Sends a table as a CSV download from a route handler: `return sendCsv(reply, 'network-health', table)`.
 * Not cached anywhere (exports usually hold data that is not public).
 */
export function sendCsv(reply: FastifyReply, filename: string, table: CsvTable, opts: CsvOptions = {}): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${safeCsvFilename(filename)}"`)
    .header('cache-control', 'private, no-store')
    .send(toCsv(table, opts));
}
