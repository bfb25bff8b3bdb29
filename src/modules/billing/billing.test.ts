import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { isPostgres } from '../../db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { drainJobs } from '../../../test/helpers/jobs.ts';
import { issueInvoice, settledCount, testActor, TEST_PURPOSE } from './billing.test-support.ts';
import { createInvoice, getInvoiceById, getInvoiceView, listInvoicesFor, recordOfflinePayment, voidInvoice } from './billing.service.ts';
import { claimSequenceValue, markInvoicePaid } from './billing.repository.ts';

const year = new Date().getUTCFullYear();
const check = (amountCents: number, reference = 'CHK-1') => ({ method: 'check' as const, reference, amountCents, receivedOn: '2026-01-15' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Claims numbers the naive way (read, then write what was read plus one): what the guarded claim must not be. */
async function naiveClaim(db: Kysely<Database>, name: string): Promise<number> {
  await db.insertInto('number_sequences').values({ name, next_value: 1 }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const { next_value } = await db.selectFrom('number_sequences').select('next_value').where('name', '=', name).executeTakeFirstOrThrow();
  await sleep(20);
  await db.updateTable('number_sequences').set({ next_value: next_value + 1 }).where('name', '=', name).execute();
  return next_value;
}

/** Runs `n` transactions at once, each claiming a number and holding its transaction open a moment. */
async function concurrentClaims(db: Kysely<Database>, n: number, claim: (trx: Kysely<Database>) => Promise<number>): Promise<number[]> {
  return Promise.all(
    Array.from({ length: n }, () =>
      db.transaction().execute(async (trx) => {
        const v = await claim(trx);
        await sleep(5);
        return v;
      }),
    ),
  );
}

for (const dialect of testDialects()) {
  describe(`billing service (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(async () => t?.close());

    it('numbers invoices INV-<year>-<5 digits> in order, and a rolled-back invoice gives its number back', async () => {
      const first = await issueInvoice(t.db);
      const second = await issueInvoice(t.db);
      assert.match(first.number, new RegExp(`^INV-${year}-\\d{5}$`));
      assert.equal(Number(second.number.slice(-5)), Number(first.number.slice(-5)) + 1);
      await assert.rejects(
        t.db.transaction().execute(async (trx) => {
          await createInvoice(trx, testActor, { purpose: TEST_PURPOSE, purposeId: null, organisationId: null, personId: null, billToName: 'X', dueOn: '2099-01-01', lines: [{ description: 'x', quantity: 1, unitCents: 100 }] });
          throw new Error('the enclosing work failed');
        }),
        /enclosing work failed/,
      );
      const third = await issueInvoice(t.db);
      assert.equal(Number(third.number.slice(-5)), Number(second.number.slice(-5)) + 1, 'no gap after a rollback');
    });

    it('refuses a draft without lines or with a zero total', async () => {
      await assert.rejects(issueInvoice(t.db, { lines: [] }), (e: AppError) => e.status === 400 && !!e.fields?.lines);
      await assert.rejects(issueInvoice(t.db, { lines: [{ description: 'Free', quantity: 1, unitCents: 0 }] }), (e: AppError) => e.fields?.lines?.[0] === 'billing:errors.zeroTotal');
      await assert.rejects(issueInvoice(t.db, { dueOn: '31/12/2099' }), (e: AppError) => !!e.fields?.dueOn);
    });

    it('takes partial payments, becomes paid when they reach the total, calls the handler once and emails a receipt', async () => {
      const invoice = await issueInvoice(t.db);
      await recordOfflinePayment(t.db, testActor, invoice.id, check(40_000, 'CHK-100'));
      assert.equal((await getInvoiceById(t.db, invoice.id))?.state, 'open');
      assert.equal(settledCount(invoice), undefined);
      await recordOfflinePayment(t.db, testActor, invoice.id, { method: 'purchase_order', reference: 'PO-7', amountCents: 60_000, receivedOn: '2026-01-20' });
      const paid = await getInvoiceById(t.db, invoice.id);
      assert.equal(paid?.state, 'paid');
      assert.ok(paid?.paid_at);
      assert.equal(settledCount(invoice), 1);
      const view = await getInvoiceView(t.db, paid!);
      assert.deepEqual([view.paidCents, view.balanceCents, view.payments.length], [100_000, 0, 2]);
      await drainJobs(t);
      const receipt = await t.smtp.waitFor((m) => m.subject === `Receipt for invoice ${invoice.number}`);
      assert.equal((receipt.to as { text: string }).text, 'office@harbor.example.org');
      assert.match(receipt.text ?? '', /\$1,000\.00/);
      // A paid invoice takes no more offline payments.
      await assert.rejects(recordOfflinePayment(t.db, testActor, invoice.id, check(1)), (e: AppError) => e.status === 409);
    });

    it('refuses an overpayment with a clear message and changes nothing', async () => {
      const invoice = await issueInvoice(t.db);
      await recordOfflinePayment(t.db, testActor, invoice.id, check(90_000));
      await assert.rejects(recordOfflinePayment(t.db, testActor, invoice.id, check(10_001)), (e: AppError) => e.status === 400 && e.fields?.amount?.[0] === 'billing:errors.overpayment');
      const view = await getInvoiceView(t.db, (await getInvoiceById(t.db, invoice.id))!);
      assert.deepEqual([view.invoice.state, view.paidCents], ['open', 90_000]);
      await assert.rejects(recordOfflinePayment(t.db, testActor, invoice.id, check(0)), (e: AppError) => e.status === 400);
    });

    it('fails loudly, and keeps nothing, when an invoice purpose has no paid handler', async () => {
      const invoice = await issueInvoice(t.db, { purpose: 'nobody-handles-this' });
      await assert.rejects(recordOfflinePayment(t.db, testActor, invoice.id, check(100_000)), (e: AppError) => e.code === 'no_paid_handler');
      const view = await getInvoiceView(t.db, (await getInvoiceById(t.db, invoice.id))!);
      assert.deepEqual([view.invoice.state, view.payments.length], ['open', 0]);
      // Positive control: a partial payment (no settling) is fine for that purpose.
      await recordOfflinePayment(t.db, testActor, invoice.id, check(100));
    });

    it('voids an open invoice once; a void invoice takes no payment', async () => {
      const invoice = await issueInvoice(t.db);
      await assert.rejects(t.db.transaction().execute((trx) => voidInvoice(trx, testActor, invoice.id, '  ')), (e: AppError) => e.status === 400);
      await t.db.transaction().execute((trx) => voidInvoice(trx, testActor, invoice.id, 'Issued twice by mistake'));
      assert.equal((await getInvoiceById(t.db, invoice.id))?.state, 'void');
      await assert.rejects(t.db.transaction().execute((trx) => voidInvoice(trx, testActor, invoice.id, 'again')), (e: AppError) => e.status === 409);
      await assert.rejects(recordOfflinePayment(t.db, testActor, invoice.id, check(100)), (e: AppError) => e.status === 409);
      const audit = await t.db.selectFrom('audit_events').select('changes').where('action', '=', 'invoice.voided').where('subject_id', '=', invoice.id).executeTakeFirstOrThrow();
      assert.match(audit.changes ?? '', /Issued twice by mistake/);
    });

    it('lists the invoices billed to a person or their organisations', async () => {
      const org = await t.db.insertInto('organisations').values({ slug: 'billing-list-school', name: 'List School', kind: 'school', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' }).returning('id').executeTakeFirstOrThrow();
      const mine = await issueInvoice(t.db, { organisationId: org.id });
      assert.deepEqual((await listInvoicesFor(t.db, { organisationIds: [org.id] })).map((i) => i.id), [mine.id]);
      assert.deepEqual(await listInvoicesFor(t.db, {}), []);
    });

    it('the paid transition is guarded: a second attempt changes nothing (negative control: unguarded, it would)', async () => {
      const invoice = await issueInvoice(t.db);
      assert.equal(await markInvoicePaid(t.db, invoice.id, new Date().toISOString()), true);
      assert.equal(await markInvoicePaid(t.db, invoice.id, new Date().toISOString()), false);
      const unguarded = await t.db.updateTable('invoices').set({ state: 'paid' }).where('id', '=', invoice.id).executeTakeFirst();
      assert.equal(Number(unguarded.numUpdatedRows), 1, 'without the state guard the same row would be "won" twice');
    });

    if (dialect === 'postgres') {
      it('never hands out the same number twice, or skips one, under concurrency (negative control: a naive claim does)', async () => {
        assert.ok(isPostgres(t.db));
        const guarded = await concurrentClaims(t.db, 12, (trx) => claimSequenceValue(trx, 'concurrency-guarded'));
        assert.deepEqual([...guarded].sort((a, b) => a - b), Array.from({ length: 12 }, (_, i) => i + 1));
        const naive = await concurrentClaims(t.db, 12, (trx) => naiveClaim(trx, 'concurrency-naive'));
        assert.ok(new Set(naive).size < naive.length, `the naive claim should hand out duplicates, got ${naive.join(',')}`);
      });

      it('issues distinct, gap-free invoice numbers when many invoices are created at once', async () => {
        const before = await t.db.selectFrom('number_sequences').select('next_value').where('name', '=', `invoice-${year}`).executeTakeFirstOrThrow();
        const invoices = await Promise.all(Array.from({ length: 10 }, () => issueInvoice(t.db)));
        const numbers = invoices.map((i) => Number(i.number.slice(-5))).sort((a, b) => a - b);
        assert.deepEqual(numbers, Array.from({ length: 10 }, (_, i) => before.next_value + i));
      });

      it('applies concurrent payments one at a time: the invoice is paid once and the handler runs once', async () => {
        const invoice = await issueInvoice(t.db);
        // Four halves at once: exactly two fit, the others are refused as overpayments.
        const results = await Promise.allSettled(Array.from({ length: 4 }, (_, i) => recordOfflinePayment(t.db, testActor, invoice.id, check(50_000, `CHK-${i}`))));
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 2);
        for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof AppError && [400, 409].includes(r.reason.status), String(r.reason));
        const view = await getInvoiceView(t.db, (await getInvoiceById(t.db, invoice.id))!);
        assert.deepEqual([view.invoice.state, view.paidCents, settledCount(invoice)], ['paid', 100_000, 1]);
        const paidEvents = await t.db.selectFrom('audit_events').select(sql<number>`count(*)`.as('n')).where('action', '=', 'invoice.paid').where('subject_id', '=', invoice.id).executeTakeFirstOrThrow();
        assert.equal(Number(paidEvents.n), 1);
      });
    }
  });
}
