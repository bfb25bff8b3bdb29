import type { Kysely } from 'kysely';
import type { CenterNews, CenterService, Database, Organisation } from '../../db/schema.ts';
import { notFound } from '../../platform/errors.ts';
import type { Actor } from '../audit/audit.service.ts';
import { getOrganisationBySlug, getOrganisationsByIds, listCenters, listOrganisations, updateOrganisation } from '../organisations/organisations.service.ts';
import { listPeopleOfOrganisation } from '../people/roles.service.ts';
import type { CenterAboutInput } from './centers.schemas.ts';
import * as repo from './center-content.repository.ts';

type Db = Kysely<Database>;

/** How many of a center's schools its space lists (the directory has the rest). */
export const SCHOOLS_SHOWN = 100;

export interface CenterStaffMember {
  personId: number;
  name: string;
  title: string | null;
  role: 'center_director' | 'center_coach';
}

export interface CenterSpace {
  center: Organisation;
  staff: CenterStaffMember[];
  services: CenterService[];
  schools: { id: number; slug: string; name: string; city: string | null; state: string | null }[];
  schoolCount: number;
  news: CenterNews[];
}

/** An affiliate center by slug, or 404 (other kinds of organisation have no center space). */
export async function getCenterBySlug(db: Db, slug: string): Promise<Organisation> {
  const center = await getOrganisationBySlug(db, slug);
  if (!center || center.kind !== 'affiliate_center') throw notFound();
  return center;
}

/** The center's directors and coaches (enabled accounts only): names and titles, nothing private. */
export async function listCenterStaff(db: Db, centerId: number): Promise<(CenterStaffMember & { email: string; locale: string | null })[]> {
  const people = await listPeopleOfOrganisation(db, centerId);
  return people
    .filter((p) => !p.person.disabled && (p.role.role === 'center_director' || p.role.role === 'center_coach'))
    .map((p) => ({ personId: p.person.id, name: p.person.name, email: p.person.email, locale: p.person.locale, title: p.role.title, role: p.role.role as CenterStaffMember['role'] }))
    .sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) : a.role === 'center_director' ? -1 : 1));
}

/**
 * Everything a center's space shows. The public sees offered services and published news; the
 * center's editors (`forEditor`) also see retired services and drafts.
 */
export async function getCenterSpace(db: Db, center: Organisation, opts: { forEditor?: boolean } = {}): Promise<CenterSpace> {
  const [staff, services, schools, news] = await Promise.all([
    listCenterStaff(db, center.id),
    repo.findServices(db, center.id, { includeRetired: !!opts.forEditor }),
    listOrganisations(db, { center: center.id, kind: 'school', page: 1, per_page: SCHOOLS_SHOWN }),
    repo.findNews(db, center.id, { publishedOnly: !opts.forEditor }),
  ]);
  return {
    center,
    staff: staff.map(({ email: _email, ...rest }) => rest),
    services,
    schools: schools.items.map((s) => ({ id: s.id, slug: s.slug, name: s.name, city: s.city, state: s.state })),
    schoolCount: schools.total,
    news,
  };
}

export interface CenterSummary {
  center: Organisation;
  schoolCount: number;
  serviceCount: number;
}

/** Every affiliate center with how many schools it supports and services it offers, by name. */
export async function listCenterSummaries(db: Db): Promise<CenterSummary[]> {
  const refs = await listCenters(db);
  const [services, found] = await Promise.all([repo.countOfferedServices(db), getOrganisationsByIds(db, refs.map((c) => c.id))]);
  const centers = [...found].sort((a, b) => a.name.localeCompare(b.name));
  const serviceCount = new Map(services.map((s) => [s.center_id, Number(s.n)]));
  const out: CenterSummary[] = [];
  for (const center of centers) {
    const schools = await listOrganisations(db, { center: center.id, kind: 'school', page: 1, per_page: 1 });
    out.push({ center, schoolCount: schools.total, serviceCount: serviceCount.get(center.id) ?? 0 });
  }
  return out;
}

/** Changes the center's About text, through the organisations service (which audits it). */
export function updateCenterAbout(db: Db, actor: Actor, center: Organisation, input: CenterAboutInput): Promise<Organisation> {
  return updateOrganisation(db, actor, center.id, { description: input.description ?? null });
}

/** A published news item of a center, or 404 (drafts are the center's own business). */
export async function getPublishedNews(db: Db, centerId: number, slug: string): Promise<CenterNews> {
  const item = await repo.findNewsBySlug(db, centerId, slug);
  if (!item || item.status !== 'published') throw notFound();
  return item;
}
