import type { JobDefinition } from './job-types.ts';
import { runDueJobs, type JobDeps } from './jobs.service.ts';

const POLL_MS = 3_000;
const BATCH = 20;

/**
 * Polls for due jobs every few seconds in this process (each app process runs one; the claim keeps
 * them from running a job twice). `stop()` stops polling and waits for the job in hand to finish.
 */
export function startJobWorker(deps: Required<JobDeps>, definitions: JobDefinition[], opts: { pollMs?: number } = {}): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      const ran = await runDueJobs(deps, definitions, { limit: BATCH, schedule: true });
      // A full batch means more may be waiting: go again now rather than after a pause.
      if (ran === BATCH && !stopped) return schedule(0);
    } catch (err) {
      deps.log.error({ err }, 'job worker tick failed');
    }
    schedule(opts.pollMs ?? POLL_MS);
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick();
    }, ms);
    // The worker alone must never keep the process alive.
    timer.unref();
  };
  schedule(0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
