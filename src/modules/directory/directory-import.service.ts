import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database, NewOrganisation } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { slugify } from '../organisations/organisation-rules.ts';
import * as repo from './directory-import.repository.ts';
import { optimizeSearchIndex } from './directory-search.repository.ts';
import { IMPORT_FIELDS, readRow, type ImportedSchool, type ImportField, type ImportMapping } from './import-fields.ts';
import { readCsv, UnreadableFile } from './import-reader.ts';

type Db = Kysely<Database>;

/** Rows per batch: one lookup query, and (when applying) one transaction, per batch. */
const BATCH = 500;
/** Rejections listed in the report itself; the full list goes to a CSV beside the upload. */
export const REJECTIONS_SHOWN = 500;

export interface Rejection {
  line: number;
  reason: string;
}

export interface ImportReport {
  /** Why nothing could be imported at all (unreadable file, no name column…), or null. */
  fatal: string | null;
  columns: string[];
  mapping: ImportMapping;
  rows: number;
  create: number;
  update: number;
  unchanged: number;
  rejected: number;
  /** The first REJECTIONS_SHOWN rejected rows, in file order. */
  rejections: Rejection[];
  applied: boolean;
  seconds: number;
}

/** Imports that change at least this many schools merge the search index afterwards. */
const LARGE_IMPORT_ROWS = 1_000;

const COMPARED_FIELDS = ['name', 'address_line1', 'city', 'state', 'postal_code', 'grade_low', 'grade_high', 'enrolment', 'latitude', 'longitude'] as const;

/**
 * Reads a school CSV through a column mapping and reports what it would do (dry run), or does it
 * (`apply`). Applying first re-runs the check in full and stops if the file cannot be read, so a
 * file that breaks halfway never leaves half an import behind; then it writes batch by batch, each
 * in its own transaction. Re-importing matches schools by NCES ID (or, without one, by name, city
 * and state), so it updates rather than duplicates.
 */
export async function runSchoolImport(db: Db, file: string, mapping: ImportMapping, opts: { apply: boolean; actor?: Actor; rejectionsFile?: string }): Promise<ImportReport> {
  if (opts.apply) {
    const check = await processFile(db, file, mapping, { apply: false });
    if (check.fatal) return check;
  }
  const report = await processFile(db, file, mapping, opts);
  // A large import leaves the full-text index in many pieces, which slows every search until merged.
  if (opts.apply && report.create + report.update >= LARGE_IMPORT_ROWS) await optimizeSearchIndex(db);
  if (opts.apply && !report.fatal && opts.actor) {
    // One audit event per import, not one per school: a national import is 100,000 rows, and an
    // audit log drowned in identical "created by import" events hides every other change. The
    // event names the file's counts; each school's own history starts with its created_at.
    await recordAudit(db, opts.actor, {
      action: 'directory.schools_imported',
      subjectType: 'directory_import',
      subjectId: 0,
      changes: { created: report.create, updated: report.update, unchanged: report.unchanged, rejected: report.rejected, rows: report.rows },
    });
  }
  return report;
}

async function processFile(db: Db, file: string, mapping: ImportMapping, opts: { apply: boolean; rejectionsFile?: string }): Promise<ImportReport> {
  const started = performance.now();
  const report: ImportReport = { fatal: null, columns: [], mapping, rows: 0, create: 0, update: 0, unchanged: 0, rejected: 0, rejections: [], applied: false, seconds: 0 };
  const rejectionsOut = opts.rejectionsFile ? fs.createWriteStream(opts.rejectionsFile) : undefined;
  rejectionsOut?.write('line,reason\n');
  const reject = (r: Rejection) => {
    report.rejected += 1;
    if (report.rejections.length < REJECTIONS_SHOWN) report.rejections.push(r);
    rejectionsOut?.write(`${r.line},"${r.reason.replace(/"/g, '""')}"\n`);
  };
  let index: Partial<Record<ImportField, number>> = {};
  const seenNces = new Map<string, number>();
  const seenNames = new Map<string, number>();
  const state: BatchState = { usedSlugs: new Set(), now: nowIso() };
  let batch: { line: number; school: ImportedSchool }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const counts = await classifyBatch(db, batch, state, opts.apply);
    report.create += counts.create;
    report.update += counts.update;
    report.unchanged += counts.unchanged;
    batch = [];
  };
  try {
    const records = readCsv(
      file,
      (columns) => {
        report.columns = columns;
        const problem = mappingProblem(columns, mapping);
        if (problem) throw new UnreadableFile(problem);
        index = Object.fromEntries(IMPORT_FIELDS.filter((f) => mapping[f]).map((f) => [f, columns.indexOf(mapping[f]!)]));
      },
      (skip) => {
        report.rows += 1;
        reject(skip);
      },
    );
    for await (const record of records) {
      report.rows += 1;
      const get = (f: ImportField) => (index[f] === undefined ? '' : (record.fields[index[f]!] ?? ''));
      const row = readRow(get);
      if (!row.ok) {
        reject({ line: record.line, reason: row.reason });
        continue;
      }
      const s = row.school;
      const key = s.nces_id ?? `${s.name}|${s.city ?? ''}|${s.state ?? ''}`.toLowerCase();
      const seen = s.nces_id ? seenNces : seenNames;
      const first = seen.get(key);
      if (first !== undefined) {
        reject({ line: record.line, reason: s.nces_id ? `duplicate NCES ID ${s.nces_id} (first on line ${first})` : `duplicate school: same name, city and state as line ${first}` });
        continue;
      }
      seen.set(key, record.line);
      batch.push({ line: record.line, school: s });
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    report.applied = opts.apply;
  } catch (err) {
    if (!(err instanceof UnreadableFile)) throw err;
    report.fatal = err.message;
  } finally {
    if (rejectionsOut) await new Promise((resolve) => rejectionsOut.end(resolve));
  }
  report.seconds = Math.round(performance.now() - started) / 1000;
  return report;
}

/** Why a mapping cannot be used with these columns, or null. */
export function mappingProblem(columns: readonly string[], mapping: ImportMapping): string | null {
  if (!mapping.name) return `No column is chosen for the school name. The file's columns are: ${columns.slice(0, 40).join(', ') || '(none)'}.`;
  const missing = Object.entries(mapping).filter(([, column]) => column && !columns.includes(column));
  if (missing.length > 0) return `The file has no column named ${missing.map(([, c]) => `"${c}"`).join(', ')}.`;
  return null;
}

interface BatchState {
  usedSlugs: Set<string>;
  now: string;
}

/** Sorts a batch into new, changed and unchanged schools, and writes them when applying. */
async function classifyBatch(db: Db, batch: { line: number; school: ImportedSchool }[], state: BatchState, apply: boolean) {
  const work = async (trx: Db) => {
    const byNces = new Map((await repo.findByNcesIds(trx, batch.flatMap((b) => (b.school.nces_id ? [b.school.nces_id] : [])))).map((r) => [r.nces_id!, r]));
    const unidentified = batch.filter((b) => !b.school.nces_id);
    const byName = new Map<string, repo.ExistingSchool>();
    for (const r of await repo.findUnidentifiedSchoolsByName(trx, [...new Set(unidentified.map((b) => b.school.name))])) {
      byName.set(`${r.name}|${r.city ?? ''}|${r.state ?? ''}`.toLowerCase(), r);
    }
    const creates: ImportedSchool[] = [];
    const updates: { id: number; changes: Record<string, unknown> }[] = [];
    let unchanged = 0;
    for (const { school } of batch) {
      const existing = school.nces_id ? byNces.get(school.nces_id) : byName.get(`${school.name}|${school.city ?? ''}|${school.state ?? ''}`.toLowerCase());
      if (!existing) {
        creates.push(school);
        continue;
      }
      const changes: Record<string, unknown> = {};
      for (const f of COMPARED_FIELDS) {
        const before = existing[f] === null || existing[f] === undefined ? null : typeof school[f] === 'number' ? Number(existing[f]) : existing[f];
        if (before !== school[f]) changes[f] = school[f];
      }
      if (Object.keys(changes).length === 0) unchanged += 1;
      else updates.push({ id: existing.id, changes });
    }
    if (apply) {
      const rows = await newRows(trx, creates, state);
      await repo.insertOrganisations(trx, rows);
      for (const u of updates) await repo.updateOrganisationColumns(trx, u.id, { ...u.changes, updated_at: state.now });
    }
    return { create: creates.length, update: updates.length, unchanged };
  };
  return apply ? db.transaction().execute(work) : work(db);
}

/** Rows to insert, each with a slug free in the database and in this import. */
async function newRows(db: Db, schools: ImportedSchool[], state: BatchState): Promise<NewOrganisation[]> {
  // Short enough that a "-<NCES ID>" or "-<n>" suffix still fits the 120-character column.
  const bases = schools.map((s) => slugify(`${s.name} ${s.city ?? ''} ${s.state ?? ''}`).slice(0, 100).replace(/-+$/, '') || 'school');
  const taken = await repo.findTakenSlugs(db, bases);
  const slugs: string[] = [];
  for (const [i, base] of bases.entries()) {
    let slug = base;
    const nces = schools[i]!.nces_id?.toLowerCase();
    if (taken.has(slug) || state.usedSlugs.has(slug)) slug = nces ? `${base}-${nces}` : base;
    for (let n = 2; taken.has(slug) || state.usedSlugs.has(slug); n++) slug = `${base}-${n}`;
    slugs.push(slug);
    state.usedSlugs.add(slug);
  }
  // Suffixed slugs were only checked against this import: look them up once, and move any taken.
  const suffixed = slugs.filter((s, i) => s !== bases[i]);
  const takenSuffixed = await repo.findTakenSlugs(db, suffixed);
  for (const [i, s] of slugs.entries()) {
    if (!takenSuffixed.has(s)) continue;
    let n = 2;
    while (state.usedSlugs.has(`${s}-${n}`)) n++;
    slugs[i] = `${s}-${n}`;
    state.usedSlugs.add(slugs[i]!);
  }
  return schools.map((s, i) => ({ ...s, slug: slugs[i]!, kind: 'school', created_at: state.now, updated_at: state.now }));
}
