import { z } from 'zod';
import { fields } from '../../platform/validation.ts';
import { ORGANISATION_KINDS } from '../../db/schema.ts';
import { US_STATE_CODES } from './us-states.ts';

// One schema per input. The same objects validate the HTML forms (through parseForm, where every
// value arrives as text) and the JSON API (where numbers and booleans arrive typed), and generate
// the OpenAPI document, so the form, the API and its documentation cannot drift apart.

/** Grades in order, low to high: pre-kindergarten, kindergarten, then 1–12. */
export const GRADES = ['PK', 'K', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const;
export type Grade = (typeof GRADES)[number];
export const gradeIndex = (g: string): number => GRADES.indexOf(g as Grade);

/** Lower-case words joined by single hyphens: safe in a URL and stable. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX = 120;
/** Public schools: 12 digits (state + district + school). Private schools: 8 characters from the PSS. */
export const NCES_PATTERN = /^(?:\d{12}|(?=[A-Z0-9]{8}$)[A-Z]{0,2}\d{6,8})$/;
const POSTAL_PATTERN = /^\d{5}(?:-\d{4})?$/;
const PHONE_PATTERN = /^\+?[\d ().-]{7,25}(?:\s*(?:x|ext\.?)\s*\d{1,6})?$/i;

const text = (max: number) => z.string().trim().max(max);
/** A string that must be there: null (a cleared form field) reads as "required", like absence. */
const requiredString = () => z.string({ error: (i) => (i.input == null ? 'validation:required' : 'validation:invalid') });
const nullable = <T extends z.ZodType>(s: T) => s.nullable().optional();
/**
 * A number sent as a JSON number or as numeric text (a form field). Unlike z.coerce, blank text,
 * booleans and arrays are refused rather than read as 0 or 1.
 */
const numeric = (message: string) =>
  z
    .union([z.number(), z.string().trim().regex(/^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i).transform(Number)], { message })
    .pipe(z.number({ message }));
const integer = () => numeric('validation:integer').pipe(z.number().int({ message: 'validation:integer' }));
const grade = () => z.string().trim().toUpperCase().pipe(z.enum(GRADES, { message: 'organisations:errors.grade' }));

/**
 * Every field of an organisation that can be written. Optional fields accept `null` (JSON) to clear
 * them; a form clears a field by leaving it blank.
 */
const shape = {
  name: requiredString().trim().min(1).max(200),
  kind: z.enum(ORGANISATION_KINDS, { message: 'validation:choice' }),
  slug: requiredString().trim().toLowerCase().min(1).max(SLUG_MAX).regex(SLUG_PATTERN, { message: 'organisations:errors.slugFormat' }),
  description: nullable(text(5000)),
  email: nullable(z.email({ message: 'validation:email' }).max(254).toLowerCase()),
  phone: nullable(text(40).regex(PHONE_PATTERN, { message: 'organisations:errors.phone' })),
  website: nullable(z.url({ protocol: /^https?$/, hostname: z.regexes.domain, message: 'validation:url' }).max(300)),
  address_line1: nullable(text(200)),
  address_line2: nullable(text(200)),
  city: nullable(text(100)),
  state: nullable(z.string().trim().toUpperCase().pipe(z.enum(US_STATE_CODES, { message: 'organisations:errors.state' }))),
  postal_code: nullable(z.string().trim().regex(POSTAL_PATTERN, { message: 'organisations:errors.postalCode' })),
  region: nullable(text(100)),
  latitude: nullable(numeric('organisations:errors.latitude').pipe(z.number().min(-90, { message: 'organisations:errors.latitude' }).max(90, { message: 'organisations:errors.latitude' }))),
  longitude: nullable(numeric('organisations:errors.longitude').pipe(z.number().min(-180, { message: 'organisations:errors.longitude' }).max(180, { message: 'organisations:errors.longitude' }))),
  grade_low: nullable(grade()),
  grade_high: nullable(grade()),
  enrolment: nullable(integer().pipe(z.number().min(0, { message: 'organisations:errors.enrolment' }).max(100_000, { message: 'organisations:errors.enrolment' }))),
  nces_id: nullable(z.string().trim().toUpperCase().regex(NCES_PATTERN, { message: 'organisations:errors.ncesFormat' })),
  center_id: nullable(integer().pipe(z.number().positive({ message: 'organisations:errors.centerUnknown' }))),
  /** A checkbox: "on" from a form, true/false from JSON. */
  contact_public: z
    .union([z.boolean(), z.enum(['on', 'off', 'true', 'false', '1', '0'])], { message: 'validation:invalid' })
    .transform((v) => v === true || v === 'on' || v === 'true' || v === '1')
    .optional(),
};

export type OrganisationField = keyof typeof shape;
export const ORGANISATION_FIELDS = Object.keys(shape) as OrganisationField[];
/** Only a network admin may set these: they decide where an organisation sits in the network. */
export const ADMIN_ONLY_FIELDS = ['kind', 'slug', 'center_id', 'nces_id'] as const satisfies readonly OrganisationField[];
/** The profile an organisation's own leads may edit: everything else. */
export const PROFILE_FIELDS = ORGANISATION_FIELDS.filter((f) => !(ADMIN_ONLY_FIELDS as readonly string[]).includes(f));

// Unknown fields are rejected, each under its own name, rather than silently dropped: a typo such
// as `grade_lo` would otherwise look saved. (`not: {}` documents the same as additionalProperties: false.)
const unknownField = z.unknown().refine(() => false, { message: 'organisations:errors.unknownField' }).meta({ not: {} } as never);

/**
 * The grade span runs low to high (the service re-checks against what is stored). It runs even
 * when other fields failed, so a form shows every problem at once; hence the defensive reads.
 */
function gradesInOrder(v: unknown): boolean {
  const { grade_low: lo, grade_high: hi } = (v ?? {}) as Record<string, unknown>;
  return !(typeof lo === 'string' && typeof hi === 'string' && gradeIndex(lo) >= 0 && gradeIndex(hi) >= 0 && gradeIndex(lo) > gradeIndex(hi));
}
const gradeOrderIssue = () => ({ path: ['grade_high'], message: 'organisations:errors.gradeOrder', when: () => true });

/** A new organisation (admin form and POST /api/v1/organisations). The slug is made from the name when absent. */
export const OrganisationInput = z
  .object({ ...shape, slug: shape.slug.optional() })
  .catchall(unknownField)
  .refine(gradesInOrder, gradeOrderIssue())
  .meta({ description: 'A new organisation. Unknown fields are rejected.' });
export type OrganisationInput = z.output<typeof OrganisationInput>;

/** Changes to an organisation: only the fields sent are changed; `null` clears an optional field. */
export const OrganisationUpdate = z
  .object(shape)
  .partial()
  .catchall(unknownField)
  .refine(gradesInOrder, gradeOrderIssue())
  .meta({ description: 'Fields to change. Absent fields stay as they are; null clears an optional field. Unknown fields are rejected.' });
export type OrganisationUpdate = z.output<typeof OrganisationUpdate>;

/** Search and filters for organisation lists (admin page and GET /api/v1/organisations). */
export const OrganisationListQuery = z.object({
  q: z.string().trim().max(200).optional().describe('Matches name or city, ignoring case'),
  kind: z.enum(ORGANISATION_KINDS).optional(),
  state: z.string().trim().toUpperCase().pipe(z.enum(US_STATE_CODES)).optional(),
  center: fields.id().optional().describe('Id of an affiliate center: its schools and partners'),
  region: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(25),
});
export type OrganisationListQuery = z.output<typeof OrganisationListQuery>;

/** The HTML list's query: the same filters, but a blank select ("any kind") arrives as "". */
export const blankToUndefined = (query: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(query).filter(([, v]) => typeof v !== 'string' || v.trim() !== ''));

export const OrganisationIdParams = z.object({ id: fields.id() });
export const OrganisationSlugParams = z.object({ slug: z.string().max(SLUG_MAX) });

// ---- What the API answers. Plain shapes (no transforms) so responses serialise as documented.

const nullableText = () => z.string().nullable();
const CenterRef = z.object({ id: z.number().int(), slug: z.string(), name: z.string() });

/** Fields anyone may read. Email and phone appear only when the organisation makes them public. */
const publicShape = {
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  kind: z.enum(ORGANISATION_KINDS),
  city: nullableText(),
  state: nullableText(),
  region: nullableText(),
  grade_low: nullableText(),
  grade_high: nullableText(),
  center_id: z.number().int().nullable(),
  center: CenterRef.nullable(),
  website: nullableText(),
  description: nullableText(),
  email: nullableText().optional(),
  phone: nullableText().optional(),
};

export const OrganisationPublic = z.object(publicShape).meta({ description: 'An organisation as anyone may see it.' });
export type OrganisationPublic = z.output<typeof OrganisationPublic>;

/** The public fields plus, for people who may see them, the private ones (contacts, address, enrolment, NCES ID). */
export const OrganisationDetail = z
  .object({
    ...publicShape,
    address_line1: nullableText().optional(),
    address_line2: nullableText().optional(),
    postal_code: nullableText().optional(),
    latitude: z.number().nullable().optional(),
    longitude: z.number().nullable().optional(),
    enrolment: z.number().int().nullable().optional(),
    nces_id: nullableText().optional(),
    contact_public: z.boolean().optional(),
    created_at: z.string().optional(),
    updated_at: z.string().optional(),
  })
  .meta({ description: 'An organisation. Private fields are present only for callers allowed to see them.' });
export type OrganisationDetail = z.output<typeof OrganisationDetail>;

export const OrganisationList = z.object({
  data: z.array(OrganisationPublic),
  page: z.number().int(),
  perPage: z.number().int(),
  total: z.number().int(),
});

/** The body of every API error (see platform/http/error-handler.tsx). */
export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional().describe('Field path → messages'),
  }),
  requestId: z.string(),
});
