import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, EngagementRole, EngagementStatus, EngagementTable } from '../../db/schema.ts';

type Db = Kysely<Database>;

export interface EngagementFilters {
  centerId?: number;
  schoolIds?: number[];
  ids?: number[];
  status?: EngagementStatus;
}

/** Engagements matching the filters, active first then newest start. */
export function findEngagements(db: Db, f: EngagementFilters) {
  let q = db.selectFrom('engagements').selectAll();
  if (f.centerId !== undefined) q = q.where('center_id', '=', f.centerId);
  if (f.schoolIds) q = f.schoolIds.length ? q.where('school_id', 'in', f.schoolIds) : q.where('id', '<', 0);
  if (f.ids) q = f.ids.length ? q.where('id', 'in', f.ids) : q.where('id', '<', 0);
  if (f.status) q = q.where('status', '=', f.status);
  return q.orderBy('starts_on', 'desc').orderBy('id', 'desc').limit(500).execute();
}

export function findEngagementById(db: Db, id: number) {
  return db.selectFrom('engagements').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertEngagement(db: Db, row: Insertable<EngagementTable>) {
  return db.insertInto('engagements').values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * Takes the engagement's row lock for the rest of the transaction (a write that changes nothing):
 * a second change waits here and then reads the first one's result. False when there is no such row.
 */
export async function lockEngagement(db: Db, id: number): Promise<boolean> {
  const r = await db.updateTable('engagements').set((eb) => ({ updated_at: eb.ref('updated_at') })).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function updateEngagement(db: Db, id: number, changes: Updateable<EngagementTable>): Promise<void> {
  await db.updateTable('engagements').set(changes).where('id', '=', id).execute();
}

export function findMembers(db: Db, engagementIds: number[]) {
  if (engagementIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('engagement_members').selectAll().where('engagement_id', 'in', engagementIds).execute();
}

/** The engagements a person is a member of in a role. */
export async function engagementIdsOfMember(db: Db, personId: number, role: EngagementRole): Promise<number[]> {
  const rows = await db.selectFrom('engagement_members').select('engagement_id').where('person_id', '=', personId).where('role', '=', role).execute();
  return rows.map((r) => r.engagement_id);
}

export async function replaceMembers(db: Db, engagementId: number, members: { person_id: number; role: EngagementRole }[]): Promise<void> {
  await db.deleteFrom('engagement_members').where('engagement_id', '=', engagementId).execute();
  if (members.length) await db.insertInto('engagement_members').values(members.map((m) => ({ engagement_id: engagementId, ...m }))).execute();
}

export function findFocus(db: Db, engagementIds: number[]) {
  if (engagementIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('engagement_focus').selectAll().where('engagement_id', 'in', engagementIds).execute();
}

export async function replaceFocus(db: Db, engagementId: number, tags: string[]): Promise<void> {
  await db.deleteFrom('engagement_focus').where('engagement_id', '=', engagementId).execute();
  if (tags.length) await db.insertInto('engagement_focus').values(tags.map((tag) => ({ engagement_id: engagementId, tag }))).execute();
}

/** Sessions of an engagement, newest first; `shareableOnly` for the school's eyes. */
export function findSessions(db: Db, engagementId: number, opts: { shareableOnly?: boolean } = {}) {
  let q = db.selectFrom('engagement_sessions').selectAll().where('engagement_id', '=', engagementId);
  if (opts.shareableOnly) q = q.where('shareable', '=', true as never);
  return q.orderBy('held_on', 'desc').orderBy('id', 'desc').execute();
}

export function insertSession(db: Db, row: Insertable<Database['engagement_sessions']>) {
  return db.insertInto('engagement_sessions').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findSessionById(db: Db, id: number) {
  return db.selectFrom('engagement_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Changes a session only if nobody saved it since `seenUpdatedAt` (the edit form's token): rows
 * changed, 0 meaning a stale edit.
 */
export async function updateSessionIfUnchanged(db: Db, id: number, seenUpdatedAt: string, changes: Updateable<Database['engagement_sessions']>): Promise<number> {
  const r = await db.updateTable('engagement_sessions').set(changes).where('id', '=', id).where('updated_at', '=', seenUpdatedAt).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Changes an open step of a session (a done one is left alone): rows changed. */
export async function updateOpenStep(db: Db, id: number, sessionId: number, changes: Updateable<Database['engagement_next_steps']>): Promise<number> {
  const r = await db.updateTable('engagement_next_steps').set(changes).where('id', '=', id).where('session_id', '=', sessionId).where('done_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertNextSteps(db: Db, rows: Insertable<Database['engagement_next_steps']>[]): Promise<void> {
  if (rows.length) await db.insertInto('engagement_next_steps').values(rows).execute();
}

export function findNextSteps(db: Db, engagementIds: number[], opts: { openOnly?: boolean; sessionIds?: number[] } = {}) {
  if (engagementIds.length === 0) return Promise.resolve([]);
  let q = db.selectFrom('engagement_next_steps').selectAll().where('engagement_id', 'in', engagementIds);
  if (opts.openOnly) q = q.where('done_at', 'is', null);
  if (opts.sessionIds) q = opts.sessionIds.length ? q.where('session_id', 'in', opts.sessionIds) : q.where('id', '<', 0);
  return q.orderBy('due_on', 'asc').orderBy('id', 'asc').execute();
}

export function findNextStepById(db: Db, id: number) {
  return db.selectFrom('engagement_next_steps').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks a step done unless it already is (guarded): rows changed. */
export async function markStepDone(db: Db, id: number, now: string): Promise<number> {
  const r = await db.updateTable('engagement_next_steps').set({ done_at: now }).where('id', '=', id).where('done_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Open steps with an owner who has an account, due on or before `today`, not yet reminded, a page
 * at a time after `afterId`. A step of a session kept private to the center is only for an owner
 * who coaches the engagement: a school contact never owns one as far as reminders go (the caller
 * still checks the owner's current roles).
 */
export function findStepsToRemind(db: Db, today: string, afterId = 0, limit = 500) {
  return db
    .selectFrom('engagement_next_steps')
    .innerJoin('engagements', 'engagements.id', 'engagement_next_steps.engagement_id')
    .innerJoin('engagement_sessions', 'engagement_sessions.id', 'engagement_next_steps.session_id')
    .selectAll('engagement_next_steps')
    .select(['engagements.title as engagement_title', 'engagements.center_id', 'engagements.school_id', 'engagement_sessions.shareable'])
    .where('engagement_next_steps.done_at', 'is', null)
    .where('engagement_next_steps.reminded_at', 'is', null)
    .where('engagement_next_steps.owner_person_id', 'is not', null)
    .where('engagement_next_steps.due_on', '<=', today)
    .where('engagement_next_steps.id', '>', afterId)
    .where((eb) =>
      eb.or([
        eb('engagement_sessions.shareable', '=', true as never),
        eb.exists(
          eb
            .selectFrom('engagement_members')
            .select('engagement_members.person_id')
            .whereRef('engagement_members.engagement_id', '=', 'engagement_next_steps.engagement_id')
            .whereRef('engagement_members.person_id', '=', 'engagement_next_steps.owner_person_id')
            .where('engagement_members.role', '=', 'coach'),
        ),
      ]),
    )
    .orderBy('engagement_next_steps.id')
    .limit(limit)
    .execute();
}

/** Claims a step's reminder (guarded: only one process gets 1). */
export async function claimReminder(db: Db, id: number, now: string): Promise<number> {
  const r = await db.updateTable('engagement_next_steps').set({ reminded_at: now }).where('id', '=', id).where('reminded_at', 'is', null).where('done_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Minutes logged per engagement of a center. */
export function minutesByEngagement(db: Db, centerId: number) {
  return db
    .selectFrom('engagement_sessions')
    .innerJoin('engagements', 'engagements.id', 'engagement_sessions.engagement_id')
    .select(['engagements.id as engagement_id', 'engagements.school_id', (eb) => eb.fn.sum<number | string>('engagement_sessions.minutes').as('minutes')])
    .where('engagements.center_id', '=', centerId)
    .groupBy(['engagements.id', 'engagements.school_id'])
    .execute();
}
