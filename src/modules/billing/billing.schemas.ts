import { z } from 'zod';
import { INVOICE_STATES, PAYMENT_METHODS } from '../../db/schema.ts';
import { todayUtc } from './invoice-format.ts';

// One schema per input: the admin forms and the JSON API share them, and they generate the
// OpenAPI document.

export const OFFLINE_METHODS = ['check', 'purchase_order', 'bank_transfer'] as const;

const MONEY_TEXT = /^\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** Dollars as typed ("1,250.00", "$75") or sent as a JSON number (75.5), read as integer cents. */
const dollars = () =>
  z
    .union([z.number(), z.string().trim()], { message: 'billing:errors.amountFormat' })
    .transform((v, ctx) => {
      const text = typeof v === 'number' ? String(v) : v;
      const m = MONEY_TEXT.exec(text);
      if (!m) {
        ctx.addIssue({ code: 'custom', message: 'billing:errors.amountFormat' });
        return z.NEVER;
      }
      const cents = Number(m[1]!.replaceAll(',', '')) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
      if (cents <= 0 || cents > 2_000_000_000) {
        ctx.addIssue({ code: 'custom', message: 'billing:errors.amountPositive' });
        return z.NEVER;
      }
      return cents;
    })
    .meta({ description: 'Amount in dollars, at most two decimals: 1250, 1250.5, "1,250.50"' });

const day = () =>
  z
    .string({ message: 'validation:required' })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'billing:errors.dateFormat' })
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), { message: 'billing:errors.dateFormat' });

/** An offline payment (admin form and POST /api/v1/invoices/{number}/payments). */
export const OfflinePaymentInput = z
  .object({
    method: z.enum(OFFLINE_METHODS, { message: 'validation:choice' }),
    reference: z.string().trim().max(200).optional(),
    amount: dollars(),
    received_on: day().refine((d) => d <= todayUtc(), { message: 'billing:errors.dateInFuture' }),
  })
  .strict();
export type OfflinePaymentInput = z.output<typeof OfflinePaymentInput>;

/** Voiding an invoice: why, for the record. */
export const VoidInput = z.object({ reason: z.string({ message: 'validation:required' }).trim().min(1).max(500) });

/** A school's purchase-order number on its invoice. */
export const PurchaseOrderInput = z.object({ po_number: z.string({ message: 'validation:required' }).trim().min(1).max(60) });

/** Filters for invoice lists (admin page, CSV export and GET /api/v1/invoices). */
export const InvoiceListQuery = z.object({
  state: z.enum(INVOICE_STATES).optional(),
  purpose: z.string().trim().max(30).optional(),
  overdue: z
    .enum(['1', 'true', 'on', '0', 'false'])
    .transform((v) => v === '1' || v === 'true' || v === 'on')
    .optional()
    .describe('Only open invoices past their due date'),
  q: z.string().trim().max(200).optional().describe('Matches the invoice number or the bill-to name'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(25),
});
export type InvoiceListQuery = z.output<typeof InvoiceListQuery>;

export const InvoiceNumberParams = z.object({ number: z.string().regex(/^INV-\d{4}-\d{5,}$/).max(30) });

// ---- What the API answers.

export const PaymentJson = z.object({
  id: z.number().int(),
  method: z.enum(PAYMENT_METHODS),
  reference: z.string().nullable(),
  amount_cents: z.number().int(),
  received_on: z.string(),
});

export const InvoiceLineJson = z.object({ description: z.string(), quantity: z.number().int(), unit_cents: z.number().int(), amount_cents: z.number().int() });

export const InvoiceSummaryJson = z.object({
  number: z.string(),
  purpose: z.string(),
  purpose_id: z.number().int().nullable(),
  organisation_id: z.number().int().nullable(),
  person_id: z.number().int().nullable(),
  bill_to_name: z.string(),
  currency: z.string(),
  total_cents: z.number().int(),
  paid_cents: z.number().int(),
  state: z.enum(INVOICE_STATES),
  issued_on: z.string(),
  due_on: z.string(),
  paid_at: z.string().nullable(),
  voided_at: z.string().nullable(),
  po_number: z.string().nullable(),
  url: z.string().describe('The printable invoice page'),
});

export const InvoiceDetailJson = InvoiceSummaryJson.extend({
  bill_to_address: z.string().nullable(),
  bill_to_email: z.string().nullable(),
  notes: z.string().nullable(),
  balance_cents: z.number().int(),
  lines: z.array(InvoiceLineJson),
  payments: z.array(PaymentJson),
});

export const InvoiceListJson = z.object({ data: z.array(InvoiceSummaryJson), page: z.number().int(), perPage: z.number().int(), total: z.number().int() });
