/**
 * Turns the JSON Schemas of the OpenAPI document into something a person reads ("string or null,
 * at most 200 characters", "one of: school, partner", "list of object"). The result is a small,
 * language-neutral tree: the page words it in the reader's language when it renders.
 */

/** The parts of JSON Schema (2020-12, as OpenAPI 3.1 uses it) that the reference shows. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  not?: JsonSchema;
  description?: string;
  default?: unknown;
  nullable?: boolean;
}

/** A limit on a value, worded by the page ("1–200 characters", "at least 1", "matching …"). */
export type Limit =
  | { rule: 'chars' | 'items'; min?: number; max?: number }
  | { rule: 'range'; min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean }
  | { rule: 'pattern'; pattern: string }
  | { rule: 'default'; value: string };

export type ScalarType = 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'object' | 'any';

/** What a value may be. */
export type TypePhrase =
  | { kind: 'scalar'; type: ScalarType; format?: string; limits: Limit[] }
  | { kind: 'enum'; values: string[]; limits: Limit[] }
  | { kind: 'list'; items: TypePhrase; limits: Limit[] }
  | { kind: 'union'; options: TypePhrase[] };

/** Looks up a `$ref` in the document; returns undefined for one that points nowhere. */
export type RefResolver = (ref: string) => JsonSchema | undefined;

const SCALARS = new Set<string>(['string', 'integer', 'number', 'boolean', 'null', 'object']);
/** z.number().int() states the safe-integer range on every integer: true, but noise to a reader. */
const isSafeIntegerBound = (n: number) => Math.abs(n) >= Number.MAX_SAFE_INTEGER;

/** Follows `$ref`s (a bounded number of hops, so a cycle cannot hang the page). */
export function deref(schema: JsonSchema | undefined, resolve: RefResolver): JsonSchema {
  let current = schema ?? {};
  for (let hops = 0; current.$ref && hops < 10; hops++) current = resolve(current.$ref) ?? {};
  return current.$ref ? {} : current;
}

/** Describes a schema as a TypePhrase. */
export function describeSchema(input: JsonSchema | undefined, resolve: RefResolver, depth = 0): TypePhrase {
  const schema = deref(input, resolve);
  if (depth > 8) return { kind: 'scalar', type: 'any', limits: [] };
  const union = schema.anyOf ?? schema.oneOf;
  if (union?.length) return unionOf([...union.map((s) => describeSchema(s, resolve, depth + 1)), ...(schema.nullable ? [nullPhrase()] : [])]);
  if (schema.allOf?.length) return describeSchema(mergeAll(schema.allOf, resolve), resolve, depth + 1);

  const limits = limitsOf(schema);
  if (schema.const !== undefined) return { kind: 'enum', values: [valueText(schema.const)], limits };
  if (schema.enum) {
    const values = schema.enum.filter((v) => v !== null).map(valueText);
    const phrase: TypePhrase = { kind: 'enum', values, limits };
    return schema.enum.includes(null) ? unionOf([phrase, nullPhrase()]) : phrase;
  }

  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [schema.properties ? 'object' : schema.items ? 'array' : 'any'];
  if (schema.nullable && !types.includes('null')) types.push('null');
  const phrases = types.map((type): TypePhrase => {
    if (type === 'array') return { kind: 'list', items: describeSchema(schema.items, resolve, depth + 1), limits: limits.filter((l) => l.rule === 'items' || l.rule === 'default') };
    const scalar = (SCALARS.has(type) ? type : 'any') as ScalarType;
    const own = limits.filter((l) => l.rule !== 'items' && (scalar === 'string' || l.rule !== 'chars') && (scalar === 'integer' || scalar === 'number' || l.rule !== 'range'));
    return { kind: 'scalar', type: scalar, ...(schema.format && { format: schema.format }), limits: scalar === 'null' ? [] : own };
  });
  return unionOf(phrases);
}

/** A field of a request or response body, one level of nesting deep. */
export interface Field {
  /** Dotted path: `name`, `center.name`, `data[].id`. */
  name: string;
  type: TypePhrase;
  required: boolean;
  description?: string;
}

/**
 * The fields of an object schema (or of a nullable object), with the fields of nested objects and
 * of lists of objects one level down. Deeper objects stay "object": a table nested three deep is
 * no longer readable, and the OpenAPI document has the whole shape.
 */
export function fieldsOf(input: JsonSchema | undefined, resolve: RefResolver, prefix = '', depth = 0): Field[] {
  const object = objectSchema(input, resolve);
  if (!object) return [];
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties ?? {}).flatMap(([key, raw]) => {
    const property = deref(raw, resolve);
    const name = `${prefix}${key}`;
    const description = property.description ?? raw.description;
    const field: Field = { name, type: describeSchema(property, resolve), required: required.has(key), ...(description && { description }) };
    if (depth > 0) return [field];
    const nested = objectSchema(property, resolve) ? fieldsOf(property, resolve, `${name}.`, depth + 1) : fieldsOf(listItems(property, resolve), resolve, `${name}[].`, depth + 1);
    return [field, ...nested];
  });
}

/** Whether an object schema refuses fields it does not list (Zod's strict objects). */
export function rejectsUnknownFields(input: JsonSchema | undefined, resolve: RefResolver): boolean {
  const extra = objectSchema(input, resolve)?.additionalProperties;
  return extra === false || (typeof extra === 'object' && 'not' in extra);
}

/** The object schema inside a schema that is an object or "object or null"; null otherwise. */
export function objectSchema(input: JsonSchema | undefined, resolve: RefResolver): JsonSchema | null {
  const schema = deref(input, resolve);
  if (schema.properties) return schema;
  if (schema.allOf?.length) return objectSchema(mergeAll(schema.allOf, resolve), resolve);
  const options = (schema.anyOf ?? schema.oneOf ?? []).map((s) => deref(s, resolve)).filter((s) => s.type !== 'null');
  return options.length === 1 ? objectSchema(options[0], resolve) : null;
}

function listItems(schema: JsonSchema, resolve: RefResolver): JsonSchema | undefined {
  if (schema.items) return schema.items;
  const options = (schema.anyOf ?? schema.oneOf ?? []).map((s) => deref(s, resolve)).filter((s) => s.type !== 'null');
  return options.length === 1 ? options[0]?.items : undefined;
}

function limitsOf(s: JsonSchema): Limit[] {
  const limits: Limit[] = [];
  if (s.minLength !== undefined || s.maxLength !== undefined) limits.push({ rule: 'chars', min: s.minLength, max: s.maxLength });
  const integer = s.type === 'integer' || (Array.isArray(s.type) && s.type.includes('integer'));
  let min = s.minimum;
  let max = s.maximum;
  let minExclusive = false;
  let maxExclusive = false;
  // OpenAPI 3.1 gives exclusive bounds as numbers; for whole numbers "more than 0" reads better as "at least 1".
  if (typeof s.exclusiveMinimum === 'number') [min, minExclusive] = integer ? [Math.floor(s.exclusiveMinimum) + 1, false] : [s.exclusiveMinimum, true];
  if (typeof s.exclusiveMaximum === 'number') [max, maxExclusive] = integer ? [Math.ceil(s.exclusiveMaximum) - 1, false] : [s.exclusiveMaximum, true];
  if (s.exclusiveMinimum === true) minExclusive = true;
  if (s.exclusiveMaximum === true) maxExclusive = true;
  if (min !== undefined && isSafeIntegerBound(min)) min = undefined;
  if (max !== undefined && isSafeIntegerBound(max)) max = undefined;
  if (min !== undefined || max !== undefined) limits.push({ rule: 'range', min, max, ...(minExclusive && { minExclusive }), ...(maxExclusive && { maxExclusive }) });
  if (s.minItems !== undefined || s.maxItems !== undefined) limits.push({ rule: 'items', min: s.minItems, max: s.maxItems });
  // A named format (email, uri) says more to a reader than the regular expression that checks it.
  if (s.pattern && !s.format) limits.push({ rule: 'pattern', pattern: s.pattern });
  if (s.default !== undefined) limits.push({ rule: 'default', value: valueText(s.default) });
  return limits;
}

function mergeAll(parts: JsonSchema[], resolve: RefResolver): JsonSchema {
  const merged: JsonSchema = {};
  for (const part of parts.map((p) => deref(p, resolve))) {
    const { properties, required, ...rest } = part;
    Object.assign(merged, rest);
    if (properties) merged.properties = { ...merged.properties, ...properties };
    if (required) merged.required = [...(merged.required ?? []), ...required];
  }
  return merged;
}

/** Flattens nested unions, drops repeats, and puts null last ("string or null"). */
function unionOf(phrases: TypePhrase[]): TypePhrase {
  const flat = phrases.flatMap((p) => (p.kind === 'union' ? p.options : [p]));
  const seen = new Set<string>();
  const unique = flat.filter((p) => {
    const key = JSON.stringify(p);
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const isNull = (p: TypePhrase) => p.kind === 'scalar' && p.type === 'null';
  const ordered = [...unique.filter((p) => !isNull(p)), ...unique.filter(isNull)];
  return ordered.length === 1 ? ordered[0]! : { kind: 'union', options: ordered };
}

function nullPhrase(): TypePhrase {
  return { kind: 'scalar', type: 'null', limits: [] };
}

function valueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
