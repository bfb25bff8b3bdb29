import type { JobDefinition } from '../../platform/jobs/job-types.ts';

/** Background work of the directory module. */
export const directoryJobs: JobDefinition[] = [];
