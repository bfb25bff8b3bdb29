import { z } from 'zod';
import { ENGAGEMENT_STATUSES, SESSION_MODALITIES } from '../../db/schema.ts';
import { fields } from '../../platform/validation.ts';

const isoDate = () =>
  z
    .string({ error: (i) => (i.input == null ? 'validation:required' : 'validation:format') })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation:format' })
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { message: 'validation:format' });

/** Repeated form fields (checkboxes, a multi-select) arrive as a string or an array; absent is none. */
const idList = () => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(fields.id()).max(50));
const tagList = () => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().regex(/^benchmark:[a-z0-9_-]{1,60}$/, { message: 'validation:choice' })).max(40));

/** An engagement: a center's case with one of its schools. The end, if given, comes after the start. */
export const EngagementInput = z
  .object({
    school_id: fields.id(),
    title: fields.line(200),
    goals: fields.optionalText(5000).default(''),
    status: z.enum(ENGAGEMENT_STATUSES, { message: 'validation:choice' }).default('active'),
    starts_on: isoDate(),
    ends_on: isoDate().optional(),
    focus: tagList(),
    coaches: idList(),
    contacts: idList(),
    service_request_id: fields.id().optional(),
  })
  .strict()
  .refine((v) => !v.ends_on || v.ends_on > v.starts_on, { path: ['ends_on'], message: 'coaching:errors.endBeforeStart' });
export type EngagementInput = z.output<typeof EngagementInput>;

/** How many next-step rows the session form offers. */
export const STEP_ROWS = 3;

/** A logged session. Next steps come as step<N>_description / _owner / _owner_name / _due and are checked in the service. */
export const SessionInput = z.object({
  held_on: isoDate(),
  minutes: z.coerce.number({ message: 'validation:integer' }).int({ message: 'validation:integer' }).min(1, { message: 'validation:tooSmall' }).max(1440, { message: 'validation:tooBig' }),
  modality: z.enum(SESSION_MODALITIES, { message: 'validation:choice' }),
  participants: fields.optionalText(1000).default(''),
  notes: fields.optionalText(20_000).default(''),
  shareable: fields.checkbox(),
});
export type SessionInput = z.output<typeof SessionInput>;

/** One agreed next step: an owner among the engagement's members (`owner`) or someone named (`owner_name`). */
export const NextStepInput = z
  .object({
    description: fields.line(500),
    owner: fields.id().optional(),
    owner_name: fields.optionalLine(200),
    due: isoDate(),
  })
  .refine((v) => v.owner !== undefined || !!v.owner_name, { path: ['owner'], message: 'coaching:errors.ownerNeeded' });
export type NextStepInput = z.output<typeof NextStepInput>;

/**
 * An edit form's token: the row's `updated_at` as the form was drawn. Only the shape the app writes
 * (ISO 8601 UTC) is accepted: anything else (a NUL byte, say, which PostgreSQL refuses outright)
 * could never match a saved row, and is answered as a damaged form rather than a stale one.
 */
export const EditToken = z
  .string({ error: 'validation:required' })
  .min(1, { message: 'validation:required' })
  .max(40, { message: 'coaching:errors.badToken' })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/, { message: 'coaching:errors.badToken' });

/** A session's new values, the changes to its open next steps (by id), and next steps to add. */
export interface SessionEdit {
  session: SessionInput;
  updatedAt: string;
  steps: { id: number; step: NextStepInput }[];
  added: NextStepInput[];
}

export const EngagementListQuery = z.object({
  status: z.enum(ENGAGEMENT_STATUSES).optional(),
  view: z.enum(['list', 'summary']).default('list'),
  request: fields.id().optional(),
});

/** Center slugs are lowercase words and digits; anything else (a NUL byte, say) names no center. */
export const CenterSlugParams = z.object({ slug: z.string().max(200).regex(/^[a-z0-9-]+$/) });
export const EngagementParams = CenterSlugParams.extend({ id: fields.id() });
export const StepParams = EngagementParams.extend({ stepId: fields.id() });
export const SessionParams = EngagementParams.extend({ sessionId: fields.id() });
