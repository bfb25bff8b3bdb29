import { z } from 'zod';
import { ENGAGEMENT_STATUSES, SESSION_MODALITIES } from '../../db/schema.ts';
import { fields } from '../../platform/validation.ts';
import { EditToken } from './coaching.schemas.ts';

// The JSON API's shapes. Bodies are plain JSON types (so the OpenAPI document shows them as sent);
// the handlers then run the forms' schemas (EngagementInput, SessionInput, NextStepInput) over them,
// so a rule such as "the end comes after the start" lives in one place.

const id = () => z.number().int().positive().max(2_147_483_647);
const date = () => z.string().describe('YYYY-MM-DD');

export const CenterSlugParams = z.object({ slug: z.string().max(200).regex(/^[a-z0-9-]+$/) });
export const IdParams = z.object({ id: fields.id() });
export const SessionIdParams = IdParams.extend({ sessionId: fields.id() });

export const EngagementListApiQuery = z.object({
  status: z.enum(ENGAGEMENT_STATUSES).optional(),
  school: fields.id().optional().describe('Only engagements with this school (an organisation id)'),
  coach: fields.id().optional().describe('Only engagements this person coaches (a person id)'),
});

const engagementFields = {
  school_id: id(),
  title: z.string(),
  goals: z.string().optional(),
  status: z.enum(ENGAGEMENT_STATUSES).optional().describe('Default active'),
  starts_on: date(),
  ends_on: date().nullable().optional(),
  focus: z.array(z.string()).max(40).optional().describe('Benchmark tags, benchmark:<key>'),
  coaches: z.array(id()).max(50).optional().describe("Person ids of the center's directors or coaches"),
  contacts: z.array(id()).max(50).optional().describe("Person ids of the school's leaders or staff"),
};

export const EngagementCreateBody = z.object({ ...engagementFields, service_request_id: id().optional() }).strict();
export type EngagementCreateBody = z.infer<typeof EngagementCreateBody>;

export const EngagementPatchBody = z.object(engagementFields).partial().strict();
export type EngagementPatchBody = z.infer<typeof EngagementPatchBody>;

const stepFields = {
  description: z.string(),
  owner: id().optional().describe("A member of the engagement (person id); or give owner_name"),
  owner_name: z.string().optional().describe('Someone who is not a member of the engagement'),
  due: date(),
};
export const NextStepBody = z.object(stepFields).strict();
export type NextStepBody = z.infer<typeof NextStepBody>;

const sessionFields = {
  held_on: date(),
  minutes: z.number().int(),
  modality: z.enum(SESSION_MODALITIES),
  participants: z.string().optional(),
  notes: z.string().optional(),
  shareable: z.boolean().optional().describe("Whether the school's leaders and staff see the notes and next steps (default false)"),
};

export const SessionCreateBody = z.object({ ...sessionFields, next_steps: z.array(NextStepBody).max(10).optional() }).strict();
export type SessionCreateBody = z.infer<typeof SessionCreateBody>;

export const NextStepPatch = z
  .object({
    id: id(),
    description: z.string().optional(),
    owner: id().nullable().optional().describe('null hands the step to owner_name'),
    owner_name: z.string().optional(),
    due: date().optional(),
  })
  .strict();
export type NextStepPatch = z.infer<typeof NextStepPatch>;

export const SessionPatchBody = z
  .object({
    updated_at: EditToken.describe("The session's updated_at as last read (ISO 8601, as the API returns it): a later save by someone else answers 409"),
    held_on: date().optional(),
    minutes: z.number().int().optional(),
    modality: z.enum(SESSION_MODALITIES).optional(),
    participants: z.string().optional(),
    notes: z.string().optional(),
    shareable: z.boolean().optional(),
    next_steps: z.array(NextStepPatch).max(50).optional().describe('Changes to open next steps of the session'),
    add_next_steps: z.array(NextStepBody).max(10).optional(),
  })
  .strict();
export type SessionPatchBody = z.infer<typeof SessionPatchBody>;

export const EmptyBody = z.object({}).strict();

// ---- What the API answers. Plain shapes, so responses serialise as documented.

const Ref = z.object({ id: z.number().int(), slug: z.string(), name: z.string() });
const PersonRefJson = z.object({ id: z.number().int(), name: z.string() });

export const NextStepJson = z.object({
  id: z.number().int(),
  engagement_id: z.number().int(),
  session_id: z.number().int(),
  description: z.string(),
  owner_person_id: z.number().int().nullable(),
  owner_name: z.string(),
  due_on: z.string(),
  done_at: z.string().nullable(),
});

export const SessionJson = z.object({
  id: z.number().int(),
  held_on: z.string(),
  minutes: z.number().int(),
  modality: z.enum(SESSION_MODALITIES),
  participants: z.string(),
  notes: z.string(),
  shareable: z.boolean(),
  updated_at: z.string(),
  next_steps: z.array(NextStepJson),
});

export const EngagementJson = z.object({
  id: z.number().int(),
  title: z.string(),
  status: z.enum(ENGAGEMENT_STATUSES),
  goals: z.string(),
  starts_on: z.string(),
  ends_on: z.string().nullable(),
  center: Ref,
  school: Ref,
  focus: z.array(z.string()),
  coaches: z.array(PersonRefJson),
  contacts: z.array(PersonRefJson),
  service_request_id: z.number().int().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const EngagementListJson = z.object({ data: z.array(EngagementJson) });

export const EngagementDetailJson = EngagementJson.extend({
  can_manage: z.boolean().describe("The caller may change it and log sessions (the center's staff); otherwise it is the engaged school's view"),
  sessions: z.array(SessionJson).describe('Newest first; for the school, only sessions marked shareable'),
});

export const CaseloadJson = z.object({
  engagements: z.array(EngagementJson).describe('Active engagements the caller coaches, at centers where they still direct or coach'),
  next_steps: z.array(NextStepJson).describe('Open next steps of those engagements, soonest due first'),
  school_engagements: z.array(z.object({ engagement: EngagementJson, sessions: z.array(SessionJson) })).describe("The engagements of the caller's schools, with shareable sessions only"),
});
