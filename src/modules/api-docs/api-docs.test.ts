import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';

// The OpenAPI document is generated from the same Zod schemas that validate requests; an
// independent validator checks it is well-formed OpenAPI 3.1.

for (const dialect of testDialects()) {
  describe(`API documentation (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    it('serves a valid OpenAPI 3.1 document covering organisations and people', async () => {
      const res = await t.client().get('/api/openapi.json');
      assert.equal(res.statusCode, 200);
      const doc = res.json();
      assert.equal(doc.openapi, '3.1.0');
      const result = await new Validator().validate(doc);
      assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
      const paths = Object.keys(doc.paths);
      for (const p of ['/api/v1/organisations', '/api/v1/organisations/{id}', '/api/v1/people', '/api/v1/people/{id}']) {
        assert.ok(paths.includes(p), `documents ${p} (has: ${paths.join(', ')})`);
      }
      assert.ok(!paths.some((p) => !p.startsWith('/api/v1/')), 'only the API is documented, not HTML pages');
      const create = doc.paths['/api/v1/organisations'].post;
      assert.ok(create.requestBody.content['application/json'].schema.properties.name, 'request bodies come from the Zod schemas');
    });

    it('rejects a document that is not OpenAPI (negative control for the validator)', async () => {
      const result = await new Validator().validate({ openapi: '3.1.0', info: {}, paths: { nope: 1 } } as never);
      assert.equal(result.valid, false);
    });

    it('serves the readable reference at /api/docs as a site page, with local assets only', async () => {
      const res = await t.client().get('/api/docs/');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<h1>API reference<\/h1>/);
      assert.match(res.body, /<main id="main-content"/, 'inside the site layout');
      assert.match(res.body, /href="\/api\/openapi.json"/, 'links to the machine-readable document');
      assert.doesNotMatch(res.body, /swagger/i, 'not the Swagger UI');
      assert.doesNotMatch(res.body, /(?:src|href)="(?:https?:)?\/\/[^"]+\.(js|css)/, 'no outside scripts or styles');
    });
  });
}
