import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database, EventSession, SessionPresenter } from '../../db/schema.ts';
import { isUniqueViolation, nowIso } from '../../db/dialect.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { getPersonByEmail, getPersonById } from '../people/people.service.ts';
import { eventDays, existingLocalToUtc, overlaps, utcToLocal } from './agenda-time.ts';
import * as repo from './agenda.repository.ts';
import { assertKnownTags } from './event-tags.ts';
import type { SessionInput } from './agenda.schemas.ts';

type Db = Kysely<Database>;

/** A session with what every agenda page shows. */
export interface AgendaSession extends EventSession {
  presenters: SessionPresenter[];
  tags: string[];
}

export interface PresenterDraft {
  person_id: number | null;
  name: string;
  affiliation: string | null;
}

/** Every session of the event (scheduled and cancelled), in time order, with presenters and tags. */
export async function loadSessions(db: Db, eventId: number): Promise<AgendaSession[]> {
  const rows = await repo.findSessionsOfEvent(db, eventId);
  const ids = rows.map((r) => r.id);
  const [presenters, tags] = await Promise.all([repo.findPresenters(db, ids), repo.findTags(db, ids)]);
  return rows.map((r) => ({ ...r, presenters: presenters.get(r.id) ?? [], tags: tags.get(r.id) ?? [] }));
}

export async function getSession(db: Db, eventId: number, id: number): Promise<AgendaSession> {
  const row = await repo.findSession(db, eventId, id);
  if (!row) throw notFound();
  const [presenters, tags] = await Promise.all([repo.findPresenters(db, [id]), repo.findTags(db, [id])]);
  return { ...row, presenters: presenters.get(id) ?? [], tags: tags.get(id) ?? [] };
}

/** Sessions with every one of `tags` (a narrowing filter: "mathematics" and "high school"). */
export const withAllTags = (sessions: AgendaSession[], tags: string[]): AgendaSession[] => sessions.filter((s) => tags.every((t) => s.tags.includes(t)));

/**
 * Reads the presenters field: one per line, either the email of someone on the platform (linked to
 * their person, so they see the session on their agenda) or "Name, affiliation" for a guest.
 */
export async function parsePresenters(db: Db, text: string | undefined): Promise<PresenterDraft[]> {
  const out: PresenterDraft[] = [];
  for (const line of (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean)) {
    if (/^[^\s,@]+@[^\s,@]+\.[^\s,@]+$/.test(line)) {
      const person = await getPersonByEmail(db, line);
      if (!person || person.disabled_at) throw badRequest({ presenters: ['agenda:errors.unknownPresenter'] });
      out.push({ person_id: person.id, name: person.name, affiliation: null });
    } else {
      const [name, ...rest] = line.split(',');
      out.push({ person_id: null, name: name!.trim().slice(0, 200), affiliation: rest.join(',').trim().slice(0, 200) || null });
    }
  }
  return out;
}

/** The presenters as the form shows them: emails for people on the platform, "Name, affiliation" for guests. */
export async function presentersText(db: Db, presenters: SessionPresenter[]): Promise<string> {
  const lines = [];
  for (const p of presenters) {
    const person = p.person_id ? await getPersonById(db, p.person_id) : undefined;
    lines.push(person ? person.email : p.affiliation ? `${p.name}, ${p.affiliation}` : p.name);
  }
  return lines.join('\n');
}

/** The edit form's values for a session (local day and times in the event's zone). */
export async function sessionFormValues(db: Db, event: CoalitionEvent, s: AgendaSession): Promise<Record<string, unknown>> {
  const start = utcToLocal(s.starts_at, event.timezone);
  return { title: s.title, description: s.description, day: start.day, start_time: start.time, end_time: utcToLocal(s.ends_at, event.timezone).time, room: s.room ?? '', capacity: s.capacity ?? '', presenters: await presentersText(db, s.presenters), tags: s.tags };
}

/**
 * Refuses a session in a room already taken at that time. A refusal rather than a warning: two
 * sessions in one room is a mistake far more often than a plan, and the message names the other
 * session so the organiser can move one of them.
 */
export async function assertRoomFree(db: Db, eventId: number, room: string | null, startsAt: string, endsAt: string, exceptId: number | null): Promise<void> {
  if (!room) return;
  const clash = (await repo.findRoomClashes(db, eventId, room, startsAt, endsAt, exceptId))[0];
  if (clash) throw new AppError(400, 'room_taken', 'agenda:errors.roomClash', { fields: { room: ['agenda:errors.roomTaken'] }, params: { title: clash.title, room: clash.room } });
}

/** A session's local day and start, with either its end (the organisers' form) or its length (an accepted proposal). */
export type SpanInput = { day: string; start_time: string } & ({ end_time: string } | { duration_minutes: number });

/**
 * The UTC span of a session entered in local time: the one rule for the session form and for
 * accepting a proposal, so whatever a decision places can be saved again from the form. Refused
 * (field errors) when the day is not one of the event's, a time does not exist that day (clocks
 * going forward), the session ends on a later day than it starts, or, on the last day, after the
 * event itself ends. Errors about the end go on `end_time` when it was typed, else on `start_time`.
 */
export function sessionSpan(event: CoalitionEvent, input: SpanInput): { starts_at: string; ends_at: string } {
  const days = eventDays(event);
  if (!days.includes(input.day)) throw badRequest({ day: ['agenda:errors.outsideEvent'] });
  const starts_at = existingLocalToUtc(input.day, input.start_time, event.timezone);
  if (!starts_at) throw badRequest({ start_time: ['agenda:errors.noSuchTime'] });
  const endField = 'end_time' in input ? 'end_time' : 'start_time';
  let ends_at: string;
  if ('end_time' in input) {
    const typed = existingLocalToUtc(input.day, input.end_time, event.timezone);
    if (!typed) throw badRequest({ end_time: ['agenda:errors.noSuchTime'] });
    ends_at = typed;
  } else {
    ends_at = new Date(Date.parse(starts_at) + input.duration_minutes * 60_000).toISOString();
  }
  if (ends_at <= starts_at) throw badRequest({ [endField]: ['agenda:errors.endBeforeStart'] });
  // Ending at or after midnight cannot be shown (or re-saved) as a time on the session's day.
  if (utcToLocal(ends_at, event.timezone).day !== input.day) throw badRequest({ [endField]: ['agenda:errors.pastMidnight'] });
  if (input.day === days[days.length - 1] && ends_at > event.ends_at) throw badRequest({ [endField]: ['agenda:errors.afterEventEnd'] });
  return { starts_at, ends_at };
}

export interface NewSession {
  title: string;
  description: string;
  starts_at: string;
  ends_at: string;
  room: string | null;
  capacity: number | null;
  presenters: PresenterDraft[];
  tags: string[];
  proposal_id: number | null;
  /** The new-session form's one-time key (none when a decision or the demo makes the session). */
  submission_key?: string | null;
}

/** Inserts a session with its presenters and tags inside the caller's transaction (also used when a proposal is accepted). */
export async function insertSessionWithDetails(trx: Db, actor: Actor, event: CoalitionEvent, s: NewSession): Promise<EventSession> {
  await repo.lockEvent(trx, event.id);
  await assertRoomFree(trx, event.id, s.room, s.starts_at, s.ends_at, null);
  const now = nowIso();
  const { presenters, tags, ...columns } = s;
  const row = await repo.insertSession(trx, { ...columns, event_id: event.id, uid: `${randomUUID()}@session.coalition-hub`, sequence: 0, status: 'scheduled', created_at: now, updated_at: now });
  await repo.replacePresenters(trx, row.id, presenters);
  await repo.replaceTags(trx, row.id, tags);
  await recordAudit(trx, actor, { action: 'event_session.created', subjectType: 'event_session', subjectId: row.id, organisationId: event.organiser_id, changes: { event: [null, event.id], title: [null, s.title], starts_at: [null, s.starts_at], room: [null, s.room] } });
  return row;
}

/**
 * Creates (sessionId null) or edits a session from the organisers' form. A new session's form key
 * makes a double submit (or a second tab) answer with the session the first one made.
 */
export async function saveSession(db: Db, actor: Actor, event: CoalitionEvent, sessionId: number | null, input: SessionInput): Promise<number> {
  const span = sessionSpan(event, input);
  // A tag the session already carries may stay even if its benchmark has left the framework.
  const kept = sessionId === null ? [] : ((await repo.findTags(db, [sessionId])).get(sessionId) ?? []);
  await assertKnownTags(db, input.tags, { kept });
  const presenters = await parsePresenters(db, input.presenters);
  const fieldsOf = { title: input.title, description: input.description ?? '', ...span, room: input.room || null, capacity: input.capacity ?? null };
  const key = sessionId === null ? (input.submission_key ?? null) : null;
  const earlier = async (reader: Db): Promise<number | null> => {
    const found = key ? await repo.findSessionByKey(reader, key) : undefined;
    if (found && found.event_id !== event.id) throw conflict('agenda:proposals.keyTaken');
    return found?.id ?? null;
  };
  try {
    return await db.transaction().execute(async (trx) => {
      // The lock comes before both checks (the form key, the room), so concurrent saves queue here.
      await repo.lockEvent(trx, event.id);
      if (sessionId === null) {
        const done = await earlier(trx);
        if (done !== null) return done;
        return (await insertSessionWithDetails(trx, actor, event, { ...fieldsOf, presenters, tags: input.tags, proposal_id: null, submission_key: key })).id;
      }
      const before = await repo.findSession(trx, event.id, sessionId);
      if (!before) throw notFound();
      await assertRoomFree(trx, event.id, fieldsOf.room, span.starts_at, span.ends_at, sessionId);
      await repo.updateSession(trx, sessionId, { ...fieldsOf, updated_at: nowIso() });
      await repo.replacePresenters(trx, sessionId, presenters);
      await repo.replaceTags(trx, sessionId, input.tags);
      await recordAudit(trx, actor, { action: 'event_session.updated', subjectType: 'event_session', subjectId: sessionId, organisationId: event.organiser_id, changes: { title: [before.title, input.title], starts_at: [before.starts_at, span.starts_at], room: [before.room, fieldsOf.room] } });
      return sessionId;
    });
  } catch (err) {
    // Only reachable if some other writer used the key without the lock; the first session stands.
    const done = isUniqueViolation(err) ? await earlier(db) : null;
    if (done !== null) return done;
    throw err;
  }
}

/** Cancels a session (kept on the agenda, struck through, and in feeds as STATUS:CANCELLED) or puts it back. */
export async function setSessionCancelled(db: Db, actor: Actor, event: CoalitionEvent, sessionId: number, cancelled: boolean): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await repo.lockEvent(trx, event.id);
    const s = await repo.findSession(trx, event.id, sessionId);
    if (!s) throw notFound();
    const status = cancelled ? 'cancelled' : 'scheduled';
    if (s.status === status) return;
    if (!cancelled) await assertRoomFree(trx, event.id, s.room, s.starts_at, s.ends_at, s.id);
    await repo.updateSession(trx, sessionId, { status, updated_at: nowIso() });
    await recordAudit(trx, actor, { action: cancelled ? 'event_session.cancelled' : 'event_session.restored', subjectType: 'event_session', subjectId: sessionId, organisationId: event.organiser_id, changes: { status: [s.status, status] } });
  });
}

/** Stars a session into the person's agenda (idempotent). Only sessions of an event they can see. */
export async function starSession(db: Db, eventId: number, sessionId: number, personId: number): Promise<void> {
  if (!(await repo.findSession(db, eventId, sessionId))) throw notFound();
  await repo.insertStar(db, sessionId, personId, nowIso());
}

export async function unstarSession(db: Db, eventId: number, sessionId: number, personId: number): Promise<void> {
  if (!(await repo.findSession(db, eventId, sessionId))) throw notFound();
  await repo.deleteStar(db, sessionId, personId);
}

export const starredIds = repo.findStarredIds;
export const starCounts = repo.countStars;

/** One person's agenda at an event: what they starred (with clashes) and what they present. */
export async function personalAgenda(db: Db, eventId: number, personId: number): Promise<{ starred: AgendaSession[]; presenting: AgendaSession[]; clashes: Map<number, AgendaSession[]> }> {
  const [all, starredSet, presentedSet] = await Promise.all([loadSessions(db, eventId), repo.findStarredIds(db, eventId, personId), repo.findPresentedIds(db, eventId, personId)]);
  const starred = all.filter((s) => starredSet.has(s.id));
  const live = starred.filter((s) => s.status === 'scheduled');
  const clashes = new Map<number, AgendaSession[]>();
  for (const s of live) {
    const others = live.filter((o) => o.id !== s.id && overlaps(s, o));
    if (others.length) clashes.set(s.id, others);
  }
  return { starred, presenting: all.filter((s) => presentedSet.has(s.id)), clashes };
}
