import type { JobDefinition } from '../../platform/jobs/job-types.ts';

/** Background work of the affiliation module. */
export const affiliationJobs: JobDefinition[] = [];
