import type { Organisation } from '../../db/schema.ts';
import { bool } from '../../db/dialect.ts';
import type { OrganisationDetail, OrganisationPublic } from './organisations.schemas.ts';

/** The center an organisation names, however it was loaded (a row, or a list row's join). */
export interface CenterSummary {
  id: number;
  slug: string;
  name: string;
}

/** What anyone may read: contact details only when the organisation chose to publish them. */
export function toPublicOrganisation(o: Organisation, center: CenterSummary | null): OrganisationPublic {
  return {
    id: o.id,
    slug: o.slug,
    name: o.name,
    kind: o.kind,
    city: o.city,
    state: o.state,
    region: o.region,
    grade_low: o.grade_low,
    grade_high: o.grade_high,
    center_id: o.center_id,
    center: center && { id: center.id, slug: center.slug, name: center.name },
    website: o.website,
    description: o.description,
    ...(bool(o.contact_public) && { email: o.email, phone: o.phone }),
  };
}

/** The public fields, plus the private ones when `includePrivate` (the caller asked the policy). */
export function toOrganisationDetail(o: Organisation, center: CenterSummary | null, includePrivate: boolean): OrganisationDetail {
  const pub = toPublicOrganisation(o, center);
  if (!includePrivate) return pub;
  return {
    ...pub,
    email: o.email,
    phone: o.phone,
    address_line1: o.address_line1,
    address_line2: o.address_line2,
    postal_code: o.postal_code,
    latitude: o.latitude === null ? null : Number(o.latitude),
    longitude: o.longitude === null ? null : Number(o.longitude),
    enrolment: o.enrolment,
    nces_id: o.nces_id,
    contact_public: bool(o.contact_public),
    created_at: o.created_at,
    updated_at: o.updated_at,
  };
}

/** A list row's joined center, as a summary. */
export const centerOfListRow = (r: { center_id: number | null; center_name: string | null; center_slug: string | null }): CenterSummary | null =>
  r.center_id !== null && r.center_name !== null && r.center_slug !== null ? { id: r.center_id, name: r.center_name, slug: r.center_slug } : null;
