import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database, ProposalReview, SessionProposal } from '../../db/schema.ts';
import { isUniqueViolation, nowIso } from '../../db/dialect.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { enqueueEmail } from '../../platform/mail/mail-jobs.ts';
import { siteUrl } from '../../platform/site-url.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { getPeopleByIds, getPersonByEmail, getPersonById } from '../people/people.service.ts';
import { proposalDecidedEmail, proposalReceivedEmail } from './agenda-emails.ts';
import type { DecisionInput, ProposalInput, ReviewInput } from './agenda.schemas.ts';
import { insertSessionWithDetails, sessionSpan } from './agenda.service.ts';
import { assertKnownTags, isWellFormedTag } from './event-tags.ts';
import * as repo from './proposals.repository.ts';

type Db = Kysely<Database>;

export type ProposalWindow = 'none' | 'notYetOpen' | 'open' | 'closed';

/** Where the call stands now: not taken at all, not yet open, open, or closed (a cancelled event's call is closed). */
export function proposalWindow(event: CoalitionEvent, now = nowIso()): ProposalWindow {
  if (!event.proposals_open_at || !event.proposals_close_at) return 'none';
  if (event.status === 'cancelled' || now >= event.proposals_close_at) return 'closed';
  return now < event.proposals_open_at ? 'notYetOpen' : 'open';
}

function assertOpen(event: CoalitionEvent): void {
  const w = proposalWindow(event);
  if (w === 'none') throw notFound();
  if (w !== 'open') throw conflict(`agenda:proposals.window.${w}`);
}

/**
 * A proposal's stored tags as a list. Every well-formed one is kept, even if its benchmark has
 * since left the framework: it was valid when proposed, and the review page still names it.
 */
export const splitTags = (tags: string): string[] => tags.split(',').map((t) => t.trim()).filter(isWellFormedTag);
export const myProposals = repo.findProposalsOfSubmitter;

const columnsOf = (input: ProposalInput) => ({ title: input.title, abstract: input.abstract, format: input.format, presenters: input.presenters ?? '', tags: [...new Set(input.tags)].join(','), duration_minutes: input.duration_minutes });

/**
 * Records a proposal and acknowledges it by email, in one transaction. The form's one-time key
 * makes a double submit (or two tabs) yield the first proposal, never a second.
 */
export async function submitProposal(db: Db, actor: Actor, event: CoalitionEvent, personId: number, input: ProposalInput): Promise<{ proposal: SessionProposal; created: boolean }> {
  const key = input.submission_key ?? randomUUID();
  const earlier = async () => {
    const found = await repo.findProposalByKey(db, key);
    // A key belongs to whoever used it first; someone else's key is not a way to read their proposal.
    if (!found || found.submitter_person_id !== personId || found.event_id !== event.id) throw conflict('agenda:proposals.keyTaken');
    return { proposal: found, created: false };
  };
  if (await repo.findProposalByKey(db, key)) return earlier();
  await assertKnownTags(db, input.tags);
  assertOpen(event);
  const person = await getPersonById(db, personId);
  if (!person) throw notFound();
  try {
    const proposal = await db.transaction().execute(async (trx) => {
      const now = nowIso();
      const row = await repo.insertProposal(trx, { ...columnsOf(input), event_id: event.id, submitter_person_id: personId, status: 'submitted', decision_message: null, decided_by: null, decided_at: null, session_id: null, submission_key: key, created_at: now, updated_at: now });
      await recordAudit(trx, actor, { action: 'session_proposal.submitted', subjectType: 'session_proposal', subjectId: row.id, organisationId: event.organiser_id, changes: { event: [null, event.id], title: [null, row.title] } });
      await enqueueEmail(trx, proposalReceivedEmail(person, { event: event.title, title: row.title, link: siteUrl(`/events/${event.slug}/proposals`) }));
      return row;
    });
    return { proposal, created: true };
  } catch (err) {
    if (isUniqueViolation(err)) return earlier();
    throw err;
  }
}

/** The submitter's own undecided proposal, while the call is open; anyone else's is 404. */
async function ownUndecided(db: Db, event: CoalitionEvent, personId: number, id: number): Promise<SessionProposal> {
  const p = await repo.findProposal(db, event.id, id);
  if (!p || p.submitter_person_id !== personId) throw notFound();
  assertOpen(event);
  if (p.status !== 'submitted') throw conflict('agenda:proposals.alreadyDecided');
  return p;
}

export async function getOwnProposal(db: Db, event: CoalitionEvent, personId: number, id: number): Promise<SessionProposal> {
  return ownUndecided(db, event, personId, id);
}

/** Edits an undecided proposal while the call is open (a decision made meanwhile wins: 409). */
export async function editProposal(db: Db, actor: Actor, event: CoalitionEvent, personId: number, id: number, input: ProposalInput): Promise<void> {
  const before = await ownUndecided(db, event, personId, id);
  await assertKnownTags(db, input.tags, { kept: splitTags(before.tags) });
  await db.transaction().execute(async (trx) => {
    if (!(await repo.updateUndecided(trx, id, { ...columnsOf(input), updated_at: nowIso() }))) throw conflict('agenda:proposals.alreadyDecided');
    await recordAudit(trx, actor, { action: 'session_proposal.edited', subjectType: 'session_proposal', subjectId: id, organisationId: event.organiser_id });
  });
}

export async function withdrawProposal(db: Db, actor: Actor, event: CoalitionEvent, personId: number, id: number): Promise<void> {
  await ownUndecided(db, event, personId, id);
  await db.transaction().execute(async (trx) => {
    if (!(await repo.updateUndecided(trx, id, { status: 'withdrawn', updated_at: nowIso() }))) throw conflict('agenda:proposals.alreadyDecided');
    await recordAudit(trx, actor, { action: 'session_proposal.withdrawn', subjectType: 'session_proposal', subjectId: id, organisationId: event.organiser_id });
  });
}

// Review.

export type ReviewRow = Awaited<ReturnType<typeof repo.findProposalsWithScores>>[number] & { submitter_name: string; mean: number | null; reviews: number };

/** People's names by id, asked of the people service in one query. */
async function namesOf(db: Db, ids: number[]): Promise<Map<number, string>> {
  return new Map((await getPeopleByIds(db, ids)).map((p) => [p.id, p.name]));
}

/** The event's proposals for the review list, with submitter, mean score and count, best first (or newest). */
export async function proposalsForReview(db: Db, eventId: number, sort: 'score' | 'newest'): Promise<ReviewRow[]> {
  const found = await repo.findProposalsWithScores(db, eventId);
  const names = await namesOf(db, found.map((r) => r.submitter_person_id));
  const rows = found.map((r) => ({ ...r, submitter_name: names.get(r.submitter_person_id) ?? '', mean: r.mean_score === null ? null : Number(r.mean_score), reviews: Number(r.review_count) }));
  if (sort === 'score') rows.sort((a, b) => (b.mean ?? -1) - (a.mean ?? -1) || b.reviews - a.reviews || a.id - b.id);
  return rows;
}

export async function getProposal(db: Db, eventId: number, id: number): Promise<SessionProposal> {
  const p = await repo.findProposal(db, eventId, id);
  if (!p || p.status === 'withdrawn') throw notFound();
  return p;
}

/** A proposal's reviews, oldest first, with each reviewer's name. */
export async function reviewsOf(db: Db, proposalId: number): Promise<(ProposalReview & { reviewer_name: string })[]> {
  const reviews = await repo.findReviews(db, proposalId);
  const names = await namesOf(db, reviews.map((r) => r.reviewer_person_id));
  return reviews.map((r) => ({ ...r, reviewer_name: names.get(r.reviewer_person_id) ?? '' }));
}

export const reviewsBy = repo.findReviewsBy;

/** The event's reviewers (id, name, email), by name. */
export async function reviewersOf(db: Db, eventId: number): Promise<{ id: number; name: string; email: string }[]> {
  const people = await getPeopleByIds(db, await repo.findReviewerIds(db, eventId));
  return people.map((p) => ({ id: p.id, name: p.name, email: p.email })).sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
}
export const isReviewer = repo.isReviewer;

/**
 * A reviewer's score (one each, a second save replaces the first). Nobody reviews their own
 * proposal, and only an undecided one: the check and the write share a transaction holding the
 * proposal's row, so a decision made meanwhile waits for it or wins outright (409).
 */
export async function saveReview(db: Db, eventId: number, proposalId: number, personId: number, input: ReviewInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const p = await repo.findProposalForUpdate(trx, eventId, proposalId);
    if (!p || p.status === 'withdrawn') throw notFound();
    if (p.submitter_person_id === personId) throw conflict('agenda:review.ownProposal');
    if (p.status !== 'submitted') throw conflict('agenda:proposals.alreadyDecided');
    await repo.upsertReview(trx, proposalId, personId, input.score, input.comment ?? '', nowIso());
  });
}

export async function addReviewer(db: Db, actor: Actor, event: CoalitionEvent, email: string): Promise<void> {
  const person = await getPersonByEmail(db, email);
  if (!person || person.disabled_at) throw badRequest({ email: ['agenda:errors.unknownPerson'] });
  await db.transaction().execute(async (trx) => {
    if (!(await repo.insertReviewer(trx, event.id, person.id, nowIso()))) return;
    await recordAudit(trx, actor, { action: 'event_reviewer.added', subjectType: 'event', subjectId: event.id, organisationId: event.organiser_id, changes: { reviewer: [null, person.id] } });
  });
}

export async function removeReviewer(db: Db, actor: Actor, event: CoalitionEvent, personId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if ((await repo.deleteReviewer(trx, event.id, personId)) === 0) return;
    await recordAudit(trx, actor, { action: 'event_reviewer.removed', subjectType: 'event', subjectId: event.id, organisationId: event.organiser_id, changes: { reviewer: [personId, null] } });
  });
}

/** Co-presenters as typed ("Name, school" per line) → guest presenters. */
const guestPresenters = (text: string) =>
  text.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 20).map((line) => {
    const [name, ...rest] = line.split(',');
    return { person_id: null, name: name!.trim().slice(0, 200), affiliation: rest.join(',').trim().slice(0, 200) || null };
  });

/**
 * Accepts (creating its session, with the submitter and co-presenters and the proposal's tags, in the
 * slot the organiser chose) or declines a proposal, and emails the submitter in their language.
 * Guarded: only an undecided proposal is decided, so a second click or a colleague deciding at the
 * same moment gets 409 and makes no second session. The session is built from the row the guarded
 * update returns, so a submitter's edit saved just before the decision is what goes on the agenda.
 */
export async function decideProposal(db: Db, actor: Actor, event: CoalitionEvent, id: number, input: DecisionInput): Promise<SessionProposal> {
  const found = await getProposal(db, event.id, id);
  if (found.status !== 'submitted') throw conflict('agenda:proposals.alreadyDecided');
  const submitter = await getPersonById(db, found.submitter_person_id);
  if (!submitter) throw notFound();
  if (input.decision === 'accept' && (!input.day || !input.start_time)) throw badRequest({ [input.day ? 'start_time' : 'day']: ['agenda:errors.slotRequired'] });
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const status = input.decision === 'accept' ? 'accepted' : 'declined';
    const p = await repo.updateUndecided(trx, id, { status, decision_message: input.message ?? null, decided_by: actor.personId, decided_at: now, updated_at: now });
    if (!p) throw conflict('agenda:proposals.alreadyDecided');
    let sessionId: number | null = null;
    if (status === 'accepted') {
      // Refused here (and rolled back with the decision) if the slot runs past midnight or the event's end.
      const span = sessionSpan(event, { day: input.day!, start_time: input.start_time!, duration_minutes: p.duration_minutes });
      const presenters = [{ person_id: submitter.id, name: submitter.name, affiliation: null }, ...guestPresenters(p.presenters)];
      const session = await insertSessionWithDetails(trx, actor, event, { title: p.title, description: p.abstract, ...span, room: input.room || null, capacity: null, presenters, tags: splitTags(p.tags), proposal_id: p.id });
      sessionId = session.id;
      await repo.linkSession(trx, p.id, session.id);
    }
    await recordAudit(trx, actor, { action: `session_proposal.${status}`, subjectType: 'session_proposal', subjectId: id, organisationId: event.organiser_id, changes: { status: ['submitted', status], session: [null, sessionId] } });
    await enqueueEmail(trx, proposalDecidedEmail(submitter, status, { event: event.title, title: p.title, message: input.message ?? null, link: siteUrl(`/events/${event.slug}/${status === 'accepted' ? 'my-agenda' : 'proposals'}`) }));
    return { ...p, session_id: sessionId };
  });
}
