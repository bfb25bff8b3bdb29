import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { enqueueEmail } from '../platform/mail/mail-jobs.ts';
import { createCliTarget, runCli, type CliTarget } from './testing/cli-harness.ts';

describe('coalition jobs run', () => {
  let t: CliTarget;
  before(async () => {
    t = await createCliTarget('sqlite');
  });
  after(() => t.close());

  it('runs the due jobs once (a queued email lands in the outbox) and reports the counts', async () => {
    await enqueueEmail(t.db, { to: 'ana@example.org', subject: 'Queued while no server ran', text: 'hello' });
    const run = await runCli(['jobs', 'run'], { env: t.env });
    assert.equal(run.code, 0, run.stderr);
    // Recurring module jobs for this period run too, so count only what this test is about.
    assert.match(run.stdout, /Ran \d+ jobs?\. Now: 0 queued, 0 running, \d+ done, 0 failed\./);
    const mail = await t.db.selectFrom('jobs').select(['state', 'attempts']).where('kind', '=', 'mail.send').executeTakeFirstOrThrow();
    assert.deepEqual({ ...mail }, { state: 'done', attempts: 1 });
    const outbox = fs.readdirSync(path.join(t.dataDir, 'outbox'));
    assert.equal(outbox.length, 1);
    assert.match(fs.readFileSync(path.join(t.dataDir, 'outbox', outbox[0]!), 'utf8'), /Subject: Queued while no server ran/);
    const again = await runCli(['jobs', 'run'], { env: t.env });
    assert.match(again.stdout, /Ran 0 jobs\./, 'nothing twice, recurring jobs included');
  });
});
