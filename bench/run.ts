import fs from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError } from '../src/config.ts';
import { CliError } from '../src/cli/cli-context.ts';
import { registerGenerateCommand } from '../src/cli/generate.command.ts';
import { runLoadBenchmark, toMarkdown } from './load.ts';
import { ROOT } from './processes.ts';

/**
 * `sh scripts/hub.sh bench <command>` (npm run bench -- <command>).
 *
 * Benchmarks use their own database unless told otherwise: DATA_DIR defaults to ./data/bench, so a
 * million generated people never land in the development database by accident. Set DATA_DIR or
 * DATABASE_URL to choose another.
 */
if (!process.env.DATA_DIR && !process.env.DATABASE_URL) process.env.DATA_DIR = path.join(ROOT, 'data', 'bench');
const target = process.env.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : `SQLite in ${process.env.DATA_DIR}`;

const program = new Command('bench').description(`Coalition Hub benchmarks (database: ${target}).`);

registerGenerateCommand(program);

program
  .command('load')
  .description('Measure requests/s and latency of the hub against a bare Fastify hello-world, peak memory, and start-up time.')
  .option('--duration <s>', 'seconds per measured run', positiveInt, 10)
  .option('--warmup <s>', 'seconds of warm-up per page', nonNegativeInt, 2)
  .option('--connections <list>', 'comma-separated concurrency levels', (v) => v.split(',').map(positiveInt), [1, 50])
  .option('--startup-runs <n>', 'times to measure serve → first 200 (0 to skip)', nonNegativeInt, 5)
  .option('--pages <list>', 'comma-separated subset of home,principles,directory,organisation (hello-world always runs)', (v) => v.split(','))
  .option('--node-options <flags>', 'NODE_OPTIONS for the hub process only, to try runtime flags (e.g. "--max-semi-space-size=2")')
  .action(async (opts: { duration: number; warmup: number; connections: number[]; startupRuns: number; nodeOptions?: string; pages?: string[] }) => {
    console.log(`Load benchmark on ${target}`);
    const report = await runLoadBenchmark(
      { durationSec: opts.duration, warmupSec: opts.warmup, connections: opts.connections, startupRuns: opts.startupRuns, nodeOptions: opts.nodeOptions, pages: opts.pages },
      (line) => console.log(`  ${line}`),
    );
    const dir = path.join(ROOT, 'bench', 'results');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `load-${report.database.dialect}-${report.date.replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, JSON.stringify(report, null, 2));
    console.log(`\n${toMarkdown(report)}\n\nWrote ${path.relative(ROOT, file)}`);
  });

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of at least 1.');
  return n;
}

function nonNegativeInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number of at least 0.');
  return n;
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof ConfigError || err instanceof CliError) {
    console.error(err.message);
    process.exit(err instanceof ConfigError ? 2 : 1);
  }
  throw err;
}
