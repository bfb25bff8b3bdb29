import { z } from 'zod';
import { fields } from '../../platform/validation.ts';
import { CENTER_SERVICE_KINDS, NEWS_STATUSES, SERVICE_REQUEST_STATUSES } from '../../db/schema.ts';

// One schema per input: the same object validates the HTML form and the JSON body, and documents the API.

const required = (max: number) => z.string({ error: (i) => (i.input == null ? 'validation:required' : 'validation:invalid') }).trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const positiveId = fields.id;

/** The center's own description, shown as "About" on its space. */
export const CenterAboutInput = z.object({ description: optionalText(5000) }).strict();
export type CenterAboutInput = z.output<typeof CenterAboutInput>;

/** A service a center offers its schools. */
export const ServiceInput = z
  .object({
    kind: z.enum(CENTER_SERVICE_KINDS, { message: 'validation:choice' }),
    title: required(160),
    description: required(5000),
    how_to_request: required(2000),
  })
  .strict()
  .meta({ description: 'A service a center offers its schools.' });
export type ServiceInput = z.output<typeof ServiceInput>;

/** A news item. Published items appear on the center's space, newest first. */
export const NewsInput = z
  .object({
    title: required(200),
    body: required(20_000),
    status: z.enum(NEWS_STATUSES, { message: 'validation:choice' }).default('draft'),
  })
  .strict();
export type NewsInput = z.output<typeof NewsInput>;

/** A one-time token from the request form (or an API idempotency key): the same key never makes two requests. */
const submissionKey = () => z.string().trim().regex(/^[A-Za-z0-9_-]{16,64}$/, { message: 'validation:invalid' });

/** A school's request for a service (form and POST /api/v1/centers/{slug}/service-requests). */
export const ServiceRequestInput = z
  .object({
    service_id: positiveId().optional().describe('The service requested (the form takes it from its address)'),
    school_id: positiveId().optional().describe('Which of your schools asks; needed only if you work at more than one of the center\'s schools'),
    need: required(5000).describe('What the school needs'),
    timing: optionalText(200).describe('Preferred timing'),
    contact: required(300).describe('Who to contact, and how'),
    submission_key: submissionKey().optional().describe('Idempotency key: sending the same key again returns the first request'),
  })
  .strict();
export type ServiceRequestInput = z.output<typeof ServiceRequestInput>;

/** The center's answer to a request, or a change of its status. An answer needs a response. */
export const RequestAnswerInput = z
  .object({
    status: z.enum(SERVICE_REQUEST_STATUSES, { message: 'validation:choice' }),
    response: optionalText(5000),
  })
  .strict()
  .refine((v) => v.status !== 'answered' || !!v.response, { path: ['response'], message: 'centers:requests.responseNeeded' });
export type RequestAnswerInput = z.output<typeof RequestAnswerInput>;

export const RequestListQuery = z.object({
  status: z.enum(SERVICE_REQUEST_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type RequestListQuery = z.output<typeof RequestListQuery>;

/** A new exchange thread (attachments come as files beside these fields). */
export const ThreadInput = z.object({ title: required(200), body: required(20_000) }).strict();
export type ThreadInput = z.output<typeof ThreadInput>;
export const ReplyInput = z.object({ body: required(20_000) }).strict();
export type ReplyInput = z.output<typeof ReplyInput>;

export const PageQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) });

export const CenterSlugParams = z.object({ slug: z.string().max(120) });
export const CenterItemParams = CenterSlugParams.extend({ id: positiveId() });
export const CenterNewsParams = CenterSlugParams.extend({ newsSlug: z.string().max(120) });
export const IdParams = z.object({ id: positiveId() });

// ---- What the API answers.

export const ServiceResponse = z.object({
  id: z.number().int(),
  kind: z.enum(CENTER_SERVICE_KINDS),
  title: z.string(),
  description: z.string(),
  how_to_request: z.string(),
});

const Ref = z.object({ id: z.number().int(), slug: z.string(), name: z.string() });

export const CenterSummaryResponse = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  region: z.string().nullable(),
  state: z.string().nullable(),
  website: z.string().nullable(),
  description: z.string().nullable(),
  school_count: z.number().int(),
  service_count: z.number().int(),
});

export const CenterListResponse = z.object({ data: z.array(CenterSummaryResponse) });

export const CenterDetailResponse = CenterSummaryResponse.extend({
  city: z.string().nullable(),
  email: z.string().nullable().describe('Present when the center publishes its contact'),
  phone: z.string().nullable(),
  staff: z.array(z.object({ name: z.string(), title: z.string().nullable(), role: z.enum(['center_director', 'center_coach']) })),
  services: z.array(ServiceResponse),
  schools: z.array(Ref),
});

export const ServiceRequestResponse = z.object({
  id: z.number().int(),
  status: z.enum(SERVICE_REQUEST_STATUSES),
  service: z.object({ id: z.number().int(), title: z.string() }),
  school: Ref,
  need: z.string(),
  timing: z.string().nullable(),
  contact: z.string(),
  response: z.string().nullable(),
  responded_at: z.string().nullable(),
  created_at: z.string(),
});

export const ServiceRequestListResponse = z.object({ data: z.array(ServiceRequestResponse), page: z.number().int(), perPage: z.number().int(), total: z.number().int() });
