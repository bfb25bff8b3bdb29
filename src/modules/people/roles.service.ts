import type { Kysely } from 'kysely';
import type { Database, Organisation, OrganisationKind, RoleKind } from '../../db/schema.ts';
import { isUniqueViolation, nowIso } from '../../db/dialect.ts';
import { ROLES_BY_KIND } from '../../platform/auth/policy.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { getOrganisationById, getOrganisationsByIds } from '../organisations/organisations.service.ts';
import * as peopleRepo from './people.repository.ts';
import * as repo from './roles.repository.ts';
import { toPersonView, toRoleView, type PersonView, type RoleView } from './person-view.ts';

type Db = Kysely<Database>;

/** Refuses a role the kind of organisation does not have (a "school leader" of a center): 400. */
export function assertRoleFits(kind: OrganisationKind, role: RoleKind): void {
  if (ROLES_BY_KIND[kind].includes(role)) return;
  const key = `people:errors.roleNotForKind.${kind}`;
  throw badRequest({ role: [key] }, key);
}

export const alreadyHasRole = () => conflict('people:errors.alreadyHasRole', { role: ['people:errors.alreadyHasRole'] });

/**
 * Adds a role inside the caller's transaction and records it. Holding it already is a 409; the
 * unique index (person, organisation, role) turns a lost race into the same answer in the caller.
 */
export async function addRoleInTransaction(
  trx: Db,
  actor: Actor,
  input: { personId: number; organisation: Organisation; role: RoleKind; title?: string | undefined },
): Promise<RoleView> {
  assertRoleFits(input.organisation.kind, input.role);
  if (await repo.findRole(trx, input.personId, input.organisation.id, input.role)) throw alreadyHasRole();
  const row = await repo.insertRole(trx, {
    person_id: input.personId,
    organisation_id: input.organisation.id,
    role: input.role,
    title: input.title || null,
    created_at: nowIso(),
  });
  await recordAudit(trx, actor, {
    action: 'role.granted',
    subjectType: 'role',
    subjectId: row.id,
    organisationId: input.organisation.id,
    changes: { person: input.personId, role: input.role, ...(row.title && { title: row.title }) },
  });
  return toRoleView(row);
}

/** Gives a person a role at an organisation (the caller has checked canGrantRole). */
export async function grantRole(
  db: Db,
  actor: Actor,
  input: { personId: number; organisation: Organisation; role: RoleKind; title?: string | undefined },
): Promise<RoleView> {
  assertRoleFits(input.organisation.kind, input.role);
  try {
    return await db.transaction().execute(async (trx) => {
      if (!(await peopleRepo.findPersonById(trx, input.personId))) throw notFound();
      return addRoleInTransaction(trx, actor, input);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadyHasRole();
    throw err;
  }
}

/**
 * Refuses a change that would leave the network without an enabled network admin (409): removing
 * the role `roleId`, or disabling `personId`. Takes the lock on the admin roles first, so
 * concurrent removals are decided one after the other.
 */
export async function assertAdminRemains(trx: Db, without: { roleId?: number; personId?: number }): Promise<void> {
  const admins = (await repo.lockNetworkAdminRoles(trx)).filter((a) => !a.disabled_at);
  const removed = (a: (typeof admins)[number]) => a.id === without.roleId || a.person_id === without.personId;
  // Only a change that takes away an enabled admin can leave the network without one.
  if (admins.some(removed) && !admins.some((a) => !removed(a))) throw conflict('people:errors.lastAdmin');
}

/** Takes a role away (the caller has checked canGrantRole for it). The last network admin stays. */
export async function revokeRole(db: Db, actor: Actor, roleId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await repo.findRoleById(trx, roleId);
    if (!row) throw notFound();
    if (row.role === 'network_admin') await assertAdminRemains(trx, { roleId: row.id });
    const deleted = await repo.deleteRole(trx, row.id);
    // Removed by a concurrent request between our read and delete: nothing to record twice.
    if (Number(deleted.numDeletedRows) === 0) throw notFound();
    await recordAudit(trx, actor, {
      action: 'role.revoked',
      subjectType: 'role',
      subjectId: row.id,
      organisationId: row.organisation_id,
      changes: { person: row.person_id, role: row.role, ...(row.title && { title: row.title }) },
    });
  });
}

/** A role with its organisation (for deciding who may remove it), or undefined. */
export async function getRole(db: Db, roleId: number): Promise<(RoleView & { organisation: Organisation }) | undefined> {
  const row = await repo.findRoleById(db, roleId);
  const organisation = row && (await getOrganisationById(db, row.organisation_id));
  return row && organisation ? { ...toRoleView(row), organisation } : undefined;
}

/** Everyone holding a role at an organisation, by name, one entry per role. */
export async function listPeopleOfOrganisation(db: Db, organisationId: number): Promise<{ role: RoleView; person: PersonView }[]> {
  const rows = await repo.findPeopleAtOrganisation(db, organisationId);
  return rows.map((r) => ({
    role: { id: r.role_id, personId: r.person_id, organisationId, role: r.role, title: r.title, createdAt: r.role_created_at },
    person: toPersonView({ ...r, id: r.person_id }),
  }));
}

/** The organisations behind a set of roles, keyed by id, read in one query through the organisations module. */
export async function organisationsById(db: Db, ids: number[]): Promise<Map<number, Organisation>> {
  const found = await getOrganisationsByIds(db, ids);
  return new Map(found.map((o) => [o.id, o]));
}
