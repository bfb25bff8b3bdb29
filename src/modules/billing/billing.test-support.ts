import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { systemActor } from '../audit/audit.service.ts';
import { createInvoice, registerInvoicePaidHandler, type Invoice, type InvoiceDraft } from './billing.service.ts';

/** The purpose test invoices are issued for; its handler counts how often each invoice is settled. */
export const TEST_PURPOSE = 'test-dues';
const settled = new Map<string, number>();
// Both dialects run in one process and their ids overlap, so an invoice is known by id and creation time.
const keyOf = (invoice: Invoice) => `${invoice.id}@${invoice.created_at}`;
registerInvoicePaidHandler(TEST_PURPOSE, async (_trx, invoice) => {
  settled.set(keyOf(invoice), (settled.get(keyOf(invoice)) ?? 0) + 1);
});

/** How many times the test purpose's paid handler ran for an invoice (undefined: never). */
export const settledCount = (invoice: Invoice): number | undefined => settled.get(keyOf(invoice));

export const testActor = systemActor('billing test');

/** Issues an invoice (in its own transaction) for $1,000 unless told otherwise. */
export function issueInvoice(db: Kysely<Database>, draft: Partial<InvoiceDraft> = {}): Promise<Invoice> {
  return db.transaction().execute((trx) =>
    createInvoice(trx, testActor, {
      purpose: TEST_PURPOSE,
      purposeId: 1,
      organisationId: null,
      personId: null,
      billToName: 'Harbor School',
      billToEmail: 'office@harbor.example.org',
      billToAddress: '1 Harbor Way\nOakland, CA 94607',
      dueOn: '2099-12-31',
      lines: [{ description: 'Annual affiliation dues', quantity: 1, unitCents: 100_000 }],
      ...draft,
    }),
  );
}
