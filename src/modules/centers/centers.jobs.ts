import type { JobDefinition } from '../../platform/jobs/job-types.ts';

/** Background work of the centers module. */
export const centersJobs: JobDefinition[] = [];
