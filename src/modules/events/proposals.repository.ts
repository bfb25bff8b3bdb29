import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, ProposalReview, SessionProposal, SessionProposalTable } from '../../db/schema.ts';
import { isPostgres } from '../../db/dialect.ts';

type Db = Kysely<Database>;

// The call for proposals: proposals, their reviews, and each event's reviewers. Only events tables:
// names and emails of the people involved come from the people service (proposals.service.ts).

export function findProposal(db: Db, eventId: number, id: number): Promise<SessionProposal | undefined> {
  return db.selectFrom('session_proposals').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}

export function findProposalByKey(db: Db, key: string): Promise<SessionProposal | undefined> {
  return db.selectFrom('session_proposals').selectAll().where('submission_key', '=', key).executeTakeFirst();
}

export function findProposalsOfSubmitter(db: Db, eventId: number, personId: number): Promise<SessionProposal[]> {
  return db.selectFrom('session_proposals').selectAll().where('event_id', '=', eventId).where('submitter_person_id', '=', personId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

/** The event's proposals (withdrawn ones left out: nobody need review them), with their mean score and review count. */
export function findProposalsWithScores(db: Db, eventId: number) {
  return db
    .selectFrom('session_proposals')
    .leftJoin('proposal_reviews', 'proposal_reviews.proposal_id', 'session_proposals.id')
    .selectAll('session_proposals')
    .select((eb) => [
      eb.fn.avg<number | string | null>('proposal_reviews.score').as('mean_score'),
      eb.fn.count<number | string>('proposal_reviews.id').as('review_count'),
    ])
    .where('session_proposals.event_id', '=', eventId)
    .where('session_proposals.status', '!=', 'withdrawn')
    .groupBy('session_proposals.id')
    .orderBy('session_proposals.created_at', 'desc')
    .execute();
}

export function insertProposal(db: Db, row: Insertable<SessionProposalTable>): Promise<SessionProposal> {
  return db.insertInto('session_proposals').values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * Changes a proposal only while it is still undecided ('submitted'). Returns the row as changed, so
 * callers act on what is stored now (not on a copy read earlier); undefined when someone decided first.
 */
export function updateUndecided(db: Db, id: number, changes: Updateable<SessionProposalTable>): Promise<SessionProposal | undefined> {
  return db.updateTable('session_proposals').set(changes).where('id', '=', id).where('status', '=', 'submitted').returningAll().executeTakeFirst();
}

/** The proposal, row-locked for the rest of the transaction on PostgreSQL (SQLite runs one write transaction at a time). */
export function findProposalForUpdate(db: Db, eventId: number, id: number): Promise<SessionProposal | undefined> {
  const q = db.selectFrom('session_proposals').selectAll().where('event_id', '=', eventId).where('id', '=', id);
  return (isPostgres(db) ? q.forUpdate() : q).executeTakeFirst();
}

export async function linkSession(db: Db, id: number, sessionId: number): Promise<void> {
  await db.updateTable('session_proposals').set({ session_id: sessionId }).where('id', '=', id).execute();
}

export function findReviews(db: Db, proposalId: number): Promise<ProposalReview[]> {
  return db.selectFrom('proposal_reviews').selectAll().where('proposal_id', '=', proposalId).orderBy('created_at').orderBy('id').execute();
}

/** This reviewer's reviews of the event's proposals, by proposal id. */
export async function findReviewsBy(db: Db, eventId: number, personId: number): Promise<Map<number, ProposalReview>> {
  const rows = await db
    .selectFrom('proposal_reviews')
    .innerJoin('session_proposals', 'session_proposals.id', 'proposal_reviews.proposal_id')
    .selectAll('proposal_reviews')
    .where('session_proposals.event_id', '=', eventId)
    .where('proposal_reviews.reviewer_person_id', '=', personId)
    .execute();
  return new Map(rows.map((r) => [r.proposal_id, r]));
}

/** One review per reviewer and proposal: a second save updates the first (the unique constraint makes a race harmless). */
export async function upsertReview(db: Db, proposalId: number, personId: number, score: number, comment: string, now: string): Promise<void> {
  await db
    .insertInto('proposal_reviews')
    .values({ proposal_id: proposalId, reviewer_person_id: personId, score, comment, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['proposal_id', 'reviewer_person_id']).doUpdateSet({ score, comment, updated_at: now }))
    .execute();
}

/** The ids of the event's reviewers. */
export async function findReviewerIds(db: Db, eventId: number): Promise<number[]> {
  const rows = await db.selectFrom('event_reviewers').select('person_id').where('event_id', '=', eventId).execute();
  return rows.map((r) => r.person_id);
}

export async function isReviewer(db: Db, eventId: number, personId: number): Promise<boolean> {
  return !!(await db.selectFrom('event_reviewers').select('person_id').where('event_id', '=', eventId).where('person_id', '=', personId).executeTakeFirst());
}

export async function insertReviewer(db: Db, eventId: number, personId: number, now: string): Promise<boolean> {
  const r = await db.insertInto('event_reviewers').values({ event_id: eventId, person_id: personId, created_at: now }).onConflict((oc) => oc.columns(['event_id', 'person_id']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteReviewer(db: Db, eventId: number, personId: number): Promise<number> {
  const r = await db.deleteFrom('event_reviewers').where('event_id', '=', eventId).where('person_id', '=', personId).executeTakeFirst();
  return Number(r.numDeletedRows);
}
