import type { Kysely } from 'kysely';
import type { Database, Organisation, RoleKind } from '../../db/schema.ts';
import { isUniqueViolation, nowIso } from '../../db/dialect.ts';
import { endOtherSessions } from '../../platform/auth/sessions.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { revokePendingAccountTokens } from '../accounts/account-tokens.service.ts';
import { changedFields, recordAudit, type Actor } from '../audit/audit.service.ts';
import * as repo from './people.repository.ts';
import * as rolesRepo from './roles.repository.ts';
import { toPersonView, toRoleView, type PersonView, type RoleView } from './person-view.ts';
import type { PersonChanges } from './people.schemas.ts';
import { assertAdminRemains, organisationsById } from './roles.service.ts';

type Db = Kysely<Database>;

/** A role together with the organisation it is held at. */
export type RoleAtOrganisation = RoleView & { organisation: Organisation };

/** A person and every role they hold, ordered by organisation name. */
export interface PersonProfile {
  person: PersonView;
  roles: RoleAtOrganisation[];
}

const emailTaken = () => conflict('people:errors.emailTaken', { email: ['people:errors.emailTaken'] });

async function rolesWithOrganisations(db: Db, personIds: number[]): Promise<Map<number, RoleAtOrganisation[]>> {
  const rows = await rolesRepo.findRolesOfPeople(db, personIds);
  const orgs = await organisationsById(db, rows.map((r) => r.organisation_id));
  const byPerson = new Map<number, RoleAtOrganisation[]>();
  for (const r of rows) {
    const organisation = orgs.get(r.organisation_id);
    if (organisation) (byPerson.get(r.person_id) ?? byPerson.set(r.person_id, []).get(r.person_id)!).push({ ...toRoleView(r), organisation });
  }
  for (const list of byPerson.values()) list.sort((a, b) => a.organisation.name.localeCompare(b.organisation.name));
  return byPerson;
}

/** A person with their roles and organisations, or undefined. */
export async function getPersonProfile(db: Db, id: number): Promise<PersonProfile | undefined> {
  const person = await repo.findPersonById(db, id);
  if (!person) return undefined;
  return { person: toPersonView(person), roles: (await rolesWithOrganisations(db, [id])).get(id) ?? [] };
}

export interface PeopleQuery {
  text?: string | undefined;
  role?: RoleKind | undefined;
  organisationId?: number | undefined;
  page: number;
  perPage: number;
}

/** One page of people for the admin list and the API, with the total for pagination. */
export async function listPeople(db: Db, query: PeopleQuery): Promise<{ items: (PersonView & { roles: RoleAtOrganisation[] })[]; total: number; page: number; perPage: number }> {
  const filters = { text: query.text || undefined, role: query.role, organisationId: query.organisationId };
  const [rows, total] = await Promise.all([
    repo.searchPeople(db, { ...filters, limit: query.perPage, offset: (query.page - 1) * query.perPage }),
    repo.countPeople(db, filters),
  ]);
  const roles = await rolesWithOrganisations(db, rows.map((r) => r.id));
  return { items: rows.map((r) => ({ ...toPersonView(r), roles: roles.get(r.id) ?? [] })), total, page: query.page, perPage: query.perPage };
}

/**
 * Everyone who holds a role of this kind anywhere and may sign in: the recipients of network-wide
 * notices (all network admins, all center directors). A network has tens of them, not thousands.
 */
export async function listPeopleWithRole(db: Db, role: RoleKind): Promise<PersonView[]> {
  const rows = await repo.searchPeople(db, { role, limit: 100_000, offset: 0 });
  return rows.map(toPersonView).filter((p) => !p.disabled);
}

/** Adds a person with no password and no roles (an admin's action); they sign in after an invitation or a reset. */
export async function createPerson(db: Db, actor: Actor, input: { name: string; email: string }): Promise<PersonView> {
  try {
    return await db.transaction().execute(async (trx) => {
      if (await repo.findPersonByEmail(trx, input.email)) throw emailTaken();
      const now = nowIso();
      const person = await repo.insertPerson(trx, { name: input.name, email: input.email.toLowerCase(), created_at: now, updated_at: now });
      await recordAudit(trx, actor, { action: 'person.created', subjectType: 'person', subjectId: person.id, changes: { name: person.name, email: person.email } });
      return toPersonView(person);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
}

/**
 * Changes a person's name, email or disabled state (the caller decides which fields the actor may
 * send). A new email must be verified again, and every emailed link still open (reset, invitation,
 * verification, sign-in) stops working, since it went to the old address; disabling ends every
 * session at once. Nothing is written, not even to the audit log, when nothing differs.
 */
export async function updatePerson(db: Db, actor: Actor, id: number, changes: PersonChanges): Promise<PersonView> {
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await repo.findPersonById(trx, id);
      if (!before) throw notFound();
      const was = { name: before.name, email: before.email, disabled: !!before.disabled_at };
      const will = { name: changes.name ?? was.name, email: changes.email?.toLowerCase() ?? was.email, disabled: changes.disabled ?? was.disabled };
      const diff = changedFields(was, will);
      if (Object.keys(diff).length === 0) return toPersonView(before);
      if (diff.email && (await repo.findPersonByEmail(trx, will.email))) throw emailTaken();
      if (diff.disabled && will.disabled) await assertAdminRemains(trx, { personId: id });
      const now = nowIso();
      const after = await repo.updatePerson(trx, id, {
        name: will.name,
        email: will.email,
        ...(diff.email && { email_verified_at: null }),
        ...(diff.disabled && { disabled_at: will.disabled ? now : null }),
        updated_at: now,
      });
      if (!after) throw notFound();
      if (diff.email) await revokePendingAccountTokens(trx, id);
      if (diff.disabled && will.disabled) await endOtherSessions(trx, id);
      await recordAudit(trx, actor, { action: 'person.updated', subjectType: 'person', subjectId: id, changes: diff });
      return toPersonView(after);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
}
