import { z } from 'zod';
import type { FieldErrors } from './errors.ts';

/**
 * Turns Zod issues into field → message keys from the `validation` catalogue, so the same schema
 * gives translated messages on an HTML form and stable ones in a JSON 400. A schema may also name
 * a key itself: `.refine(…, { message: 'validation:passwordsDiffer' })`.
 */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.length ? issue.path.join('.') : '_form';
    (fields[path] ??= []).push(messageKey(issue as Parameters<typeof messageKey>[0]));
  }
  return fields;
}

/** The catalogue key for one Zod issue (also used for issues relayed by the API validator). */
export function messageKey(issue: { code: string; message: string; origin?: unknown; minimum?: unknown; format?: unknown; input?: unknown }): string {
  // A schema may name its own catalogue key ("validation:…" or a module's "ns:key"); Zod's own
  // messages are sentences, never of that shape.
  if (/^[a-z][\w-]*:[\w.]+$/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' ? (issue.minimum === 1 ? 'validation:required' : 'validation:tooShort') : 'validation:tooSmall';
    case 'too_big':
      return issue.origin === 'string' ? 'validation:tooLong' : 'validation:tooBig';
    case 'invalid_format':
      return issue.format === 'email' ? 'validation:email' : issue.format === 'url' ? 'validation:url' : 'validation:format';
    case 'invalid_value':
      return 'validation:choice';
    case 'invalid_type':
      return issue.input === undefined ? 'validation:required' : 'validation:invalid';
    default:
      return 'validation:invalid';
  }
}

/**
 * Normalises an urlencoded form body before validation: trims text, and drops blank fields so
 * optional fields read as absent (a form cannot send "nothing"). Repeated fields stay arrays.
 */
export function formInput(body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!body || typeof body !== 'object') return out;
  for (const [key, raw] of Object.entries(body as Record<string, unknown>)) {
    if (key === '_csrf') continue;
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === '') continue;
    out[key] = value;
  }
  return out;
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, unknown> };

/** Validates a form body with a schema, keeping what was typed for re-rendering on failure. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): Parsed<z.output<S>> {
  const values = formInput(body);
  const result = schema.safeParse(values);
  return result.success ? { ok: true, data: result.data } : { ok: false, errors: fieldErrors(result.error), values };
}

// A NUL makes PostgreSQL refuse the whole statement (a 500 instead of a message), and no control
// character belongs in a one-line field such as a name, a code or a reference.
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const noControlChars = (s: string) => !CONTROL_CHARS.test(s);
const noNul = (s: string) => !s.includes('\u0000');

/** Schema pieces shared by forms and the API. */
export const fields = {
  email: () => z.email().max(254).transform((s) => s.toLowerCase()),
  /** A checkbox: "on" from a form, true/false from JSON; absent is false. */
  checkbox: () => z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean()),
  /** Free text (line breaks allowed); a NUL is refused since the database cannot store it. */
  optionalText: (max: number) => z.string().trim().max(max).refine(noNul, { message: 'validation:invalid' }).optional(),
  /** A required one-line text (a name, a reference): control characters are refused. */
  line: (max: number) =>
    z
      .string({ error: (i) => (i.input == null ? 'validation:required' : 'validation:invalid') })
      .trim()
      .min(1)
      .max(max)
      .refine(noControlChars, { message: 'validation:invalid' }),
  /** An optional one-line text: control characters are refused. */
  optionalLine: (max: number) => z.string().trim().max(max).refine(noControlChars, { message: 'validation:invalid' }).optional(),
  /**
   * A row id from a URL, query or body. Capped at PostgreSQL's integer range: a larger number would
   * make the database refuse the query (a 500) instead of our answering 404 or a field message.
   */
  id: () => z.coerce.number().int().positive().max(2_147_483_647),
};
