import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { TestClient } from '../../../test/helpers/client.ts';
import { createMailer } from '../mail/mailer.ts';
import { deleteExpiredRateLimits } from './rate-limit-store.ts';

// Rate limits count in the database, so a second app process on the same database sees the same
// counts: an attacker cannot multiply their attempts by the number of processes.

for (const dialect of testDialects()) {
  describe(`rate limits shared between processes (${dialect})`, () => {
    let t: TestApp;
    let second: FastifyInstance;
    before(async () => {
      t = await createTestApp(dialect, { rateLimits: { signIn: 3 } });
      const mailer = createMailer({ outboxDir: path.join(t.database.dataDir, 'outbox-2'), from: t.config.mailFrom });
      second = await buildApp({ config: t.config, database: t.database, mailer, rateLimits: { signIn: 3 } });
      await second.ready();
    });
    after(async () => {
      await second.close();
      await t.close();
    });

    const attempt = (client: TestClient, email: string) => client.submit('/login', { email, password: 'wrong password 123' });

    /** A sign-in attempt as if from another machine (its own address and cookies). */
    async function attemptFrom(app: TestApp, ip: string, email: string): Promise<number> {
      const client = app.client();
      const token = await client.csrfFrom('/login');
      const body = new URLSearchParams({ email, password: 'wrong password 123', _csrf: token }).toString();
      const res = await client.request({ method: 'POST', url: '/login', payload: body, remoteAddress: ip, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      return res.statusCode;
    }

    it('counts attempts made through either process against one limit', async () => {
      const one = t.client();
      const two = new TestClient(second);
      assert.equal((await attempt(one, 'target@example.org')).statusCode, 400);
      assert.equal((await attempt(two, 'target@example.org')).statusCode, 400);
      assert.equal((await attempt(one, 'target@example.org')).statusCode, 400);
      assert.equal((await attempt(two, 'target@example.org')).statusCode, 429, 'the fourth attempt is refused, whichever process gets it');
      // Negative control: another address is still counted separately, so the 429 is the limit at work.
      assert.equal((await attempt(two, 'someone-else@example.org')).statusCode, 400);
    });

    it('also limits attempts on one account spread over many addresses', async () => {
      const spread = await createTestApp(dialect, { rateLimits: { signIn: 100, signInPerAccount: 3 } });
      try {
        const from = (ip: string, email: string) =>
          attemptFrom(spread, ip, email);
        for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) assert.equal(await from(ip, 'victim@example.org'), 400);
        assert.equal(await from('10.0.0.4', 'victim@example.org'), 429, 'a fourth address is refused for this account');
        // Negative control: another account from the same new address is still let through.
        assert.equal(await from('10.0.0.4', 'bystander@example.org'), 400);
      } finally {
        await spread.close();
      }
    });

    it('starts a new window once the old one has ended, and sweeps ended counters', async () => {
      const client = t.client();
      for (let i = 0; i < 3; i++) await attempt(client, 'window@example.org');
      assert.equal((await attempt(client, 'window@example.org')).statusCode, 429);
      await t.db.updateTable('rate_limits').set({ expires_ms: Date.now() - 1 }).where('key', 'like', '%window@example.org').execute();
      assert.equal((await attempt(client, 'window@example.org')).statusCode, 400, 'a fresh window');
      await t.db.updateTable('rate_limits').set({ expires_ms: 1 }).execute();
      await deleteExpiredRateLimits(t.db);
      assert.equal((await t.db.selectFrom('rate_limits').select('key').execute()).length, 0);
    });
  });
}
