import type { JobDefinition } from '../../platform/jobs/job-types.ts';
import { sendNextStepReminders } from './coaching-reminders.service.ts';

/** The coaching module's background work: a daily reminder of next steps that are due. */
export const coachingJobs: JobDefinition[] = [
  {
    kind: 'coaching.next-step-reminders',
    // 13:00 UTC is morning across the United States, when a reminder is useful that day.
    schedule: { every: 'day', atHourUtc: 13 },
    async run(ctx) {
      const n = await sendNextStepReminders(ctx.db, ctx.now);
      if (n > 0) ctx.log.info({ reminded: n }, 'next-step reminders queued');
    },
  },
];
