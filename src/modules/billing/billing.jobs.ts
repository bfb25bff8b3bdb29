import type { JobDefinition } from '../../platform/jobs/job-types.ts';

/** Background work of the billing module. */
export const billingJobs: JobDefinition[] = [];
