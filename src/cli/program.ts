import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrator.ts';
import { registerBackupCommand } from './backup.command.ts';
import { CliError } from './cli-context.ts';
import { registerCreateAdminCommand } from './create-admin.command.ts';
import { registerGenerateCommand } from './generate.command.ts';
import { registerJobsCommand } from './jobs.command.ts';
import { registerRollupsCommand } from './rollups.command.ts';
import { printDemoAccounts, registerSeedCommand } from './seed.command.ts';
import { registerImportSchoolsCommand } from '../modules/directory/import-schools.command.ts';

/** The commands of `coalition` (entry point: src/cli.ts). Each is small and delegates to a file beside this one. */
const program = new Command('coalition').description('Coalition Hub: run and operate a school-improvement network.');

program
  .command('serve')
  .description('Migrate the database and start the web server.')
  .option('--demo', 'load the demo network first when the database is empty')
  .action(async (opts: { demo?: boolean }) => {
    const config = loadConfig();
    // Loaded here, not at the top: the other commands need none of the web application.
    const { startServer, stopOnSignals } = await import('../server.ts');
    let seeded = false;
    let demoAccounts = false;
    const server = await startServer(config, {
      beforeListen: async (database) => {
        if (opts.demo) {
          const { seedDemoIfEmpty } = await import('../db/seeds/demo.ts');
          const { hasDemoAccounts } = await import('../db/seeds/demo-network.ts');
          seeded = await seedDemoIfEmpty(database.db);
          demoAccounts = await hasDemoAccounts(database.db);
        }
      },
    });
    stopOnSignals(server);
    if (seeded) server.app.log.info('Loaded the demo network into the empty database.');
    // Only point at the demo sign-ins when they exist (not on a database that held other data).
    if (demoAccounts) printDemoAccounts((line) => server.app.log.info(line));
    server.app.log.info(`Coalition Hub is running at ${config.baseUrl} (${server.database.dialect})`);
  });

program
  .command('migrate')
  .description('Bring the database schema up to date.')
  .action(async () => {
    const config = loadConfig();
    const database = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
    try {
      const result = await migrateToLatest(database.db);
      const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
    } finally {
      await database.destroy();
    }
  });

registerSeedCommand(program);
registerCreateAdminCommand(program);
registerBackupCommand(program);
registerGenerateCommand(program);
registerImportSchoolsCommand(program);
registerJobsCommand(program);
registerRollupsCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  if (err instanceof CliError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
