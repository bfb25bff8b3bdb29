import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { drainJobs } from '../../../test/helpers/jobs.ts';
import { recipients } from '../../../test/helpers/smtp.ts';
import { textOf } from '../../../test/helpers/client.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import type { Database } from '../../db/schema.ts';
import type { Kysely } from 'kysely';
import { addDays, dateOf } from './affiliation-status.ts';
import { createTestPlans } from './affiliation-test-support.ts';
import { sendRenewalReminders } from './renewal-reminders.ts';

const today = dateOf(new Date());
const noon = (date: string) => new Date(`${date}T15:00:00Z`);

/** An approved affiliation with one paid term [startsOn, endsOn) for a new school and its leader. */
async function paidAffiliation(db: Kysely<Database>, planId: number, startsOn: string, endsOn: string, name?: string) {
  const school = await createOrganisation(db, { kind: 'school', ...(name && { name }) });
  const leader = await createPerson(db, { roles: [['school_leader', school.id]] });
  const at = new Date().toISOString();
  const aff = await db
    .insertInto('affiliations')
    .values({ plan_id: planId, organisation_id: school.id, person_id: null, applicant_person_id: leader.id, center_id: null, statement: null, decision: 'approved', status: 'current', status_on: today, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db.insertInto('affiliation_terms').values({ affiliation_id: aff.id, kind: 'join', starts_on: startsOn, ends_on: endsOn, invoice_id: null, paid_at: at, created_at: at }).execute();
  return { school, leader, aff };
}

for (const dialect of testDialects()) {
  describe(`affiliation jobs, admin list and plans (${dialect})`, () => {
    let t: TestApp;
    let plans: Awaited<ReturnType<typeof createTestPlans>>;
    before(async () => {
      t = await createTestApp(dialect);
      plans = await createTestPlans(t.db);
    });
    after(() => t?.close());
    const reminders = (email: string) => t.smtp.messages.filter((m) => recipients(m).includes(email) && /membership ends in/.test(m.subject ?? ''));

    it('sends renewal reminders once each at 60, 30 and 7 days, never for cancelled ones', async () => {
      const end = addDays(today, 100);
      const { leader, aff } = await paidAffiliation(t.db, plans.school.id, addDays(end, -365), end);
      const gone = await paidAffiliation(t.db, plans.school.id, addDays(end, -365), end);
      await t.db.updateTable('affiliations').set({ cancelled_at: new Date().toISOString(), cancel_reason: 'test' }).where('id', '=', gone.aff.id).execute();

      await drainJobs(t, { now: noon(addDays(end, -61)), schedule: true });
      assert.equal(reminders(leader.email).length, 0, '61 days before: nothing yet');
      for (const [daysBefore, expected] of [[60, 1], [45, 1], [30, 2], [29, 2], [7, 3], [1, 3]] as const) {
        await drainJobs(t, { now: noon(addDays(end, -daysBefore)), schedule: true });
        // A second run on the same day (another process, or a retried job) sends nothing more.
        await sendRenewalReminders(t.db, noon(addDays(end, -daysBefore)));
        await drainJobs(t, { now: noon(addDays(end, -daysBefore)) });
        assert.equal(reminders(leader.email).length, expected, `${daysBefore} days before`);
      }
      assert.equal(reminders(gone.leader.email).length, 0, 'cancelled: no reminders');
      const rows = await t.db.selectFrom('renewal_reminders').select('days_before').where('affiliation_id', '=', aff.id).orderBy('days_before', 'desc').execute();
      assert.deepEqual(rows.map((r) => r.days_before), [60, 30, 7]);
      const link = /https?:\/\/\S+\/affiliation\/\d+\/renew/.exec(reminders(leader.email)[0]!.text ?? '');
      assert.ok(link, 'the reminder carries the one-click renewal link');
    });

    it('the daily job moves statuses into grace and expiry, keeps the organisation in step and emails once', async () => {
      const end = addDays(today, 3);
      const { school, leader, aff } = await paidAffiliation(t.db, plans.school.id, addDays(end, -365), end);
      await drainJobs(t, { now: noon(end), schedule: true });
      const row = await t.db.selectFrom('affiliations').select(['status', 'status_on']).where('id', '=', aff.id).executeTakeFirstOrThrow();
      assert.deepEqual({ ...row }, { status: 'grace', status_on: end });
      assert.equal((await t.db.selectFrom('organisations').select('affiliation_status').where('id', '=', school.id).executeTakeFirstOrThrow()).affiliation_status, 'grace');
      await drainJobs(t, { now: noon(addDays(end, 30)), schedule: true });
      assert.equal((await t.db.selectFrom('affiliations').select('status').where('id', '=', aff.id).executeTakeFirstOrThrow()).status, 'expired');
      assert.equal((await t.db.selectFrom('organisations').select('affiliation_status').where('id', '=', school.id).executeTakeFirstOrThrow()).affiliation_status, 'expired');
      await drainJobs(t, { now: noon(addDays(end, 31)), schedule: true });
      const mails = t.smtp.messages.filter((m) => recipients(m).includes(leader.email));
      assert.equal(mails.filter((m) => /has ended/.test(m.subject ?? '')).length, 1);
      assert.equal(mails.filter((m) => /has expired/.test(m.subject ?? '')).length, 1);
    });

    it('the admin list filters, and its CSV export escapes formulas and parses back', async () => {
      const admin = t.client();
      const office = await createOrganisation(t.db, { kind: 'national_office' });
      await signIn(t.db, admin, (await createPerson(t.db, { roles: [['network_admin', office.id]] })).id);
      await paidAffiliation(t.db, plans.school.id, addDays(today, -10), addDays(today, 355), '=HYPERLINK("evil")');
      const page = await admin.get('/admin/affiliations?status=current&q=HYPERLINK');
      assert.equal(page.statusCode, 200);
      assert.match(textOf(page.body), /1 affiliation\b/);
      const csv = await admin.get('/admin/affiliations.csv?status=current&q=HYPERLINK');
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      const records = parse(csv.body, { columns: true, bom: true }) as Record<string, string>[];
      assert.equal(records.length, 1);
      assert.equal(records[0]!.holder, `'=HYPERLINK("evil")`);
      assert.equal(records[0]!.status, 'current');
      assert.equal(records[0]!.plan, 'School membership');
      const none = parse((await admin.get('/admin/affiliations.csv?status=declined&q=HYPERLINK')).body, { columns: true, bom: true });
      assert.equal(none.length, 0);
      const api = await admin.get('/api/v1/affiliations?renewal_within=400&holder=school');
      assert.equal(api.statusCode, 200);
      assert.ok(api.json().total >= 1);
      // Not for anyone else.
      const other = t.client();
      await signIn(t.db, other, (await createPerson(t.db)).id);
      assert.equal((await other.get('/admin/affiliations.csv')).statusCode, 403);
      assert.equal((await other.get('/api/v1/affiliations')).statusCode, 403);
    });

    it('plans: validates bands and benefit keys, and a change leaves issued invoices alone', async () => {
      const admin = t.client();
      const office = await createOrganisation(t.db, { kind: 'national_office' });
      await signIn(t.db, admin, (await createPerson(t.db, { roles: [['network_admin', office.id]] })).id);
      const base = { name: 'Test plan', holder: 'school', term_kind: 'fixed', fixed_start_month: '7', fixed_start_day: '1', term_months: '12', grace_days: '30' };
      const overlap = await admin.submit('/admin/plans/new', { ...base, 'dues.0.min_enrolment': '0', 'dues.0.max_enrolment': '500', 'dues.0.amount': '300', 'dues.1.min_enrolment': '400', 'dues.1.amount': '500' });
      assert.equal(overlap.statusCode, 400);
      assert.match(textOf(overlap.body), /overlaps another band/);
      const badKey = await admin.submit('/admin/plans/new', { ...base, 'dues.0.amount': '300', 'benefits.0.key': 'Event Discount', 'benefits.0.value': '20%', 'benefits.0.label': 'Discount' });
      assert.equal(badKey.statusCode, 400);
      assert.match(textOf(badKey.body), /lower-case letters/);
      assert.match(badKey.body, /value="Event Discount"/, 'what was typed is kept');
      const ok = await admin.submit('/admin/plans/new', { ...base, slug: 'test-plan', 'dues.0.amount': '300', 'benefits.2.key': 'event-discount', 'benefits.2.value': '15%', 'benefits.2.label': 'Discount' });
      assert.equal(ok.statusCode, 303, textOf(ok.body));
      const plan = await t.db.selectFrom('affiliation_plans').selectAll().where('slug', '=', 'test-plan').executeTakeFirstOrThrow();
      const dues = await t.db.selectFrom('plan_dues').selectAll().where('plan_id', '=', plan.id).execute();
      assert.deepEqual(dues.map((d) => d.amount_cents), [30000]);
      const invoiceCount = async () => Number((await t.db.selectFrom('invoices').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const before = await invoiceCount();
      const edit = await admin.submit(`/admin/plans/${plan.id}/edit`, { ...base, 'dues.0.amount': '350.50' });
      assert.equal(edit.statusCode, 303);
      assert.equal((await t.db.selectFrom('plan_dues').select('amount_cents').where('plan_id', '=', plan.id).executeTakeFirstOrThrow()).amount_cents, 35050);
      assert.equal(await invoiceCount(), before);
      const list = await admin.get('/admin/plans');
      assert.match(textOf(list.body), /Test plan/);
      const staffer = t.client();
      await signIn(t.db, staffer, (await createPerson(t.db)).id);
      assert.equal((await staffer.get('/admin/plans')).statusCode, 403);
      const plansApi = await staffer.get('/api/v1/plans');
      assert.ok(plansApi.json().data.some((p: { slug: string }) => p.slug === 'test-plan'));
    });
  });
}
