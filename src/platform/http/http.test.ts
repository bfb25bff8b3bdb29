import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { textOf } from '../../../test/helpers/client.ts';

for (const dialect of testDialects()) {
  describe(`HTTP shell (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    it('answers /healthz with {status:"ok"} after touching the database', async () => {
      const res = await t.client().get('/healthz');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { status: 'ok' });
    });

    it('sends security headers with a real Content-Security-Policy and a request id', async () => {
      const res = await t.client().get('/');
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /script-src 'self'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.ok(res.headers['x-request-id']);
    });

    it('answers an unknown page with a helpful 404 page, and unknown API routes with JSON', async () => {
      const page = await t.client().get('/no-such-page');
      assert.equal(page.statusCode, 404);
      assert.match(textOf(page.body), /Page not found/);
      assert.match(page.body, /href="\/directory"/);
      const api = await t.client().get('/api/v1/no-such-thing');
      assert.equal(api.statusCode, 404);
      assert.equal(api.json().error.code, 'not_found');
    });

    it('refuses a form post without a CSRF token (403) and never reaches the handler', async () => {
      const res = await t.client().post('/logout', {});
      assert.equal(res.statusCode, 403);
      assert.match(textOf(res.body), /form has expired/);
    });

    it('answers an oversized body with 413', async () => {
      const res = await t.client().request({
        method: 'POST',
        url: '/api/v1/organisations',
        payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(res.statusCode, 413);
      assert.equal(res.json().error.code, 'payload_too_large');
    });

    it('speaks Spanish from Accept-Language, and from the language switch', async () => {
      const byHeader = await t.client().get('/', { 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' });
      assert.match(byHeader.body, /<html lang="es"/);
      const client = t.client();
      const sw = await client.get('/locale/es?next=/');
      assert.equal(sw.statusCode, 302);
      assert.equal(sw.headers.location, '/');
      assert.match((await client.get('/')).body, /<html lang="es"/);
    });

    it('never redirects off-site from the language switch', async () => {
      const res = await t.client().get('/locale/es?next=//evil.example/');
      assert.equal(res.headers.location, '/');
    });

    it('serves the design system assets', async () => {
      const res = await t.client().get('/assets/uswds/css/uswds.min.css');
      assert.equal(res.statusCode, 200);
    });
  });
}
