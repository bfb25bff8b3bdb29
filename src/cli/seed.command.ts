import type { Command } from 'commander';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../db/seeds/demo-network.ts';
import { seedDemo } from '../db/seeds/demo.ts';
import { countOrganisations } from '../db/seeds/demo-seed.repository.ts';
import { CliError, withDatabase } from './cli-context.ts';

/** `coalition seed --demo [--force]`: loads the demo network. */
export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('Load sample data. --demo loads a demo network (national office, centers, schools, partners, people).')
    .option('--demo', 'load the demo network')
    .option('--force', 'add the demo network to a database that already has organisations (nothing is added twice)')
    .action(async (opts: { demo?: boolean; force?: boolean }) => {
      if (!opts.demo) throw new CliError('Say what to load: coalition seed --demo');
      await withDatabase(
        async (database) => {
          const existing = await countOrganisations(database.db);
          if (existing > 0 && !opts.force) {
            throw new CliError(
              `This database already holds ${existing} organisation${existing === 1 ? '' : 's'}, so the demo network was not loaded.\n` +
                'Use --force to add whatever of it is missing (nothing is added twice), or point DATA_DIR / DATABASE_URL at an empty database.',
            );
          }
          const added = await seedDemo(database.db);
          console.log(`Demo network: added ${added.organisations} organisations, ${added.people} people and ${added.roles} roles, with their memberships and center spaces.`);
          printDemoAccounts(console.log);
        },
        { migrate: true },
      );
    });
}

/** The demo sign-ins, as printed by `seed --demo` and `serve --demo`. */
export function printDemoAccounts(print: (line: string) => void): void {
  print(`Demo accounts (password for all: ${DEMO_PASSWORD}):`);
  for (const account of DEMO_ACCOUNTS) print(`  ${account.email.padEnd(32)} ${account.what}`);
}
