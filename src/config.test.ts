import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

describe('config', () => {
  it('runs with no configuration at all: SQLite under ./data, port 3000, outbox mail', () => {
    const c = loadConfig({});
    assert.equal(c.port, 3000);
    assert.equal(c.databaseUrl, undefined);
    assert.equal(c.sqlitePath, path.resolve('data/coalition.sqlite'));
    assert.equal(c.outboxDir, path.resolve('data/outbox'));
    assert.equal(c.baseUrl, 'http://localhost:3000');
    assert.ok(Object.isFrozen(c));
  });

  it('trusts no proxy unless told, and reads hop counts and addresses', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: '1' }).trustProxy, 1);
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true);
    assert.equal(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.0.0.2' }).trustProxy, '10.0.0.1, 10.0.0.2');
    assert.throws(() => loadConfig({ TRUST_PROXY: 'everyone' }), /TRUST_PROXY/);
  });

  it('treats blank variables as unset', () => {
    assert.equal(loadConfig({ DATABASE_URL: '', SMTP_URL: '' }).databaseUrl, undefined);
  });

  it('names every bad variable in one message', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://mail', COOKIE_SECRET: 'short' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        for (const name of ['PORT', 'DATABASE_URL', 'SMTP_URL', 'COOKIE_SECRET']) assert.match(err.message, new RegExp(name));
        return true;
      },
    );
  });

  it('trims a trailing slash from BASE_URL so links are built cleanly', () => {
    assert.equal(loadConfig({ BASE_URL: 'https://hub.example.org/' }).baseUrl, 'https://hub.example.org');
  });
});
