import type { Generated } from 'kysely';

/** Invoices, payments and the payment provider's events (modules/billing). */
export interface BillingTables {
  invoices: InvoiceTable;
  invoice_lines: InvoiceLineTable;
  payments: PaymentTable;
  payment_checkouts: PaymentCheckoutTable;
  payment_events: PaymentEventTable;
  number_sequences: NumberSequenceTable;
}

export const INVOICE_STATES = ['open', 'paid', 'void'] as const;
export type InvoiceState = (typeof INVOICE_STATES)[number];
export const PAYMENT_METHODS = ['check', 'purchase_order', 'bank_transfer', 'card'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface InvoiceTable {
  id: Generated<number>;
  /** Human number, e.g. INV-2026-00042: unique, gap-free per year. */
  number: string;
  /** Which module the invoice is for ('affiliation', later 'event', 'store'). */
  purpose: string;
  purpose_id: number | null;
  organisation_id: number | null;
  person_id: number | null;
  bill_to_name: string;
  bill_to_address: string | null;
  bill_to_email: string | null;
  currency: string;
  total_cents: number;
  state: InvoiceState;
  issued_on: string;
  due_on: string;
  paid_at: string | null;
  voided_at: string | null;
  po_number: string | null;
  notes: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface InvoiceLineTable {
  id: Generated<number>;
  invoice_id: number;
  position: number;
  description: string;
  quantity: number;
  unit_cents: number;
  amount_cents: number;
}

export interface PaymentTable {
  id: Generated<number>;
  invoice_id: number;
  method: PaymentMethod;
  provider: string;
  /** Check or PO number for offline payments; the provider's payment id for card payments. */
  reference: string | null;
  /** Unique when set: the provider's payment id, so one card payment is recorded exactly once. */
  provider_payment_id: string | null;
  amount_cents: number;
  received_on: string;
  recorded_by: number | null;
  created_at: string;
}

export interface PaymentCheckoutTable {
  id: Generated<number>;
  invoice_id: number;
  provider: string;
  /** The provider's checkout session id. */
  session_id: string;
  idempotency_key: string;
  state: 'open' | 'completed' | 'expired';
  created_at: string;
  updated_at: string;
}

export interface PaymentEventTable {
  id: Generated<number>;
  provider: string;
  /** The provider's event id: unique per provider, so a replayed delivery is recognised. */
  event_id: string;
  type: string;
  object_id: string | null;
  /** The provider's own creation time (seconds), for ordering deliveries that arrive out of order. */
  provider_created: number;
  received_at: string;
  outcome: string | null;
  payload: string;
}

export interface NumberSequenceTable {
  name: string;
  next_value: number;
}
