import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.ts';
import { loadConfig } from '../../config.ts';
import type { JobDefinition } from './job-types.ts';
import { startJobWorker } from './job-worker.ts';
import { enqueueJob } from './jobs.service.ts';

describe('job worker', () => {
  let d: TestDatabase;
  before(async () => {
    d = await createTestDatabase('sqlite');
  });
  after(() => d.drop());

  it('picks up queued jobs by polling, and stop() waits for the job in hand', { timeout: 20_000 }, async () => {
    let finished = 0;
    let started!: () => void;
    const startedP = new Promise<void>((r) => (started = r));
    const defs: JobDefinition[] = [
      {
        kind: 'test.slow',
        run: async () => {
          started();
          await new Promise((r) => setTimeout(r, 150));
          finished++;
        },
      },
    ];
    const log = { info() {}, warn() {}, error() {} } as never;
    const worker = startJobWorker({ db: d.db, mailer: { send: async () => {}, close() {} }, config: loadConfig({ LOG_LEVEL: 'silent' }), log }, defs, { pollMs: 20 });
    await enqueueJob(d.db, { kind: 'test.slow' });
    await startedP;
    await worker.stop();
    assert.equal(finished, 1, 'stop() returned only after the running job finished');
    const row = await d.db.selectFrom('jobs').select('state').executeTakeFirstOrThrow();
    assert.equal(row.state, 'done');
    await enqueueJob(d.db, { kind: 'test.slow' });
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(finished, 1, 'a stopped worker runs nothing more');
  });
});
