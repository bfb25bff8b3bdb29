import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { systemActor } from '../src/modules/audit/audit.service.ts';
import { runSchoolImport } from '../src/modules/directory/directory-import.service.ts';
import { detectMapping } from '../src/modules/directory/import-fields.ts';
import { readCsvHeader } from '../src/modules/directory/import-reader.ts';
import { ROOT } from './processes.ts';

/**
 * Imports a 100,000-row CSV shaped like the NCES CCD school directory into an empty database and
 * reports the time and the process's peak resident memory (target: < 30 s, < 300 MB).
 *
 *   node --import tsx bench/directory-import.ts [sqlite|postgres] [--rows 100000]
 *
 * Run it once per database, each in a fresh process, so the peak RSS is the import's own.
 */

const args = process.argv.slice(2);
const dialect = args[0] === 'postgres' ? 'postgres' : 'sqlite';
const rowsAt = args.indexOf('--rows');
const ROWS = rowsAt >= 0 ? Number(args[rowsAt + 1]) : 100_000;
const STATES: [string, string, string, number, number][] = [
  ['CA', '06', 'Fresno', 36.74, -119.78], ['TX', '48', 'Houston', 29.76, -95.37], ['NY', '36', 'Buffalo', 42.89, -78.88], ['IL', '17', 'Peoria', 40.69, -89.59],
  ['OH', '39', 'Dayton', 39.76, -84.19], ['GA', '13', 'Macon', 32.84, -83.63], ['WA', '53', 'Spokane', 47.66, -117.43], ['NM', '35', 'Santa Fe', 35.69, -105.94],
];
const GRADES: [string, string][] = [['PK', '05'], ['KG', '05'], ['06', '08'], ['09', '12'], ['KG', '08'], ['06', '12']];
const NAMES = ['Lincoln', 'Roosevelt', 'Chavez', 'Tubman', 'Dewey', 'Parks', 'Carver', 'Hughes'];
const KINDS = ['Elementary School', 'Middle School', 'High School', 'Academy', 'Community School'];

/** Writes the CSV with the CCD's columns (and a quoted comma in some names). */
function writeCcdCsv(file: string, rows: number): void {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, '\uFEFFSCHOOL_YEAR,FIPST,ST,SCH_NAME,LEA_NAME,NCESSCH,LSTREET1,LCITY,LSTATE,LZIP,PHONE,GSLO,GSHI,MEMBER,LATCOD,LONCOD\r\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const [st, fips, city, lat, lon] = STATES[i % STATES.length]!;
    const [lo, hi] = GRADES[i % GRADES.length]!;
    const name = `${NAMES[i % NAMES.length]} ${KINDS[(i >> 3) % KINDS.length]} ${i}`;
    const quoted = i % 10 === 0 ? `"${name}, Campus ${i % 7}"` : name;
    chunk += `2023-2024,${fips},${st},${quoted},District ${i % 500},${fips}${String(10_000_000_000 - 1 - i).slice(0, 10)},${100 + (i % 9000)} Main St,${city},${st},${String(10000 + (i % 89999)).padStart(5, '0')},(555)555-0100,${lo},${hi},${150 + (i % 1500)},${(lat + (i % 100) / 1000).toFixed(4)},${(lon - (i % 100) / 1000).toFixed(4)}\r\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
}

async function main() {
  const dir = path.join(ROOT, 'data', 'bench-import');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'ccd.csv');
  writeCcdCsv(file, ROWS);
  let databaseUrl: string | undefined;
  if (dialect === 'postgres') {
    const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS hub_bench_import');
    await admin.query('CREATE DATABASE hub_bench_import');
    await admin.end();
    databaseUrl = 'postgres://postgres@127.0.0.1:5432/hub_bench_import';
  }
  const handle = openDatabase({ databaseUrl, sqlitePath: path.join(dir, 'import.sqlite') });
  await migrateToLatest(handle.db);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const mapping = detectMapping(await readCsvHeader(file));
  const t0 = performance.now();
  const dry = await runSchoolImport(handle.db, file, mapping, { apply: false });
  const tDry = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const report = await runSchoolImport(handle.db, file, mapping, { apply: true, actor: systemActor('bench') });
  const tApply = (performance.now() - t1) / 1000;
  const t2 = performance.now();
  const again = await runSchoolImport(handle.db, file, mapping, { apply: true, actor: systemActor('bench') });
  const tAgain = (performance.now() - t2) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  await handle.destroy();
  const mb = (fs.statSync(file).size / 1024 / 1024).toFixed(1);
  console.log(`| ${dialect} | ${ROWS.toLocaleString('en-US')} rows, ${mb} MB | dry run ${tDry.toFixed(1)} s | import ${tApply.toFixed(1)} s (created ${report.create}, rejected ${report.rejected}) | re-import ${tAgain.toFixed(1)} s (unchanged ${again.unchanged}) | peak RSS ${Math.round(peak / 1024 / 1024)} MiB |`);
  if (dry.fatal || report.fatal) console.log(`fatal: ${dry.fatal ?? report.fatal}`);
}

await main();
