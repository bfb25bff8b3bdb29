import type { JobDefinition } from '../../platform/jobs/job-types.ts';
import { expireHolds } from './order-payments.service.ts';
import { ticketEmailJob } from './ticket-emails.ts';

/**
 * Ticket emails (confirmations and transfers, with their QR codes and .ics) are drawn and sent by
 * a job after the order commits: see ticket-emails.ts.
 *
 * Card orders hold their seats for CARD_HOLD_MINUTES (35); this gives back the seats of holds that ran out
 * (and passes them on to the waitlist). Orders also expire their event's stale holds themselves
 * before claiming seats, so nobody is told "sold out" because of an abandoned checkout.
 */
export const registrationJobs: JobDefinition[] = [
  ticketEmailJob,
  {
    kind: 'events.expire-card-holds',
    schedule: { every: 'hour' },
    async run(ctx) {
      const n = await expireHolds(ctx.db, ctx.now);
      if (n > 0) ctx.log.info({ expired: n }, 'card holds expired');
    },
  },
];
