import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { DialectName } from '../../src/db/connection.ts';
import { createMailer } from '../../src/platform/mail/mailer.ts';
import type { RateLimits } from '../../src/platform/http/types.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { startSmtpReceiver, type SmtpReceiver } from './smtp.ts';
import { TestClient } from './client.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  db: TestDatabase['db'];
  config: Config;
  smtp: SmtpReceiver;
  /** A new client with its own cookie jar (one browser, in effect). */
  client(): TestClient;
  close(): Promise<void>;
}

/**
 * The whole app in-process on a fresh database, sending mail to a real SMTP receiver on loopback.
 * Call `close()` in `after()`.
 */
export async function createTestApp(dialect: DialectName, opts: { rateLimits?: Partial<RateLimits>; env?: Record<string, string> } = {}): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const smtp = await startSmtpReceiver();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: database.dataDir,
    SMTP_URL: smtp.url,
    BASE_URL: 'http://localhost:3000',
    LOG_LEVEL: 'silent',
    ...opts.env,
  });
  const mailer = createMailer({ smtpUrl: config.smtpUrl, outboxDir: path.join(database.dataDir, 'outbox'), from: config.mailFrom });
  const app = await buildApp({ config, database, mailer, rateLimits: opts.rateLimits });
  await app.ready();
  return {
    app,
    database,
    db: database.db,
    config,
    smtp,
    client: () => new TestClient(app),
    async close() {
      await app.close();
      mailer.close();
      await smtp.close();
      await database.drop();
    },
  };
}
