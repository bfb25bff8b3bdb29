import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database, Organisation } from '../../db/schema.ts';
import { notFound } from '../../platform/errors.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { getOrganisationById } from '../organisations/organisations.service.ts';
import { canOrganise, type Organiser } from './events.policy.ts';
import * as repo from './events.repository.ts';

type Db = Kysely<Database>;

/** An event with the organiser the policy and pages need. */
export interface EventWithOrganiser {
  event: CoalitionEvent;
  organiser: Organisation;
  organiserRef: Organiser;
}

const refOf = (o: Organisation): Organiser => ({ id: o.id, kind: o.kind, centerId: o.center_id });

async function withOrganiser(db: Db, event: CoalitionEvent | undefined): Promise<EventWithOrganiser> {
  if (!event) throw notFound();
  const organiser = await getOrganisationById(db, event.organiser_id);
  if (!organiser) throw notFound();
  return { event, organiser, organiserRef: refOf(organiser) };
}

/**
 * An event by slug as `viewer` may see it: drafts exist only for their organisers (anyone else
 * gets the same 404 as for a slug that never existed). Cancelled events stay visible, marked.
 */
export async function getVisibleEvent(db: Db, slug: string, viewer: Principal | null): Promise<EventWithOrganiser> {
  const found = await withOrganiser(db, await repo.findEventBySlug(db, slug));
  if (found.event.status === 'draft' && !canOrganise(viewer, found.organiserRef)) throw notFound();
  return found;
}

