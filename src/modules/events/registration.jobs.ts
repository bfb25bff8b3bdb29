import type { JobDefinition } from '../../platform/jobs/job-types.ts';
import { expireHolds } from './order-payments.service.ts';

/**
 * Card orders hold their seats for 30 minutes; this gives back the seats of holds that ran out
 * (and passes them on to the waitlist). Orders also expire their event's stale holds themselves
 * before claiming seats, so nobody is told "sold out" because of an abandoned checkout.
 */
export const registrationJobs: JobDefinition[] = [
  {
    kind: 'events.expire-card-holds',
    schedule: { every: 'hour' },
    async run(ctx) {
      const n = await expireHolds(ctx.db, ctx.now);
      if (n > 0) ctx.log.info({ expired: n }, 'card holds expired');
    },
  },
];
