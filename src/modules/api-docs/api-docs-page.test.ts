import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { translatorFor } from '../../platform/i18n/i18n.ts';
import { renderDocument } from '../../platform/ui/render.ts';
import type { ViewContext } from '../../platform/ui/view-context.ts';
import { buildApiReference, type OpenApiDocument } from './api-reference.ts';
import { apiReferencePage } from './views/api-reference-page.tsx';

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/** "GET /api/v1/people/{id}" for every operation of the OpenAPI document. */
function documentedOperations(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`));
}

/** Each operation heading of the page: its anchor and the "METHOD /path" it starts with. */
function operationHeadings(html: string): { id: string; operation: string }[] {
  return [...html.matchAll(/<h3 id="([^"]+)">([\s\S]*?)<\/h3>/g)].map((m) => ({
    id: m[1]!,
    operation: textOf(m[2]!.replace(/<wbr\/?>/g, '')).replace(/\s*:.*$/, ''),
  }));
}

/** Every table row of the page as "cell | cell | …", the cells' text as a person reads it. */
function tableRows(html: string): string[] {
  const cellText = (cell: string) => textOf(cell.replace(/<wbr\/?>/g, '').replace(/<[^>]+>/g, ''));
  return [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => cellText(c[1]!)).join(' | '));
}

/** What the document has that the page does not, and the other way round. */
function drift(html: string, doc: { paths: Record<string, Record<string, unknown>> }) {
  const shown = operationHeadings(html).map((h) => h.operation);
  const documented = documentedOperations(doc);
  return { missing: documented.filter((o) => !shown.includes(o)), extra: shown.filter((o) => !documented.includes(o)) };
}

for (const dialect of testDialects()) {
  describe(`API reference page (${dialect})`, () => {
    let t: TestApp;
    let doc: { paths: Record<string, Record<string, { summary?: string; tags?: string[] }>> };
    before(async () => {
      t = await createTestApp(dialect);
      doc = (await t.client().get('/api/openapi.json')).json();
    });
    after(() => t.close());

    it('lists every operation of /api/openapi.json, once, each with a contents link to it', async () => {
      const res = await t.client().get('/api/docs');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.ok(documentedOperations(doc).length >= 13, 'the document has the organisations and people API');
      assert.deepEqual(drift(res.body, doc), { missing: [], extra: [] });
      const headings = operationHeadings(res.body);
      assert.equal(headings.length, documentedOperations(doc).length, 'no operation twice');
      for (const h of headings) assert.ok(res.body.includes(`href="#${h.id}"`), `the contents link to ${h.operation}`);
      for (const [, item] of Object.entries(doc.paths)) for (const op of Object.values(item)) if (op.summary) assert.ok(textOf(res.body).includes(op.summary), op.summary);
    });

    it('would notice an operation the page left out (negative control for the check above)', async () => {
      const res = await t.client().get('/api/docs');
      const [first] = operationHeadings(res.body);
      const without = res.body.replace(/<h3 id="[^"]+">[\s\S]*?<\/h3>/, '');
      assert.deepEqual(drift(without, doc), { missing: [first!.operation], extra: [] });
    });

    it('explains the base URL, authentication, JSON and the error shape, with the tag sections in order', async () => {
      const res = await t.client().get('/api/docs');
      const html = res.body.replace(/<wbr\/?>/g, '');
      const text = textOf(html);
      assert.deepEqual([...html.matchAll(/<h1[^>]*>([\s\S]*?)<\/h1>/g)].map((m) => textOf(m[1]!)), ['API reference']);
      assert.ok(text.includes('Base URL: http://localhost:3000/api/v1'), 'base URL from the configuration');
      assert.match(html, /<h2 id="api-authentication">Authentication<\/h2>/);
      assert.match(html, /Authorization: Bearer &lt;token(&gt;|>)/, 'the header, escaped');
      assert.match(html, /<a class="usa-link" href="\/admin\/api-tokens">/);
      assert.ok(text.includes('Each token acts as one role at one organisation'));
      assert.ok(text.includes('Content-Type: application/json'));
      assert.match(html, /<a class="usa-link" href="\/api\/openapi.json"/);
      // The example error is the shape the API really sends.
      const example = JSON.parse(/<code[^>]*>(\{[\s\S]*?requestId[\s\S]*?\})<\/code>/.exec(html)![1]!.replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'"));
      assert.deepEqual(Object.keys(example).sort(), ['error', 'requestId']);
      assert.deepEqual(Object.keys(example.error).sort(), ['code', 'fields', 'message']);
      for (const status of ['400', '401', '403', '404', '409', '413', '415']) assert.match(html, new RegExp(`<th scope="row" data-label="Status">${status}</th>`));
      assert.ok(text.includes('The body is larger than 1 MB.'), 'the real body limit');
      const h2 = [...html.matchAll(/<h2 id="([^"]+)"/g)].map((m) => m[1]);
      // The general sections first, then one section per tag the document uses, in the document's order.
      const tags = [...new Set(Object.values(doc.paths).flatMap((item) => Object.values(item).flatMap((op) => op.tags ?? [])))];
      assert.deepEqual(h2.slice(0, 4), ['api-authentication', 'api-format', 'api-errors', 'api-contents']);
      assert.deepEqual(new Set(h2.slice(4)), new Set(tags.map((tag) => `tag-${tag}`)));
      assert.ok(tags.includes('organisations') && tags.includes('people'));
    });

    it('renders parameters, body fields and response fields with readable types', async () => {
      const res = await t.client().get('/api/docs');
      const rows = tableRows(res.body);
      const has = (row: string, why: string) => assert.ok(rows.includes(row), `${why}: ${row}\n(rows like it: ${rows.filter((r) => r.startsWith(row.split(' | ')[0]!)).join(' // ')})`);
      has('per_page | query | integer (from 1 to 100, default 25) | No | ', 'a query parameter');
      has('id | path | integer (from 1 to 2147483647) | Yes | ', 'a path parameter');
      has('q | query | string (at most 200 characters) | No | Matches name or city, ignoring case', 'a described parameter');
      has('name | string (1–200 characters) | Yes', 'a required body field');
      has('description | string (at most 5000 characters) or null | No', 'a nullable body field');
      has('kind | one of: national_office, affiliate_center, school, partner, other | Yes', 'an enum');
      has('email | string (email address, at most 254 characters) or null | No', 'a format instead of its pattern');
      has('slug | string (1–120 characters, matching ^[a-z0-9]+(?:-[a-z0-9]+)*$) | No', 'a pattern');
      has('center | object or null | Yes', 'a nullable nested object');
      has('center.name | string | Yes', 'its fields, one level down');
      has('data[].id | integer | Yes', 'a list of objects, one level down');
      has('data | list of object | Yes', 'the list itself');
      const text = textOf(res.body.replace(/<wbr\/?>/g, ''));
      assert.ok(text.includes('Fields not listed here are refused with 400.'), 'strict bodies say so');
      assert.ok(text.includes('Authentication: works without a token'), 'public reads say a token is optional');
      assert.ok(text.includes('Authentication: needs a token.'));
      assert.ok(text.includes('204 : Deleted'), 'a response description from the schema');
      assert.ok(text.includes('409 : Conflict with saved data'), 'a placeholder description replaced by what the status means');
      assert.ok(!text.includes('Default Response'));
      assert.ok(!text.includes('9007199254740991'), 'no safe-integer noise');
    });

    it('serves /api/docs/ too, and every table has a caption and scoped headers', async () => {
      const res = await t.client().get('/api/docs/');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(drift(res.body, doc), { missing: [], extra: [] });
      const tables = res.body.match(/<table[\s\S]*?<\/table>/g) ?? [];
      assert.ok(tables.length > 20, `${tables.length} tables`);
      for (const table of tables) {
        assert.match(table, /<caption[^>]*>[^<]+<\/caption>/);
        assert.doesNotMatch(table, /<th(?=[\s>])(?![^>]*scope="(col|row)")[^>]*>/, 'every th has a scope');
      }
    });

    it('keeps to the Content-Security-Policy: no inline scripts or styles, nothing from other hosts', async () => {
      const res = await t.client().get('/api/docs');
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'/);
      assert.match(csp, /style-src 'self'/);
      const scripts = res.body.match(/<script\b[^>]*>/g) ?? [];
      assert.ok(scripts.length > 0 && scripts.every((s) => /src="\/assets\//.test(s)), scripts.join(' '));
      assert.doesNotMatch(res.body, /<style\b|\sstyle="|\son[a-z]+="/i);
      assert.doesNotMatch(res.body, /(?:src|href)="(?:https?:)?\/\//, 'no outside assets');
      assert.doesNotMatch(res.body, /swagger/i);
    });

    it('is in Spanish for a Spanish reader, with the English text of the document marked as English', async () => {
      const res = await t.client().get('/api/docs', { 'accept-language': 'es' });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<html lang="es">/);
      assert.match(res.body, /<h1>Referencia de la API<\/h1>/);
      assert.match(res.body, /<h2 id="tag-organisations"[^>]*>Organizaciones<\/h2>/);
      assert.match(res.body, /<span lang="en">List organisations<\/span>/);
      assert.ok(tableRows(res.body).includes('name | cadena (1–200 caracteres) | Sí'));
      assert.deepEqual(drift(res.body, doc), { missing: [], extra: [] });
    });
  });
}

describe('API reference page escaping', () => {
  const hostile = '<script>alert(1)</script>';
  const doc: OpenApiDocument = {
    tags: [{ name: '<i>tag</i>', description: hostile }],
    paths: {
      '/api/v1/x/{"><b>}': {
        post: {
          tags: ['<i>tag</i>'],
          summary: hostile,
          description: '<img src=x onerror=alert(1)>',
          parameters: [{ name: '"><svg onload=alert(1)>', in: 'query', description: hostile, schema: { type: 'string', pattern: '<b>' } }],
          requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { '<u>f</u>': { enum: ['"><script>x</script>'], description: hostile } } } } } },
          responses: { '200': { description: hostile } },
        },
      },
    },
  };
  const ctx: ViewContext = { t: translatorFor('en'), locale: 'en', principal: null, path: '/api/docs', csrf: () => 'token', flash: null, isAdmin: false };

  it('escapes every piece of text that comes from the OpenAPI document', () => {
    const html = renderDocument(apiReferencePage(ctx, buildApiReference(doc), { baseUrl: 'http://localhost:3000', bodyLimit: 1024 * 1024 }));
    assert.doesNotMatch(html, /<script>alert|<img src=x|<svg|<i>tag|<u>f|<b>|<script>x/);
    assert.match(html, /&lt;script(>|&gt;)alert\(1\)&lt;\/script/, 'the summary is shown, escaped');
    assert.match(html, /&lt;img src=x onerror=alert\(1\)/, 'the description is shown, escaped');
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.ok(scripts.every((s) => /src="\/assets\//.test(s)), 'no script but the layout’s own');
  });
});
