import { z } from 'zod';
import { fields } from '../../platform/validation.ts';

// One schema per input of the waitlist, attendee list, badges and check-in (pages and API).

const pageNumber = () => z.coerce.number().int().min(1).max(100_000).catch(1);

export const SlugParams = z.object({ slug: z.string().min(1).max(120) });
export const CodeParams = z.object({ slug: z.string().min(1).max(120), code: z.string().min(1).max(64) });

/** Joining a ticket type's waitlist: how many tickets one would buy when seats come free. */
export const JoinWaitlistInput = z
  .object({
    ticket_type_id: fields.id(),
    quantity: z.coerce.number({ message: 'validation:invalid' }).int({ message: 'validation:invalid' }).min(1, { message: 'waitlist:errors.atLeastOne' }).max(1000, { message: 'waitlist:errors.tooMany' }),
  })
  .strict();
export type JoinWaitlistInput = z.output<typeof JoinWaitlistInput>;

/** A form naming one waitlist entry (leave, offer now, remove). */
export const EntryInput = z.object({ entry_id: fields.id() }).strict();

export const ATTENDEE_STATES = ['all', 'in', 'out'] as const;

/** The attendee list's search and filters (page, CSV and API alike). */
export const AttendeeQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  state: z.enum(ATTENDEE_STATES).optional().catch(undefined).describe('in: checked in; out: not yet'),
  type: fields.id().optional().catch(undefined).describe('Only this ticket type (id)'),
  page: pageNumber().default(1),
});
export type AttendeeQuery = z.output<typeof AttendeeQuery>;

/** The door's search: a name, email, order reference or ticket code. */
export const CheckInSearchQuery = z.object({ q: z.string().trim().max(200).optional().catch(undefined) });

/** Where to go back to after a check-in from the search results (the search itself). */
export const CheckInForm = z.object({ q: z.string().trim().max(200).optional() });

/** Badges: one ticket type, or all. */
export const BadgeQuery = z.object({ type: fields.id().optional().catch(undefined), page: pageNumber().default(1) });

// ---- API ----

export const AttendeeJson = z
  .object({
    ticket_code: z.string(),
    name: z.string(),
    email: z.string(),
    ticket_type: z.object({ id: z.number().int(), name: z.string() }),
    order_reference: z.string(),
    organisation: z.string().nullable().describe('The school or organisation of a group order'),
    checked_in_at: z.string().nullable().describe('ISO-8601 UTC'),
  });

export const AttendeeListResponse = z.object({
  data: z.array(AttendeeJson),
  page: z.number().int(),
  perPage: z.number().int(),
  total: z.number().int(),
  counts: z.object({ sold: z.number().int(), checked_in: z.number().int() }),
});

/** Checking a ticket in at the door (the code its QR carries). */
export const CheckInInput = z.object({ code: z.string().trim().min(1).max(64) }).strict();

export const CheckInResponse = z.object({
  ticket_code: z.string(),
  name: z.string(),
  ticket_type: z.string(),
  checked_in_at: z.string().describe('When the ticket was (first) checked in, ISO-8601 UTC'),
});

export const AlreadyCheckedInResponse = z.object({
  error: z.object({ code: z.literal('already_checked_in'), message: z.string() }),
  checked_in_at: z.string().describe('The first check-in, ISO-8601 UTC'),
  requestId: z.string(),
});
