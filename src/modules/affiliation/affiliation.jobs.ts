import type { JobDefinition } from '../../platform/jobs/job-types.ts';
import { refreshStaleAffiliations } from './affiliation-state.ts';
import { sendRenewalReminders } from './renewal-reminders.ts';

/** Background work of the affiliation module. */
export const affiliationJobs: JobDefinition[] = [
  {
    kind: 'affiliation.daily-status',
    schedule: { every: 'day', atHourUtc: 3 },
    async run(ctx) {
      const n = await refreshStaleAffiliations(ctx.db, ctx.now);
      ctx.log.info({ refreshed: n }, 'affiliation statuses refreshed');
    },
  },
  {
    kind: 'affiliation.renewal-reminders',
    schedule: { every: 'day', atHourUtc: 14 },
    async run(ctx) {
      const n = await sendRenewalReminders(ctx.db, ctx.now);
      ctx.log.info({ sent: n }, 'renewal reminders sent');
    },
  },
];
