import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { loadCatalogue, translatorFor } from '../../platform/i18n/i18n.ts';
import { renderDocument } from '../../platform/ui/render.ts';
import type { ViewContext } from '../../platform/ui/view-context.ts';
import { buildApiReference, type OpenApiDocument } from './api-reference.ts';
import { apiReferencePage } from './views/api-reference-page.tsx';
import { apiTagPage } from './views/api-tag-page.tsx';

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];
type Doc = { paths: Record<string, Record<string, { summary?: string; tags?: string[] }>> };

/** "GET /api/v1/people/{id}" for every operation of the OpenAPI document. */
function documentedOperations(doc: Doc): string[] {
  return Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`));
}

/** The tags the document files its operations under, in order of first use. */
function documentedTags(doc: Doc): string[] {
  return [...new Set(Object.values(doc.paths).flatMap((item) => Object.values(item).flatMap((op) => op.tags?.[0] ?? [])))];
}

/** Each operation heading of a page (an h2 that starts with the method): its anchor and "METHOD /path". */
function operationHeadings(html: string): { id: string; operation: string }[] {
  return [...html.matchAll(/<h2 id="([^"]+)"[^>]*>(<code>[\s\S]*?)<\/h2>/g)].map((m) => ({
    id: m[1]!,
    operation: textOf(m[2]!.replace(/<wbr\/?>/g, '')).replace(/\s*:.*$/, ''),
  }));
}

/** Every table row of a page as "cell | cell | …", the cells' text as a person reads it. */
function tableRows(html: string): string[] {
  const cellText = (cell: string) => textOf(cell.replace(/<wbr\/?>/g, '').replace(/<[^>]+>/g, ''));
  return [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => cellText(c[1]!)).join(' | '));
}

/** The part of a page between its <main> tags: the header and footer have their own links. */
const mainOf = (html: string) => /<main[\s\S]*<\/main>/.exec(html)![0];
/** Every link of the contents on the overview. */
const contentsLinks = (html: string) => [...(/<nav[^>]*aria-labelledby="api-contents"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '').matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
/** The tag pages the contents leads to, in order. */
const tagPages = (overview: string) => [...new Set(contentsLinks(overview).map((href) => href.split('#')[0]!))];

/** What the document has that the tag pages do not, what they show that it lacks, and what they show twice. */
function drift(pages: Map<string, string>, doc: Doc) {
  const shown = [...pages.values()].flatMap((html) => operationHeadings(html).map((h) => h.operation));
  const documented = documentedOperations(doc);
  return {
    missing: documented.filter((o) => !shown.includes(o)),
    extra: shown.filter((o) => !documented.includes(o)),
    twice: shown.filter((o, i) => shown.indexOf(o) !== i),
  };
}

/** Links whose page is not among `pages`, or whose anchor is not exactly once on it. */
function unresolved(links: string[], pages: Map<string, string>): string[] {
  return links.filter((href) => {
    const [path, id] = href.split('#') as [string, string | undefined];
    const html = pages.get(path);
    if (html === undefined) return true;
    return id !== undefined && html.split(`id="${id}"`).length !== 2;
  });
}

for (const dialect of testDialects()) {
  describe(`API reference pages (${dialect})`, () => {
    let t: TestApp;
    let doc: Doc;
    let overview: string;
    /** Every page of the reference in English, by path: the overview and each tag's page. */
    const pages = new Map<string, string>();
    before(async () => {
      t = await createTestApp(dialect);
      doc = (await t.client().get('/api/openapi.json')).json();
      overview = (await t.client().get('/api/docs')).body;
      pages.set('/api/docs', overview);
      for (const path of tagPages(overview)) {
        const res = await t.client().get(path);
        assert.equal(res.statusCode, 200, path);
        pages.set(path, res.body);
      }
    });
    after(() => t.close());

    it('has a page per tag, and every operation of /api/openapi.json is on exactly one of them', () => {
      assert.ok(documentedOperations(doc).length >= 13, 'the document has the organisations and people API');
      assert.deepEqual(
        tagPages(overview),
        documentedTags(doc).map((tag) => `/api/docs/${tag}`),
        'one page per tag, in the order of the document (its tags are slugs already)',
      );
      assert.deepEqual(drift(pages, doc), { missing: [], extra: [], twice: [] });
      assert.equal(operationHeadings(overview).length, 0, 'the overview documents no request in full');
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(item)) {
          const page = pages.get(`/api/docs/${op.tags?.[0]}`);
          assert.ok(page && operationHeadings(page).some((h) => h.operation === `${method.toUpperCase()} ${path}`), `${method} ${path} is on its tag's page`);
          if (op.summary) assert.ok(textOf(page!).includes(op.summary) && textOf(overview).includes(op.summary), op.summary);
        }
      }
    });

    it('links every contents entry to a heading on its tag’s page, and every link between the pages resolves', () => {
      const links = contentsLinks(overview);
      const operations = [...pages.values()].flatMap(operationHeadings);
      assert.equal(links.filter((href) => href.includes('#')).length, operations.length, 'a contents link per operation');
      assert.deepEqual(unresolved(links, pages), []);
      // Links between the pages: breadcrumbs, side navigation, previous/next, the error shape.
      const internal = [...pages.values()].flatMap((html) => [...mainOf(html).matchAll(/href="(\/api\/docs[^"]*)"/g)].map((m) => m[1]!));
      assert.ok(internal.includes('/api/docs#api-errors'), 'tag pages send readers to the error shape');
      assert.deepEqual(unresolved(internal, pages), []);
      // Links within a page: the side navigation's list of the page's sections or requests.
      for (const [path, html] of pages) {
        const inPage = [...mainOf(html).matchAll(/href="#([^"]+)"/g)].map((m) => `${path}#${m[1]}`);
        assert.ok(inPage.length > 0, `${path}: links within the page`);
        assert.deepEqual(unresolved(inPage, pages), [], path);
      }
      // Old links to /api/docs#<operation>, from when the reference was one page, land on its contents entry.
      for (const op of operations) assert.match(overview, new RegExp(`<li id="${op.id}"><a class="usa-link" href="/api/docs/[a-z-]+#${op.id}"`));
    });

    it('would notice an operation left out, shown twice, or a link to nowhere (negative controls for the checks above)', () => {
      const [path, html] = [...pages].find(([p]) => p !== '/api/docs')!;
      const [first] = operationHeadings(html);
      const without = new Map(pages).set(path, html.replace(/<h2 id="[^"]+"[^>]*><code>[\s\S]*?<\/h2>/, ''));
      assert.deepEqual(drift(without, doc), { missing: [first!.operation], extra: [], twice: [] });
      const doubled = new Map(pages).set('/api/docs/copy', html);
      assert.ok(drift(doubled, doc).twice.includes(first!.operation));
      assert.deepEqual(unresolved([`${path}#no-such-operation`, '/api/docs/no-such-tag', `${path}#${first!.id}`], pages), [`${path}#no-such-operation`, '/api/docs/no-such-tag']);
    });

    it('explains the base URL, authentication, JSON and the error shape on the overview, then the contents by tag', () => {
      const html = overview.replace(/<wbr\/?>/g, '');
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
      assert.deepEqual([...html.matchAll(/<h2 id="([^"]+)"/g)].map((m) => m[1]), ['api-authentication', 'api-format', 'api-errors', 'api-contents']);
      const tags = documentedTags(doc);
      assert.deepEqual([...html.matchAll(/<h3 id="([^"]+)"/g)].map((m) => m[1]), tags.map((tag) => `tag-${tag}`), 'a contents entry per tag, in the document’s order');
      assert.ok(tags.includes('organisations') && tags.includes('people'));
      assert.match(html, /<h3 id="tag-organisations"><a class="usa-link" href="\/api\/docs\/organisations">Organisations<\/a><\/h3><p>The schools, centers and other organisations/, 'with what the tag covers');
      assert.ok(text.includes('GET /api/v1/organisations/{id} : Get an organisation'), 'method, path and summary');
      assert.equal((html.match(/<table/g) ?? []).length, 1, 'only the table of error statuses');
    });

    it('names every tag of the document, and says what it covers, in English and Spanish', () => {
      const catalogue = loadCatalogue();
      for (const lang of ['en', 'es'] as const) {
        const ns = catalogue[lang]!['api-docs'] as { tags: Record<string, string>; tagSummaries: Record<string, string> };
        for (const tag of documentedTags(doc)) assert.ok(ns.tags[tag] && ns.tagSummaries[tag], `${lang}: a name and a summary for the tag "${tag}"`);
      }
    });

    it('gives each tag’s page a heading, a way back to the overview, and its neighbours', () => {
      const paths = tagPages(overview);
      const html = pages.get('/api/docs/organisations')!;
      assert.deepEqual([...html.matchAll(/<h1[^>]*>([\s\S]*?)<\/h1>/g)].map((m) => textOf(m[1]!)), ['Organisations']);
      assert.match(html, /<title>Organisations · API reference · Coalition Hub<\/title>/);
      assert.match(html, /<a class="usa-breadcrumb__link" href="\/api\/docs"><span>API reference<\/span><\/a>/);
      assert.match(html, /<a href="\/api\/docs\/organisations" class="usa-current" aria-current="page">Organisations<\/a><ul class="usa-sidenav__sublist">/, 'the side navigation marks the page and lists its requests');
      assert.equal((mainOf(html).match(/aria-current="page"/g) ?? []).length, 2, 'the side navigation and the breadcrumb');
      const pager = (path: string) => [...(/<nav aria-label="Previous and next[\s\S]*?<\/nav>/.exec(pages.get(path)!)?.[0] ?? '').matchAll(/href="([^"]+)"[^>]*>[\s\S]*?>([^<]+)</g)].map((m) => `${m[1]} ${m[2]}`);
      assert.deepEqual(pager(paths[0]!), [`${paths[1]} Next: Directory`], 'the first tag has no previous');
      assert.deepEqual(pager(paths[1]!), [`${paths[0]} Previous: Organisations`, `${paths[2]} Next: People and roles`]);
      assert.deepEqual(pager(paths.at(-1)!).length, 1, 'the last tag has no next');
      assert.match(mainOf(overview), /<a href="\/api\/docs" class="usa-current" aria-current="page">Overview<\/a>/);
    });

    it('renders parameters, body fields and response fields with readable types', () => {
      const rows = [...pages.values()].flatMap(tableRows);
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
      const text = textOf([...pages.values()].join('').replace(/<wbr\/?>/g, ''));
      assert.ok(text.includes('Fields not listed here are refused with 400.'), 'strict bodies say so');
      assert.ok(text.includes('Authentication: works without a token'), 'public reads say a token is optional');
      assert.ok(text.includes('Authentication: needs a token.'));
      assert.ok(text.includes('204 : Deleted'), 'a response description from the schema');
      assert.ok(text.includes('409 : Conflict with saved data'), 'a placeholder description replaced by what the status means');
      assert.ok(!text.includes('Default Response'));
      assert.ok(!text.includes('9007199254740991'), 'no safe-integer noise');
    });

    it('serves the pages with a trailing slash too, and every table has a caption and scoped headers', async () => {
      for (const path of ['/api/docs/', '/api/docs/organisations/']) {
        const res = await t.client().get(path);
        assert.equal(res.statusCode, 200, path);
        const same = pages.get(path.slice(0, -1))!;
        assert.deepEqual([contentsLinks(res.body), operationHeadings(res.body)], [contentsLinks(same), operationHeadings(same)], path);
        assert.match(res.body, path === '/api/docs/' ? /aria-current="page">Overview</ : /aria-current="page">Organisations</, 'the side navigation marks the page');
      }
      const tables = [...pages.values()].flatMap((html) => html.match(/<table[\s\S]*?<\/table>/g) ?? []);
      assert.ok(tables.length > 20, `${tables.length} tables`);
      for (const table of tables) {
        assert.match(table, /<caption[^>]*>[^<]+<\/caption>/);
        assert.doesNotMatch(table, /<th(?=[\s>])(?![^>]*scope="(col|row)")[^>]*>/, 'every th has a scope');
      }
    });

    it('answers an unknown tag with a 404 page for people that leads back to the reference', async () => {
      for (const path of ['/api/docs/no-such-tag', '/api/docs/Organisations', '/api/docs/organisations%2F..', '/api/docs/tag-organisations']) {
        const res = await t.client().get(path);
        assert.equal(res.statusCode, 404, path);
        assert.match(String(res.headers['content-type']), /^text\/html/, 'a page, not the API’s JSON error');
        assert.match(res.body, /<h1>Page not found<\/h1>/);
        assert.match(res.body, /<a class="usa-link" href="\/api\/docs">Go to the API reference overview<\/a>/);
        assert.match(res.body, /<a href="\/api\/docs\/organisations">Organisations<\/a>/, 'the navigation lists the tags there are');
      }
      const es = await t.client().get('/api/docs/no-such-tag', { 'accept-language': 'es' });
      assert.equal(es.statusCode, 404);
      assert.match(es.body, /<html lang="es">/);
      assert.ok(textOf(es.body).includes('No hay ninguna parte de la referencia de la API en esta dirección.'));
      // Negative control: the same request for a tag there is.
      assert.equal((await t.client().get('/api/docs/organisations')).statusCode, 200);
    });

    it('keeps to the Content-Security-Policy: no inline scripts or styles, nothing from other hosts', async () => {
      for (const path of ['/api/docs', '/api/docs/people', '/api/docs/no-such-tag']) {
        const res = await t.client().get(path);
        const csp = String(res.headers['content-security-policy']);
        assert.match(csp, /script-src 'self'/, path);
        assert.match(csp, /style-src 'self'/, path);
        const scripts = res.body.match(/<script\b[^>]*>/g) ?? [];
        assert.ok(scripts.length > 0 && scripts.every((s) => /src="\/assets\//.test(s)), scripts.join(' '));
        assert.doesNotMatch(res.body, /<style\b|\sstyle="|\son[a-z]+="/i, path);
        assert.doesNotMatch(res.body, /(?:src|href)="(?:https?:)?\/\//, 'no outside assets');
        assert.doesNotMatch(res.body, /swagger/i);
      }
    });

    it('is in Spanish for a Spanish reader, with the English text of the document marked as English', async () => {
      const es = (path: string) => t.client().get(path, { 'accept-language': 'es' });
      const home = await es('/api/docs');
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /<html lang="es">/);
      assert.match(home.body, /<h1>Referencia de la API<\/h1>/);
      assert.match(home.body, /<h3 id="tag-organisations"><a class="usa-link" href="\/api\/docs\/organisations">Organizaciones<\/a><\/h3><p>Las escuelas, los centros/);
      assert.match(home.body, /<span lang="en">List organisations<\/span>/);
      assert.match(home.body, /<a href="\/api\/docs" class="usa-current" aria-current="page">Vista general<\/a>/);
      assert.deepEqual(unresolved(contentsLinks(home.body), pages), [], 'the same anchors in every language');

      const tag = await es('/api/docs/organisations');
      assert.equal(tag.statusCode, 200);
      assert.match(tag.body, /<html lang="es">/);
      assert.match(tag.body, /<h1>Organizaciones<\/h1>/);
      assert.match(tag.body, /<title>Organizaciones · Referencia de la API · Coalition Hub<\/title>/);
      assert.match(tag.body, /<span>Referencia de la API<\/span>/, 'the breadcrumb');
      assert.match(tag.body, /Siguiente: Directorio/);
      assert.ok(textOf(tag.body).includes('Los resúmenes y las descripciones de las solicitudes están escritos en inglés.'), 'says why some text is in English');
      assert.match(tag.body, /<span lang="en">List organisations<\/span>/);
      assert.ok(tableRows(tag.body).includes('name | cadena (1–200 caracteres) | Sí'));
      assert.deepEqual(
        operationHeadings(tag.body).map((h) => h.id),
        operationHeadings(pages.get('/api/docs/organisations')!).map((h) => h.id),
        'the same anchors as in English',
      );
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
      '/api/v1/y': { get: { tags: ['"><b>second'], summary: hostile, responses: {} } },
    },
  };
  const ctx: ViewContext = { t: translatorFor('en'), locale: 'en', principal: null, path: '/api/docs', csrf: () => 'token', flash: null, isAdmin: false };
  const reference = buildApiReference(doc);

  it('escapes every piece of text that comes from the OpenAPI document, on the overview and on a tag’s page', () => {
    const overview = renderDocument(apiReferencePage(ctx, reference, { baseUrl: 'http://localhost:3000', bodyLimit: 1024 * 1024 }));
    const tag = renderDocument(apiTagPage({ ...ctx, path: '/api/docs/i-tag-i' }, reference, reference.sections[0]!));
    for (const html of [overview, tag]) {
      assert.doesNotMatch(html, /<script>alert|<img src=x|<svg|<i>tag|<u>f|<b>|<script>x/);
      assert.match(html, /&lt;script(>|&gt;)alert\(1\)&lt;\/script/, 'the summary is shown, escaped');
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      assert.ok(scripts.every((s) => /src="\/assets\//.test(s)), 'no script but the layout’s own');
    }
    assert.match(tag, /&lt;img src=x onerror=alert\(1\)/, 'the description is shown, escaped');
    assert.deepEqual(
      reference.sections.map((s) => s.slug),
      ['i-tag-i', 'b-second'],
      'tag names become safe addresses',
    );
    assert.match(overview, /href="\/api\/docs\/b-second"/);
  });
});
