import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { drainJobs } from '../../../test/helpers/jobs.ts';
import { recipients } from '../../../test/helpers/smtp.ts';
import { textOf } from '../../../test/helpers/client.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { systemActor } from '../audit/audit.service.ts';
import { recordOfflinePayment } from '../billing/billing.service.ts';
import { createTestPlans } from './affiliation-test-support.ts';
import { addDays, dateOf } from './affiliation-status.ts';
import { benefitsForPerson, benefitValue, currentAffiliationFor } from './benefits.service.ts';

const today = dateOf(new Date());
const staff = systemActor('test-staff');

for (const dialect of testDialects()) {
  describe(`affiliation flows (${dialect})`, () => {
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
    const mailTo = (email: string, subject: RegExp) => t.smtp.messages.filter((m) => recipients(m).includes(email) && subject.test(m.subject ?? ''));
    const affiliationOf = (organisationId: number) => t.db.selectFrom('affiliations').selectAll().where('organisation_id', '=', organisationId).orderBy('id', 'desc').executeTakeFirstOrThrow();

    it('a school applies, its center decides, payment makes it current and staff inherit its benefits', async () => {
      const leader = await as(n.leaderA.id);
      const form = await leader.get('/affiliation/apply');
      assert.equal(form.statusCode, 200);
      const res = await leader.submit('/affiliation/apply', { plan_id: String(plans.school.id), organisation_id: String(n.schoolA.id), statement: 'Student as worker, teacher as coach.' });
      assert.equal(res.statusCode, 303, res.body);
      const aff = await affiliationOf(n.schoolA.id);
      assert.equal(aff.status, 'pending');
      assert.equal(aff.center_id, n.center.id, "defaults to the school's own center");
      assert.equal((await t.db.selectFrom('organisations').select('affiliation_status').where('id', '=', n.schoolA.id).executeTakeFirstOrThrow()).affiliation_status, 'pending');
      await drainJobs(t);
      assert.equal(mailTo(n.leaderA.email, /received/i).length, 1);
      assert.equal(mailTo(n.admin.email, /New affiliation application/).length, 1);
      assert.equal(mailTo(n.directorC.email, /New affiliation application/).length, 1);
      assert.equal(mailTo(n.coachC.email, /New affiliation application/).length, 0, 'coaches are not deciders');

      // Who may decide: the center's director and admins; never a coach, a leader or another center's director.
      const otherCenter = await createOrganisation(t.db, { kind: 'affiliate_center' });
      const otherDirector = await createPerson(t.db, { roles: [['center_director', otherCenter.id]] });
      for (const personId of [n.coachC.id, n.leaderA.id, n.leaderB.id, otherDirector.id]) {
        const c = await as(personId);
        assert.equal((await c.get(`/affiliation/applications/${aff.id}`)).statusCode, 404, `person ${personId} must not see it`);
        assert.equal((await c.post(`/affiliation/applications/${aff.id}/decision`, { decision: 'approve' })).statusCode, 403, 'no CSRF token → refused before anything');
        assert.ok(!textOf((await c.get('/affiliation/applications')).body).includes(n.schoolA.name));
      }
      const other = await as(otherDirector.id);
      const api = await other.request({ method: 'POST', url: `/api/v1/affiliations/${aff.id}/decision`, payload: { decision: 'approve' } });
      assert.equal(api.statusCode, 404, 'another center director cannot decide through the API either');
      const director = await as(n.directorC.id);
      assert.ok(textOf((await director.get('/affiliation/applications')).body).includes(n.schoolA.name), 'positive control: the director sees it');
      const decided = await director.submit(`/affiliation/applications/${aff.id}`, { decision: 'approve', message: 'Welcome aboard.' }, `/affiliation/applications/${aff.id}/decision`);
      assert.equal(decided.statusCode, 303, decided.body);
      const again = await director.submit(`/affiliation/applications/${aff.id}`, { decision: 'decline' }, `/affiliation/applications/${aff.id}/decision`);
      assert.equal(again.statusCode, 409, 'a second decision is refused');
      assert.match(textOf(again.body), /already been decided/);

      const term = await t.db.selectFrom('affiliation_terms').selectAll().where('affiliation_id', '=', aff.id).executeTakeFirstOrThrow();
      assert.equal(term.paid_at, null);
      const invoice = await t.db.selectFrom('invoices').selectAll().where('id', '=', term.invoice_id!).executeTakeFirstOrThrow();
      assert.equal(invoice.total_cents, 50000, 'enrolment 400 falls in the 300–999 band');
      assert.equal(invoice.purpose, 'affiliation');
      assert.equal((await affiliationOf(n.schoolA.id)).status, 'pending', 'approved but unpaid');
      await drainJobs(t);
      assert.equal(mailTo(n.leaderA.email, /Welcome/).length, 1);
      assert.deepEqual(await benefitsForPerson(t.db, n.staffA.id), []);

      await recordOfflinePayment(t.db, staff, invoice.id, { method: 'check', reference: '1042', amountCents: 50000, receivedOn: today });
      const paid = await affiliationOf(n.schoolA.id);
      assert.equal(paid.status, 'current');
      const paidTerm = await t.db.selectFrom('affiliation_terms').selectAll().where('id', '=', term.id).executeTakeFirstOrThrow();
      assert.ok(paidTerm.paid_at);
      // Fixed plan: the plan year containing the payment (or, within 60 days of the next yearly start, through the next one).
      assert.ok(paidTerm.starts_on <= today && today < paidTerm.ends_on && paidTerm.ends_on.endsWith('-07-01'), 'fixed plan: ends on the yearly date');
      assert.equal((await t.db.selectFrom('organisations').select('affiliation_status').where('id', '=', n.schoolA.id).executeTakeFirstOrThrow()).affiliation_status, 'current');
      await assert.rejects(recordOfflinePayment(t.db, staff, invoice.id, { method: 'check', reference: '1043', amountCents: 50000, receivedOn: today }), 'a paid invoice takes no second payment');
      await drainJobs(t);
      assert.equal(mailTo(n.leaderA.email, /Payment received/).length, 1, 'paid exactly once');

      const staffBenefits = await benefitsForPerson(t.db, n.staffA.id);
      assert.equal(benefitValue(staffBenefits, 'event-discount'), '20%');
      assert.equal(staffBenefits[0]!.via, 'organisation');
      assert.deepEqual(await benefitsForPerson(t.db, n.staffB.id), [], 'staff of another school get nothing');
      assert.equal((await currentAffiliationFor(t.db, { organisationId: n.schoolA.id }))?.status, 'current');

      // Benefits follow the dates: in grace they last, after grace they are gone.
      const inGrace = new Date(`${paidTerm.ends_on}T12:00:00Z`);
      assert.equal(benefitValue(await benefitsForPerson(t.db, n.staffA.id, inGrace), 'event-discount'), '20%');
      const afterGrace = new Date(`${addDays(paidTerm.ends_on, 30)}T12:00:00Z`);
      assert.deepEqual(await benefitsForPerson(t.db, n.staffA.id, afterGrace), []);

      // The account page shows staff the membership and the benefits; the invoice only to the school's leader.
      const page = textOf((await (await as(n.staffA.id)).get('/account')).body);
      assert.ok(page.includes('Membership') && page.includes('School membership') && page.includes('Fall Forum discount') && !page.includes(invoice.number), page);
      assert.ok(textOf((await leader.get('/account')).body).includes(invoice.number));
      // A role removed → the benefit is gone at once.
      await t.db.deleteFrom('roles').where('person_id', '=', n.staffA.id).execute();
      assert.deepEqual(await benefitsForPerson(t.db, n.staffA.id), []);
    });

    it('renewal is idempotent and cancellation ends benefits and voids the open invoice', async () => {
      const aff = await affiliationOf(n.schoolA.id);
      const leader = await as(n.leaderA.id);
      const first = await leader.submit(`/affiliation/${aff.id}/renew`, {});
      assert.equal(first.statusCode, 303, first.body);
      const second = await leader.submit(`/affiliation/${aff.id}/renew`, {});
      assert.equal(second.statusCode, 303);
      const viaApi = await leader.request({ method: 'POST', url: `/api/v1/affiliations/${aff.id}/renewal`, payload: {} });
      assert.equal(viaApi.statusCode, 200, viaApi.body);
      const terms = await t.db.selectFrom('affiliation_terms').selectAll().where('affiliation_id', '=', aff.id).orderBy('starts_on').execute();
      assert.deepEqual(terms.map((x) => x.kind), ['join', 'renewal'], 'renewing three times gives one renewal term');
      assert.equal(terms[1]!.starts_on, terms[0]!.ends_on);
      // Someone who does not manage the school cannot renew it (positive control above).
      assert.equal((await (await as(n.staffB.id)).get(`/affiliation/${aff.id}/renew`)).statusCode, 404);

      const cancelled = await leader.submit(`/affiliation/organisations/${n.schoolA.id}`, { reason: 'Closing the school' }, `/affiliation/${aff.id}/cancel`);
      assert.equal(cancelled.statusCode, 303);
      assert.equal((await affiliationOf(n.schoolA.id)).status, 'cancelled');
      const renewalInvoice = await t.db.selectFrom('invoices').select('state').where('id', '=', terms[1]!.invoice_id!).executeTakeFirstOrThrow();
      assert.equal(renewalInvoice.state, 'void');
      assert.equal((await t.db.selectFrom('organisations').select('affiliation_status').where('id', '=', n.schoolA.id).executeTakeFirstOrThrow()).affiliation_status, 'cancelled');
      assert.deepEqual(await benefitsForPerson(t.db, n.leaderA.id), []);
    });

    it('an individual applies, an admin approves, a free organisation plan is current at once', async () => {
      const person = await createPerson(t.db, { name: 'Ivy Individual' });
      const c = await as(person.id);
      const res = await c.request({ method: 'POST', url: '/api/v1/affiliations', payload: { plan_id: plans.individual.id, statement: 'I teach.' } });
      assert.equal(res.statusCode, 201, res.body);
      const id = res.json().id as number;
      const admin = await as(n.admin.id);
      const decided = await admin.request({ method: 'POST', url: `/api/v1/affiliations/${id}/decision`, payload: { decision: 'approve' } });
      assert.equal(decided.statusCode, 200, decided.body);
      assert.equal(decided.json().status, 'pending');
      const term = await t.db.selectFrom('affiliation_terms').selectAll().where('affiliation_id', '=', id).executeTakeFirstOrThrow();
      await recordOfflinePayment(t.db, staff, term.invoice_id!, { method: 'bank_transfer', reference: null, amountCents: 5000, receivedOn: today });
      const me = await c.get('/api/v1/me/benefits');
      assert.deepEqual(me.json().data.map((b: { key: string; value: string }) => `${b.key}=${b.value}`), ['event-discount=10%']);
      const paidTerm = await t.db.selectFrom('affiliation_terms').selectAll().where('id', '=', term.id).executeTakeFirstOrThrow();
      assert.equal(paidTerm.starts_on, today, 'rolling plan: starts the day the payment arrives');

      const partnerApply = await (await as(n.partnerStaff.id)).request({ method: 'POST', url: '/api/v1/affiliations', payload: { plan_id: plans.partner.id, organisation_id: n.partner.id } });
      assert.equal(partnerApply.statusCode, 201, partnerApply.body);
      const approved = await admin.request({ method: 'POST', url: `/api/v1/affiliations/${partnerApply.json().id}/decision`, payload: { decision: 'approve' } });
      assert.equal(approved.json().status, 'current', 'zero dues: current at once');
      const orgBenefits = await (await as(n.partnerStaff.id)).get(`/api/v1/organisations/${n.partner.id}/benefits`);
      assert.equal(orgBenefits.json().data[0].key, 'store-discount');
      assert.equal((await (await as(n.leaderB.id)).get(`/api/v1/organisations/${n.partner.id}/benefits`)).statusCode, 404);
    });

    it('a decline is emailed with its message', async () => {
      const c = await as(n.leaderB.id);
      const res = await c.request({ method: 'POST', url: '/api/v1/affiliations', payload: { plan_id: plans.school.id, organisation_id: n.schoolB.id, statement: 'We are small.' } });
      assert.equal(res.statusCode, 201, res.body);
      // School B names no center: only network admins may decide.
      assert.equal((await (await as(n.directorC.id)).get(`/affiliation/applications/${res.json().id}`)).statusCode, 404);
      const admin = await as(n.admin.id);
      const declined = await admin.submit(`/affiliation/applications/${res.json().id}`, { decision: 'decline', message: 'Please visit a center first.' }, `/affiliation/applications/${res.json().id}/decision`);
      assert.equal(declined.statusCode, 303);
      await drainJobs(t);
      const mail = mailTo(n.leaderB.email, /Your application/);
      assert.equal(mail.length, 1);
      assert.match(mail[0]!.text ?? '', /Please visit a center first\./);
      assert.equal((await affiliationOf(n.schoolB.id)).status, 'declined');
    });

    it('refuses bad applications with field messages', async () => {
      const c = await as(n.leaderB.id);
      const noPlan = await c.submit('/affiliation/apply', { organisation_id: String(n.schoolB.id), statement: 'x' });
      assert.equal(noPlan.statusCode, 400);
      assert.match(textOf(noPlan.body), /Plan/);
      const wrongHolder = await c.request({ method: 'POST', url: '/api/v1/affiliations', payload: { plan_id: plans.individual.id, organisation_id: n.schoolB.id } });
      assert.equal(wrongHolder.statusCode, 400);
      assert.ok(wrongHolder.json().error.fields.organisation_id);
      const schoolAsPartner = await c.request({ method: 'POST', url: '/api/v1/affiliations', payload: { plan_id: plans.partner.id, organisation_id: n.schoolB.id } });
      assert.equal(schoolAsPartner.statusCode, 400);
      const tooLong = await c.submit('/affiliation/apply', { plan_id: String(plans.school.id), organisation_id: String(n.schoolB.id), statement: 'x'.repeat(4001) });
      assert.equal(tooLong.statusCode, 400);
      assert.match(textOf(tooLong.body), /under 4,000 characters/);
      const notMine = await c.request({ method: 'POST', url: '/api/v1/affiliations', payload: { plan_id: plans.school.id, organisation_id: n.schoolA.id, statement: 'x' } });
      assert.equal(notMine.statusCode, 400, 'a leader cannot apply for another school');
      const missingPlan = await c.request({ method: 'POST', url: '/api/v1/affiliations', payload: { plan_id: 99999 } });
      assert.equal(missingPlan.statusCode, 400);
    });

    it('one live affiliation per holder, even with simultaneous submissions', async () => {
      const school = await createOrganisation(t.db, { kind: 'school', center_id: n.center.id });
      const leader = await createPerson(t.db, { roles: [['school_leader', school.id]] });
      const c = await as(leader.id);
      const body = { plan_id: plans.school.id, organisation_id: school.id, statement: 'Less is more.' };
      const results = await Promise.all([1, 2, 3].map(() => c.request({ method: 'POST', url: '/api/v1/affiliations', payload: body })));
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409, 409]);
      const rows = await t.db.selectFrom('affiliations').select('id').where('organisation_id', '=', school.id).execute();
      assert.equal(rows.length, 1);
      const dup = await c.submit('/affiliation/apply', { plan_id: String(plans.school.id), organisation_id: String(school.id), statement: 'Again' });
      assert.equal(dup.statusCode, 409);
      assert.match(textOf(dup.body), /already has an application or membership in progress/);
    });
  });
}
