import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database } from '../../db/schema.ts';
import type { CsvTable } from '../../platform/csv/csv-export.ts';
import type { Translate } from '../../platform/i18n/i18n.ts';
import { getOrganisationsByIds } from '../organisations/organisations.service.ts';
import { getPersonById } from '../people/people.service.ts';
import * as repo from './attendees.repository.ts';
import type { AttendeeQuery } from './attendees.schemas.ts';
import { checkInUrl, qrSvgDataUri } from './ticket-qr.ts';

type Db = Kysely<Database>;

export const ATTENDEES_PER_PAGE = 50;
/** Badges per screen page: a multiple of the 6 (2 × 3) a printed sheet holds. */
export const BADGES_PER_PAGE = 120;
/** The CSV is one file however long the list; this only stops a runaway query. */
const CSV_MAX_ROWS = 100_000;

/** An attendee with the organisation of their order (a school's group registration). */
export type Attendee = repo.AttendeeRow & { organisation: string | null };

/** Organisation names of the orders, fetched once per page through the organisations service. */
async function withOrganisations(db: Db, rows: repo.AttendeeRow[]): Promise<Attendee[]> {
  const ids = [...new Set(rows.map((r) => r.organisation_id).filter((id): id is number => id !== null))];
  const orgs = new Map((await getOrganisationsByIds(db, ids)).map((o) => [o.id, o.name]));
  return rows.map((r) => ({ ...r, organisation: r.organisation_id !== null ? (orgs.get(r.organisation_id) ?? null) : null }));
}

const filtersOf = (event: CoalitionEvent, q: AttendeeQuery): repo.AttendeeFilters => ({ eventId: event.id, q: q.q, state: q.state, ticketTypeId: q.type });

export interface AttendeeList {
  items: Attendee[];
  total: number;
  page: number;
  perPage: number;
  /** The whole event, whatever the filters. */
  counts: { sold: number; checkedIn: number; byType: { ticket_type_id: number; name: string; sold: number; checked_in: number }[] };
}

/** A page of the attendee list (search and filters), with the event's counts. */
export async function listAttendees(db: Db, event: CoalitionEvent, q: AttendeeQuery, perPage = ATTENDEES_PER_PAGE): Promise<AttendeeList> {
  const f = filtersOf(event, q);
  const [rows, total, byType] = await Promise.all([repo.findAttendees(db, f, perPage, (q.page - 1) * perPage), repo.countAttendees(db, f), repo.countByTicketType(db, event.id)]);
  const sold = byType.reduce((n, r) => n + r.sold, 0);
  const checkedIn = byType.reduce((n, r) => n + r.checked_in, 0);
  return { items: await withOrganisations(db, rows), total, page: q.page, perPage, counts: { sold, checkedIn, byType } };
}

/** The attendee list as a spreadsheet (every match of the filters; cells formula-escaped by toCsv). */
export async function attendeesCsv(db: Db, event: CoalitionEvent, q: AttendeeQuery, t: Translate): Promise<CsvTable> {
  const rows = await withOrganisations(db, await repo.findAttendees(db, filtersOf(event, q), CSV_MAX_ROWS, 0));
  const h = (k: string) => t(`attendees:csv.${k}`);
  return {
    header: [h('name'), h('email'), h('ticketType'), h('order'), h('organisation'), h('code'), h('orderStatus'), h('checkedInAt')],
    rows: rows.map((r) => [r.attendee_name, r.attendee_email, r.ticket_type_name, r.order_reference, r.organisation, r.code, r.order_status, r.checked_in_at]),
  };
}

/** One printable badge. */
export interface Badge {
  attendee: Attendee;
  /** The QR code of the ticket's check-in address, as an <img> source. */
  qr: string;
}

/** A page of badges (optionally one ticket type), with each ticket's QR code. */
export async function badgesOf(db: Db, event: CoalitionEvent, q: { type?: number; page: number }): Promise<{ badges: Badge[]; total: number; page: number; perPage: number }> {
  const f: repo.AttendeeFilters = { eventId: event.id, ticketTypeId: q.type };
  const [rows, total] = await Promise.all([repo.findAttendees(db, f, BADGES_PER_PAGE, (q.page - 1) * BADGES_PER_PAGE), repo.countAttendees(db, f)]);
  const attendees = await withOrganisations(db, rows);
  const badges = await Promise.all(attendees.map(async (a) => ({ attendee: a, qr: await qrSvgDataUri(checkInUrl(event.slug, a.code)) })));
  return { badges, total, page: q.page, perPage: BADGES_PER_PAGE };
}

/** The event's ticket types for the filters (id and name, in their order). */
export async function ticketTypeChoices(db: Db, event: CoalitionEvent): Promise<{ id: number; name: string }[]> {
  return repo.findTicketTypeChoices(db, event.id);
}

/** The name of whoever checked a ticket in, for "checked in at 10:02 by …". */
export async function checkerName(db: Db, personId: number | null): Promise<string | null> {
  return personId === null ? null : ((await getPersonById(db, personId))?.name ?? null);
}
