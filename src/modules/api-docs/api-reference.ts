import { deref, describeSchema, fieldsOf, rejectsUnknownFields, type Field, type JsonSchema, type RefResolver, type TypePhrase } from './schema-phrase.ts';

/** The parts of an OpenAPI 3.1 document the reference page reads. */
export interface OpenApiDocument {
  info?: { title?: string; version?: string; description?: string };
  tags?: { name: string; description?: string }[];
  paths?: Record<string, Record<string, OpenApiOperation | unknown>>;
  components?: { schemas?: Record<string, JsonSchema>; parameters?: Record<string, OpenApiParameter>; requestBodies?: Record<string, OpenApiRequestBody>; responses?: Record<string, OpenApiResponse> };
  security?: Record<string, string[]>[];
}

interface OpenApiParameter {
  $ref?: string;
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  deprecated?: boolean;
  schema?: JsonSchema;
}
interface OpenApiMedia {
  schema?: JsonSchema;
}
interface OpenApiRequestBody {
  $ref?: string;
  required?: boolean;
  description?: string;
  content?: Record<string, OpenApiMedia>;
}
interface OpenApiResponse {
  $ref?: string;
  description?: string;
  content?: Record<string, OpenApiMedia>;
}
interface OpenApiOperation {
  tags?: string[];
  summary?: string;
  description?: string;
  operationId?: string;
  deprecated?: boolean;
  parameters?: OpenApiParameter[];
  requestBody?: OpenApiRequestBody;
  responses?: Record<string, OpenApiResponse>;
  security?: Record<string, string[]>[];
}

export interface ParameterView {
  name: string;
  in: string;
  type: TypePhrase;
  required: boolean;
  description?: string;
}

export interface RequestBodyView {
  required: boolean;
  contentTypes: string[];
  description?: string;
  /** The body's own type when it is not an object with fields (a list, a string…). */
  type: TypePhrase;
  fields: Field[];
  rejectsUnknownFields: boolean;
}

export interface ResponseView {
  status: string;
  /** Null when the document has only the generator's placeholder ("Default Response"). */
  description: string | null;
  /** Fields of a successful response's body; empty for errors (one shape, explained once) and empty bodies. */
  fields: Field[];
}

export interface OperationView {
  /** The anchor of its heading. */
  id: string;
  method: string;
  path: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  auth: 'required' | 'optional' | 'none';
  parameters: ParameterView[];
  body: RequestBodyView | null;
  responses: ResponseView[];
}

export interface TagSectionView {
  tag: string;
  /** The anchor of its entry in the overview's contents. */
  id: string;
  /** The last segment of its page's address, /api/docs/<slug>. */
  slug: string;
  description?: string;
  operations: OperationView[];
}

/** Everything the reference shows about the API, independent of the reader's language. */
export interface ApiReference {
  version?: string;
  sections: TagSectionView[];
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'options', 'head', 'trace'];
/** What @fastify/swagger writes when a route gives no description of a response. */
const PLACEHOLDER_DESCRIPTIONS = new Set(['Default Response', '']);
/** Operations with no tag are listed last, under this one. */
export const UNTAGGED = '';
/** Anchors of the overview's own sections, which no operation or tag may take. */
export const INTRO_IDS = { contents: 'api-contents', authentication: 'api-authentication', format: 'api-format', errors: 'api-errors' } as const;

/** The address of the overview, whose introduction every tag's page refers to. */
export const OVERVIEW_PATH = '/api/docs';

/** Where a tag's page lives. */
export const tagPagePath = (section: TagSectionView) => `${OVERVIEW_PATH}/${section.slug}`;

/** The tag whose page is /api/docs/<slug>, if there is one. */
export function findSection(reference: ApiReference, slug: string): TagSectionView | undefined {
  return reference.sections.find((s) => s.slug === slug);
}

/**
 * Builds the reference's model from the generated OpenAPI document: operations grouped by tag (in
 * the order the document declares tags, then in order of first use), each in the document's order.
 * Anchors stay distinct across the whole reference, not only within one page, so an operation's
 * anchor names it wherever the reference is split.
 */
export function buildApiReference(doc: OpenApiDocument): ApiReference {
  const resolve = resolverFor(doc);
  const sections = new Map<string, TagSectionView>();
  const ids = new Set<string>(['main-content', ...Object.values(INTRO_IDS)]);
  const slugs = new Set<string>();
  const sectionFor = (tag: string) => {
    let section = sections.get(tag);
    if (!section) {
      const description = doc.tags?.find((t) => t.name === tag)?.description;
      const slug = uniqueId(slugOf(tag || 'other'), slugs);
      section = { tag, id: uniqueId(`tag-${slug}`, ids), slug, ...(description && { description }), operations: [] };
      sections.set(tag, section);
    }
    return section;
  };
  for (const declared of doc.tags ?? []) sectionFor(declared.name);

  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method] as OpenApiOperation | undefined;
      if (!op || typeof op !== 'object') continue;
      const id = uniqueId(slugOf(op.operationId ?? `${method}-${path}`), ids);
      // Parameters shared by every method of a path come first; the operation's own override them.
      const shared = ((item.parameters ?? []) as OpenApiParameter[]).filter((p) => !op.parameters?.some((o) => o.name === p.name && o.in === p.in));
      const withShared = { ...op, parameters: [...shared, ...(op.parameters ?? [])] };
      sectionFor(op.tags?.[0] ?? UNTAGGED).operations.push(operationView(doc, resolve, id, method, path, withShared));
    }
  }
  const all = [...sections.values()].filter((s) => s.operations.length > 0);
  // Untagged operations go last rather than first.
  return { ...(doc.info?.version && { version: doc.info.version }), sections: [...all.filter((s) => s.tag !== UNTAGGED), ...all.filter((s) => s.tag === UNTAGGED)] };
}

function operationView(doc: OpenApiDocument, resolve: RefResolver, id: string, method: string, path: string, op: OpenApiOperation): OperationView {
  const security = op.security ?? doc.security ?? [];
  const auth = security.length === 0 ? 'none' : security.some((s) => Object.keys(s).length === 0) ? 'optional' : 'required';
  return {
    id,
    method: method.toUpperCase(),
    path,
    ...(op.summary && { summary: op.summary }),
    ...(op.description && { description: op.description }),
    deprecated: op.deprecated === true,
    auth,
    parameters: (op.parameters ?? []).map((raw) => {
      const p = refOf<OpenApiParameter>(doc, raw, 'parameters');
      const schema = deref(p.schema, resolve);
      const description = p.description ?? schema.description;
      return { name: p.name, in: p.in, type: describeSchema(schema, resolve), required: p.required === true || p.in === 'path', ...(description && { description }) };
    }),
    body: op.requestBody ? bodyView(refOf(doc, op.requestBody, 'requestBodies'), resolve) : null,
    responses: Object.entries(op.responses ?? {}).map(([status, raw]) => {
      const response = refOf<OpenApiResponse>(doc, raw, 'responses');
      const description = response.description && !PLACEHOLDER_DESCRIPTIONS.has(response.description) ? response.description : null;
      const success = /^2/.test(status);
      return { status, description, fields: success ? fieldsOf(jsonSchemaOf(response.content), resolve) : [] };
    }),
  };
}

function bodyView(body: OpenApiRequestBody, resolve: RefResolver): RequestBodyView {
  const schema = deref(jsonSchemaOf(body.content), resolve);
  const description = body.description ?? schema.description;
  return {
    required: body.required === true,
    contentTypes: Object.keys(body.content ?? {}),
    ...(description && { description }),
    type: describeSchema(schema, resolve),
    fields: fieldsOf(schema, resolve),
    rejectsUnknownFields: rejectsUnknownFields(schema, resolve),
  };
}

/** The JSON schema of a body, preferring application/json. */
function jsonSchemaOf(content: Record<string, OpenApiMedia> | undefined): JsonSchema | undefined {
  if (!content) return undefined;
  return (content['application/json'] ?? Object.values(content)[0])?.schema;
}

function resolverFor(doc: OpenApiDocument): RefResolver {
  return (ref) => {
    const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
    return name === undefined ? undefined : doc.components?.schemas?.[decodeURIComponent(name)];
  };
}

/** A parameter, body or response given by `$ref` into the document's components. */
function refOf<T extends { $ref?: string }>(doc: OpenApiDocument, value: T, kind: 'parameters' | 'requestBodies' | 'responses'): T {
  if (!value.$ref) return value;
  const name = new RegExp(`^#/components/${kind}/(.+)$`).exec(value.$ref)?.[1];
  const target = name === undefined ? undefined : (doc.components?.[kind] as Record<string, T> | undefined)?.[decodeURIComponent(name)];
  return target ?? value;
}

/**
 * A string made safe and readable as an HTML id or an address: `post /api/v1/people/{id}` →
 * `post-api-v1-people-id`, `Évaluation` → `evaluation`.
 */
function slugOf(text: string): string {
  const plain = text.normalize('NFD').replace(/\p{M}+/gu, '');
  return plain.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'section';
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
