import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { backup, DatabaseSync } from 'node:sqlite';
import { CliError } from './cli-context.ts';

export interface SqliteBackupReport {
  file: string;
  bytes: number;
  pages: number;
  integrity: string[];
  /** Rows per table in the copy, by table name. */
  counts: Record<string, number>;
  durationMs: number;
}

/** `DATA_DIR/backups/coalition-2026-11-22T10-54-00-000Z.sqlite`: sortable, and safe on every filesystem. */
export function defaultBackupFile(dataDir: string, now = new Date()): string {
  return path.join(dataDir, 'backups', `coalition-${now.toISOString().replace(/[:.]/g, '-')}.sqlite`);
}

/**
 * Copies a live SQLite database through SQLite's online backup API, then checks the copy.
 *
 * The whole copy is one backup step, which reads inside one transaction: the result is the
 * database as of one instant even while the server keeps writing (in WAL mode readers never block
 * writers). Copying page batches instead would restart from scratch after every write made by
 * another connection — a busy server could keep a backup from ever finishing. A plain file copy is
 * worse still: it misses whatever sits in the -wal file and can catch a page mid-write.
 *
 * The copy is written beside the target and renamed only once it passes `PRAGMA integrity_check`,
 * so a file with the final name is always a good backup.
 */
export async function backupSqlite(source: DatabaseSync, file: string): Promise<SqliteBackupReport> {
  const started = performance.now();
  if (fs.existsSync(file)) throw new CliError(`${file} already exists; choose another --to.`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    const pages = await backup(source, partial, { rate: 0x7fffffff });
    const { integrity, counts } = checkCopy(partial);
    if (integrity.length !== 1 || integrity[0] !== 'ok') {
      throw new CliError(`The copy failed its integrity check:\n  ${integrity.join('\n  ')}`);
    }
    fs.renameSync(partial, file);
    return { file, bytes: fs.statSync(file).size, pages, integrity, counts, durationMs: Math.round(performance.now() - started) };
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/** Opens a copy, makes it a single self-contained file (no -wal beside it), checks it and counts its rows. */
function checkCopy(file: string): { integrity: string[]; counts: Record<string, number> } {
  const db = new DatabaseSync(file);
  try {
    db.exec('PRAGMA journal_mode = DELETE');
    const integrity = db.prepare('PRAGMA integrity_check').all().map((r) => String(Object.values(r)[0]));
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all()
      .map((r) => String(r.name));
    const counts: Record<string, number> = {};
    for (const table of tables) {
      counts[table] = Number(db.prepare(`SELECT count(*) AS n FROM "${table.replace(/"/g, '""')}"`).get()?.n ?? 0);
    }
    return { integrity, counts };
  } finally {
    db.close();
  }
}

/** How to back up and restore PostgreSQL, which has its own well-proven tools. */
export function pgDumpGuidance(): string {
  return [
    'This hub runs on PostgreSQL: back it up with PostgreSQL\'s own tools, which take a consistent snapshot of a live database.',
    '',
    '  Back up:   pg_dump --format=custom --file=coalition-$(date +%Y%m%d-%H%M%S).dump "$DATABASE_URL"',
    '  Check:     pg_restore --list coalition-….dump > /dev/null',
    '  Restore:   createdb hub_restored && pg_restore --no-owner --dbname=postgres://…/hub_restored coalition-….dump',
    '',
    'Or let this command run pg_dump for you: coalition backup --to <file>  (needs pg_dump on PATH, of the server\'s major version or newer).',
    'For point-in-time recovery, use continuous WAL archiving (see docs/operations.md).',
  ].join('\n');
}

/** Runs pg_dump in custom format into `file`. Returns false when pg_dump is not installed. */
export function runPgDump(databaseUrl: string, file: string): { ran: false } | { ran: true; bytes: number } {
  const probe = spawnSync('pg_dump', ['--version'], { encoding: 'utf8' });
  if (probe.error) return { ran: false };
  if (fs.existsSync(file)) throw new CliError(`${file} already exists; choose another --to.`);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const partial = `${file}.partial`;
  // The password goes through the environment, not the command line, where `ps` would show it.
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const env = password ? { ...process.env, PGPASSWORD: password } : process.env;
  const run = spawnSync('pg_dump', ['--format=custom', `--file=${partial}`, url.toString()], { encoding: 'utf8', env });
  if (run.status !== 0) {
    fs.rmSync(partial, { force: true });
    throw new CliError(`pg_dump failed (exit ${run.status}):\n${run.stderr.trim()}`);
  }
  fs.renameSync(partial, file);
  return { ran: true, bytes: fs.statSync(file).size };
}
