import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database, Organisation, Person, RoleKind } from '../../db/schema.ts';
import { isUniqueViolation, nowIso } from '../../db/dialect.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { isLocale, translatorFor, type Locale } from '../../platform/i18n/i18n.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { sendInvitation } from '../accounts/invitations.service.ts';
import * as peopleRepo from './people.repository.ts';
import { toPersonView, type PersonView, type RoleView } from './person-view.ts';
import { addRoleInTransaction, alreadyHasRole, getRole } from './roles.service.ts';

export interface InvitationDeps {
  db: Kysely<Database>;
  mailer: Mailer;
  config: Config;
}

export interface StaffInvitation {
  organisation: Organisation;
  name: string;
  email: string;
  role: RoleKind;
  title?: string | undefined;
  /** Who is inviting, as the email names them. */
  inviterName: string;
  /** The email's language when the invitee has not chosen one. */
  locale: Locale;
  /**
   * Whether the caller may learn the state of someone else's account (network admins). Anyone
   * else gets the same answer for a disabled account as for any other; see inviteToOrganisation.
   */
  mayKnowAccountState: boolean;
}

export interface InvitationResult {
  person: PersonView;
  role: RoleView;
  /** Why the email could not be sent (the role stands; the invitation can be sent again), or null. */
  mailError: unknown;
}

const personDisabled = (onField: boolean) =>
  conflict('people:errors.personDisabled', onField ? { email: ['people:errors.personDisabled'] } : undefined);

/**
 * Invites someone to an organisation: finds the person by email or creates them (no password,
 * unverified), gives them the role, then emails an invitation link. The caller has checked
 * canGrantRole. Holding the role already is a 409; two simultaneous invitations of one address
 * make one person and one role, and the slower request gets the same 409.
 *
 * A disabled account is refused (409) to a network admin, who can enable it. Anyone else must not
 * learn that an address belongs to a disabled account, so they get the answer of any invitation:
 * the role is given (it grants nothing while the account is disabled, and is there if an admin
 * enables it), the email is withheld (a disabled account cannot accept it) and the audit log says so.
 */
export async function inviteToOrganisation(deps: InvitationDeps, actor: Actor, input: StaffInvitation): Promise<InvitationResult> {
  let saved: { person: Person; role: RoleView; withheld: boolean };
  try {
    saved = await addPersonAndRole(deps.db, actor, input);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Lost a race to a concurrent invitation of the same address; once more sees its rows.
    try {
      saved = await addPersonAndRole(deps.db, actor, input);
    } catch (again) {
      throw isUniqueViolation(again) ? alreadyHasRole() : again;
    }
  }
  // The email goes after the commit: a slow mail server never holds a transaction open.
  const mailError = saved.withheld ? null : await emailInvitation(deps, saved.person, input.organisation, saved.role.role, input.inviterName, input.locale);
  return { person: toPersonView(saved.person), role: saved.role, mailError };
}

function addPersonAndRole(db: Kysely<Database>, actor: Actor, input: StaffInvitation) {
  return db.transaction().execute(async (trx) => {
    let person = await peopleRepo.findPersonByEmail(trx, input.email);
    if (!person) {
      const now = nowIso();
      person = await peopleRepo.insertPerson(trx, { name: input.name, email: input.email.toLowerCase(), created_at: now, updated_at: now });
      await recordAudit(trx, actor, { action: 'person.created', subjectType: 'person', subjectId: person.id, organisationId: input.organisation.id, changes: { name: person.name, email: person.email } });
    } else if (person.disabled_at && input.mayKnowAccountState) {
      throw personDisabled(true);
    }
    const role = await addRoleInTransaction(trx, actor, { personId: person.id, organisation: input.organisation, role: input.role, title: input.title });
    const withheld = !!person.disabled_at;
    if (withheld) await recordWithheld(trx, actor, person.id, input.organisation.id, role.role);
    return { person, role, withheld };
  });
}

/** Notes for admins why an invitation email was not sent: the account is disabled. */
function recordWithheld(trx: Kysely<Database>, actor: Actor, personId: number, organisationId: number, role: RoleKind) {
  return recordAudit(trx, actor, { action: 'invitation.withheld', subjectType: 'person', subjectId: personId, organisationId, changes: { role, reason: 'account_disabled' } });
}

/**
 * Sends the invitation for an existing role again (a lost email, an expired link); 404 for an
 * unknown role. For a disabled account: 409 to a network admin; to anyone else the usual answer,
 * with the email withheld (as inviteToOrganisation does).
 */
export async function resendInvitation(
  deps: InvitationDeps,
  actor: Actor,
  roleId: number,
  by: { inviterName: string; locale: Locale; mayKnowAccountState: boolean },
): Promise<{ person: PersonView; mailError: unknown }> {
  const role = await getRole(deps.db, roleId);
  const person = role && (await peopleRepo.findPersonById(deps.db, role.personId));
  if (!role || !person) throw notFound();
  if (person.disabled_at) {
    if (by.mayKnowAccountState) throw personDisabled(false);
    await recordWithheld(deps.db, actor, person.id, role.organisationId, role.role);
    return { person: toPersonView(person), mailError: null };
  }
  const mailError = await emailInvitation(deps, person, role.organisation, role.role, by.inviterName, by.locale);
  return { person: toPersonView(person), mailError };
}

async function emailInvitation(deps: InvitationDeps, person: Person, organisation: Organisation, role: RoleKind, inviterName: string, fallback: Locale): Promise<unknown> {
  const locale = isLocale(person.locale) ? person.locale : fallback;
  try {
    await sendInvitation(deps, {
      personId: person.id,
      email: person.email,
      name: person.name,
      organisationName: organisation.name,
      roleLabel: translatorFor(locale)(`common:roles.${role}`),
      inviterName,
      locale,
    });
    return null;
  } catch (err) {
    return err;
  }
}
