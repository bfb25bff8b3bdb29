import type { JobDefinition } from '../platform/jobs/job-types.ts';
import { affiliationJobs } from './affiliation/affiliation.jobs.ts';
import { coachingJobs } from './coaching/coaching.jobs.ts';
import { eventJobs } from './events/events.jobs.ts';

/**
 * Every kind of background work the modules do (the platform adds its own, such as mail). A module
 * with recurring or deferred work exports its definitions from `<module>.jobs.ts` and is listed here.
 */
export const moduleJobs: JobDefinition[] = [...affiliationJobs, ...eventJobs, ...coachingJobs];
