import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database, Person } from '../../db/schema.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import type { RoleGrant } from '../../platform/auth/principal.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getPersonById, listRoleGrantsOfPerson, updateSignInFields } from '../people/people.service.ts';
import { selfActor, type AccountDeps } from './account-deps.ts';
import { consumeAccountToken, issueAccountToken, peekAccountToken } from './account-tokens.service.ts';
import { markEmailVerified } from './registration.service.ts';
import { absoluteLink, composeAccountEmail } from './account-emails.ts';

export interface InvitationInput {
  personId: number;
  email: string;
  name: string;
  organisationName: string;
  roleLabel: string;
  inviterName: string;
  locale: 'en' | 'es';
}

/**
 * Emails a person an invitation to join an organisation, with a link (valid 7 days) to
 * /invitation where they choose their name and password. Someone who already has a password is
 * told they can simply sign in; the link still works for them and signs them in.
 */
export async function sendInvitation(
  deps: { db: Kysely<Database>; mailer: Mailer; config: Config },
  input: InvitationInput,
): Promise<void> {
  const person = await getPersonById(deps.db, input.personId);
  const token = await issueAccountToken(deps.db, input.personId, 'invitation');
  const kind = person?.password_hash ? 'invitationExisting' : 'invitationNew';
  const vars = {
    name: input.name,
    organisationName: input.organisationName,
    roleLabel: input.roleLabel,
    inviterName: input.inviterName,
    signInUrl: absoluteLink(deps.config, '/login'),
  };
  await deps.mailer.send(composeAccountEmail(kind, input.locale, input.email, vars, absoluteLink(deps.config, '/invitation', token)));
}

/** What the invitation page shows: who is invited, to which roles, and whether they already have a password. */
export interface InvitationView {
  name: string;
  email: string;
  hasPassword: boolean;
  roles: RoleGrant[];
}

/** The invitation behind a still-usable link, without using it up; null for a bad or spent link. */
export async function describeInvitation(db: Kysely<Database>, token: string): Promise<InvitationView | null> {
  const personId = await peekAccountToken(db, token, 'invitation');
  const person = personId === null ? undefined : await getPersonById(db, personId);
  if (!person || person.disabled_at) return null;
  return { name: person.name, email: person.email, hasPassword: !!person.password_hash, roles: await listRoleGrantsOfPerson(db, person.id) };
}

/**
 * Accepts an invitation: a newcomer sets their name and password; someone who already has a
 * password just confirms (the password they know stays). The link proves the address, so it is
 * verified. Returns the person to sign in, or null for a bad or spent link.
 */
export async function acceptInvitation(
  deps: AccountDeps,
  token: string,
  newcomer: { name: string; password: string } | null,
): Promise<Person | null | 'needs_password'> {
  const passwordHash = newcomer ? await hashPassword(newcomer.password) : undefined;
  return deps.db.transaction().execute(async (trx) => {
    const personId = await peekAccountToken(trx, token, 'invitation');
    const found = personId === null ? undefined : await getPersonById(trx, personId);
    if (!found || found.disabled_at) return null;
    // Someone without a password must choose one, or they could never sign in again.
    if (!found.password_hash && !passwordHash) return 'needs_password';
    if ((await consumeAccountToken(trx, token, 'invitation')) === null) return null;
    let person = found;
    if (passwordHash && newcomer && !found.password_hash) {
      person = (await updateSignInFields(trx, found.id, { name: newcomer.name, passwordHash })) ?? found;
      await recordAudit(trx, selfActor(deps.actor, person), {
        action: 'person.password_changed',
        subjectType: 'person',
        subjectId: person.id,
        changes: { firstPassword: true, via: 'invitation', ...(found.name !== newcomer.name && { name: [found.name, newcomer.name] }) },
      });
    }
    person = await markEmailVerified({ ...deps, db: trx }, person);
    await recordAudit(trx, selfActor(deps.actor, person), { action: 'person.invitation_accepted', subjectType: 'person', subjectId: person.id });
    return person;
  });
}
