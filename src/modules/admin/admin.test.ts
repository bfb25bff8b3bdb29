import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { textOf } from '../../../test/helpers/client.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import type { Organisation, Person } from '../../db/schema.ts';
import { recordAudit, systemActor } from '../audit/audit.service.ts';

for (const dialect of testDialects()) {
  describe(`admin area (${dialect})`, () => {
    let t: TestApp;
    let office: Organisation;
    let school: Organisation;
    let admin: Person;
    let leader: Person;

    before(async () => {
      t = await createTestApp(dialect);
      office = await createOrganisation(t.db, { kind: 'national_office', name: 'National Office' });
      school = await createOrganisation(t.db, { kind: 'school', name: 'Harbor Point High' });
      admin = await createPerson(t.db, { name: 'Ada Admin', roles: [['network_admin', office.id]] });
      leader = await createPerson(t.db, { name: 'Lee Leader', roles: [['school_leader', school.id]] });
    });
    after(() => t.close());

    const adminClient = async () => {
      const c = t.client();
      await signIn(t.db, c, admin.id);
      return c;
    };

    it('sends anonymous visitors to sign in, and refuses non-admins with 403', async () => {
      for (const path of ['/admin', '/admin/audit', '/admin/outbox', '/admin/api-tokens']) {
        const anon = await t.client().get(path);
        assert.equal(anon.statusCode, 303, path);
        assert.equal(anon.headers.location, `/login?next=${encodeURIComponent(path)}`);
        const c = t.client();
        await signIn(t.db, c, leader.id);
        assert.equal((await c.get(path)).statusCode, 403, path);
      }
      // Negative control: the same pages open for an admin, so the 403s above come from the guard.
      const c = await adminClient();
      for (const path of ['/admin', '/admin/audit', '/admin/outbox', '/admin/api-tokens']) assert.equal((await c.get(path)).statusCode, 200, path);
    });

    it('shows the network at a glance on the dashboard', async () => {
      const c = await adminClient();
      const page = textOf((await c.get('/admin')).body);
      assert.match(page, /Schools 1 /);
      assert.match(page, /National office 1 /);
      assert.match(page, /People 2 /);
    });

    it('lists audit events newest first, filters them, and pages with "Older events"', async () => {
      for (let i = 0; i < 55; i++) {
        await recordAudit(t.db, systemActor('test'), { action: i % 2 ? 'organisation.updated' : 'person.updated', subjectType: i % 2 ? 'organisation' : 'person', subjectId: school.id, organisationId: school.id, changes: { n: [i, i + 1] } });
      }
      const c = await adminClient();
      const first = await c.get('/admin/audit');
      assert.equal(first.statusCode, 200);
      assert.match(first.body, /n: 54 → 55/);
      const older = /href="(\/admin\/audit\?before=\d+)"/.exec(first.body)?.[1];
      assert.ok(older, 'has an Older events link');
      const second = await c.get(older.replaceAll('&amp;', '&'));
      assert.match(second.body, /n: 0 → 1/);
      assert.doesNotMatch(second.body, /n: 54 → 55/);
      const filtered = await c.get('/admin/audit?action=organisation.updated');
      assert.doesNotMatch(textOf(filtered.body), /Person #/);
      assert.match(textOf(filtered.body), /Organisation #/);
      assert.match(textOf(filtered.body), /organisation\.updated/);
      // Malformed filters are ignored rather than failing the page.
      assert.equal((await c.get('/admin/audit?organisationId=abc&before=-3')).statusCode, 200);
    });

    it('creates an API token shown once, which then authenticates as its role, and revokes it', async () => {
      const c = await adminClient();
      const res = await c.submit('/admin/api-tokens', { name: 'District sync', role: 'school_leader', organisation: school.slug });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      const secret = /id="new-token">([^<]+)</.exec(res.body)?.[1];
      assert.ok(secret?.startsWith('chub_'));
      const stored = await t.db.selectFrom('api_tokens').selectAll().where('name', '=', 'District sync').executeTakeFirstOrThrow();
      assert.notEqual(stored.token_hash, secret, 'only a hash is stored');
      assert.equal(stored.token_hash.length, 64);
      const audit = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'api_token.created').execute();
      assert.equal(audit.length, 1);
      assert.doesNotMatch(audit[0]!.changes ?? '', /chub_/, 'the secret never enters the audit log');
      // The listing never shows the secret again.
      assert.doesNotMatch((await c.get('/admin/api-tokens')).body, new RegExp(secret!));

      const revoke = await c.submit('/admin/api-tokens', {}, `/admin/api-tokens/${stored.id}/revoke`);
      assert.equal(revoke.statusCode, 303);
      const after = await t.db.selectFrom('api_tokens').select('revoked_at').where('id', '=', stored.id).executeTakeFirstOrThrow();
      assert.ok(after.revoked_at);
      // Revoking twice is a 404, not a second audit event.
      assert.equal((await c.submit('/admin/api-tokens', {}, `/admin/api-tokens/${stored.id}/revoke`)).statusCode, 404);
      assert.equal((await t.db.selectFrom('audit_events').select('id').where('action', '=', 'api_token.revoked').execute()).length, 1);
    });

    it('re-renders the token form with field messages for bad input and saves nothing', async () => {
      const c = await adminClient();
      const before = (await t.db.selectFrom('api_tokens').select('id').execute()).length;
      const empty = await c.submit('/admin/api-tokens', { name: '', role: 'nonsense', organisation: '' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /usa-form-group--error/);
      const unknownOrg = await c.submit('/admin/api-tokens', { name: 'Kept name', role: 'school_leader', organisation: 'no-such-org' });
      assert.equal(unknownOrg.statusCode, 400);
      assert.match(unknownOrg.body, /No organisation has that web name/);
      assert.match(unknownOrg.body, /value="Kept name"/);
      const misfit = await c.submit('/admin/api-tokens', { name: 'Misfit', role: 'center_coach', organisation: school.slug });
      assert.match(misfit.body, /does not exist at this kind of organisation/);
      assert.equal((await t.db.selectFrom('api_tokens').select('id').execute()).length, before);
    });

    it('shows mail in the outbox when no SMTP server is configured', async () => {
      const local = await createTestApp(dialect, { env: { SMTP_URL: '' } });
      try {
        const office2 = await createOrganisation(local.db, { kind: 'national_office' });
        const admin2 = await createPerson(local.db, { roles: [['network_admin', office2.id]] });
        await local.app.deps.mailer.send({ to: 'someone@example.org', subject: 'Welcome <b>to</b> the network', text: 'Hello there' });
        const c = local.client();
        await signIn(local.db, c, admin2.id);
        const list = await c.get('/admin/outbox');
        assert.match(list.body, /Welcome &lt;b>to&lt;\/b> the network/, 'subjects are escaped');
        assert.doesNotMatch(list.body, /<b>to<\/b>/);
        const href = /href="(\/admin\/outbox\/[^"]+)"/.exec(list.body)?.[1];
        assert.ok(href);
        assert.match((await c.get(href)).body, /Hello there/);
        assert.equal((await c.get('/admin/outbox/..%2F..%2Fetc%2Fpasswd')).statusCode, 404);
      } finally {
        await local.close();
      }
    });
  });
}
