import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './db/connection.ts';
import { migrateToLatest } from './db/migrator.ts';
import { createMailer } from './platform/mail/mailer.ts';
import { startHousekeeping } from './platform/housekeeping.ts';
import { allJobDefinitions } from './platform/jobs/all-jobs.ts';
import { startJobWorker } from './platform/jobs/job-worker.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: DatabaseHandle;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database, brings it up to date, and starts listening. */
export async function startServer(config: Config, opts: { beforeListen?: (database: DatabaseHandle) => Promise<void> } = {}): Promise<RunningServer> {
  const database = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath, poolSize: config.databasePoolSize, listenUrl: config.databaseListenUrl });
  await migrateToLatest(database.db);
  await opts.beforeListen?.(database);
  const mailer = createMailer({ smtpUrl: config.smtpUrl, outboxDir: config.outboxDir, from: config.mailFrom });
  const app = await buildApp({ config, database, mailer });
  const url = await app.listen({ port: config.port, host: config.host });
  const housekeeping = startHousekeeping(database.db, app.log);
  const jobWorker = startJobWorker({ db: database.db, mailer, config, log: app.log }, allJobDefinitions());
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      housekeeping.stop();
      await jobWorker.stop(); // lets the job in hand finish while the database is still open
      await app.close(); // stops accepting, lets in-flight requests finish
      mailer.close();
      await database.destroy();
    })());
  return { app, database, url, stop };
}

/** Stops cleanly on SIGINT/SIGTERM: in-flight requests finish, then the database closes. */
export function stopOnSignals(server: RunningServer): void {
  const onSignal = (signal: string) => {
    server.app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.stop().then(
      () => process.exit(0),
      (err) => {
        server.app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
