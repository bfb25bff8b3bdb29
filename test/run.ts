import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { postgresReachable } from './helpers/database.ts';
import { chromiumPath } from './helpers/browser.ts';

/**
 * The README's test command: type-checks, works out which databases and browser this machine has,
 * then runs every test file with Node's test runner. On CI a missing PostgreSQL or Chromium is a
 * failure; on a developer's machine it is a loud skip, never a silent pass.
 */
const onCi = process.env.CI === 'true' || process.env.CI === '1';
const args = process.argv.slice(2);

function step(title: string) {
  console.log(`\n== ${title}`);
}

step('Type-checking (tsc --noEmit)');
const tsc = spawnSync(process.execPath, [path.resolve('node_modules/typescript/bin/tsc'), '--noEmit', '-p', '.'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const dialects = ['sqlite'];
if (await postgresReachable()) dialects.push('postgres');
else if (onCi) {
  console.error('PostgreSQL is not reachable (TEST_PG_URL or postgres://postgres@127.0.0.1:5432/postgres); CI requires it.');
  process.exit(1);
} else {
  console.warn('\n*** SKIPPING PostgreSQL: not reachable at TEST_PG_URL. Database tests run on SQLite only. ***\n');
}

const browser = chromiumPath();
if (!browser) {
  if (onCi) {
    console.error('Chromium not found (set CHROMIUM_PATH or install Debian\'s chromium); CI requires browser tests.');
    process.exit(1);
  }
  console.warn('\n*** SKIPPING browser tests: no Chromium found (install `chromium` or set CHROMIUM_PATH). ***\n');
}

function findTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return findTests(full);
    return /\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

const chosen = args.length ? args : [...findTests('src'), ...findTests('test')].filter((f) => browser || !f.includes(`${path.sep}browser${path.sep}`));
step(`Running ${chosen.length} test files on ${dialects.join(' + ')}${browser ? ' + Chromium' : ''}`);
const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...chosen], {
  stdio: 'inherit',
  env: { ...process.env, DIALECTS: dialects.join(','), CHROMIUM_PATH: browser ?? '', NODE_ENV: 'test' },
});
process.exit(run.status ?? 1);
