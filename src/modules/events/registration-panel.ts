import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database, OrderStatus, TicketAudience } from '../../db/schema.ts';
import { bool } from '../../db/dialect.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { benefitsForPerson } from '../affiliation/benefits.service.ts';
import { memberUnitPrice } from './pricing.ts';
import { eventTakesRegistrations, saleState, type SaleState } from './registration-rules.ts';
import { memberDiscountOf } from './registration-checks.ts';
import * as repo from './registration.repository.ts';
import * as admin from './ticket-admin.repository.ts';

type Db = Kysely<Database>;

/** One ticket type as the event page shows it to this viewer. */
export interface PanelTicketType {
  id: number;
  name: string;
  description: string | null;
  audience: TicketAudience;
  priceCents: number;
  /** This viewer's price when their membership discounts it; null otherwise. */
  memberPriceCents: number | null;
  seatsPerUnit: number;
  isAddOn: boolean;
  /** Seats left in its pool. */
  left: number;
  sale: SaleState;
  salesStartAt: string | null;
}

/** CONTRACT (registration owner fills in): what the event page shows about tickets for this viewer. */
export interface RegistrationPanel {
  /** Nothing to show (registration off, or no ticket types). */
  hidden: boolean;
  /** Registration is not possible now: the event was cancelled, or it is over. */
  closed: 'cancelled' | 'ended' | null;
  registerUrl: string;
  waitlistUrl: string;
  /** The viewer's membership discount on event tickets (from the affiliation service), with its plan. */
  member: { percent: number; label: string } | null;
  types: PanelTicketType[];
  /** The viewer's own live registrations for this event. */
  mine: { reference: string; url: string; status: OrderStatus }[];
}

/** The tickets section of an event page, for this viewer (prices with their member discount, what is left, their registrations). */
export async function registrationPanelFor(db: Db, event: CoalitionEvent, viewer: Principal | null): Promise<RegistrationPanel> {
  const base = `/events/${event.slug}`;
  const empty: RegistrationPanel = { hidden: true, closed: null, registerUrl: `${base}/register`, waitlistUrl: `${base}/waitlist`, member: null, types: [], mine: [] };
  if (!bool(event.registration_enabled) || event.status === 'draft') return empty;
  const now = new Date();
  const [types, pools] = await Promise.all([admin.findTicketTypesOfEvent(db, event.id), admin.findPoolsOfEvent(db, event.id)]);
  const listed = types.filter((t) => !t.retired_at);
  if (listed.length === 0) return empty;
  const member = viewer?.personId ? memberDiscountOf(await benefitsForPerson(db, viewer.personId)) : null;
  const mine = viewer?.personId ? await repo.findOrdersOfPersonForEvent(db, event.id, viewer.personId) : [];
  const leftIn = new Map(pools.map((p) => [p.id, Math.max(0, p.capacity - p.sold)]));
  return {
    ...empty,
    hidden: false,
    closed: event.status === 'cancelled' ? 'cancelled' : !eventTakesRegistrations(event, now) ? 'ended' : null,
    member,
    types: listed.map((t) => ({
      id: t.id,
      name: t.name,
      description: t.description,
      audience: t.audience,
      priceCents: t.price_cents,
      memberPriceCents: member && bool(t.member_discount) && t.price_cents > 0 ? memberUnitPrice(t.price_cents, member.percent) : null,
      seatsPerUnit: t.seats_per_unit,
      isAddOn: bool(t.is_add_on),
      left: leftIn.get(t.pool_id) ?? 0,
      sale: saleState(t, event, now),
      salesStartAt: t.sales_start_at,
    })),
    mine: mine.map((o) => ({ reference: o.reference, url: `${base}/orders/${o.reference}`, status: o.status })),
  };
}
