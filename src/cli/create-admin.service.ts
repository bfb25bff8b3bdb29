import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, Organisation, Person } from '../db/schema.ts';
import { nowIso } from '../db/dialect.ts';
import { recordAudit, systemActor } from '../modules/audit/audit.service.ts';
import { createPersonRecord, getPersonByEmail, updateSignInFields } from '../modules/people/people.service.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../platform/auth/passwords.ts';
import * as repo from './admin-setup.repository.ts';
import { CliError } from './cli-context.ts';

/** What `coalition create-admin` accepts. The name is needed only to create someone new. */
export const CreateAdminSchema = z.object({
  email: z.email('not a valid email address').max(254).transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
  password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`).optional(),
});

export interface CreateAdminOutcome {
  person: Person;
  organisation: Organisation;
  personCreated: boolean;
  organisationCreated: boolean;
  roleGranted: boolean;
  passwordSet: boolean;
}

const NATIONAL_OFFICE = { name: 'National Office', slug: 'national-office' };

/**
 * Makes someone a network admin at the national office, creating the office and the person when
 * missing. Idempotent: a second run changes nothing but the password (when one is given). The
 * email counts as verified: the operator vouches for it. Every change is audited as the CLI.
 */
export async function createAdmin(db: Kysely<Database>, input: { email: string; name?: string; passwordHash: string | null }): Promise<CreateAdminOutcome> {
  const actor = systemActor('cli:create-admin');
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    let organisation = await repo.findNationalOffice(trx);
    const organisationCreated = !organisation;
    if (!organisation) {
      const slug = (await repo.slugTaken(trx, NATIONAL_OFFICE.slug)) ? `${NATIONAL_OFFICE.slug}-${Date.now().toString(36)}` : NATIONAL_OFFICE.slug;
      organisation = await repo.insertOrganisation(trx, { ...NATIONAL_OFFICE, slug, kind: 'national_office', created_at: now, updated_at: now });
      await recordAudit(trx, actor, {
        action: 'organisation.created',
        subjectType: 'organisation',
        subjectId: organisation.id,
        organisationId: organisation.id,
        changes: { name: organisation.name, kind: organisation.kind, slug },
      });
    }

    let person = await getPersonByEmail(trx, input.email);
    const personCreated = !person;
    if (!person) {
      if (!input.name) throw new CliError(`No one has the email ${input.email} yet: give --name to create them.`);
      person = await createPersonRecord(trx, { email: input.email, name: input.name, passwordHash: input.passwordHash, emailVerified: true });
      await recordAudit(trx, actor, {
        action: 'person.created',
        subjectType: 'person',
        subjectId: person.id,
        changes: { email: person.email, name: person.name, email_verified: true, password: input.passwordHash ? 'set' : 'not set' },
      });
    } else {
      const changes: Record<string, unknown> = {};
      if (!person.email_verified_at) changes.email_verified_at = [null, now];
      // The hash itself never enters the log; only the fact that it changed.
      if (input.passwordHash) changes.password = 'changed by create-admin';
      if (Object.keys(changes).length) {
        person =
          (await updateSignInFields(trx, person.id, {
            ...(input.passwordHash && { passwordHash: input.passwordHash }),
            ...(!person.email_verified_at && { emailVerifiedAt: now }),
          })) ?? person;
        await recordAudit(trx, actor, { action: 'person.updated', subjectType: 'person', subjectId: person.id, changes });
      }
    }

    const roleId = await repo.grantRoleIfAbsent(trx, { personId: person.id, organisationId: organisation.id, role: 'network_admin', now });
    if (roleId !== undefined) {
      await recordAudit(trx, actor, {
        action: 'role.granted',
        subjectType: 'role',
        subjectId: roleId,
        organisationId: organisation.id,
        changes: { person: person.email, role: 'network_admin', organisation: organisation.slug },
      });
    }
    return { person, organisation, personCreated, organisationCreated, roleGranted: roleId !== undefined, passwordSet: !!input.passwordHash };
  });
}
