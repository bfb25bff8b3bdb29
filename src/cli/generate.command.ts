import { InvalidArgumentError, type Command } from 'commander';
import { generateNetwork, SCALE_NAMES, SCALES, GENERATED_PASSWORD, type ScaleName } from '../../bench/generate.ts';
import { countOrganisations } from '../db/seeds/demo-seed.repository.ts';
import { CliError, withDatabase } from './cli-context.ts';

/** `coalition generate --scale national|regional|small [--seed N]`: synthetic data for benchmarks. */
export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description('Fill an empty database with a generated network for benchmarks (national: 100,000 organisations and 1,000,000 people).')
    .requiredOption('--scale <scale>', `one of ${SCALE_NAMES.join(', ')}`, parseScale)
    .option('--seed <n>', 'the same seed always generates the same network', parseSeed, 1)
    .action(async (opts: { scale: ScaleName; seed: number }) => {
      await withDatabase(
        async (database) => {
          const existing = await countOrganisations(database.db);
          if (existing > 0) {
            throw new CliError(
              `This database already holds ${existing} organisations; generate fills an empty one.\n` +
                'Point DATA_DIR (SQLite) or DATABASE_URL (PostgreSQL) at a fresh database, e.g. DATA_DIR=./data/bench coalition generate --scale small',
            );
          }
          const s = SCALES[opts.scale];
          console.log(`Generating the ${opts.scale} network (seed ${opts.seed}) into ${database.dialect}: ${s.organisations.toLocaleString('en-US')} organisations, ${s.people.toLocaleString('en-US')} people…`);
          const report = await generateNetwork(database.db, { scale: opts.scale, seed: opts.seed, log: (line) => console.log(`  ${line}`) });
          console.log(
            `Done in ${report.seconds} s (${report.rowsPerSecond.toLocaleString('en-US')} rows/s): ${report.organisations.toLocaleString('en-US')} organisations, ` +
              `${report.people.toLocaleString('en-US')} people, ${report.roles.toLocaleString('en-US')} roles. Every generated person's password is ${GENERATED_PASSWORD}.`,
          );
        },
        { migrate: true },
      );
    });
}

function parseScale(value: string): ScaleName {
  if (!(SCALE_NAMES as readonly string[]).includes(value)) throw new InvalidArgumentError(`choose one of ${SCALE_NAMES.join(', ')}.`);
  return value as ScaleName;
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new InvalidArgumentError('a whole number from 0 to 4294967295.');
  return n;
}
