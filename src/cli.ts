import { Command } from 'commander';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { migrateToLatest } from './db/migrator.ts';
import { startServer, stopOnSignals } from './server.ts';

/** `coalition <command>`: the operator's entry point. Each command is small and delegates. */
const program = new Command('coalition').description('Coalition Hub: run and operate a school-improvement network.');

program
  .command('serve')
  .description('Migrate the database and start the web server.')
  .option('--demo', 'load the demo network first when the database is empty')
  .action(async (opts: { demo?: boolean }) => {
    const config = loadConfig();
    const server = await startServer(config, {
      beforeListen: async (database) => {
        if (opts.demo) {
          const { seedDemoIfEmpty } = await import('./db/seeds/demo-network.ts');
          await seedDemoIfEmpty(database.db);
        }
      },
    });
    stopOnSignals(server);
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

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
