import fs from 'node:fs';
import type { Command } from 'commander';
import { CliError, withDatabase } from '../../cli/cli-context.ts';
import { systemActor } from '../audit/audit.service.ts';
import { runSchoolImport, type ImportReport } from './directory-import.service.ts';
import { detectMapping, IMPORT_FIELDS, type ImportField, type ImportMapping } from './import-fields.ts';
import { readCsvHeader, UnreadableFile } from './import-reader.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

/** `--map name=School --map city=Town` over the columns recognised automatically. */
export function mappingWithOverrides(columns: string[], overrides: string[]): ImportMapping {
  const mapping = detectMapping(columns);
  for (const pair of overrides) {
    const eq = pair.indexOf('=');
    const field = pair.slice(0, eq) as ImportField;
    if (eq < 1 || !IMPORT_FIELDS.includes(field)) throw new CliError(`--map ${pair}: say field=Column, with field one of ${IMPORT_FIELDS.join(', ')}.`);
    const column = pair.slice(eq + 1);
    if (column === '') delete mapping[field];
    else mapping[field] = column;
  }
  return mapping;
}

/** The report as the terminal shows it. */
export function printImportReport(report: ImportReport, print: (line: string) => void): void {
  if (report.fatal) print(`Nothing imported: ${report.fatal}`);
  print(`Rows read: ${report.rows}. New: ${report.create}. Updated: ${report.update}. Unchanged: ${report.unchanged}. Rejected: ${report.rejected}. (${report.seconds} s)`);
  for (const r of report.rejections) print(`  line ${r.line}: ${r.reason}`);
  if (report.rejected > report.rejections.length) print(`  … and ${report.rejected - report.rejections.length} more rejected rows.`);
}

/** `coalition import-schools <file.csv> [--map field=Column …] [--dry-run]`. */
export function registerImportSchoolsCommand(program: Command): void {
  program
    .command('import-schools')
    .description('Import schools from a CSV (NCES Common Core of Data columns are recognised). Re-importing updates by NCES ID.')
    .argument('<file>', 'CSV file, UTF-8, with a header row')
    .option('--map <field=Column>', `read a field from a column (fields: ${IMPORT_FIELDS.join(', ')}); repeatable`, collect, [])
    .option('--dry-run', 'report what would change, and change nothing')
    .action(async (file: string, opts: { map: string[]; dryRun?: boolean }) => {
      if (!fs.existsSync(file)) throw new CliError(`No such file: ${file}`);
      let columns: string[];
      try {
        columns = await readCsvHeader(file);
      } catch (err) {
        if (err instanceof UnreadableFile) throw new CliError(err.message);
        throw err;
      }
      const mapping = mappingWithOverrides(columns, opts.map);
      await withDatabase(async (database) => {
        const report = await runSchoolImport(database.db, file, mapping, { apply: !opts.dryRun, actor: systemActor('import-schools') });
        printImportReport(report, console.log);
        if (report.fatal) throw new CliError('The import was refused; nothing changed.');
        console.log(opts.dryRun ? 'Dry run: nothing was changed.' : 'Done.');
      });
    });
}
