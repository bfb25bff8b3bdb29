import type { Kysely, Selectable } from 'kysely';
import type { Database, InvoiceLineTable, InvoiceTable, PaymentMethod, PaymentTable } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { enqueueReceipt } from './billing-emails.ts';
import * as repo from './billing.repository.ts';
import { formatInvoiceNumber, todayUtc } from './invoice-format.ts';

type Db = Kysely<Database>;

export type Invoice = Selectable<InvoiceTable>;
export type InvoiceLine = Selectable<InvoiceLineTable>;
export type Payment = Selectable<PaymentTable>;

/** What a module asks to be billed. Money is integer cents. */
export interface InvoiceDraft {
  purpose: string;
  purposeId: number | null;
  organisationId: number | null;
  personId: number | null;
  billToName: string;
  billToAddress?: string | null;
  billToEmail?: string | null;
  /** YYYY-MM-DD */
  dueOn: string;
  lines: { description: string; quantity: number; unitCents: number }[];
  notes?: string | null;
}

/** The network's dues are in dollars; the column exists so another currency is a data change, not a migration. */
export const CURRENCY = 'USD';

/** The path of an invoice's page (its PDF adds ".pdf"). */
export const invoicePath = (number: string) => `/invoices/${number}`;

type PaidHandler = (trx: Kysely<Database>, invoice: Invoice) => Promise<void>;
const paidHandlers = new Map<string, PaidHandler>();

/**
 * Registers what happens when an invoice of a purpose is paid in full (an affiliation becomes
 * current, a registration is confirmed). Called inside the transaction that marks the invoice
 * paid, exactly once per invoice; if it throws, the payment rolls back with it.
 */
export function registerInvoicePaidHandler(purpose: string, handler: PaidHandler): void {
  paidHandlers.set(purpose, handler);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function draftProblems(draft: InvoiceDraft): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, key: string) => void (errors[field] ??= []).push(key);
  if (!draft.purpose.trim()) add('purpose', 'validation:required');
  if (!draft.billToName.trim()) add('billToName', 'validation:required');
  if (!DAY.test(draft.dueOn)) add('dueOn', 'validation:format');
  if (draft.lines.length === 0) add('lines', 'validation:required');
  draft.lines.forEach((l, i) => {
    if (!l.description.trim()) add(`lines.${i}.description`, 'validation:required');
    if (!Number.isInteger(l.quantity) || l.quantity < 1) add(`lines.${i}.quantity`, 'validation:tooSmall');
    if (!Number.isInteger(l.unitCents) || l.unitCents < 0) add(`lines.${i}.unitCents`, 'validation:tooSmall');
  });
  return errors;
}

/**
 * Issues an invoice with the next number of the year, inside the caller's transaction (so the
 * number is claimed, and given back on rollback, together with whatever the invoice is for).
 */
export async function createInvoice(trx: Db, actor: Actor, draft: InvoiceDraft): Promise<Invoice> {
  const errors = draftProblems(draft);
  if (Object.keys(errors).length > 0) throw badRequest(errors);
  const total = draft.lines.reduce((sum, l) => sum + l.quantity * l.unitCents, 0);
  if (total <= 0) throw badRequest({ lines: ['billing:errors.zeroTotal'] });
  const issuedOn = todayUtc();
  const year = Number(issuedOn.slice(0, 4));
  const number = formatInvoiceNumber(year, await repo.claimSequenceValue(trx, `invoice-${year}`));
  const now = nowIso();
  const invoice = await repo.insertInvoice(trx, {
    number,
    purpose: draft.purpose,
    purpose_id: draft.purposeId,
    organisation_id: draft.organisationId,
    person_id: draft.personId,
    bill_to_name: draft.billToName.trim().slice(0, 200),
    bill_to_address: draft.billToAddress ?? null,
    bill_to_email: draft.billToEmail ?? null,
    currency: CURRENCY,
    total_cents: total,
    state: 'open',
    issued_on: issuedOn,
    due_on: draft.dueOn,
    paid_at: null,
    voided_at: null,
    po_number: null,
    notes: draft.notes ?? null,
    created_by: actor.personId,
    created_at: now,
    updated_at: now,
  });
  await repo.insertInvoiceLines(
    trx,
    draft.lines.map((l, i) => ({ invoice_id: invoice.id, position: i + 1, description: l.description.trim().slice(0, 300), quantity: l.quantity, unit_cents: l.unitCents, amount_cents: l.quantity * l.unitCents })),
  );
  await recordAudit(trx, actor, { action: 'invoice.created', subjectType: 'invoice', subjectId: invoice.id, organisationId: invoice.organisation_id, changes: { number, total_cents: total, purpose: draft.purpose } });
  return invoice;
}

/** Voids an open invoice, recording why. Paid or already void invoices are refused (409). */
export async function voidInvoice(trx: Db, actor: Actor, invoiceId: number, reason: string): Promise<void> {
  const invoice = await repo.lockInvoice(trx, invoiceId);
  if (!invoice) throw notFound();
  if (!reason.trim()) throw badRequest({ reason: ['validation:required'] });
  if (!(await repo.markInvoiceVoid(trx, invoiceId, nowIso(), invoice.notes))) throw conflict('billing:errors.notOpen');
  await recordAudit(trx, actor, { action: 'invoice.voided', subjectType: 'invoice', subjectId: invoiceId, organisationId: invoice.organisation_id, changes: { reason: reason.trim() } });
}

/** Every invoice billed to a person or to any of these organisations, newest first. */
export function listInvoicesFor(db: Db, holder: { personId?: number; organisationIds?: number[] }): Promise<Invoice[]> {
  return repo.findInvoicesFor(db, holder);
}

export function getInvoiceById(db: Db, id: number): Promise<Invoice | undefined> {
  return repo.findInvoiceById(db, id);
}

export function getInvoiceByNumber(db: Db, number: string): Promise<Invoice | undefined> {
  return repo.findInvoiceByNumber(db, number);
}

export interface InvoiceView {
  invoice: Invoice;
  lines: InvoiceLine[];
  payments: Payment[];
  paidCents: number;
  balanceCents: number;
}

/** An invoice with its lines, payments and balance, as its page and PDF show it. */
export async function getInvoiceView(db: Db, invoice: Invoice): Promise<InvoiceView> {
  const [lines, payments] = await Promise.all([repo.findInvoiceLines(db, invoice.id), repo.findPayments(db, invoice.id)]);
  const paidCents = payments.reduce((s, p) => s + p.amount_cents, 0);
  return { invoice, lines, payments, paidCents, balanceCents: Math.max(0, invoice.total_cents - paidCents) };
}

/** Money received on every invoice of one purpose's subject, void ones included (what a refund can draw on). */
export const paidForPurpose = (db: Db, purpose: string, purposeId: number): Promise<number> => repo.sumPaymentsOfPurpose(db, purpose, purposeId);

export type OfflineMethod = Exclude<PaymentMethod, 'card'>;

/**
 * Records a check, purchase-order or bank-transfer payment received by staff. Partial payments are
 * fine; more than the balance due is refused with a message. Reaching the total marks the invoice
 * paid (once) and runs its purpose's handler, all in one transaction.
 */
export async function recordOfflinePayment(
  db: Db,
  actor: Actor,
  invoiceId: number,
  input: { method: OfflineMethod; reference: string | null; amountCents: number; receivedOn: string },
): Promise<void> {
  if (!Number.isInteger(input.amountCents) || input.amountCents <= 0) throw badRequest({ amount: ['billing:errors.amountPositive'] });
  await db.transaction().execute(async (trx) => {
    // Locked before the balance is read, so two payments recorded at once cannot both fit.
    const invoice = await repo.lockInvoice(trx, invoiceId);
    if (!invoice) throw notFound();
    if (invoice.state !== 'open') throw conflict('billing:errors.notOpen');
    const paid = await repo.sumPayments(trx, invoiceId);
    if (paid + input.amountCents > invoice.total_cents) throw badRequest({ amount: ['billing:errors.overpayment'] }, 'billing:errors.overpayment');
    const payment = await repo.insertPayment(trx, {
      invoice_id: invoiceId,
      method: input.method,
      provider: 'offline',
      reference: input.reference,
      provider_payment_id: null,
      amount_cents: input.amountCents,
      received_on: input.receivedOn,
      recorded_by: actor.personId,
      created_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'invoice.payment_recorded',
      subjectType: 'invoice',
      subjectId: invoiceId,
      organisationId: invoice.organisation_id,
      changes: { payment_id: payment?.id, method: input.method, amount_cents: input.amountCents, reference: input.reference },
    });
    if (paid + input.amountCents >= invoice.total_cents) await settleInvoice(trx, actor, invoice);
  });
}

/**
 * Marks a fully paid invoice paid and runs its purpose's handler. The guarded update lets exactly
 * one transaction win; only the winner runs the handler and sends the receipt. With no handler
 * for the purpose this throws, rolling the payment back: money must not land on an invoice whose
 * purpose nobody fulfils.
 */
export async function settleInvoice(trx: Db, actor: Actor, invoice: Invoice): Promise<boolean> {
  const handler = paidHandlers.get(invoice.purpose);
  if (!handler) throw new AppError(500, 'no_paid_handler', 'errors:internal', { report: true, params: { purpose: invoice.purpose } });
  const at = nowIso();
  if (!(await repo.markInvoicePaid(trx, invoice.id, at))) return false;
  const paid: Invoice = { ...invoice, state: 'paid', paid_at: at, updated_at: at };
  await handler(trx, paid);
  await recordAudit(trx, actor, { action: 'invoice.paid', subjectType: 'invoice', subjectId: invoice.id, organisationId: invoice.organisation_id, changes: { state: ['open', 'paid'] } });
  await enqueueReceipt(trx, paid, await repo.sumPayments(trx, invoice.id));
  return true;
}

/** Adds (or replaces) the purchase-order number on an open invoice. */
export async function setPurchaseOrder(db: Db, actor: Actor, invoiceId: number, poNumber: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const invoice = await repo.lockInvoice(trx, invoiceId);
    if (!invoice) throw notFound();
    const result = await repo.setPoNumber(trx, invoiceId, poNumber, nowIso());
    if (Number(result.numUpdatedRows) !== 1) throw conflict('billing:errors.notOpen');
    await recordAudit(trx, actor, { action: 'invoice.po_added', subjectType: 'invoice', subjectId: invoiceId, organisationId: invoice.organisation_id, changes: { po_number: [invoice.po_number, poNumber] } });
  });
}

export type InvoiceListItem = Invoice & { paid_cents: number };

/** A page of invoices matching the filters, newest first, with the total for pagination. */
export async function listInvoices(
  db: Db,
  query: { state?: Invoice['state']; purpose?: string; overdue?: boolean; q?: string; page: number; per_page: number },
  holder?: { personId?: number; organisationIds?: number[] },
): Promise<{ items: InvoiceListItem[]; total: number; page: number; perPage: number }> {
  const filters: repo.InvoiceFilters = { state: query.state, purpose: query.purpose, q: query.q, overdueBefore: query.overdue ? todayUtc() : undefined, holder };
  const [items, total] = await Promise.all([repo.findInvoicesPage(db, filters, { limit: query.per_page, offset: (query.page - 1) * query.per_page }), repo.countInvoices(db, filters)]);
  return { items: items.map((i) => ({ ...i, paid_cents: Number(i.paid_cents ?? 0) })), total, page: query.page, perPage: query.per_page };
}

/** Every invoice matching the filters (for the CSV export), newest first. */
export async function exportInvoices(db: Db, query: { state?: Invoice['state']; purpose?: string; overdue?: boolean; q?: string }): Promise<InvoiceListItem[]> {
  const filters: repo.InvoiceFilters = { state: query.state, purpose: query.purpose, q: query.q, overdueBefore: query.overdue ? todayUtc() : undefined };
  return (await repo.findInvoicesPage(db, filters, { limit: 100_000, offset: 0 })).map((i) => ({ ...i, paid_cents: Number(i.paid_cents ?? 0) }));
}

/** The purposes invoices have been issued for (admin filter). */
export const listPurposes = (db: Db) => repo.findPurposes(db);
