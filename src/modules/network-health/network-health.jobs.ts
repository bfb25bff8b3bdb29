import type { JobDefinition } from '../../platform/jobs/job-types.ts';

/** Background work of the network-health module. */
export const networkHealthJobs: JobDefinition[] = [];
