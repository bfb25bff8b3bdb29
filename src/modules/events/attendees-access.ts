import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { eventsPolicy } from './events.policy.ts';
import { getVisibleEvent, type EventWithOrganiser } from './events.service.ts';

/**
 * The event for its staff: `checkIn` (the door, the attendee list, badges: organisers and the
 * organiser's staff) or `organise` (undoing a check-in). Anyone else gets the same 404 as for an
 * event that does not exist; a signed-out browser is sent to sign in.
 */
export async function eventForStaff(db: Kysely<Database>, request: FastifyRequest, slug: string, need: 'checkIn' | 'organise'): Promise<EventWithOrganiser> {
  const found = await getVisibleEvent(db, slug, request.principal);
  const p = request.principal;
  authorize(p, need === 'organise' ? eventsPolicy.canOrganise(p, found.organiserRef) : eventsPolicy.canCheckIn(p, found.organiserRef), 'hidden');
  return found;
}
