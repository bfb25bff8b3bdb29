import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { openDatabase, type DatabaseHandle, type DialectName } from '../../db/connection.ts';
import { migrateToLatest } from '../../db/migrator.ts';
import { createTestDatabase } from '../../../test/helpers/database.ts';

// Test support for the operator commands: a database the CLI (in a child process) and the test
// (in this process) both reach, and a way to run `coalition …` as an operator would.

export interface CliTarget extends DatabaseHandle {
  /** The environment that points a CLI process at this database. */
  env: Record<string, string>;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for CLI tests. SQLite: DATA_DIR/coalition.sqlite, exactly where the
 * CLI looks. PostgreSQL: a per-test database passed as DATABASE_URL.
 */
export async function createCliTarget(dialect: DialectName): Promise<CliTarget> {
  if (dialect === 'postgres') {
    const t = await createTestDatabase('postgres');
    return { ...t, env: { DATABASE_URL: t.location.databaseUrl!, DATA_DIR: t.dataDir }, close: () => t.drop() };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-cli-'));
  const handle = openDatabase({ sqlitePath: path.join(dataDir, 'coalition.sqlite') });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    env: { DATA_DIR: dataDir },
    dataDir,
    close: async () => {
      await handle.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `coalition <args>` in a child process with only the given environment (plus PATH), so the
 * developer's own DATABASE_URL or PORT never leak in. `input` is piped to standard input; without
 * it standard input is /dev/null, as under CI.
 */
export function runCli(args: string[], opts: { env?: Record<string, string>; input?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: path.resolve(import.meta.dirname, '../../..'),
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', ...opts.env },
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    if (opts.input !== undefined) child.stdin!.end(opts.input);
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
