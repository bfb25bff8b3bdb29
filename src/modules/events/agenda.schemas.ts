import { z } from 'zod';
import { PROPOSAL_FORMATS } from '../../db/schema.ts';
import { fields } from '../../platform/validation.ts';
import { isWellFormedTag } from './event-tags.ts';

// One schema per input: the same objects validate the forms and document the API.

const required = (max: number) => z.string({ error: (i) => (i.input == null ? 'validation:required' : 'validation:invalid') }).trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const day = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation:format' });
const time = () => z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'agenda:errors.time' });

/**
 * Checkboxes send one value as a string and several as an array; none at all is absent. Only the
 * shape is checked here: the services ask the shared taxonomy which principles and benchmarks exist.
 */
export const tagList = () =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(80).refine(isWellFormedTag, { message: 'events:tags.unknown' })).max(40));

/** A form's one-time key (a random UUID put in the form when it is shown). */
const formKey = () => z.string().trim().regex(/^[A-Za-z0-9_-]{16,64}$/, { message: 'validation:invalid' }).optional();

/** A session as organisers enter it: a day of the event and local times (the event's zone). */
export const SessionInput = z
  .object({
    title: required(200),
    description: optionalText(10_000),
    day: day(),
    start_time: time(),
    end_time: time(),
    room: optionalText(120),
    capacity: z.coerce.number().int().min(1).max(100_000).optional(),
    /** One per line: an email of someone on the platform, or "Name, affiliation". */
    presenters: optionalText(5000),
    tags: tagList(),
    /** The new-session form's one-time key (a double submit makes one session); ignored on edits. */
    submission_key: formKey(),
  })
  .strict()
  .refine((v) => v.end_time > v.start_time, { path: ['end_time'], message: 'agenda:errors.endBeforeStart' });
export type SessionInput = z.output<typeof SessionInput>;

/** A session proposal (the call's form). */
export const ProposalInput = z
  .object({
    title: required(200),
    abstract: required(5000),
    format: z.enum(PROPOSAL_FORMATS, { message: 'validation:choice' }),
    presenters: optionalText(2000),
    tags: tagList(),
    duration_minutes: z.coerce.number({ message: 'validation:invalid' }).int().min(30, { message: 'agenda:errors.duration' }).max(180, { message: 'agenda:errors.duration' }),
    submission_key: formKey(),
  })
  .strict();
export type ProposalInput = z.output<typeof ProposalInput>;

/** A reviewer's score and comment. */
export const ReviewInput = z.object({ score: z.coerce.number().int().min(1, { message: 'agenda:errors.score' }).max(5, { message: 'agenda:errors.score' }), comment: optionalText(5000) }).strict();
export type ReviewInput = z.output<typeof ReviewInput>;

/**
 * An organiser's decision. Accepting places the new session, so it needs a day and a start time: a
 * session published at some default slot (the event's opening) would look deliberate to attendees.
 */
export const DecisionInput = z
  .object({
    decision: z.enum(['accept', 'decline'], { message: 'validation:choice' }),
    message: optionalText(5000),
    day: day().optional(),
    start_time: time().optional(),
    room: optionalText(120),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.decision !== 'accept') return;
    for (const key of ['day', 'start_time'] as const) if (!v[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'agenda:errors.slotRequired' });
  });
export type DecisionInput = z.output<typeof DecisionInput>;

export const ReviewerInput = z.object({ email: fields.email() }).strict();

export const AgendaQuery = z.object({ tag: tagList().catch([]), day: day().optional().catch(undefined) });
export type AgendaQuery = z.output<typeof AgendaQuery>;

export const ReviewListQuery = z.object({ sort: z.enum(['score', 'newest']).catch('score').default('score') });

export const EventSlugParams = z.object({ slug: z.string().max(120) });
export const SessionParams = EventSlugParams.extend({ id: fields.id() });

// API responses.
export const SessionPresenterJson = z.object({ name: z.string(), affiliation: z.string().nullable(), on_platform: z.boolean() });
export const SessionJson = z.object({
  id: z.number().int(),
  uid: z.string(),
  title: z.string(),
  description: z.string(),
  starts_at: z.string().describe('UTC'),
  ends_at: z.string().describe('UTC'),
  timezone: z.string().describe('The event\'s IANA zone'),
  room: z.string().nullable(),
  capacity: z.number().int().nullable(),
  status: z.enum(['scheduled', 'cancelled']),
  sequence: z.number().int(),
  tags: z.array(z.string()),
  presenters: z.array(SessionPresenterJson),
});
export const SessionListResponse = z.object({ data: z.array(SessionJson) });
export const SessionListQuery = z.object({ tag: z.union([z.string().max(80), z.array(z.string().max(80)).max(40)]).optional().describe('Only sessions with every given tag (repeat for several)') });
