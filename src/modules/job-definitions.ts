import type { JobDefinition } from '../platform/jobs/job-types.ts';
import { affiliationJobs } from './affiliation/affiliation.jobs.ts';
import { billingJobs } from './billing/billing.jobs.ts';
import { centersJobs } from './centers/centers.jobs.ts';
import { directoryJobs } from './directory/directory.jobs.ts';
import { networkHealthJobs } from './network-health/network-health.jobs.ts';

/** Every kind of background work the modules do (the platform adds its own, such as mail). */
export const moduleJobs: JobDefinition[] = [...affiliationJobs, ...billingJobs, ...centersJobs, ...directoryJobs, ...networkHealthJobs];
