import type { JobDefinition } from '../../platform/jobs/job-types.ts';

export const registrationJobs: JobDefinition[] = [];
