import { z } from 'zod';
import { ORDER_PAYMENT_METHODS, ORDER_STATUSES, TICKET_AUDIENCES } from '../../db/schema.ts';
import { fields } from '../../platform/validation.ts';

// One schema per input: the register form is turned into the same OrderInput the API takes.

// One-line fields refuse control characters (a NUL would make PostgreSQL refuse the query: a 500).
const required = fields.line;
const optionalText = fields.optionalText;

/** The most units of one ticket type anyone may ask for in one request (per-type limits are lower). */
export const MAX_QUANTITY = 1000;

export const SlugParams = z.object({ slug: z.string().max(120) });
/** An order's reference as newReference makes it (initials, dash, 8 characters); anything else is refused before a query. */
export const REFERENCE = /^[A-Z0-9-]{1,24}$/;
export const OrderParams = z.object({ slug: z.string().max(120), reference: z.string().regex(REFERENCE) });
/** A waitlist offer's token (base64url), as the offer email's link carries it. */
export const OFFER_TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

const submissionKey = () => z.string().trim().regex(/^[A-Za-z0-9_-]{16,64}$/, { message: 'validation:invalid' });

/** One person a seat is for. */
export const AttendeeInput = z.object({ name: required(200), email: fields.email() }).strict();

/** An order: the same shape from the register form and POST /api/v1/events/{slug}/orders. */
export const OrderInput = z
  .object({
    items: z
      .array(
        z
          .object({
            ticket_type_id: fields.id(),
            quantity: z.coerce.number({ message: 'validation:invalid' }).int({ message: 'registration:errors.wholeNumber' }).min(0, { message: 'registration:errors.negative' }).max(MAX_QUANTITY, { message: 'registration:errors.tooMany' }),
          })
          .strict(),
      )
      .max(100)
      .describe('Units wanted of each ticket type (a group ticket seats several people per unit)'),
    attendees: z.array(AttendeeInput).max(500).optional().describe('Who each seat is for, in order; defaults to the buyer when the order has one seat'),
    staff_ids: z.array(fields.id()).max(500).optional().describe("People on the school's staff to register (group orders)"),
    organisation_id: fields.id().optional().describe('Register on behalf of this school (you must work there); the invoice is billed to it'),
    // Codes are letters, digits, dashes and underscores (as organisers create them); anything else is unknown.
    promo_code: z.string().trim().regex(/^[A-Za-z0-9_-]{1,40}$/, { message: 'registration:errors.promo.unknown' }).optional(),
    payment_method: z.enum(ORDER_PAYMENT_METHODS, { message: 'validation:choice' }).default('invoice').describe('free only when the total is 0; card only when card payments are configured'),
    po_number: fields.optionalLine(60).describe('Purchase-order number to print on the invoice'),
    offer: z.string().trim().regex(OFFER_TOKEN, { message: 'validation:invalid' }).optional().describe('A waitlist offer token'),
    submission_key: submissionKey().optional().describe('Idempotency key: the same key returns the first order'),
  })
  .strict();
export type OrderInput = z.output<typeof OrderInput>;

const ATTENDEE_LINE = /^(.+?)\s*(?:,|<|\s)\s*<?([^\s<>,]+@[^\s<>,]+?)>?$/;

/**
 * Reads the register form into an OrderInput: `qty_<type id>` fields, the attendees textarea (one
 * "Name, email" or "Name <email>" a line), `staff_id` checkboxes. Lines that cannot be read are
 * reported against the textarea.
 */
export function orderInputFromForm(values: Record<string, unknown>): { input: unknown; errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const items = Object.entries(values)
    .filter(([k]) => /^qty_\d{1,10}$/.test(k))
    .map(([k, v]) => ({ ticket_type_id: Number(k.slice(4)), quantity: v }));
  const lines = String(values.attendees ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const attendees = lines.map((l) => {
    const m = ATTENDEE_LINE.exec(l);
    return m ? { name: m[1]!.trim(), email: m[2]!.toLowerCase() } : null;
  });
  if (attendees.some((a) => a === null)) errors.attendees = ['registration:errors.attendeeLine'];
  const staff = values.staff_id === undefined ? [] : Array.isArray(values.staff_id) ? values.staff_id : [values.staff_id];
  const input = {
    items,
    ...(attendees.length > 0 && { attendees: attendees.filter((a) => a !== null) }),
    ...(staff.length > 0 && { staff_ids: staff }),
    ...(values.organisation_id !== undefined && { organisation_id: values.organisation_id }),
    ...(values.promo_code !== undefined && { promo_code: values.promo_code }),
    ...(values.payment_method !== undefined && { payment_method: values.payment_method }),
    ...(values.po_number !== undefined && { po_number: values.po_number }),
    ...(values.offer !== undefined && { offer: values.offer }),
    ...(values.submission_key !== undefined && { submission_key: values.submission_key }),
  };
  return { input, errors };
}

/** Cancelling a whole order, or one ticket of it. */
export const CancelInput = z.object({ ticket_id: fields.id().optional() }).strict();

/** Giving a ticket to a colleague. */
export const TransferInput = z.object({ ticket_id: fields.id(), name: required(200), email: fields.email() }).strict();

/** Organisers: a refund made outside the site (check, card dashboard), with its reference. */
export const RefundIssuedInput = z.object({ reference: required(120) }).strict();

export const OrderListQuery = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  payment: z.enum(['free', 'invoice', 'card', 'refund_due']).optional(),
  // Control characters (a NUL, which PostgreSQL refuses in text) can only be junk in a search.
  q: z.string().max(120).transform((s) => s.replace(/[\u0000-\u001f\u007f]/g, '').trim()).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type OrderListQuery = z.output<typeof OrderListQuery>;

const nonNegativeInt = (max: number) => z.coerce.number({ message: 'validation:invalid' }).int({ message: 'registration:errors.wholeNumber' }).min(0, { message: 'validation:tooSmall' }).max(max, { message: 'validation:tooBig' });
/** A local date and time from a datetime-local field (in the event's time zone). */
const localDateTime = () => z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { message: 'validation:format' }).optional();
/** Dollars as typed ("120", "120.50") → cents. */
const dollars = () =>
  z
    .string()
    .trim()
    .regex(/^\d{1,6}(\.\d{1,2})?$/, { message: 'registration-admin:errors.money' })
    .transform((s) => Math.round(Number(s) * 100));

export const PoolInput = z.object({ name: required(120), capacity: nonNegativeInt(1_000_000) }).strict();
export type PoolInput = z.output<typeof PoolInput>;

export const TicketTypeInput = z
  .object({
    name: required(120),
    description: optionalText(2000),
    audience: z.enum(TICKET_AUDIENCES, { message: 'validation:choice' }),
    price: dollars(),
    member_discount: fields.checkbox(),
    seats_per_unit: nonNegativeInt(100).refine((n) => n >= 1, { message: 'validation:tooSmall' }),
    is_add_on: fields.checkbox(),
    pool_id: fields.id(),
    max_per_order: nonNegativeInt(500).refine((n) => n >= 1, { message: 'validation:tooSmall' }),
    sales_start: localDateTime(),
    sales_end: localDateTime(),
    position: nonNegativeInt(1000).default(0),
  })
  .strict()
  .refine((v) => !v.sales_start || !v.sales_end || v.sales_start < v.sales_end, { path: ['sales_end'], message: 'registration-admin:errors.endBeforeStart' });
export type TicketTypeInput = z.output<typeof TicketTypeInput>;

export const PromoCodeInput = z
  .object({
    code: z
      .string({ message: 'validation:required' })
      .trim()
      .regex(/^[A-Za-z0-9_-]{3,40}$/, { message: 'registration-admin:errors.codeFormat' })
      .transform((s) => s.toUpperCase()),
    kind: z.enum(['percent', 'amount'], { message: 'validation:choice' }),
    percent_off: nonNegativeInt(100).optional(),
    amount_off: dollars().optional(),
    max_uses: nonNegativeInt(100_000).optional(),
    ticket_type_id: fields.id().optional(),
    valid_from: localDateTime(),
    valid_until: localDateTime(),
  })
  .strict()
  .refine((v) => v.kind !== 'percent' || (v.percent_off !== undefined && v.percent_off > 0), { path: ['percent_off'], message: 'registration-admin:errors.percentNeeded' })
  .refine((v) => v.kind !== 'amount' || (v.amount_off !== undefined && v.amount_off > 0), { path: ['amount_off'], message: 'registration-admin:errors.amountNeeded' });
export type PromoCodeInput = z.output<typeof PromoCodeInput>;

// JSON answers of the API.

export const TicketJson = z.object({
  id: z.number().int(),
  ticket_type: z.string(),
  attendee_name: z.string(),
  attendee_email: z.string(),
  status: z.string(),
  price_cents: z.number().int(),
  code: z.string().nullable().describe('The check-in code (the QR code carries its URL); only for confirmed orders'),
  add_on_of: z.number().int().nullable(),
});

export const OrderJson = z.object({
  reference: z.string(),
  event: z.object({ slug: z.string(), title: z.string(), starts_at: z.string() }),
  status: z.enum(ORDER_STATUSES),
  payment_method: z.enum(ORDER_PAYMENT_METHODS),
  subtotal_cents: z.number().int(),
  discount_cents: z.number().int(),
  total_cents: z.number().int(),
  refund_cents: z.number().int(),
  refund_state: z.string(),
  invoice_number: z.string().nullable(),
  hold_expires_at: z.string().nullable(),
  url: z.string(),
  tickets: z.array(TicketJson),
});

/** A newly placed (or replayed) order: the order, and for a card order the checkout to send the buyer to. */
export const PlacedOrderJson = OrderJson.extend({
  checkout_url: z
    .string()
    .nullable()
    .describe(
      "Card orders: the provider's checkout page to send the buyer to. It stops taking payment when the hold ends (`hold_expires_at`; at least 30 minutes after it was opened, the provider's minimum). A retry with the same key opens a fresh one. Null for free and invoice orders, once the hold is over, and when the provider could not be reached (see `checkout_error`).",
    ),
  checkout_error: z
    .object({ code: z.literal('payment_provider_unavailable'), message: z.string() })
    .nullable()
    .describe('Set when the order was placed but no checkout could be opened: the order stays pending with its seats held until `hold_expires_at`; the buyer can pay from the order page (`url`), or retry this request with the same key for a new checkout.'),
});

export const RegistrationsJson = z.object({ data: z.array(OrderJson) });
