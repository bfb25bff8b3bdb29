import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { backupSqlite, defaultBackupFile, pgDumpGuidance, runPgDump } from './backup.service.ts';
import { CliError } from './cli-context.ts';

/** `coalition backup [--to <file>]`: a consistent copy of the live database. */
export function registerBackupCommand(program: Command): void {
  program
    .command('backup')
    .description('SQLite: copy the live database through the online backup API and check the copy. PostgreSQL: run pg_dump (with --to) or explain how.')
    .option('--to <file>', 'where to write the backup (default DATA_DIR/backups/coalition-<timestamp>.sqlite)')
    .action(async (opts: { to?: string }) => {
      const config = loadConfig();
      if (config.databaseUrl) {
        const dumped = opts.to ? runPgDump(config.databaseUrl, opts.to) : { ran: false as const };
        if (dumped.ran) {
          console.log(`Wrote ${opts.to} (${formatBytes(dumped.bytes)}, pg_dump custom format).`);
          console.log(`Restore with: pg_restore --no-owner --dbname=<empty database URL> ${opts.to}`);
        } else {
          if (opts.to) console.log('pg_dump is not on PATH, so nothing was written.\n');
          console.log(pgDumpGuidance());
        }
        return;
      }
      // Opening a missing file would create an empty database and "back up" nothing.
      if (!fs.existsSync(config.sqlitePath)) throw new CliError(`No database at ${config.sqlitePath}. Is DATA_DIR set as the server has it?`);
      const file = path.resolve(opts.to ?? defaultBackupFile(config.dataDir));
      const database = openDatabase({ sqlitePath: config.sqlitePath });
      try {
        const report = await backupSqlite(database.sqlite!, file);
        console.log(`Backed up ${config.sqlitePath}\n       to ${report.file} (${formatBytes(report.bytes)}, ${report.pages} pages, ${report.durationMs} ms)`);
        console.log(`Integrity check: ${report.integrity.join(', ')}`);
        console.log('Rows:');
        const width = Math.max(...Object.keys(report.counts).map((t) => t.length));
        for (const [table, n] of Object.entries(report.counts)) console.log(`  ${table.padEnd(width)}  ${n.toLocaleString('en-US')}`);
        console.log(`Restore: stop the server, then copy this file to ${config.sqlitePath} (and remove any -wal/-shm beside it).`);
      } finally {
        await database.destroy();
      }
    });
}

function formatBytes(n: number): string {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}
