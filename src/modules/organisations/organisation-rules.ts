import type { OrganisationKind } from '../../db/schema.ts';
import { ROLES_BY_KIND } from '../../platform/auth/policy.ts';
import type { FieldErrors } from '../../platform/errors.ts';
import { ADMIN_ONLY_FIELDS, gradeIndex, SLUG_MAX, type OrganisationField } from './organisations.schemas.ts';

// Pure rules about an organisation's fields: no database, so each is tested on its own and the
// service applies them to the record as it will be after a change (stored values + the change).

/** The fields the rules look at, as they will be saved. */
export interface OrganisationFacts {
  kind: OrganisationKind;
  grade_low: string | null;
  grade_high: string | null;
  enrolment: number | null;
  nces_id: string | null;
  center_id: number | null;
}

const SCHOOL_ONLY = ['grade_low', 'grade_high', 'enrolment', 'nces_id'] as const;
/** Kinds that sit under an affiliate center. A center or the national office belongs to none. */
const MAY_HAVE_CENTER: OrganisationKind[] = ['school', 'partner', 'other'];

const add = (errors: FieldErrors, field: string, key: string) => void (errors[field] ??= []).push(key);

/** Problems with a whole organisation record that no single field shows. */
export function organisationProblems(o: OrganisationFacts): FieldErrors {
  const errors: FieldErrors = {};
  if (o.kind !== 'school') {
    for (const field of SCHOOL_ONLY) if (o[field] !== null) add(errors, field, 'organisations:errors.schoolOnly');
  } else if ((o.grade_low === null) !== (o.grade_high === null)) {
    add(errors, o.grade_low === null ? 'grade_low' : 'grade_high', 'organisations:errors.gradeBoth');
  } else if (o.grade_low !== null && o.grade_high !== null && gradeIndex(o.grade_low) > gradeIndex(o.grade_high)) {
    add(errors, 'grade_high', 'organisations:errors.gradeOrder');
  }
  if (o.center_id !== null && !MAY_HAVE_CENTER.includes(o.kind)) add(errors, 'center_id', 'organisations:errors.centerNotAllowed');
  return errors;
}

/** Whether people's roles at an organisation of one kind still make sense after it becomes another. */
export const rolesSurviveKindChange = (from: OrganisationKind, to: OrganisationKind): boolean =>
  ROLES_BY_KIND[from].every((role) => ROLES_BY_KIND[to].includes(role));

/**
 * The admin-only fields a change would actually alter. Sending the value already stored is not an
 * attempt to change it, so a client may send back what it read.
 */
export function adminOnlyChanges(current: Partial<Record<OrganisationField, unknown>> | null, input: Partial<Record<OrganisationField, unknown>>): string[] {
  return ADMIN_ONLY_FIELDS.filter((f) => input[f] !== undefined && (current === null || (input[f] ?? null) !== (current[f] ?? null)));
}

/** A URL slug from a name: accents dropped, lower-case words joined by hyphens. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX - 8) // leave room for a "-NNN" suffix
    .replace(/-+$/, '');
  return slug || 'organisation';
}

/** `base`, or `base-2`, `base-3`… whichever is the first not already taken. */
export function firstFreeSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
