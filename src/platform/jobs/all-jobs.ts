import { moduleJobs } from '../../modules/job-definitions.ts';
import { mailJobs } from '../mail/mail-jobs.ts';
import type { JobDefinition } from './job-types.ts';

/** Every job definition the app runs: the platform's own and the modules'. */
export const allJobDefinitions = (): JobDefinition[] => [...mailJobs, ...moduleJobs];
