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
}

export interface InvitationResult {
  person: PersonView;
  role: RoleView;
  personCreated: boolean;
  /** Why the email could not be sent (the role stands; the invitation can be sent again), or null. */
  mailError: unknown;
}

/**
 * Invites someone to an organisation: finds the person by email or creates them (no password,
 * unverified), gives them the role, then emails an invitation link. The caller has checked
 * canGrantRole. Holding the role already is a 409; two simultaneous invitations of one address
 * make one person and one role, and the slower request gets the same 409.
 */
export async function inviteToOrganisation(deps: InvitationDeps, actor: Actor, input: StaffInvitation): Promise<InvitationResult> {
  let saved: { person: Person; role: RoleView; personCreated: boolean };
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
  const mailError = await emailInvitation(deps, saved.person, input.organisation, saved.role.role, input.inviterName, input.locale);
  return { person: toPersonView(saved.person), role: saved.role, personCreated: saved.personCreated, mailError };
}

function addPersonAndRole(db: Kysely<Database>, actor: Actor, input: StaffInvitation) {
  return db.transaction().execute(async (trx) => {
    let person = await peopleRepo.findPersonByEmail(trx, input.email);
    const personCreated = !person;
    if (!person) {
      const now = nowIso();
      person = await peopleRepo.insertPerson(trx, { name: input.name, email: input.email.toLowerCase(), created_at: now, updated_at: now });
      await recordAudit(trx, actor, { action: 'person.created', subjectType: 'person', subjectId: person.id, organisationId: input.organisation.id, changes: { name: person.name, email: person.email } });
    } else if (person.disabled_at) {
      throw conflict('people:errors.personDisabled', { email: ['people:errors.personDisabled'] });
    }
    const role = await addRoleInTransaction(trx, actor, { personId: person.id, organisation: input.organisation, role: input.role, title: input.title });
    return { person, role, personCreated };
  });
}

/** Sends the invitation for an existing role again (a lost email, an expired link); 404 for an unknown role. */
export async function resendInvitation(deps: InvitationDeps, roleId: number, inviterName: string, locale: Locale): Promise<{ person: PersonView; mailError: unknown }> {
  const role = await getRole(deps.db, roleId);
  const person = role && (await peopleRepo.findPersonById(deps.db, role.personId));
  if (!role || !person) throw notFound();
  if (person.disabled_at) throw conflict('people:errors.personDisabled');
  const mailError = await emailInvitation(deps, person, role.organisation, role.role, inviterName, locale);
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
