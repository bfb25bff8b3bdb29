import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database, Organisation } from '../../db/schema.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { AppError, forbidden, unauthenticated, type FieldErrors } from '../../platform/errors.ts';
import { isLocale } from '../../platform/i18n/i18n.ts';
import type { FormState } from '../../platform/ui/components/form.tsx';
import { getOrganisationsByIds } from '../organisations/organisations.service.ts';
import { canOrganise } from './events.policy.ts';
import { getVisibleEvent, type EventWithOrganiser } from './events.service.ts';
import type { Buyer } from './registration.service.ts';
import { SlugParams } from './registration.schemas.ts';

type Db = Kysely<Database>;

// Small helpers the registration pages and API share.

export const hide = { schema: { hide: true } };

/** The signed-in person, or 401 (pages: sent to sign in and back). */
export function signedIn(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthenticated();
  return request.principal;
}

/** The event of the URL as the viewer may see it (drafts 404 to all but organisers). */
export function eventOf(db: Db, request: FastifyRequest): Promise<EventWithOrganiser> {
  return getVisibleEvent(db, SlugParams.parse(request.params).slug, request.principal);
}

/** The event of the URL, for its organisers only (404 for anyone else, as if it did not exist). */
export async function organisedEvent(db: Db, request: FastifyRequest): Promise<EventWithOrganiser> {
  const p = signedIn(request);
  const e = await eventOf(db, request);
  authorize(p, canOrganise(p, e.organiserRef), 'hidden');
  return e;
}

/**
 * The signed-in person as a buyer, with the schools they lead. A group order bills the school, so
 * only its leaders may place one; other staff register themselves (their school's membership
 * still prices their own ticket through the affiliation service).
 */
export async function buyerOf(db: Db, p: Principal): Promise<Buyer> {
  // An API token acts as a role, not a person: a registration needs someone to hold it.
  if (p.personId === null || !p.email) throw forbidden();
  const schoolIds = [...new Set(p.roles.filter((r) => r.organisationKind === 'school' && r.role === 'school_leader').map((r) => r.organisationId))];
  const schools: Organisation[] = (await getOrganisationsByIds(db, schoolIds)).sort((a, b) => a.name.localeCompare(b.name));
  return { personId: p.personId, name: p.name, email: p.email.toLowerCase(), locale: isLocale(p.locale) ? p.locale : 'en', schools };
}

/** A refusal as a form shows it: field messages, or one message for the whole form with its values ("only 3 seats left"). */
export function failureState(err: unknown, values: Record<string, unknown>): (FormState & { status: number }) | null {
  if (!(err instanceof AppError) || (err.status !== 400 && err.status !== 409)) return null;
  const errors: FieldErrors = err.fields ?? {};
  const whole = !err.fields || err.messageKey !== 'errors:badRequest';
  return { status: err.status, values, errors, ...(whole && { formError: err.messageKey, formErrorParams: err.options.params }) };
}

/** Zod's paths for order items (`items.2.quantity`) as the form's fields (`qty_<type id>`). */
export function itemFieldsToForm(errors: FieldErrors, items: { ticket_type_id?: unknown }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, keys] of Object.entries(errors)) {
    const m = /^items\.(\d+)\./.exec(path);
    const id = m ? items[Number(m[1])]?.ticket_type_id : undefined;
    out[id !== undefined ? `qty_${String(id)}` : path.replace(/^staff_ids\.\d+$/, 'staff_ids').replace(/^attendees\.\d+\.\w+$/, 'attendees')] = keys;
  }
  return out;
}
