import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { translatorFor } from '../../platform/i18n/i18n.ts';
import { buildApiReference, findSection, tagPagePath, type OpenApiDocument } from './api-reference.ts';
import { describeSchema, fieldsOf, rejectsUnknownFields, type JsonSchema, type RefResolver } from './schema-phrase.ts';
import { TypeText } from './views/type-text.tsx';

// The reference page's model, built from hand-written OpenAPI documents: no database, no app.

const noRefs: RefResolver = () => undefined;
const en = translatorFor('en');
const es = translatorFor('es');

/** How the page words a schema, as plain text. */
function typeText(schema: JsonSchema, t = en, resolve = noRefs): string {
  return renderToString(<TypeText t={t} type={describeSchema(schema, resolve)} />)
    .replace(/<wbr\/?>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');
}

describe('how the reference words JSON Schema types', () => {
  it('reads nullable values, type arrays, enums, lists and formats as a person would', () => {
    assert.equal(typeText({ anyOf: [{ type: 'string', maxLength: 5000 }, { type: 'null' }] }), 'string (at most 5000 characters) or null');
    assert.equal(typeText({ type: ['string', 'null'] }), 'string or null');
    assert.equal(typeText({ type: 'string', nullable: true }), 'string or null', 'OpenAPI 3.0 nullable');
    assert.equal(typeText({ type: 'string', enum: ['school', 'partner'] }), 'one of: school, partner');
    assert.equal(typeText({ enum: ['a', null] }), 'one of: a or null');
    assert.equal(typeText({ type: 'array', items: { type: 'string', format: 'email' }, maxItems: 5 }), 'list of string (email address) (at most 5 items)');
    assert.equal(typeText({ type: 'string', minLength: 1, maxLength: 200 }), 'string (1–200 characters)');
    assert.equal(typeText({ type: 'string', minLength: 12, maxLength: 12 }), 'string (exactly 12 characters)');
    assert.equal(typeText({ type: 'string', maxLength: 1 }), 'string (at most 1 character)');
    assert.equal(typeText({ type: 'object', properties: { a: { type: 'string' } } }), 'object');
    assert.equal(typeText({}), 'any value');
    assert.equal(typeText({ const: 'ok' }), 'one of: ok');
  });

  it('states number limits plainly and leaves out the safe-integer bounds every integer carries', () => {
    assert.equal(typeText({ type: 'integer', exclusiveMinimum: 0, maximum: Number.MAX_SAFE_INTEGER }), 'integer (at least 1)');
    assert.equal(typeText({ type: 'integer', minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER }), 'integer');
    assert.equal(typeText({ type: 'integer', minimum: 1, maximum: 100, default: 25 }), 'integer (from 1 to 100, default 25)');
    assert.equal(typeText({ type: 'number', exclusiveMinimum: 0, maximum: 1 }), 'number (more than 0, at most 1)');
    assert.equal(typeText({ type: 'number', exclusiveMaximum: 90 }), 'number (less than 90)');
    // A length limit means nothing on a number, nor a range on a string.
    assert.equal(typeText({ type: ['string', 'number'], maxLength: 3, maximum: 9 }), 'string (at most 3 characters) or number (at most 9)');
  });

  it('shows a pattern only when no named format says it better', () => {
    assert.equal(typeText({ type: 'string', pattern: '^\\d{5}$' }), 'string (matching ^\\d{5}$)');
    assert.equal(typeText({ type: 'string', format: 'email', pattern: '^.+@.+$' }), 'string (email address)');
    assert.equal(typeText({ type: 'string', format: 'x-custom' }), 'string (x-custom)', 'an unknown format is shown as named');
  });

  it('flattens nested unions and drops repeats', () => {
    const schema = { anyOf: [{ anyOf: [{ type: 'number' }, { type: 'string' }] }, { type: 'null' }, { type: 'number' }] };
    assert.equal(typeText(schema), 'number or string or null');
  });

  it('follows $ref, and a $ref cycle ends instead of hanging', () => {
    const schemas: Record<string, JsonSchema> = { Kind: { type: 'string', enum: ['a', 'b'] }, Loop: { $ref: '#/components/schemas/Loop' } };
    const resolve: RefResolver = (ref) => schemas[ref.split('/').pop()!];
    assert.equal(typeText({ $ref: '#/components/schemas/Kind' }, en, resolve), 'one of: a, b');
    assert.equal(typeText({ $ref: '#/components/schemas/Loop' }, en, resolve), 'any value');
    assert.equal(typeText({ $ref: '#/components/schemas/Missing' }, en, resolve), 'any value');
  });

  it('words types in Spanish for a Spanish reader', () => {
    assert.equal(typeText({ anyOf: [{ type: 'string', maxLength: 40 }, { type: 'null' }] }, es), 'cadena (como máximo 40 caracteres) o null');
    assert.equal(typeText({ type: 'array', items: { type: 'integer' } }, es), 'lista de entero');
  });
});

describe('fields of a body', () => {
  const body: JsonSchema = {
    type: 'object',
    required: ['name', 'center'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', description: 'Shown everywhere' },
      center: {
        anyOf: [{ type: 'object', required: ['id'], properties: { id: { type: 'integer' }, owner: { type: 'object', properties: { deep: { type: 'string' } } } } }, { type: 'null' }],
      },
      tags: { type: 'array', items: { type: 'object', properties: { label: { type: 'string' } } } },
    },
  };

  it('lists each field with nested objects and lists of objects one level deep, then just "object"', () => {
    const fields = fieldsOf(body, noRefs);
    assert.deepEqual(
      fields.map((f) => [f.name, f.required]),
      [
        ['name', true],
        ['center', true],
        ['center.id', true],
        ['center.owner', false],
        ['tags', false],
        ['tags[].label', false],
      ],
    );
    assert.equal(fields[0]!.description, 'Shown everywhere');
    assert.equal(typeText({ anyOf: [{ type: 'object', properties: {} }, { type: 'null' }] }), 'object or null');
    assert.ok(!fields.some((f) => f.name.includes('deep')), 'no second level of nesting');
  });

  it('knows when unknown fields are refused (false, or Zod’s {not: {}})', () => {
    assert.equal(rejectsUnknownFields(body, noRefs), true);
    assert.equal(rejectsUnknownFields({ type: 'object', properties: {}, additionalProperties: { not: {} } }, noRefs), true);
    assert.equal(rejectsUnknownFields({ type: 'object', properties: {} }, noRefs), false);
  });

  it('has no fields for a body that is not an object', () => {
    assert.deepEqual(fieldsOf({ type: 'array', items: { type: 'string' } }, noRefs), []);
    assert.deepEqual(fieldsOf(undefined, noRefs), []);
  });
});

describe('the reference model', () => {
  const doc: OpenApiDocument = {
    info: { version: '7' },
    tags: [{ name: 'zebras', description: 'Declared first, so listed first' }],
    security: [{ bearer: [] }],
    components: { schemas: { Thing: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } } }, parameters: { Id: { name: 'id', in: 'path', schema: { type: 'integer' } } } },
    paths: {
      '/api/v1/things': {
        get: { tags: ['things'], summary: 'List things', security: [{}, { bearer: [] }], responses: { '200': { description: 'Default Response', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Thing' } } } } } } },
        post: {
          tags: ['things'],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          responses: { '201': { description: 'Made', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } }, '400': { description: 'Default Response' } },
        },
      },
      '/api/v1/things/{id}': {
        parameters: [{ $ref: '#/components/parameters/Id' } as never],
        delete: { tags: ['things'], operationId: 'removeThing', security: [], responses: { '204': { description: 'Gone' } } },
      },
      '/api/v1/zebras': { get: { tags: ['zebras'], responses: {} } },
      '/api/v1/loose': { get: { responses: {} }, post: { operationId: 'post /api/v1/loose', responses: {} } },
    },
  };
  const reference = buildApiReference(doc);

  it('groups operations by tag: declared tags first, then by first use, untagged last', () => {
    assert.deepEqual(
      reference.sections.map((s) => [s.tag, s.operations.map((o) => `${o.method} ${o.path}`)]),
      [
        ['zebras', ['GET /api/v1/zebras']],
        ['things', ['GET /api/v1/things', 'POST /api/v1/things', 'DELETE /api/v1/things/{id}']],
        ['', ['GET /api/v1/loose', 'POST /api/v1/loose']],
      ],
    );
    assert.equal(reference.sections[0]!.description, 'Declared first, so listed first');
    assert.equal(reference.version, '7');
  });

  it('gives every section and operation a distinct anchor that the page’s own sections do not use', () => {
    const ids = reference.sections.flatMap((s) => [s.id, ...s.operations.map((o) => o.id)]);
    assert.equal(new Set(ids).size, ids.length, ids.join(', '));
    assert.ok(ids.every((id) => /^[a-z0-9-]+$/.test(id)), ids.join(', '));
    assert.ok(!ids.includes('api-errors') && !ids.includes('main-content'));
    assert.ok(ids.includes('removething'), 'an operationId becomes the anchor');
    assert.ok(ids.includes('get-api-v1-things'));
  });

  it('reads who may call each operation from its security, or the document’s', () => {
    const things = reference.sections[1]!.operations;
    assert.deepEqual(
      things.map((o) => o.auth),
      ['optional', 'required', 'none'],
    );
  });

  it('resolves $refs in bodies, responses and path-level parameters, and drops placeholder descriptions', () => {
    const [list, create, remove] = reference.sections[1]!.operations;
    assert.deepEqual(list!.responses.map((r) => [r.status, r.description, r.fields.map((f) => f.name)]), [['200', null, []]], 'a list body has no fields of its own');
    assert.deepEqual(create!.body && { required: create!.body.required, types: create!.body.contentTypes, fields: create!.body.fields.map((f) => f.name) }, { required: true, types: ['application/json'], fields: ['id'] });
    assert.deepEqual(create!.responses.map((r) => [r.status, r.description, r.fields.map((f) => f.name)]), [['201', 'Made', ['id']], ['400', null, []]], 'error bodies are explained once, not per operation');
    assert.deepEqual(remove!.parameters.map((p) => [p.name, p.in, p.required]), [['id', 'path', true]], 'path parameters are always required');
  });
  it('gives each tag a page of its own at a readable, distinct address', () => {
    assert.deepEqual(
      reference.sections.map((s) => tagPagePath(s)),
      ['/api/docs/zebras', '/api/docs/things', '/api/docs/other'],
    );
    assert.equal(findSection(reference, 'things'), reference.sections[1]);
    assert.equal(findSection(reference, 'Things'), undefined, 'addresses are exact');
    assert.equal(findSection(reference, 'tag-things'), undefined, 'an anchor is not an address');
  });

  it('makes addresses of tags with spaces, capitals and accents, and keeps them apart', () => {
    const op = (tag?: string) => ({ get: { ...(tag !== undefined && { tags: [tag] }), responses: {} } });
    const slugs = buildApiReference({
      paths: { '/a': op('Network Health'), '/b': op('network health'), '/c': op('other'), '/d': op(), '/e': op('Évaluation / 2'), '/f': op('???') },
    }).sections.map((s) => [s.tag, s.slug, s.id]);
    assert.deepEqual(slugs, [
      ['Network Health', 'network-health', 'tag-network-health'],
      ['network health', 'network-health-2', 'tag-network-health-2'],
      ['other', 'other', 'tag-other'],
      ['Évaluation / 2', 'evaluation-2', 'tag-evaluation-2'],
      ['???', 'section', 'tag-section'],
      ['', 'other-2', 'tag-other-2'],
    ]);
  });
});
