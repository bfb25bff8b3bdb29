import type { Kysely } from 'kysely';
import { ORGANISATION_KINDS, type Database, type NewOrganisation, type Organisation, type OrganisationKind } from '../../db/schema.ts';
import { bool, isUniqueViolation, nowIso } from '../../db/dialect.ts';
import type { OrganisationRef } from '../../platform/auth/policy.ts';
import { badRequest, conflict, notFound, type FieldErrors } from '../../platform/errors.ts';
import { changedFields, recordAudit, type Actor } from '../audit/audit.service.ts';
import { countPeopleAtOrganisation } from '../people/people.service.ts';
import { firstFreeSlug, organisationProblems, rolesSurviveKindChange, slugify } from './organisation-rules.ts';
import { ORGANISATION_FIELDS, type OrganisationInput, type OrganisationListQuery, type OrganisationPublic, type OrganisationUpdate } from './organisations.schemas.ts';
import { toPublicOrganisation } from './organisation-presenters.ts';
import * as repo from './organisations.repository.ts';

type Db = Kysely<Database>;

/** What the policy layer needs to know about an organisation. */
export const organisationRef = (o: Organisation): OrganisationRef => ({ id: o.id, kind: o.kind, centerId: o.center_id });

/** An organisation by id, or undefined. */
export function getOrganisationById(db: Kysely<Database>, id: number): Promise<Organisation | undefined> {
  return repo.findOrganisationById(db, id);
}

/** The organisations with these ids, in one query; unknown ids are left out, duplicates read once. */
export function getOrganisationsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<Organisation[]> {
  return repo.findOrganisationsByIds(db, [...new Set(ids)]);
}

/** An organisation by its slug, or undefined. */
export function getOrganisationBySlug(db: Kysely<Database>, slug: string): Promise<Organisation | undefined> {
  return repo.findOrganisationBySlug(db, slug);
}

/** The writable fields of a stored organisation, as the audit log and the rules see them. */
function writable(o: Organisation): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of ORGANISATION_FIELDS) out[f] = f === 'contact_public' ? bool(o.contact_public) : o[f];
  return out;
}

// A generated slug that loses a race to the unique index is simply recomputed: every round has a
// winner, and each retry sees the winners' slugs, so N simultaneous creations need at most N tries.
const SLUG_RETRIES = 10;

/** Creates an organisation, with its audit event, in one transaction. */
export async function createOrganisation(db: Db, actor: Actor, input: OrganisationInput): Promise<Organisation> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction().execute(async (trx) => {
        const values = { ...blankRecord(), ...defined(input), contact_public: input.contact_public ?? false };
        await checkRecord(trx, values, null);
        const base = slugify(input.name);
        const slug = input.slug ?? firstFreeSlug(base, await repo.findSlugsLike(trx, base));
        const now = nowIso();
        const row = await repo.insertOrganisation(trx, { ...(values as Partial<NewOrganisation>), name: input.name, kind: input.kind, slug, created_at: now, updated_at: now });
        await recordAudit(trx, actor, { action: 'organisation.created', subjectType: 'organisation', subjectId: row.id, organisationId: row.id, changes: changedFields({}, writable(row)) });
        return row;
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const lost = await lostRace(db, input, null);
      if (lost === 'slug' && !input.slug && attempt < SLUG_RETRIES) continue;
      throw raceConflict(lost);
    }
  }
}

/** Applies a change (only the fields given), with an audit event of what differed, in one transaction. */
export async function updateOrganisation(db: Db, actor: Actor, id: number, patch: OrganisationUpdate): Promise<Organisation> {
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await repo.lockOrganisation(trx, id);
      if (!before) throw notFound();
      const after = { ...writable(before), ...defined(patch) };
      await checkRecord(trx, after, before);
      const changes = changedFields(writable(before), after);
      if (Object.keys(changes).length === 0) return before;
      const set = Object.fromEntries(Object.entries(changes).map(([field, [, value]]) => [field, value]));
      const row = await repo.updateOrganisationRow(trx, id, { ...set, updated_at: nowIso() });
      await recordAudit(trx, actor, { action: 'organisation.updated', subjectType: 'organisation', subjectId: id, organisationId: id, changes });
      return row;
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    throw raceConflict(await lostRace(db, patch, id));
  }
}

/**
 * Deletes an organisation that nobody belongs to and no school names as its center. Refuses with
 * 409 otherwise: deleting would silently strip people of their roles and schools of their center.
 */
export async function deleteOrganisation(db: Db, actor: Actor, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await repo.lockOrganisation(trx, id);
    if (!before) throw notFound();
    const usage = await organisationUsage(trx, id);
    if (usage.people > 0 || usage.members > 0) {
      throw conflict(usage.people > 0 && usage.members > 0 ? 'organisations:errors.deleteHasBoth' : usage.people > 0 ? 'organisations:errors.deleteHasPeople' : 'organisations:errors.deleteHasMembers');
    }
    await repo.deleteOrganisationRow(trx, id);
    await recordAudit(trx, actor, { action: 'organisation.deleted', subjectType: 'organisation', subjectId: id, organisationId: id, changes: changedFields(writable(before), blankRecord()) });
  });
}

/** What still depends on an organisation: people with roles there, and organisations under it as their center. */
export async function organisationUsage(db: Db, id: number): Promise<{ people: number; members: number }> {
  return { people: await countPeopleAtOrganisation(db, id), members: await repo.countCenterMembers(db, id) };
}

export type OrganisationListItem = repo.OrganisationListRow;

/** A page of organisations matching the filters, by name, with the total for pagination. */
export async function listOrganisations(db: Db, query: OrganisationListQuery): Promise<{ items: OrganisationListItem[]; total: number; page: number; perPage: number }> {
  const filters = { q: query.q, kind: query.kind, state: query.state, centerId: query.center, region: query.region };
  const [items, total] = await Promise.all([
    repo.findOrganisationsPage(db, filters, { limit: query.per_page, offset: (query.page - 1) * query.per_page }),
    repo.countOrganisations(db, filters),
  ]);
  return { items, total, page: query.page, perPage: query.per_page };
}

/** Every affiliate center (id, name, slug), by name: for pickers and filters. */
export const listCenters = (db: Db) => repo.findCenters(db);

/**
 * The organisations that may organise events (national offices and affiliate centers: id, name,
 * slug, kind, center_id), national office first, then by name. The events module's filters and form.
 */
export const listEventOrganisers = (db: Db) => repo.findEventOrganisers(db);

/** The ids of the schools these centers support. */
export const listSchoolIdsOfCenters = (db: Db, centerIds: number[]): Promise<number[]> => repo.findSchoolIdsOfCenters(db, centerIds);

/** The most member organisations an organisation's own page lists; the admin list has the rest. */
export const MEMBERS_SHOWN = 100;

export interface OrganisationPrivateView {
  organisation: Organisation;
  center: Organisation | null;
  /** For a center: the schools and partners that name it, first MEMBERS_SHOWN by name. */
  members: OrganisationListItem[];
  memberCount: number;
}

/** Everything an organisation's own page shows. Callers check canViewOrganisationPrivate first. */
export async function getOrganisationPrivateView(db: Db, organisation: Organisation): Promise<OrganisationPrivateView> {
  const center = organisation.center_id === null ? null : ((await repo.findOrganisationById(db, organisation.center_id)) ?? null);
  if (organisation.kind !== 'affiliate_center') return { organisation, center, members: [], memberCount: 0 };
  const page = await listOrganisations(db, { center: organisation.id, page: 1, per_page: MEMBERS_SHOWN });
  return { organisation, center, members: page.items, memberCount: page.total };
}

// ---- helpers

const blankRecord = () => Object.fromEntries(ORGANISATION_FIELDS.map((f) => [f, null])) as Record<string, null>;

/** The entries actually given (undefined means "not sent"; null means "clear"). */
const defined = (o: object): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/**
 * Checks a record as it will be saved: cross-field rules, uniqueness of slug and NCES ID, the
 * center reference, and whether a kind change would strand people's roles or a center's schools.
 */
async function checkRecord(trx: Db, after: Record<string, unknown>, before: Organisation | null): Promise<void> {
  const errors: FieldErrors = organisationProblems(after as never);
  const add = (field: string, key: string) => void (errors[field] ??= []).push(key);
  const changed = (f: keyof Organisation) => !before || (after[f] ?? null) !== (before[f] ?? null);
  if (after.slug && changed('slug') && (await repo.findHolderOf(trx, 'slug', String(after.slug), before?.id))) add('slug', 'organisations:errors.slugTaken');
  if (after.nces_id && changed('nces_id') && (await repo.findHolderOf(trx, 'nces_id', String(after.nces_id), before?.id))) add('nces_id', 'organisations:errors.ncesTaken');
  if (after.center_id !== null && changed('center_id') && !errors.center_id) {
    const center = await repo.findOrganisationForReference(trx, Number(after.center_id));
    if (!center || center.id === before?.id) add('center_id', 'organisations:errors.centerUnknown');
    else if (center.kind !== 'affiliate_center') add('center_id', 'organisations:errors.centerNotCenter');
  }
  if (before && after.kind !== before.kind) {
    if (before.kind === 'affiliate_center' && (await repo.countCenterMembers(trx, before.id)) > 0) add('kind', 'organisations:errors.kindHasMembers');
    else if (!rolesSurviveKindChange(before.kind, after.kind as Organisation['kind']) && (await organisationUsage(trx, before.id)).people > 0) add('kind', 'organisations:errors.kindHasPeople');
  }
  if (Object.keys(errors).length > 0) throw badRequest(errors);
}

/** After a unique-index violation: which value someone else took first (read after our rollback). */
async function lostRace(db: Db, input: { slug?: string | null; nces_id?: string | null }, exceptId: number | null): Promise<'slug' | 'nces_id'> {
  if (input.nces_id && (await repo.findHolderOf(db, 'nces_id', input.nces_id, exceptId ?? undefined))) return 'nces_id';
  return 'slug';
}

const raceConflict = (field: 'slug' | 'nces_id') =>
  conflict('organisations:errors.conflict', { [field]: [field === 'slug' ? 'organisations:errors.slugTaken' : 'organisations:errors.ncesTaken'] });

/** The number of organisations of each kind (kinds with none count 0). */
export async function countOrganisationsByKind(db: Db): Promise<Record<OrganisationKind, number>> {
  const counts = Object.fromEntries(ORGANISATION_KINDS.map((k) => [k, 0])) as Record<OrganisationKind, number>;
  for (const row of await repo.countOrganisationsByKind(db)) counts[row.kind] = Number(row.count);
  return counts;
}

/** An organisation as anyone may see it (the directory's profile), with its center; undefined when unknown. */
export async function getPublicOrganisationBySlug(db: Db, slug: string): Promise<OrganisationPublic | undefined> {
  const organisation = await repo.findOrganisationBySlug(db, slug);
  if (!organisation) return undefined;
  const center = organisation.center_id === null ? undefined : await repo.findOrganisationById(db, organisation.center_id);
  return toPublicOrganisation(organisation, center ? { id: center.id, slug: center.slug, name: center.name } : null);
}

/**
 * Records an organisation's affiliation status for the directory. Only the affiliation service
 * calls this (inside its own transaction), whenever it computes a status that differs.
 */
export async function recordAffiliationStatus(db: Db, organisationId: number, status: string | null): Promise<void> {
  await repo.setAffiliationStatusColumn(db, organisationId, status);
}
