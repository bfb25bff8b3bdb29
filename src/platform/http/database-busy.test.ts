import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DatabaseSync } from 'node:sqlite';
import type { FastifyInstance } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { buildApp } from '../../app.ts';

// SQLite has one write lock. When a maintenance command in another process holds it past the busy
// timeout, a write fails with "database is locked": the visitor is told the site is busy and to
// try again (503, Retry-After), not shown an unexplained error. The write lock is held here by a
// second connection, and the failing write is made with no busy timeout so the test need not wait.
describe('a write while another process holds SQLite\'s write lock', () => {
  let t: TestApp;
  let app: FastifyInstance;
  let holder: DatabaseSync;
  before(async () => {
    t = await createTestApp('sqlite');
    const file = t.database.location.sqlitePath;
    app = await buildApp({ config: t.config, database: t.database, mailer: t.app.deps.mailer });
    const write = () => {
      const writer = new DatabaseSync(file, { timeout: 0 });
      try {
        writer.exec("insert into settings (key, value) values ('busy-probe', 'x')");
      } finally {
        writer.close();
      }
    };
    app.get('/busy-probe', async () => (write(), 'written'));
    app.get('/api/v1/busy-probe', async () => (write(), { written: true }));
    app.get('/broken-probe', async () => {
      throw new Error('something else');
    });
    await app.ready();
    holder = new DatabaseSync(file);
  });
  after(async () => {
    holder?.close();
    await app?.close();
    await t?.close();
  });

  it('tells a browser and an API client the site is busy, with a time to retry', async () => {
    holder.exec('BEGIN IMMEDIATE');
    try {
      const page = await app.inject({ method: 'GET', url: '/busy-probe' });
      assert.equal(page.statusCode, 503);
      assert.equal(page.headers['retry-after'], '30');
      assert.match(page.body, /busy with maintenance/);
      const api = await app.inject({ method: 'GET', url: '/api/v1/busy-probe' });
      assert.equal(api.statusCode, 503);
      assert.equal(api.json().error.code, 'database_busy');
    } finally {
      holder.exec('ROLLBACK');
    }
    assert.equal((await app.inject({ method: 'GET', url: '/busy-probe' })).body, 'written', 'negative control: with the lock free the same write works');
  });

  it('leaves any other failure a bare 500', async () => {
    const res = await app.inject({ method: 'GET', url: '/broken-probe' });
    assert.equal(res.statusCode, 500);
    assert.equal(res.headers['retry-after'], undefined);
  });
});
