import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { drainJobs } from '../../../test/helpers/jobs.ts';
import { enqueueEmail } from './mail-jobs.ts';

for (const dialect of testDialects()) {
  describe(`durable email (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    it('sends a queued email (with an attachment) only when jobs run, and only if its transaction committed', async () => {
      await t.db.transaction().execute(async (trx) => {
        await enqueueEmail(trx, { to: 'ana@example.org', subject: 'Welcome', text: 'Hello Ana', attachments: [{ filename: 'a.txt', content: Buffer.from('bytes\u00e9'), contentType: 'text/plain' }] });
      });
      await assert.rejects(
        t.db.transaction().execute(async (trx) => {
          await enqueueEmail(trx, { to: 'ben@example.org', subject: 'Never', text: 'rolled back' });
          throw new Error('boom');
        }),
      );
      assert.equal(t.smtp.messages.length, 0, 'nothing is sent from inside the transaction');
      assert.equal(await drainJobs(t), 1);
      const mail = await t.smtp.waitFor((m) => m.subject === 'Welcome');
      assert.match(mail.text ?? '', /Hello Ana/);
      assert.equal(mail.attachments[0]?.content.toString('utf8'), 'bytes\u00e9');
      assert.ok(!t.smtp.messages.some((m) => m.subject === 'Never'));
      assert.equal(await drainJobs(t), 0);
    });

    it('keeps the email queued with the error when the mail server is down, and sends it on retry', async () => {
      await enqueueEmail(t.db, { to: 'cy@example.org', subject: 'Retry me', text: 'x' });
      const realSend = t.app.deps.mailer.send;
      t.app.deps.mailer.send = async () => {
        throw new Error('connect ECONNREFUSED');
      };
      try {
        assert.equal(await drainJobs(t), 1);
      } finally {
        t.app.deps.mailer.send = realSend;
      }
      const job = await t.db.selectFrom('jobs').selectAll().where('state', '=', 'queued').executeTakeFirstOrThrow();
      assert.match(job.last_error ?? '', /ECONNREFUSED/);
      assert.equal(await drainJobs(t, { now: new Date(Date.parse(job.run_at) + 1) }), 1);
      await t.smtp.waitFor((m) => m.subject === 'Retry me');
    });
  });
}
