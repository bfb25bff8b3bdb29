import type { JobDefinition } from '../../platform/jobs/job-types.ts';
import { registrationJobs } from './registration.jobs.ts';
import { waitlistJobs } from './waitlist.jobs.ts';

/** The events module's background work: expiring unpaid card holds, and passing on unclaimed waitlist offers. */
export const eventJobs: JobDefinition[] = [...registrationJobs, ...waitlistJobs];
