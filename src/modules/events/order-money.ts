import type { Kysely, Updateable } from 'kysely';
import type { CoalitionEvent, Database, EventOrder, EventOrderTable, Ticket } from '../../db/schema.ts';
import type { Actor } from '../audit/audit.service.ts';
import { createInvoice, paidForPurpose, voidInvoice, type Invoice } from '../billing/billing.service.ts';
import { formatMoney } from './pricing.ts';
import * as admin from './ticket-admin.repository.ts';

type Db = Kysely<Database>;

// What a cancellation does to the money. Billing has no credit notes, so the rule is kept to what
// invoices can say:
//
// - "Held" is what the order's invoices actually received (void ones included: money paid before
//   an invoice was reissued stays the order's) less the refunds already owed or made on it.
// - An open invoice (nothing or part paid) is voided. What the tickets kept cost, less what is
//   held, is billed on one new invoice (none when what is held covers it). What is held beyond the
//   tickets kept is refunded while the policy refunds; after the cutoff it is kept, as a paid
//   ticket's price would be.
// - Otherwise (paid in full, free, or already settled by a credit) the cancelled tickets' price is
//   refunded while the policy refunds, never more than is held.
// - The organiser cancelling the event refunds what is held, up to the price of the tickets that
//   cancellation cancels (tickets cancelled earlier without a refund stay unrefunded).

const priceOf = (tickets: Ticket[]) => tickets.reduce((s, t) => s + t.price_cents, 0);

/** Money received for this order and not owed back. */
export async function heldFor(trx: Db, order: EventOrder): Promise<number> {
  return Math.max(0, (await paidForPurpose(trx, 'event', order.id)) - order.refund_cents);
}

/** The order's changes for a refund now due (none when 0). */
const withRefund = (order: EventOrder, refundCents: number): Updateable<EventOrderTable> => (refundCents > 0 ? { refund_state: 'due', refund_cents: order.refund_cents + refundCents } : {});

export interface CancellationMoney {
  event: CoalitionEvent;
  order: EventOrder;
  invoice: Invoice | undefined;
  cancelled: Ticket[];
  remaining: Ticket[];
  /** Whether the event's policy refunds now. */
  refundable: boolean;
}

/** Settles the money of a (partial) cancellation: the refund now due and the order's changes. */
export async function settleCancellation(trx: Db, actor: Actor, c: CancellationMoney): Promise<{ refundCents: number; changes: Updateable<EventOrderTable> }> {
  const held = await heldFor(trx, c.order);
  if (c.invoice?.state === 'open') {
    const keep = priceOf(c.remaining);
    await voidInvoice(trx, actor, c.invoice.id, `Registration ${c.order.reference}: ${c.remaining.length ? 'tickets cancelled, reissued' : 'cancelled'}`);
    const changes: Updateable<EventOrderTable> = { total_cents: keep };
    if (keep > held) changes.invoice_id = (await reissueInvoice(trx, actor, c, keep - held, held)).id;
    const refundCents = c.refundable ? Math.max(0, held - keep) : 0;
    return { refundCents, changes: { ...changes, ...withRefund(c.order, refundCents) } };
  }
  const refundCents = c.refundable ? Math.min(priceOf(c.cancelled), held) : 0;
  return { refundCents, changes: withRefund(c.order, refundCents) };
}

/** The refund due when the organiser cancels the event: what is held, up to the price of what this cancels. */
export async function refundForEventCancellation(trx: Db, order: EventOrder, cancelled: Ticket[]): Promise<{ refundCents: number; changes: Updateable<EventOrderTable> }> {
  const refundCents = Math.min(priceOf(cancelled), await heldFor(trx, order));
  return { refundCents, changes: withRefund(order, refundCents) };
}

/**
 * A new invoice for what the kept tickets still owe: one line per ticket type and price, or, when
 * part was paid on the old invoice, one line for the balance naming that payment (invoice lines
 * cannot be negative, so the credit cannot be a line of its own).
 */
async function reissueInvoice(trx: Db, actor: Actor, c: CancellationMoney, owedCents: number, creditCents: number): Promise<Invoice> {
  const old = c.invoice!;
  const names = new Map((await admin.findTicketTypesByIds(trx, [...new Set(c.remaining.map((t) => t.ticket_type_id))])).map((t) => [t.id, t.name]));
  const groups = new Map<string, { description: string; quantity: number; unitCents: number }>();
  for (const t of c.remaining.filter((x) => x.price_cents > 0)) {
    const k = `${t.ticket_type_id}:${t.price_cents}`;
    const g = groups.get(k) ?? { description: `${c.event.title}: ${names.get(t.ticket_type_id) ?? ''}`, quantity: 0, unitCents: t.price_cents };
    g.quantity += 1;
    groups.set(k, g);
  }
  const lines =
    creditCents === 0
      ? [...groups.values()]
      : [{ description: `${c.event.title}: ${c.remaining.length} ticket(s), less ${formatMoney(creditCents)} paid on ${old.number}`, quantity: 1, unitCents: owedCents }];
  return createInvoice(trx, actor, {
    purpose: 'event',
    purposeId: c.order.id,
    organisationId: old.organisation_id,
    personId: old.person_id,
    billToName: old.bill_to_name,
    billToAddress: old.bill_to_address,
    billToEmail: old.bill_to_email,
    dueOn: old.due_on,
    lines,
    notes: `${old.notes ?? c.order.reference} · replaces ${old.number}`,
  });
}
