import type { Kysely } from 'kysely';
import type { Database, Engagement, EngagementNextStep, EngagementSession, EngagementStatus, Organisation } from '../../db/schema.ts';
import { bool, nowIso } from '../../db/dialect.ts';
import { badRequest, conflict, notFound, type FieldErrors } from '../../platform/errors.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { listCenterStaff } from '../centers/center-space.service.ts';
import { getServiceRequest } from '../centers/service-requests.service.ts';
import { getOrganisationById, getOrganisationsByIds, listOrganisations } from '../organisations/organisations.service.ts';
import { getPeopleByIds } from '../people/people.service.ts';
import { listPeopleOfOrganisation } from '../people/roles.service.ts';
import { taxonomyTerms, type TaxonomyTerm } from '../framework/taxonomy.service.ts';
import { canManageEngagements, type RoleHolder } from './coaching.policy.ts';
import { EngagementInput, type NextStepInput, type SessionEdit, type SessionInput } from './coaching.schemas.ts';
import * as repo from './coaching.repository.ts';

type Db = Kysely<Database>;

export interface PersonRef {
  id: number;
  name: string;
}

/** An engagement with the names its pages show. */
export interface EngagementView extends Engagement {
  school: { id: number; slug: string; name: string };
  center: { id: number; slug: string; name: string };
  coaches: PersonRef[];
  contacts: PersonRef[];
  focus: string[];
}

export const today = (now = new Date()): string => now.toISOString().slice(0, 10);

/**
 * The latest date a session may be logged for: tomorrow in UTC, since "today" where the coach is
 * may already be tomorrow in UTC (east of it); anything later is a mistake.
 */
export const latestSessionDate = (now = new Date()): string => today(new Date(now.getTime() + 86_400_000));

const ref = (o: Organisation | undefined, id: number) => (o ? { id: o.id, slug: o.slug, name: o.name } : { id, slug: '', name: '?' });

async function withDetails(db: Db, rows: Engagement[]): Promise<EngagementView[]> {
  const ids = rows.map((r) => r.id);
  const [orgs, members, focus] = await Promise.all([getOrganisationsByIds(db, rows.flatMap((r) => [r.school_id, r.center_id])), repo.findMembers(db, ids), repo.findFocus(db, ids)]);
  const people = new Map((await getPeopleByIds(db, [...new Set(members.map((m) => m.person_id))])).map((p) => [p.id, p]));
  const byOrg = new Map(orgs.map((o) => [o.id, o]));
  const named = (id: number): PersonRef => ({ id, name: people.get(id)?.name ?? '?' });
  return rows.map((r) => ({
    ...r,
    school: ref(byOrg.get(r.school_id), r.school_id),
    center: ref(byOrg.get(r.center_id), r.center_id),
    coaches: members.filter((m) => m.engagement_id === r.id && m.role === 'coach').map((m) => named(m.person_id)),
    contacts: members.filter((m) => m.engagement_id === r.id && m.role === 'school_contact').map((m) => named(m.person_id)),
    focus: focus.filter((f) => f.engagement_id === r.id).map((f) => f.tag).sort(),
  }));
}

/** A center's engagements (optionally of one status), with names. */
export async function listEngagements(db: Db, filters: repo.EngagementFilters): Promise<EngagementView[]> {
  return withDetails(db, await repo.findEngagements(db, filters));
}

/** A center's engagements filtered by status, school and coach (a person id), with names. */
export async function findCenterEngagements(db: Db, centerId: number, f: { status?: EngagementStatus; schoolId?: number; coachId?: number }): Promise<EngagementView[]> {
  const ids = f.coachId !== undefined ? await repo.engagementIdsOfMember(db, f.coachId, 'coach') : undefined;
  return listEngagements(db, { centerId, status: f.status, ids, schoolIds: f.schoolId !== undefined ? [f.schoolId] : undefined });
}

/** One engagement of this center, or 404 (another center's engagement does not exist here). */
export async function getEngagement(db: Db, centerId: number, id: number): Promise<EngagementView> {
  const row = await repo.findEngagementById(db, id);
  if (!row || row.center_id !== centerId) throw notFound();
  return (await withDetails(db, [row]))[0]!;
}

/** What the engagement form offers: the center's schools, its staff, each school's people, the benchmarks. */
export interface EngagementChoices {
  schools: { id: number; name: string }[];
  staff: PersonRef[];
  schoolPeople: Map<number, PersonRef[]>;
  benchmarks: readonly TaxonomyTerm[];
}

export async function engagementChoices(db: Db, center: Organisation, schoolId?: number): Promise<EngagementChoices> {
  const [schools, staff, terms] = await Promise.all([
    listOrganisations(db, { center: center.id, kind: 'school', page: 1, per_page: 100 }),
    listCenterStaff(db, center.id),
    taxonomyTerms(db),
  ]);
  const schoolPeople = new Map<number, PersonRef[]>();
  // Only the chosen school's people are offered as contacts (all of them for a center with few schools).
  const shown = schoolId ? schools.items.filter((s) => s.id === schoolId) : schools.items.length <= 10 ? schools.items : [];
  for (const s of shown) schoolPeople.set(s.id, await schoolPeopleOf(db, s.id));
  return {
    schools: schools.items.map((s) => ({ id: s.id, name: s.name })),
    staff: staff.map((s) => ({ id: s.personId, name: s.name })),
    schoolPeople,
    benchmarks: terms.filter((t) => t.kind === 'benchmark'),
  };
}

async function schoolPeopleOf(db: Db, schoolId: number): Promise<PersonRef[]> {
  const rows = await listPeopleOfOrganisation(db, schoolId);
  const seen = new Map<number, PersonRef>();
  for (const r of rows) if (!r.person.disabled && (r.role.role === 'school_leader' || r.role.role === 'school_staff')) seen.set(r.person.id, { id: r.person.id, name: r.person.name });
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** What an engagement already has when it is changed: kept even if it would not be accepted anew. */
interface KeptOnEdit {
  schoolId: number;
  focus: readonly string[];
  coachIds: readonly number[];
  contactIds: readonly number[];
}

/**
 * Checks what the form's lists cannot guarantee: the school is the center's, the coaches its staff,
 * the contacts the school's people, the benchmarks the taxonomy's. Throws field errors (400).
 * On a change (`kept`), what the engagement already has stays acceptable: a coach who has since
 * left the center, a contact who left the school, a benchmark a later framework version dropped,
 * a school that moved to another center. Their history is about them, and the center must still
 * be able to close the case; only what is added must pass.
 */
async function checkEngagement(db: Db, center: Organisation, input: EngagementInput, kept?: KeptOnEdit): Promise<void> {
  const errors: FieldErrors = {};
  const school = await getOrganisationById(db, input.school_id);
  const schoolKept = kept?.schoolId === input.school_id;
  if (!school || school.kind !== 'school' || (school.center_id !== center.id && !schoolKept)) errors.school_id = ['coaching:errors.schoolNotOfCenter'];
  const added = (ids: number[], had: readonly number[] = []) => ids.filter((id) => !had.includes(id));
  const staff = new Set((await listCenterStaff(db, center.id)).map((s) => s.personId));
  if (added(input.coaches, kept?.coachIds).some((id) => !staff.has(id))) errors.coaches = ['coaching:errors.notStaff'];
  if (school && !errors.school_id) {
    const people = new Set((await schoolPeopleOf(db, school.id)).map((p) => p.id));
    if (added(input.contacts, kept?.contactIds).some((id) => !people.has(id))) errors.contacts = ['coaching:errors.notSchoolPerson'];
  }
  const benchmarks = new Set((await taxonomyTerms(db)).filter((t) => t.kind === 'benchmark').map((t) => t.tag));
  if (input.focus.some((tag) => !benchmarks.has(tag) && !kept?.focus.includes(tag))) errors.focus = ['validation:choice'];
  if (input.service_request_id !== undefined) {
    const request = await getServiceRequest(db, input.service_request_id).catch(() => undefined);
    if (!request || request.center_id !== center.id || request.school_id !== input.school_id) errors.school_id = [...(errors.school_id ?? []), 'coaching:errors.requestMismatch'];
  }
  if (Object.keys(errors).length) throw badRequest(errors);
}

const membersOf = (input: EngagementInput) => [
  ...[...new Set(input.coaches)].map((person_id) => ({ person_id, role: 'coach' as const })),
  ...[...new Set(input.contacts)].map((person_id) => ({ person_id, role: 'school_contact' as const })),
];

/** Opens an engagement with its members and focus, audited, in one transaction. */
export async function createEngagement(db: Db, actor: Actor, center: Organisation, input: EngagementInput): Promise<Engagement> {
  await checkEngagement(db, center, input);
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const row = await repo.insertEngagement(trx, {
      center_id: center.id,
      school_id: input.school_id,
      title: input.title,
      goals: input.goals ?? '',
      status: input.status,
      starts_on: input.starts_on,
      ends_on: input.ends_on ?? null,
      service_request_id: input.service_request_id ?? null,
      created_by: actor.personId,
      created_at: now,
      updated_at: now,
    });
    await repo.replaceMembers(trx, row.id, membersOf(input));
    await repo.replaceFocus(trx, row.id, [...new Set(input.focus)]);
    await recordAudit(trx, actor, { action: 'engagement.created', subjectType: 'engagement', subjectId: row.id, organisationId: center.id, changes: { school: [null, input.school_id], title: [null, input.title], status: [null, input.status] } });
    return row;
  });
}

/**
 * A change to an engagement: absent fields keep their value, `ends_on: null` clears the end, lists
 * (focus, coaches, contacts) are replaced whole. Values are checked as a new engagement's are.
 */
export interface EngagementPatch {
  school_id?: number;
  title?: string;
  goals?: string;
  status?: EngagementStatus;
  starts_on?: string;
  ends_on?: string | null;
  focus?: string[];
  coaches?: number[];
  contacts?: number[];
}

/** The engagement as it will be: the patch over what is saved now, checked by the form's schema (400 with field errors). */
function mergeEngagement(current: EngagementView, patch: EngagementPatch): EngagementInput {
  const merged = {
    school_id: patch.school_id ?? current.school_id,
    title: patch.title ?? current.title,
    goals: patch.goals ?? current.goals,
    status: patch.status ?? current.status,
    starts_on: patch.starts_on ?? current.starts_on,
    ends_on: (patch.ends_on === undefined ? current.ends_on : patch.ends_on) ?? undefined,
    focus: patch.focus ?? current.focus,
    coaches: patch.coaches ?? current.coaches.map((c) => c.id),
    contacts: patch.contacts ?? current.contacts.map((c) => c.id),
    // The request an engagement started from is part of its history: no change moves it.
    ...(current.service_request_id !== null && { service_request_id: current.service_request_id }),
  };
  const parsed = EngagementInput.safeParse(merged);
  if (!parsed.success) throw badRequest(fieldErrors(parsed.error));
  return parsed.data;
}

/**
 * Changes an engagement of this center, audited, in one transaction that first locks its row: a
 * concurrent change waits, then merges over this one's result (two people changing different
 * fields both keep their change). A form that showed every field sends the `updated_at` it was
 * drawn from (`seenUpdatedAt`): if someone saved since, nothing changes and the answer is 409.
 */
export async function updateEngagement(db: Db, actor: Actor, center: Organisation, id: number, patch: EngagementPatch, opts: { seenUpdatedAt?: string } = {}): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.lockEngagement(trx, id))) throw notFound();
    const before = await getEngagement(trx, center.id, id);
    if (opts.seenUpdatedAt !== undefined && opts.seenUpdatedAt !== before.updated_at) throw conflict('coaching:errors.engagementChanged');
    const input = mergeEngagement(before, patch);
    // An engagement's notes and next steps are about one school's people: moving it would show them
    // to another school. A new school means a new engagement.
    if (input.school_id !== before.school_id) throw badRequest({ school_id: ['coaching:errors.schoolFixed'] });
    await checkEngagement(trx, center, input, { schoolId: before.school_id, focus: before.focus, coachIds: before.coaches.map((c) => c.id), contactIds: before.contacts.map((c) => c.id) });
    const changes: Record<string, [unknown, unknown]> = {};
    const next = { school_id: input.school_id, title: input.title, goals: input.goals ?? '', status: input.status, starts_on: input.starts_on, ends_on: input.ends_on ?? null };
    for (const [k, v] of Object.entries(next)) if ((before as unknown as Record<string, unknown>)[k] !== v) changes[k] = [(before as unknown as Record<string, unknown>)[k], v];
    const focus = [...new Set(input.focus)].sort();
    if (focus.join() !== before.focus.join()) changes.focus = [before.focus, focus];
    const members = membersOf(input);
    changes.members = [[...before.coaches, ...before.contacts].map((p) => p.id), members.map((m) => m.person_id)];
    await repo.updateEngagement(trx, before.id, { ...next, updated_at: laterThan(before.updated_at) });
    await repo.replaceMembers(trx, before.id, members);
    await repo.replaceFocus(trx, before.id, focus);
    await recordAudit(trx, actor, { action: 'engagement.updated', subjectType: 'engagement', subjectId: before.id, organisationId: center.id, changes });
  });
}

export interface SessionView extends EngagementSession {
  steps: EngagementNextStep[];
}

/** The sessions and their next steps; the school sees only sessions marked shareable. */
export async function engagementLog(db: Db, engagementId: number, opts: { shareableOnly: boolean }): Promise<SessionView[]> {
  const sessions = await repo.findSessions(db, engagementId, opts);
  const steps = await repo.findNextSteps(db, [engagementId], { sessionIds: sessions.map((s) => s.id) });
  return sessions.map((s) => ({ ...s, shareable: bool(s.shareable), steps: steps.filter((x) => x.session_id === s.id) }));
}

function sessionDateErrors(input: SessionInput, now: Date): FieldErrors {
  return input.held_on > latestSessionDate(now) ? { held_on: ['coaching:errors.heldInFuture'] } : {};
}

/**
 * A step's owner chosen from the list must be a member of the engagement (or, for an existing
 * step, the owner it already has: someone who has since left the engagement keeps their steps).
 */
function stepOwnerErrors(members: Map<number, PersonRef>, rows: { prefix: string; index: number; step: NextStepInput; currentOwner?: number | null }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const r of rows) {
    if (r.step.owner !== undefined && !members.has(r.step.owner) && r.step.owner !== r.currentOwner) errors[`${r.prefix}${r.index}_owner`] = ['coaching:errors.ownerNotMember'];
  }
  return errors;
}

/** A step's row as stored: the owner's name comes from the engagement's members, or as typed. */
function stepRow(e: EngagementView, sessionId: number, s: NextStepInput, at: string, knownNames: Map<number, string>) {
  return {
    engagement_id: e.id,
    session_id: sessionId,
    description: s.description,
    owner_person_id: s.owner ?? null,
    owner_name: s.owner !== undefined ? (knownNames.get(s.owner) ?? '?') : s.owner_name!,
    due_on: s.due,
    done_at: null,
    reminded_at: null,
    created_at: at,
  };
}

/**
 * Logs a session with its next steps, in one transaction, audited. A step's owner chosen from the
 * list must be a member of the engagement; anyone else is named in the free-text field instead.
 */
export async function logSession(db: Db, actor: Actor, e: EngagementView, input: SessionInput, steps: NextStepInput[], now = new Date()): Promise<EngagementSession> {
  const members = new Map([...e.coaches, ...e.contacts].map((p) => [p.id, p]));
  const errors: FieldErrors = { ...sessionDateErrors(input, now), ...stepOwnerErrors(members, steps.map((step, i) => ({ prefix: 'step', index: i + 1, step }))) };
  if (Object.keys(errors).length) throw badRequest(errors);
  return db.transaction().execute(async (trx) => {
    const at = nowIso();
    const session = await repo.insertSession(trx, {
      engagement_id: e.id,
      held_on: input.held_on,
      minutes: input.minutes,
      modality: input.modality,
      participants: input.participants ?? '',
      notes: input.notes ?? '',
      shareable: input.shareable,
      logged_by: actor.personId,
      created_at: at,
      updated_at: at,
    });
    const names = new Map([...members].map(([id, p]) => [id, p.name]));
    await repo.insertNextSteps(trx, steps.map((s) => stepRow(e, session.id, s, at, names)));
    await recordAudit(trx, actor, { action: 'engagement_session.logged', subjectType: 'engagement_session', subjectId: session.id, organisationId: e.center_id, changes: { engagement: [null, e.id], minutes: [null, input.minutes], steps: [null, steps.length] } });
    return session;
  });
}

/** Marks a next step of this engagement done (once), audited. */
export async function completeNextStep(db: Db, actor: Actor, e: EngagementView, stepId: number): Promise<void> {
  const step = await repo.findNextStepById(db, stepId);
  if (!step || step.engagement_id !== e.id) throw notFound();
  await db.transaction().execute(async (trx) => {
    if ((await repo.markStepDone(trx, stepId, nowIso())) === 1) {
      await recordAudit(trx, actor, { action: 'engagement_next_step.done', subjectType: 'engagement_next_step', subjectId: stepId, organisationId: e.center_id });
    }
  });
}

/** A next step with its engagement (for the API, which names steps by id alone), or 404. */
export async function getNextStep(db: Db, id: number): Promise<{ step: EngagementNextStep; session: EngagementSession; engagement: EngagementView }> {
  const step = await repo.findNextStepById(db, id);
  const session = step && (await repo.findSessionById(db, step.session_id));
  const row = step && (await repo.findEngagementById(db, step.engagement_id));
  if (!step || !session || !row) throw notFound();
  return { step, session: { ...session, shareable: bool(session.shareable) }, engagement: (await withDetails(db, [row]))[0]! };
}

/** An engagement by id alone, with names (the API's routes name no center), or 404. */
export async function getEngagementById(db: Db, id: number): Promise<EngagementView> {
  const row = await repo.findEngagementById(db, id);
  if (!row) throw notFound();
  return (await withDetails(db, [row]))[0]!;
}

/** A change to an open next step, as the API sends it: absent fields keep their value. */
export interface NextStepPatch {
  description?: string;
  owner?: number | null;
  owner_name?: string;
  due?: string;
}

/**
 * The step as it will be, before the form's checks: a new `owner_name` alone, or `owner: null`,
 * hands the step to that name; otherwise the owner is the one sent or the one it has.
 */
export function mergeNextStep(old: EngagementNextStep, patch: NextStepPatch): { description: string; owner?: number; owner_name?: string; due: string } {
  const handedToName = patch.owner === null || (patch.owner === undefined && patch.owner_name !== undefined);
  const owner = handedToName ? undefined : (patch.owner ?? old.owner_person_id ?? undefined);
  const ownerName = owner === undefined ? (patch.owner_name ?? (old.owner_person_id === null ? old.owner_name : undefined)) : undefined;
  return { description: patch.description ?? old.description, owner, owner_name: ownerName, due: patch.due ?? old.due_on };
}

/** One session of this engagement with its next steps, or 404. */
export async function getSession(db: Db, e: EngagementView, sessionId: number): Promise<SessionView> {
  const row = await repo.findSessionById(db, sessionId);
  if (!row || row.engagement_id !== e.id) throw notFound();
  const steps = await repo.findNextSteps(db, [e.id], { sessionIds: [row.id] });
  return { ...row, shareable: bool(row.shareable), steps };
}

/** An `updated_at` later than `before`, even when the clock has not moved on since (the token must change with every save). */
function laterThan(before: string): string {
  const at = nowIso();
  return at > before ? at : new Date(Date.parse(before) + 1).toISOString();
}

/**
 * Saves an edit of a session: its fields, changes to its open next steps, and new next steps, in
 * one transaction, audited. The session changes only if nobody saved it since the form was drawn
 * (`updatedAt`), and each step only while it is open; otherwise nothing is saved and a 409 says
 * so (the form keeps what was typed). A step whose due date moves is reminded again when due.
 */
export async function editSession(db: Db, actor: Actor, e: EngagementView, before: SessionView, edit: SessionEdit, now = new Date()): Promise<void> {
  const members = new Map([...e.coaches, ...e.contacts].map((p) => [p.id, p]));
  const byId = new Map(before.steps.map((s) => [s.id, s]));
  for (const { id } of edit.steps) if (!byId.has(id) || byId.get(id)!.done_at) throw conflict('coaching:errors.stepChanged');
  const errors: FieldErrors = {
    ...sessionDateErrors(edit.session, now),
    ...stepOwnerErrors(members, edit.steps.map(({ id, step }) => ({ prefix: 'open', index: id, step, currentOwner: byId.get(id)!.owner_person_id }))),
    ...stepOwnerErrors(members, edit.added.map((step, i) => ({ prefix: 'step', index: i + 1, step }))),
  };
  if (Object.keys(errors).length) throw badRequest(errors);
  const names = new Map([...members].map(([id, p]) => [id, p.name]));
  for (const s of before.steps) if (s.owner_person_id !== null) names.set(s.owner_person_id, names.get(s.owner_person_id) ?? s.owner_name);
  const input = edit.session;
  const next = { held_on: input.held_on, minutes: input.minutes, modality: input.modality, participants: input.participants ?? '', notes: input.notes ?? '', shareable: input.shareable };
  // The notes are the center's own writing: the audit records that they changed, not what they say.
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(next)) {
    const was = (before as unknown as Record<string, unknown>)[k];
    if (was !== v) changes[k] = k === 'notes' ? ['(edited)', '(edited)'] : [was, v];
  }
  await db.transaction().execute(async (trx) => {
    const at = laterThan(before.updated_at);
    if ((await repo.updateSessionIfUnchanged(trx, before.id, edit.updatedAt, { ...next, updated_at: at })) !== 1) throw conflict('coaching:errors.sessionChanged');
    let editedSteps = 0;
    for (const { id, step } of edit.steps) {
      const old = byId.get(id)!;
      const row = { description: step.description, owner_person_id: step.owner ?? null, owner_name: step.owner !== undefined ? (names.get(step.owner) ?? '?') : step.owner_name!, due_on: step.due };
      if (row.description === old.description && row.owner_person_id === old.owner_person_id && row.owner_name === old.owner_name && row.due_on === old.due_on) continue;
      const moved = row.due_on !== old.due_on || row.owner_person_id !== old.owner_person_id;
      if ((await repo.updateOpenStep(trx, id, before.id, { ...row, ...(moved && { reminded_at: null }) })) !== 1) throw conflict('coaching:errors.stepChanged');
      editedSteps += 1;
    }
    await repo.insertNextSteps(trx, edit.added.map((s) => stepRow(e, before.id, s, at, names)));
    if (editedSteps) changes.steps_edited = [null, editedSteps];
    if (edit.added.length) changes.steps_added = [null, edit.added.length];
    await recordAudit(trx, actor, { action: 'engagement_session.updated', subjectType: 'engagement_session', subjectId: before.id, organisationId: e.center_id, changes });
  });
}

export interface CenterSummary {
  engagements: EngagementView[];
  bySchool: { school: string; engagements: number; minutes: number }[];
  byBenchmark: { tag: string; name: string; engagements: number; minutes: number }[];
}

/**
 * A director's view: every engagement, and hours logged by school and by focus benchmark. An
 * engagement focused on two benchmarks counts its minutes towards each, so the benchmark column
 * may add up to more than the total.
 */
export async function centerSummary(db: Db, centerId: number): Promise<CenterSummary> {
  const [engagements, minutes, terms] = await Promise.all([listEngagements(db, { centerId }), repo.minutesByEngagement(db, centerId), taxonomyTerms(db)]);
  const mins = new Map(minutes.map((m) => [m.engagement_id, Number(m.minutes ?? 0)]));
  const bySchool = new Map<string, { school: string; engagements: number; minutes: number }>();
  const byTag = new Map<string, { tag: string; name: string; engagements: number; minutes: number }>();
  for (const e of engagements) {
    const m = mins.get(e.id) ?? 0;
    const s = bySchool.get(e.school.name) ?? { school: e.school.name, engagements: 0, minutes: 0 };
    s.engagements += 1;
    s.minutes += m;
    bySchool.set(e.school.name, s);
    for (const tag of e.focus) {
      const b = byTag.get(tag) ?? { tag, name: terms.find((t) => t.tag === tag)?.name ?? tag, engagements: 0, minutes: 0 };
      b.engagements += 1;
      b.minutes += m;
      byTag.set(tag, b);
    }
  }
  return {
    engagements,
    bySchool: [...bySchool.values()].sort((a, b) => b.minutes - a.minutes || a.school.localeCompare(b.school)),
    byBenchmark: [...byTag.values()].sort((a, b) => b.minutes - a.minutes || a.name.localeCompare(b.name)),
  };
}

export interface Caseload {
  engagements: EngagementView[];
  steps: (EngagementNextStep & { engagement: EngagementView })[];
}

/**
 * A coach's active engagements (those they are a coach on, at centers where they still direct or
 * coach: membership outlives a removed role, the right to read the notes does not) and their open
 * next steps, soonest due first.
 */
export async function coachCaseload(db: Db, p: RoleHolder & { personId: number }): Promise<Caseload> {
  const ids = await repo.engagementIdsOfMember(db, p.personId, 'coach');
  const engagements = (await listEngagements(db, { ids, status: 'active' })).filter((e) => canManageEngagements(p, e.center_id));
  const byId = new Map(engagements.map((e) => [e.id, e]));
  const steps = await repo.findNextSteps(db, engagements.map((e) => e.id), { openOnly: true });
  return { engagements, steps: steps.map((s) => ({ ...s, engagement: byId.get(s.engagement_id)! })) };
}

/** A school's engagements (any status) with the sessions it may read: those marked shareable. */
export async function schoolEngagements(db: Db, schoolIds: number[]): Promise<{ engagement: EngagementView; sessions: SessionView[] }[]> {
  const engagements = await listEngagements(db, { schoolIds });
  return Promise.all(engagements.map(async (engagement) => ({ engagement, sessions: await engagementLog(db, engagement.id, { shareableOnly: true }) })));
}

export const statusOrder = (s: EngagementStatus): number => ['active', 'paused', 'closed'].indexOf(s);
