import type { Command } from 'commander';
import pino from 'pino';
import { createMailer } from '../platform/mail/mailer.ts';
import { allJobDefinitions } from '../platform/jobs/all-jobs.ts';
import { runDueJobs } from '../platform/jobs/jobs.service.ts';
import { countJobsByState } from '../platform/jobs/jobs.repository.ts';
import { withDatabase } from './cli-context.ts';

/** `coalition jobs run`: runs the due background jobs once (for cron, or with no server running). */
export function registerJobsCommand(program: Command): void {
  const jobs = program.command('jobs').description('Background jobs kept in the database (email, reminders, status updates).');
  jobs
    .command('run')
    .description("Enqueue this period's recurring jobs, run every due job once, and exit.")
    .option('--limit <n>', 'run at most this many jobs', (v) => Number.parseInt(v, 10), 1000)
    .action(async (opts: { limit: number }) => {
      await withDatabase(
        async (database, config) => {
          const log = pino({ level: config.logLevel });
          const mailer = createMailer({ smtpUrl: config.smtpUrl, outboxDir: config.outboxDir, from: config.mailFrom, logger: log });
          try {
            const ran = await runDueJobs({ db: database.db, mailer, config, log }, allJobDefinitions(), { limit: opts.limit, schedule: true });
            const states = await countJobsByState(database.db);
            console.log(`Ran ${ran} job${ran === 1 ? '' : 's'}. Now: ${['queued', 'running', 'done', 'failed'].map((s) => `${states[s] ?? 0} ${s}`).join(', ')}.`);
          } finally {
            mailer.close();
          }
        },
        { migrate: true },
      );
    });
}
