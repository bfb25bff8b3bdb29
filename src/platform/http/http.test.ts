import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { textOf } from '../../../test/helpers/client.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { logRequest } from '../../app.ts';

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

    it('refuses a form-encoded API write riding a signed-in browser\'s cookie (cross-site form), but not JSON', async () => {
      const office = await createOrganisation(t.db, { kind: 'national_office' });
      const admin = await createPerson(t.db, { roles: [['network_admin', office.id]] });
      const browser = t.client();
      await signIn(t.db, browser, admin.id);
      const form = await browser.post('/api/v1/people', { name: 'Forged Person', email: 'forged@example.org' });
      assert.equal(form.statusCode, 415);
      assert.equal(await t.db.selectFrom('people').select('id').where('email', '=', 'forged@example.org').executeTakeFirst(), undefined);
      // Negative control: the same write as JSON (which a cross-site page cannot send) goes through.
      const json = await browser.request({ method: 'POST', url: '/api/v1/people', payload: { name: 'Real Person', email: 'real@example.org' } });
      assert.equal(json.statusCode, 201);
    });

    it('keeps single-use tokens out of the request log', () => {
      assert.deepEqual(logRequest({ method: 'GET', url: '/reset-password?token=secret', ip: '127.0.0.1' }), { method: 'GET', path: '/reset-password', ip: '127.0.0.1' });
    });

    it('believes a client\'s X-Request-Id only behind a trusted proxy', async () => {
      const res = await t.client().get('/healthz', { 'x-request-id': 'from-the-client' });
      assert.notEqual(res.headers['x-request-id'], 'from-the-client');
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
