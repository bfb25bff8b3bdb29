import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createOrganisation } from '../../test/factories/organisations.ts';
import { createPerson } from '../../test/factories/people.ts';
import { testDialects } from '../../test/helpers/database.ts';
import { verifyPassword, hashPassword } from '../platform/auth/passwords.ts';
import { CliError } from './cli-context.ts';
import { createAdmin } from './create-admin.service.ts';
import { createCliTarget, runCli, type CliTarget } from './testing/cli-harness.ts';

type Db = CliTarget['db'];

const adminRoles = (db: Db, personId: number) =>
  db
    .selectFrom('roles')
    .innerJoin('organisations', 'organisations.id', 'roles.organisation_id')
    .select(['roles.id', 'organisations.kind', 'organisations.id as organisation_id'])
    .where('roles.person_id', '=', personId)
    .where('roles.role', '=', 'network_admin')
    .execute();
const auditActions = async (db: Db) =>
  (await db.selectFrom('audit_events').select(['action', 'actor_label', 'subject_id']).orderBy('id').execute()).map((r) => ({ ...r }));
const count = async (db: Db, table: 'organisations' | 'people' | 'roles') =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

for (const dialect of testDialects()) {
  describe(`create-admin (${dialect})`, () => {
    let t: CliTarget;
    before(async () => {
      t = await createCliTarget(dialect);
    });
    after(() => t.close());

    it('on an empty database, writes nothing when the person is unknown and no name is given', async () => {
      await assert.rejects(createAdmin(t.db, { email: 'nobody@example.org', passwordHash: null }), CliError);
      // The national office was created first inside the same transaction, and rolled back with it.
      assert.equal(await count(t.db, 'organisations'), 0);
      assert.equal((await auditActions(t.db)).length, 0);
    });

    it('creates the national office, a verified admin with the password, and audits each step', async () => {
      const outcome = await createAdmin(t.db, { email: 'First.Admin@Example.org', name: 'First Admin', passwordHash: await hashPassword('a-strong-password') });
      assert.equal(outcome.personCreated, true);
      assert.equal(outcome.organisationCreated, true);
      assert.equal(outcome.roleGranted, true);
      const person = await t.db.selectFrom('people').selectAll().where('email', '=', 'first.admin@example.org').executeTakeFirstOrThrow();
      assert.equal(person.name, 'First Admin');
      assert.ok(person.email_verified_at);
      assert.equal(await verifyPassword(person.password_hash!, 'a-strong-password'), true);
      const office = await t.db.selectFrom('organisations').selectAll().executeTakeFirstOrThrow();
      assert.deepEqual([office.name, office.kind, office.slug], ['National Office', 'national_office', 'national-office']);
      assert.deepEqual((await adminRoles(t.db, person.id)).map((r) => r.organisation_id), [office.id]);
      const audit = await auditActions(t.db);
      assert.deepEqual(audit.map((a) => a.action), ['organisation.created', 'person.created', 'role.granted']);
      assert.ok(audit.every((a) => a.actor_label === 'cli:create-admin'));
      assert.equal(audit[1]!.subject_id, person.id);
    });

    it('is idempotent: a second run adds no role, office or audit event', async () => {
      const before = { orgs: await count(t.db, 'organisations'), roles: await count(t.db, 'roles'), audit: (await auditActions(t.db)).length };
      const outcome = await createAdmin(t.db, { email: 'first.admin@example.org', name: 'Another Name', passwordHash: null });
      assert.equal(outcome.personCreated, false);
      assert.equal(outcome.roleGranted, false);
      assert.equal(outcome.person.name, 'First Admin', 'an existing person keeps their name');
      assert.deepEqual({ orgs: await count(t.db, 'organisations'), roles: await count(t.db, 'roles'), audit: (await auditActions(t.db)).length }, before);
    });

    it('promotes an existing, unverified person, keeping their other roles, and audits the change', async () => {
      const school = await createOrganisation(t.db, { kind: 'school' });
      const leader = await createPerson(t.db, { verified: false, roles: [['school_leader', school.id]] });
      const outcome = await createAdmin(t.db, { email: leader.email, passwordHash: null });
      assert.equal(outcome.roleGranted, true);
      assert.equal(outcome.personCreated, false);
      const after = await t.db.selectFrom('people').selectAll().where('id', '=', leader.id).executeTakeFirstOrThrow();
      assert.ok(after.email_verified_at, 'now verified');
      assert.equal(after.password_hash, leader.password_hash, 'no password given: the old one stays');
      const roles = await t.db.selectFrom('roles').select('role').where('person_id', '=', leader.id).orderBy('role').execute();
      assert.deepEqual(roles.map((r) => r.role), ['network_admin', 'school_leader']);
      const audit = (await auditActions(t.db)).slice(-2);
      assert.deepEqual(audit.map((a) => a.action), ['person.updated', 'role.granted']);
      assert.equal(await count(t.db, 'organisations'), 2, 'the existing national office is reused');
    });

    it('reads the password from a pipe (echo pw | coalition create-admin …) and says how to sign in', async () => {
      const run = await new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn('sh', ['-c', `echo "piped-password-123" | "${process.execPath}" --import tsx src/cli.ts create-admin --email piped@example.org --name "Piped Admin"`], {
          cwd: path.resolve(import.meta.dirname, '../..'),
          env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...t.env },
        });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d));
        child.stderr.on('data', (d: Buffer) => (out += d));
        child.on('close', (code) => resolve({ code, out }));
      });
      assert.equal(run.code, 0, run.out);
      assert.match(run.out, /Created Piped Admin <piped@example.org> as a network admin/);
      assert.match(run.out, /Sign in at http:\/\/localhost:3000\/login/);
      const person = await t.db.selectFrom('people').selectAll().where('email', '=', 'piped@example.org').executeTakeFirstOrThrow();
      assert.equal(await verifyPassword(person.password_hash!, 'piped-password-123'), true, 'the trailing newline from echo is not part of it');
      assert.equal((await adminRoles(t.db, person.id)).length, 1);
    });

    it('takes COALITION_ADMIN_PASSWORD, or without any password points to /forgot-password', async () => {
      const withEnv = await runCli(['create-admin', '--email', 'env@example.org', '--name', 'Env Admin'], { env: { ...t.env, COALITION_ADMIN_PASSWORD: 'from-the-environment' } });
      assert.equal(withEnv.code, 0, withEnv.stderr);
      const envPerson = await t.db.selectFrom('people').selectAll().where('email', '=', 'env@example.org').executeTakeFirstOrThrow();
      assert.equal(await verifyPassword(envPerson.password_hash!, 'from-the-environment'), true);

      const without = await runCli(['create-admin', '--email', 'nopw@example.org', '--name', 'No Password'], { env: t.env });
      assert.equal(without.code, 0, without.stderr);
      assert.match(without.stdout, /No password is set yet\. Open http:\/\/localhost:3000\/forgot-password and enter nopw@example\.org/);
      const noPw = await t.db.selectFrom('people').selectAll().where('email', '=', 'nopw@example.org').executeTakeFirstOrThrow();
      assert.equal(noPw.password_hash, null);
      assert.ok(noPw.email_verified_at);
    });

    it('refuses bad input with one clear message per field, exit 1, and writes nothing', async () => {
      const people = await count(t.db, 'people');
      const run = await runCli(['create-admin', '--email', 'not-an-email', '--name', ''], { env: { ...t.env, COALITION_ADMIN_PASSWORD: 'short' } });
      assert.equal(run.code, 1);
      assert.equal(
        run.stderr.trim(),
        ['--email: not a valid email address', '--name: must not be empty', 'password (COALITION_ADMIN_PASSWORD or standard input): must be at least 10 characters'].join('\n'),
      );
      const unknown = await runCli(['create-admin', '--email', 'who@example.org'], { env: t.env });
      assert.equal(unknown.code, 1);
      assert.equal(unknown.stderr.trim(), 'No one has the email who@example.org yet: give --name to create them.');
      assert.equal(await count(t.db, 'people'), people);
    });
  });
}
