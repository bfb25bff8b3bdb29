import { z } from 'zod';
import { EVENT_KINDS, EVENT_STATUSES } from '../../db/schema.ts';
import { fields } from '../../platform/validation.ts';
import { isWellFormedTag } from './event-tags.ts';

// One schema per input: the calendar's query (page and API), the organisers' event form, and what the API answers.

/** Event slugs that would shadow the module's own pages. */
export const RESERVED_SLUGS = ['new', 'manage', 'mine', 'calendar', 'tags'] as const;
export const PER_PAGE = 20;
// Years a calendar can sensibly show; anything else is a hand-edited link (and year 0 would make a grid of 1,900 years).
const MONTH = /^(19|20)\d\d-(0[1-9]|1[0-2])$/;

/** Filters of /events and GET /api/v1/events. */
export const EventListQuery = z.object({
  when: z.enum(['upcoming', 'past']).default('upcoming').describe('Upcoming (by start, soonest first) or past (most recent first)'),
  view: z.enum(['list', 'month']).default('list').describe('The page only: a list or a month grid'),
  month: z.string().regex(MONTH).optional().describe('YYYY-MM, for the month view'),
  organiser: z.string().trim().max(120).optional().describe('Slug of the organiser: the national office or a center'),
  kind: z.enum(EVENT_KINDS).optional(),
  // Only the shape here: which principles and benchmarks exist is the taxonomy's answer, asked by the handler.
  tag: z.string().max(80).refine(isWellFormedTag).optional().describe('A principle or benchmark of the shared framework (`benchmark:advisory`), a discipline or a grade-band tag'),
  mode: z.enum(['online', 'in_person']).optional(),
  // Control characters (a NUL, which PostgreSQL refuses in text) can only be junk in a search.
  q: z.string().max(100).transform((s) => s.replace(/[\u0000-\u001f\u007f]/g, '').trim()).optional().describe('Words in the title, summary or description'),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});
export type EventListQuery = z.output<typeof EventListQuery>;

export const EventSlugParams = z.object({ slug: z.string().max(120).regex(/^[A-Za-z0-9._-]+$/) });

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/;
const required = (max: number) => z.string({ error: (i) => (i.input == null ? 'validation:required' : 'validation:invalid') }).trim().min(1).max(max);
const optional = (max: number) => z.string().trim().max(max).optional();
const validDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

let zones: Set<string> | undefined;
/** The IANA zones this runtime knows (UTC included, which Intl lists under Etc/ only on some versions). */
export const isKnownTimeZone = (tz: string): boolean => (zones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC'])).has(tz);

/** The organisers' event form (create and edit). Dates and times are local to the event's zone. */
export const EventInput = z
  .object({
    title: required(200),
    slug: z
      .string()
      .trim()
      .max(80)
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'events-admin:form.slugFormat' })
      .refine((s) => !(RESERVED_SLUGS as readonly string[]).includes(s), { message: 'events-admin:form.slugReserved' })
      .optional(),
    summary: required(300),
    description: z.string().trim().max(20_000).default(''),
    kind: z.enum(EVENT_KINDS, { message: 'validation:choice' }),
    organiser_id: fields.id(),
    online: fields.checkbox(),
    venue_name: optional(200),
    venue_address: optional(300),
    online_url: z.url({ protocol: /^https?$/, message: 'validation:url' }).max(500).optional(),
    timezone: z.string().max(64).refine(isKnownTimeZone, { message: 'events-admin:form.timezoneUnknown' }),
    all_day: fields.checkbox(),
    start_date: z.string().refine(validDate, { message: 'validation:format' }),
    start_time: z.string().regex(TIME, { message: 'validation:format' }).optional(),
    end_date: z.string().refine(validDate, { message: 'validation:format' }),
    end_time: z.string().regex(TIME, { message: 'validation:format' }).optional(),
    registration_enabled: fields.checkbox(),
    refund_cutoff_days: z.coerce.number().int().min(0).max(365).optional(),
    refund_policy: optional(2000),
    transfers_allowed: fields.checkbox(),
    proposals_open_at: z.string().regex(LOCAL_DATETIME, { message: 'validation:format' }).optional(),
    proposals_close_at: z.string().regex(LOCAL_DATETIME, { message: 'validation:format' }).optional(),
    proposal_guidelines: optional(5000),
    contact_email: fields.email().optional(),
    // Well-formed here; the service checks them against the shared taxonomy (`assertKnownTags`).
    tags: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()).max(40).refine((tags) => tags.every(isWellFormedTag), { message: 'events:tags.unknown' })),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.all_day && !v.start_time) ctx.addIssue({ code: 'custom', path: ['start_time'], message: 'events-admin:form.timeNeeded' });
    if (!v.all_day && !v.end_time) ctx.addIssue({ code: 'custom', path: ['end_time'], message: 'events-admin:form.timeNeeded' });
    const start = `${v.start_date}T${v.all_day ? '00:00' : (v.start_time ?? '00:00')}`;
    const end = `${v.end_date}T${v.all_day ? '00:00' : (v.end_time ?? '00:00')}`;
    if (v.all_day ? end < start : end <= start) ctx.addIssue({ code: 'custom', path: ['end_date'], message: 'events-admin:form.endBeforeStart' });
    if (!v.online && !v.venue_name) ctx.addIssue({ code: 'custom', path: ['venue_name'], message: 'events-admin:form.venueNeeded' });
    if (!!v.proposals_open_at !== !!v.proposals_close_at) ctx.addIssue({ code: 'custom', path: ['proposals_close_at'], message: 'events-admin:form.windowBoth' });
    if (v.proposals_open_at && v.proposals_close_at && v.proposals_close_at <= v.proposals_open_at) ctx.addIssue({ code: 'custom', path: ['proposals_close_at'], message: 'events-admin:form.endBeforeStart' });
  });
export type EventInput = z.output<typeof EventInput>;

/** The cancel form: the organiser must tick the confirmation. */
export const CancelInput = z.object({ confirm: z.literal('on', { message: 'events-admin:cancel.confirmNeeded' }) });

// ---- What the API answers. Plain shapes, so responses serialise as documented.

export const EventSummaryResponse = z.object({
  id: z.number().int(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  kind: z.enum(EVENT_KINDS),
  status: z.enum(EVENT_STATUSES).describe('published or cancelled (drafts are never listed)'),
  organiser: z.object({ slug: z.string(), name: z.string(), kind: z.string() }),
  online: z.boolean(),
  venue_name: z.string().nullable(),
  venue_address: z.string().nullable(),
  timezone: z.string().describe('IANA time zone the event happens in'),
  all_day: z.boolean(),
  starts_at: z.string().describe('UTC instant (for an all-day event, local midnight of the first day)'),
  ends_at: z.string(),
  start_date: z.string().describe('Local first day, YYYY-MM-DD'),
  end_date: z.string().describe('Local last day (inclusive), YYYY-MM-DD'),
  tags: z.array(z.string()),
  url: z.string(),
  ics_url: z.string(),
});

export const EventListResponse = z.object({ data: z.array(EventSummaryResponse), page: z.number().int(), perPage: z.number().int(), total: z.number().int() });

export const EventDetailResponse = EventSummaryResponse.extend({
  description: z.string(),
  registration_enabled: z.boolean(),
  cancelled_at: z.string().nullable(),
  session_count: z.number().int(),
  proposals_open: z.boolean(),
  contact_email: z.string().nullable(),
});
