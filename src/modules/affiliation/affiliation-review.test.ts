import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { textOf } from '../../../test/helpers/client.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import type { Database } from '../../db/schema.ts';
import { systemActor } from '../audit/audit.service.ts';
import { recordOfflinePayment, voidInvoice } from '../billing/billing.service.ts';
import { recordAffiliationStatus } from '../organisations/organisations.service.ts';
import { refreshStaleAffiliations } from './affiliation-state.ts';
import { addDays, addMonths, dateOf } from './affiliation-status.ts';
import { createTestPlans } from './affiliation-test-support.ts';
import { cancelAffiliation, renewAffiliation } from './affiliation.service.ts';

// Each test here guards one defect found in review; its comment says which, and what failed before.

const today = dateOf(new Date());
const at = (date: string) => new Date(`${date}T12:00:00Z`);
const staff = systemActor('test-staff');
const HUGE = '99999999999';

/** An approved affiliation with one paid join term [startsOn, endsOn), its cached status as given. */
async function paidAffiliation(db: Kysely<Database>, holder: { organisationId?: number; personId?: number }, planId: number, startsOn: string, endsOn: string, cached: { status: 'current' | 'expired'; on: string } = { status: 'current', on: today }) {
  const stamp = new Date().toISOString();
  const aff = await db
    .insertInto('affiliations')
    .values({ plan_id: planId, organisation_id: holder.organisationId ?? null, person_id: holder.organisationId ? null : holder.personId!, applicant_person_id: null, center_id: null, statement: null, decision: 'approved', status: cached.status, status_on: cached.on, created_at: stamp, updated_at: stamp })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db.insertInto('affiliation_terms').values({ affiliation_id: aff.id, kind: 'join', starts_on: startsOn, ends_on: endsOn, invoice_id: null, paid_at: stamp, created_at: stamp }).execute();
  return aff;
}

for (const dialect of testDialects()) {
  describe(`affiliation review fixes (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let plans: Awaited<ReturnType<typeof createTestPlans>>;
    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      plans = await createTestPlans(t.db);
    });
    after(() => t?.close());

    const as = async (personId: number) => {
      const c = t.client();
      await signIn(t.db, c, personId);
      return c;
    };
    const standing = async (organisationId: number) => (await t.db.selectFrom('organisations').select('affiliation_status').where('id', '=', organisationId).executeTakeFirstOrThrow()).affiliation_status;
    const termsOf = (affiliationId: number) => t.db.selectFrom('affiliation_terms').selectAll().where('affiliation_id', '=', affiliationId).orderBy('starts_on').execute();
    const schoolWithLeader = async (centerId: number | null = n.center.id) => {
      const school = await createOrganisation(t.db, { kind: 'school', center_id: centerId });
      const leader = await createPerson(t.db, { roles: [['school_leader', school.id]] });
      const staffer = await createPerson(t.db, { roles: [['school_staff', school.id]] });
      return { school, leader, staffer };
    };
    const apply = async (personId: number, organisationId: number, extra: Record<string, unknown> = {}) =>
      (await as(personId)).request({ method: 'POST', url: '/api/v1/affiliations', payload: { plan_id: plans.school.id, organisation_id: organisationId, statement: 'Less is more.', ...extra } });

    // Defect 1: a withdrawn application could still be approved (and billed): the guarded decision
    // update only checked decision = 'applied'. Before the fix both decisions below answered 303/200
    // and opened a term with an invoice.
    it('a withdrawn application cannot be approved, on the page or through the API', async () => {
      const { school, leader } = await schoolWithLeader();
      const res = await apply(leader.id, school.id);
      assert.equal(res.statusCode, 201, res.body);
      const id = res.json().id as number;
      const withdrawn = await (await as(leader.id)).submit(`/affiliation/organisations/${school.id}`, { reason: 'Not this year' }, `/affiliation/${id}/cancel`);
      assert.equal(withdrawn.statusCode, 303);
      const director = await as(n.directorC.id);
      const page = await director.submit(`/affiliation/applications/${id}`, { decision: 'approve' }, `/affiliation/applications/${id}/decision`);
      assert.equal(page.statusCode, 409, 'page: withdrawn → 409');
      assert.match(textOf(page.body), /already ended/);
      const api = await director.request({ method: 'POST', url: `/api/v1/affiliations/${id}/decision`, payload: { decision: 'approve' } });
      assert.equal(api.statusCode, 409, api.body);
      assert.deepEqual(await termsOf(id), [], 'no term, no invoice');
      // Positive control: a fresh application by the same school is approved.
      const again = await apply(leader.id, school.id);
      assert.equal(again.statusCode, 201, again.body);
      const ok = await director.request({ method: 'POST', url: `/api/v1/affiliations/${again.json().id}/decision`, payload: { decision: 'approve' } });
      assert.equal(ok.statusCode, 200, ok.body);
    });

    // Defect 2: the account page listed the invoices of every organisation where the person held
    // any role; billing lets only the organisation's managers see them. Before the fix the staff
    // member's page showed the invoice number.
    it("the account page shows a school's invoices to its leader only; its staff still see the membership", async () => {
      const { school, leader, staffer } = await schoolWithLeader();
      const res = await apply(leader.id, school.id);
      const approved = await (await as(n.admin.id)).request({ method: 'POST', url: `/api/v1/affiliations/${res.json().id}/decision`, payload: { decision: 'approve' } });
      assert.equal(approved.statusCode, 200, approved.body);
      const [term] = await termsOf(res.json().id);
      const invoice = await t.db.selectFrom('invoices').selectAll().where('id', '=', term!.invoice_id!).executeTakeFirstOrThrow();
      await recordOfflinePayment(t.db, staff, invoice.id, { method: 'check', reference: '1', amountCents: invoice.total_cents, receivedOn: today });
      const leaderPage = textOf((await (await as(leader.id)).get('/account')).body);
      assert.ok(leaderPage.includes(invoice.number), 'positive control: the leader sees the invoice');
      const staffPage = textOf((await (await as(staffer.id)).get('/account')).body);
      assert.ok(!staffPage.includes(invoice.number), 'staff do not see the invoice');
      assert.ok(staffPage.includes('School membership') && staffPage.includes('Fall Forum discount'), 'staff still see the membership and benefits');
    });

    // Defect 3a: once a pending renewal invoice was voided, renewing returned the dead term forever.
    // Before the fix the second renewal answered created=false with the voided term; and cancelling
    // afterwards failed trying to void the already void invoice.
    it('a renewal whose invoice was voided is replaced by a new one, and cancelling still works', async () => {
      const { school } = await schoolWithLeader();
      const aff = await paidAffiliation(t.db, { organisationId: school.id }, plans.school.id, addDays(today, -300), addDays(today, 65));
      const first = await renewAffiliation(t.db, staff, aff.id);
      assert.ok(first.created && first.invoice);
      await voidInvoice(t.db, staff, first.invoice.id, 'Wrong band');
      const second = await renewAffiliation(t.db, staff, aff.id);
      assert.ok(second.created, 'a new renewal is opened');
      assert.ok(second.invoice && second.invoice.id !== first.invoice.id && second.invoice.state === 'open');
      const terms = await termsOf(aff.id);
      assert.deepEqual(terms.map((x) => [x.kind, x.invoice_id]), [['join', null], ['renewal', second.invoice.id]], 'the abandoned term is gone');
      const third = await renewAffiliation(t.db, staff, aff.id);
      assert.equal(third.created, false, 'still idempotent while the new invoice is open');
      await voidInvoice(t.db, staff, second.invoice.id, 'Changed our mind');
      await cancelAffiliation(t.db, staff, aff.id, 'Closing');
      assert.equal((await t.db.selectFrom('affiliations').select('status').where('id', '=', aff.id).executeTakeFirstOrThrow()).status, 'cancelled');
    });

    // Defect 3b: a renewal opened during grace but paid after the affiliation had expired kept its
    // old dates, so the member paid for days spent lapsed. Before the fix the term still started
    // 15 days ago.
    it('a renewal paid after expiry is re-dated from the payment; one paid in grace keeps its dates', async () => {
      const late = await createPerson(t.db);
      const lateAff = await paidAffiliation(t.db, { personId: late.id }, plans.individual.id, addDays(today, -380), addDays(today, -15));
      const renewal = await renewAffiliation(t.db, staff, lateAff.id, at(addDays(today, -10)));
      assert.ok(renewal.created && renewal.invoice);
      assert.equal(renewal.term.starts_on, addDays(today, -15), 'opened in grace, from the end of the paid term');
      await recordOfflinePayment(t.db, staff, renewal.invoice.id, { method: 'check', reference: '2', amountCents: renewal.invoice.total_cents, receivedOn: today });
      const lateTerm = (await termsOf(lateAff.id)).at(-1)!;
      assert.deepEqual([lateTerm.starts_on, lateTerm.ends_on], [today, addMonths(today, 12)], 'a full term from the payment (grace was 14 days)');
      // Negative control: paid within grace, the renewal continues the paid period.
      const onTime = await createPerson(t.db);
      const onTimeAff = await paidAffiliation(t.db, { personId: onTime.id }, plans.individual.id, addDays(today, -370), addDays(today, -5));
      const r2 = await renewAffiliation(t.db, staff, onTimeAff.id, at(addDays(today, -3)));
      await recordOfflinePayment(t.db, staff, r2.invoice!.id, { method: 'check', reference: '3', amountCents: r2.invoice!.total_cents, receivedOn: today });
      assert.equal((await termsOf(onTimeAff.id)).at(-1)!.starts_on, addDays(today, -5));
    });

    // Defect 4: a declined (or withdrawn) application left the organisation "pending" in the
    // directory. Before the fix the first school stayed 'pending' and the second 'cancelled'.
    it("a decline or a withdrawal restores the organisation's standing from its other affiliations", async () => {
      const { school, leader } = await schoolWithLeader();
      await paidAffiliation(t.db, { organisationId: school.id }, plans.school.id, addDays(today, -800), addDays(today, -435), { status: 'expired', on: today });
      await recordAffiliationStatus(t.db, school.id, 'expired');
      const res = await apply(leader.id, school.id);
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(await standing(school.id), 'pending');
      const declined = await (await as(n.directorC.id)).request({ method: 'POST', url: `/api/v1/affiliations/${res.json().id}/decision`, payload: { decision: 'decline' } });
      assert.equal(declined.statusCode, 200, declined.body);
      assert.equal(await standing(school.id), 'expired', 'back to its earlier standing');

      const fresh = await schoolWithLeader();
      const applied = await apply(fresh.leader.id, fresh.school.id);
      assert.equal(await standing(fresh.school.id), 'pending');
      await cancelAffiliation(t.db, staff, applied.json().id, 'Withdrawn');
      assert.equal(await standing(fresh.school.id), null, 'a withdrawn application leaves no standing');
    });

    // Defect 5: ids past PostgreSQL's integer range reached the database and answered 500 there.
    it('ids beyond the integer range answer 400 or 404, never 500', async () => {
      const admin = await as(n.admin.id);
      for (const url of [`/affiliation/applications/${HUGE}`, `/affiliation/organisations/${HUGE}`, `/affiliation/${HUGE}/renew`, `/api/v1/affiliations/${HUGE}`, `/api/v1/organisations/${HUGE}/benefits`, `/admin/affiliations/${HUGE}`, `/admin/plans/${HUGE}/edit`, `/admin/affiliations?plan=${HUGE}`, `/api/v1/affiliations?center=${HUGE}`]) {
        const res = await admin.get(url);
        assert.ok([400, 404].includes(res.statusCode), `${url}: ${res.statusCode}`);
      }
      for (const payload of [{ plan_id: plans.school.id, organisation_id: Number(HUGE) }, { plan_id: Number(HUGE) }, { plan_id: plans.school.id, organisation_id: n.schoolB.id, center_id: HUGE, statement: 'x' }]) {
        const res = await (await as(n.leaderB.id)).request({ method: 'POST', url: '/api/v1/affiliations', payload });
        assert.equal(res.statusCode, 400, `${JSON.stringify(payload)}: ${res.body}`);
      }
      const form = await (await as(n.leaderB.id)).submit('/affiliation/apply', { plan_id: String(plans.school.id), organisation_id: HUGE, statement: 'x' });
      assert.equal(form.statusCode, 400);
      // Positive control: a real id answers 200.
      assert.equal((await admin.get(`/affiliation/organisations/${n.schoolB.id}`)).statusCode, 200);
    });

    // Defect 6: the invoice line promised dates written at approval, while the term is dated at
    // payment. Before the fix the line read "School membership: membership 2026-07-01 to …".
    it('the invoice line names the plan and the term length, without dates', async () => {
      const { school, leader } = await schoolWithLeader();
      const res = await apply(leader.id, school.id);
      await (await as(n.admin.id)).request({ method: 'POST', url: `/api/v1/affiliations/${res.json().id}/decision`, payload: { decision: 'approve' } });
      const [term] = await termsOf(res.json().id);
      const lines = await t.db.selectFrom('invoice_lines').select('description').where('invoice_id', '=', term!.invoice_id!).execute();
      assert.deepEqual(lines.map((l) => l.description), ['School membership, one term (12 months)']);
    });

    // Defect 7: listing recomputed (and wrote, and emailed about) every stale affiliation inside the
    // GET. Before the fix the row below was rewritten to 'expired' and a mail job was queued by the
    // page load; now the page shows 'expired' computed in memory and writes nothing.
    it('the admin list, CSV and API show today’s statuses without writing; the daily job writes', async () => {
      const { school } = await schoolWithLeader(null);
      await t.db.updateTable('organisations').set({ name: 'Stale Status Academy' }).where('id', '=', school.id).execute();
      const stale = await paidAffiliation(t.db, { organisationId: school.id }, plans.school.id, addDays(today, -500), addDays(today, -100), { status: 'current', on: addDays(today, -101) });
      const jobs = async () => Number((await t.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const jobsBefore = await jobs();
      const admin = await as(n.admin.id);
      const page = await admin.get('/admin/affiliations?q=Stale+Status');
      assert.equal(page.statusCode, 200);
      assert.match(textOf(page.body), /Expired/);
      assert.match(textOf(page.body), /refreshed daily at 03:00 UTC/);
      const csv = parse((await admin.get('/admin/affiliations.csv?q=Stale+Status')).body, { columns: true, bom: true }) as Record<string, string>[];
      assert.equal(csv[0]!.status, 'expired');
      const api = await admin.get('/api/v1/affiliations?q=Stale+Status');
      assert.equal(api.json().data[0].status, 'expired');
      assert.equal((await admin.get(`/api/v1/affiliations/${stale.id}`)).json().status, 'expired');
      assert.equal((await admin.get(`/admin/affiliations/${stale.id}`)).statusCode, 200);
      const row = await t.db.selectFrom('affiliations').select(['status', 'status_on']).where('id', '=', stale.id).executeTakeFirstOrThrow();
      assert.deepEqual({ ...row }, { status: 'current', status_on: addDays(today, -101) }, 'reading wrote nothing');
      assert.equal(await jobs(), jobsBefore, 'and queued no email');
      // The status filter uses the cached column until the daily job runs (documented on the page).
      assert.match(textOf((await admin.get('/admin/affiliations?q=Stale+Status&status=current')).body), /1 affiliation\b/);
      await refreshStaleAffiliations(t.db, new Date());
      assert.equal((await t.db.selectFrom('affiliations').select('status').where('id', '=', stale.id).executeTakeFirstOrThrow()).status, 'expired', 'the daily job writes');
      assert.equal(await standing(school.id), 'expired');
      assert.ok((await jobs()) > jobsBefore, 'and sends the expiry email');
    });

    // Defect 8: the applicant could send a school's application to any center (input.center_id
    // overrode the school's own). Before the fix the first request answered 201 with the other center.
    it("a school's own center decides; only a school without one may name a center", async () => {
      const otherCenter = await createOrganisation(t.db, { kind: 'affiliate_center' });
      const { school, leader } = await schoolWithLeader();
      const elsewhere = await apply(leader.id, school.id, { center_id: otherCenter.id });
      assert.equal(elsewhere.statusCode, 400, elsewhere.body);
      assert.ok(elsewhere.json().error.fields.center_id);
      const form = await (await as(leader.id)).submit('/affiliation/apply', { plan_id: String(plans.school.id), organisation_id: String(school.id), center_id: String(otherCenter.id), statement: 'x' });
      assert.equal(form.statusCode, 400);
      assert.match(textOf(form.body), /decides its application/);
      const own = await apply(leader.id, school.id, { center_id: n.center.id });
      assert.equal(own.statusCode, 201, own.body);
      assert.equal(own.json().center_id, n.center.id);
      const free = await schoolWithLeader(null);
      const named = await apply(free.leader.id, free.school.id, { center_id: otherCenter.id });
      assert.equal(named.statusCode, 201, named.body);
      assert.equal(named.json().center_id, otherCenter.id, 'a school without a center names one');
    });
  });
}
