import { randomUUID } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database } from '../../db/schema.ts';
import { bool, isUniqueViolation, nowIso } from '../../db/dialect.ts';
import { isNetworkAdmin, type Principal } from '../../platform/auth/principal.ts';
import { badRequest, conflict } from '../../platform/errors.ts';
import { changedFields, recordAudit, type Actor } from '../audit/audit.service.ts';
import * as repo from './calendar.repository.ts';
import { listOrganisers, type Organisers } from './calendar.service.ts';
import type { EventInput } from './calendar.schemas.ts';
import { cancelRegistrationsOfEvent } from './event-cancellation.ts';
import { assertKnownTags } from './event-tags.ts';
import { findTagsOfEvents } from './events.repository.ts';

type Db = Kysely<Database>;

/**
 * The organisations this person may organise events for: every one for a network admin (the
 * national office first), their own centers for a center's directors, none for anyone else.
 */
export async function organiserChoices(db: Db, p: Principal | null): Promise<Organisers> {
  if (!p) return [];
  const all = await listOrganisers(db);
  if (isNetworkAdmin(p)) return all;
  const mine = new Set(p.roles.filter((r) => r.role === 'center_director').map((r) => r.organisationId));
  return all.filter((o) => o.kind === 'affiliate_center' && mine.has(o.id));
}

/** The UTC instant of a wall-clock time in a zone. */
export function zonedInstant(date: string, time: string, tz: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, tz).getTime()).toISOString();
}

/** The wall-clock date and time (YYYY-MM-DD, HH:MM) of an instant in a zone. */
export function wallClock(iso: string, tz: string): { date: string; time: string } {
  const t = new TZDate(iso, tz);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`, time: `${pad(t.getHours())}:${pad(t.getMinutes())}` };
}

const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The form's fields as event columns (times to UTC in the event's zone). */
function columnsOf(input: EventInput) {
  const tz = input.timezone;
  const when = input.all_day
    ? { starts_at: zonedInstant(input.start_date, '00:00', tz), ends_at: zonedInstant(dayAfter(input.end_date), '00:00', tz), start_date: input.start_date, end_date: input.end_date }
    : (() => {
        const starts = zonedInstant(input.start_date, input.start_time!, tz);
        const ends = zonedInstant(input.end_date, input.end_time!, tz);
        return { starts_at: starts, ends_at: ends, start_date: wallClock(starts, tz).date, end_date: wallClock(new Date(Date.parse(ends) - 1).toISOString(), tz).date };
      })();
  return {
    title: input.title,
    summary: input.summary,
    description: input.description,
    kind: input.kind,
    organiser_id: input.organiser_id,
    online: input.online,
    venue_name: input.venue_name ?? null,
    venue_address: input.venue_address ?? null,
    online_url: input.online_url ?? null,
    timezone: tz,
    all_day: input.all_day,
    ...when,
    registration_enabled: input.registration_enabled,
    refund_cutoff_days: input.refund_cutoff_days ?? null,
    refund_policy: input.refund_policy ?? null,
    transfers_allowed: input.transfers_allowed,
    proposals_open_at: input.proposals_open_at ? zonedInstant(...(input.proposals_open_at.split('T') as [string, string]), tz) : null,
    proposals_close_at: input.proposals_close_at ? zonedInstant(...(input.proposals_close_at.split('T') as [string, string]), tz) : null,
    proposal_guidelines: input.proposal_guidelines ?? null,
    contact_email: input.contact_email ?? null,
  };
}

/** The event as the form shows it (local dates and times in its zone). */
export async function formValuesOf(db: Db, e: CoalitionEvent): Promise<Record<string, unknown>> {
  const tags = (await findTagsOfEvents(db, [e.id])).get(e.id) ?? [];
  const start = wallClock(e.starts_at, e.timezone);
  const end = wallClock(e.ends_at, e.timezone);
  const local = (iso: string | null) => (iso ? Object.values(wallClock(iso, e.timezone)).join('T') : undefined);
  return {
    ...e,
    online: bool(e.online),
    all_day: bool(e.all_day),
    registration_enabled: bool(e.registration_enabled),
    transfers_allowed: bool(e.transfers_allowed),
    start_date: bool(e.all_day) ? e.start_date : start.date,
    start_time: bool(e.all_day) ? undefined : start.time,
    end_date: bool(e.all_day) ? e.end_date : end.date,
    end_time: bool(e.all_day) ? undefined : end.time,
    proposals_open_at: local(e.proposals_open_at),
    proposals_close_at: local(e.proposals_close_at),
    tags,
  };
}

function slugify(title: string): string {
  const slug = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 70).replace(/-+$/, '');
  return slug || 'event';
}

async function chooseSlug(trx: Db, input: EventInput, exceptId?: number, current?: string): Promise<string> {
  if (input.slug) {
    if (await repo.slugTaken(trx, input.slug, exceptId)) throw badRequest({ slug: ['events-admin:form.slugTaken'] });
    return input.slug;
  }
  if (current) return current;
  const base = slugify(input.title);
  const taken = new Set(await repo.findSlugsLike(trx, base));
  let slug = ['new', 'manage', 'mine', 'calendar', 'tags'].includes(base) ? `${base}-event` : base;
  for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
  return slug;
}

async function assertOrganiser(db: Db, p: Principal | null, organiserId: number): Promise<void> {
  if (!(await organiserChoices(db, p)).some((o) => o.id === organiserId)) throw badRequest({ organiser_id: ['events-admin:form.organiserNotAllowed'] });
}

const slugRace = (err: unknown) => (isUniqueViolation(err) ? badRequest({ slug: ['events-admin:form.slugTaken'] }) : err);

/** Creates a draft event (nothing public until it is published). */
export async function createEvent(db: Db, actor: Actor, p: Principal, input: EventInput): Promise<CoalitionEvent> {
  await assertOrganiser(db, p, input.organiser_id);
  await assertKnownTags(db, input.tags);
  try {
    return await db.transaction().execute(async (trx) => {
      const now = nowIso();
      const row = await repo.insertEvent(trx, {
        ...columnsOf(input),
        slug: await chooseSlug(trx, input),
        uid: `${randomUUID()}@coalition-hub`,
        sequence: 0,
        status: 'draft',
        created_by: actor.personId,
        published_at: null,
        cancelled_at: null,
        created_at: now,
        updated_at: now,
      });
      await repo.replaceEventTags(trx, row.id, input.tags);
      await recordAudit(trx, actor, { action: 'event.created', subjectType: 'event', subjectId: row.id, organisationId: row.organiser_id, changes: { title: [null, row.title], slug: [null, row.slug] } });
      return row;
    });
  } catch (err) {
    throw slugRace(err);
  }
}

/** Saves the organiser's changes: SEQUENCE and the stamp rise, so calendars pick the change up. */
export async function updateEvent(db: Db, actor: Actor, p: Principal, before: CoalitionEvent, input: EventInput): Promise<CoalitionEvent> {
  if (input.organiser_id !== before.organiser_id) await assertOrganiser(db, p, input.organiser_id);
  // A tag the event already carries may stay even if its benchmark has left the framework.
  await assertKnownTags(db, input.tags, { kept: (await findTagsOfEvents(db, [before.id])).get(before.id) ?? [] });
  try {
    return await db.transaction().execute(async (trx) => {
      const next = { ...columnsOf(input), slug: await chooseSlug(trx, input, before.id, before.slug) };
      const oldTags = (await findTagsOfEvents(trx, [before.id])).get(before.id) ?? [];
      const normalise = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'boolean' ? Number(v) : v]));
      const changes = changedFields(normalise(before as unknown as Record<string, unknown>), normalise(next as unknown as Record<string, unknown>));
      const newTags = [...new Set(input.tags)].sort();
      if (JSON.stringify(oldTags) !== JSON.stringify(newTags)) changes.tags = [oldTags, newTags];
      if (Object.keys(changes).length === 0) return before;
      const row = await repo.bumpEvent(trx, before.id, { ...next, updated_at: nowIso() });
      await repo.replaceEventTags(trx, before.id, newTags);
      if (changes.description) changes.description = ['…', '…'];
      await recordAudit(trx, actor, { action: 'event.updated', subjectType: 'event', subjectId: before.id, organisationId: row.organiser_id, changes });
      return row;
    });
  } catch (err) {
    throw slugRace(err);
  }
}

/** Publishes a draft: it appears on the calendar and in the feeds. */
export async function publishEvent(db: Db, actor: Actor, event: CoalitionEvent): Promise<CoalitionEvent> {
  if (event.status !== 'draft') throw conflict('events-admin:publish.notDraft');
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    // Guarded on the status in the database, not the one read before: two publishes, one wins.
    const row = await repo.bumpEventIfStatus(trx, event.id, 'draft', { status: 'published', published_at: now, updated_at: now });
    if (!row) throw conflict('events-admin:publish.notDraft');
    await recordAudit(trx, actor, { action: 'event.published', subjectType: 'event', subjectId: event.id, organisationId: event.organiser_id });
    return row;
  });
}

/**
 * Cancels a published event. It stays listed, marked, and in the feeds as STATUS:CANCELLED (so
 * subscribers' calendars strike it out rather than silently lose it); its registrations are
 * cancelled in the same transaction.
 */
export async function cancelEvent(db: Db, actor: Actor, event: CoalitionEvent): Promise<CoalitionEvent> {
  if (event.status !== 'published') throw conflict('events-admin:cancel.notPublished');
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    // Guarded and locking (see bumpEventIfStatus): orders in flight finish first and are cancelled
    // with the rest; a second cancel changes nothing and does not run the cascade again.
    const row = await repo.bumpEventIfStatus(trx, event.id, 'published', { status: 'cancelled', cancelled_at: now, updated_at: now });
    if (!row) throw conflict('events-admin:cancel.notPublished');
    await cancelRegistrationsOfEvent(trx, actor, row);
    await recordAudit(trx, actor, { action: 'event.cancelled', subjectType: 'event', subjectId: event.id, organisationId: event.organiser_id });
    return row;
  });
}
