import type { JobDefinition } from '../../platform/jobs/job-types.ts';
import { expireDueOffers } from './waitlist.service.ts';

/** The waitlist's background work. */
export const waitlistJobs: JobDefinition[] = [
  {
    // Hourly is the most often the jobs platform schedules; an offer is refused the moment its
    // deadline passes (takeOffer checks it), this only frees its seats for the next person.
    kind: 'events.waitlist-expire-offers',
    schedule: { every: 'hour' },
    async run(ctx) {
      const n = await expireDueOffers(ctx.db, ctx.now);
      if (n > 0) ctx.log.info({ expired: n }, 'waitlist offers expired and passed on');
    },
  },
];
