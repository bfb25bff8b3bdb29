import type { Generated, Selectable } from 'kysely';

/** Convenings: events, tickets and seats, orders, waitlists, agendas and proposals (modules/events). */
export interface EventTables {
  events: EventTable;
  event_tags: EventTagTable;
  capacity_pools: CapacityPoolTable;
  ticket_types: TicketTypeTable;
  promo_codes: PromoCodeTable;
  event_orders: EventOrderTable;
  tickets: TicketTable;
  waitlist_entries: WaitlistEntryTable;
  event_sessions: EventSessionTable;
  session_presenters: SessionPresenterTable;
  session_tags: SessionTagTable;
  session_stars: SessionStarTable;
  session_proposals: SessionProposalTable;
  proposal_reviews: ProposalReviewTable;
  event_reviewers: EventReviewerTable;
  calendar_feeds: CalendarFeedTable;
}

export const EVENT_KINDS = ['conference', 'forum', 'workshop', 'webinar', 'fundraiser', 'meeting'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_STATUSES = ['draft', 'published', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/**
 * An event, organised by the national office or a center. Times are UTC instants; `timezone` is
 * the IANA zone the event happens in (pages and feeds show local times in it). An all-day event
 * uses `start_date`/`end_date` (inclusive, YYYY-MM-DD) as its truth; `starts_at`/`ends_at` then
 * hold the first day's local midnight and the day after the last, so ordering and "upcoming" work
 * the same for both kinds.
 */
export interface EventTable {
  id: Generated<number>;
  slug: string;
  /** The iCalendar UID: fixed at creation, so a renamed event is still the same entry in every calendar. */
  uid: string;
  /** iCalendar SEQUENCE: raised on every change a calendar client should notice. */
  sequence: number;
  title: string;
  summary: string;
  description: string;
  kind: EventKind;
  organiser_id: number;
  status: EventStatus;
  online: boolean | number;
  venue_name: string | null;
  venue_address: string | null;
  /** The join link of an online event: shown to registered people only. */
  online_url: string | null;
  timezone: string;
  all_day: boolean | number;
  starts_at: string;
  ends_at: string;
  start_date: string;
  end_date: string;
  /** Registration on this site; false for an event that only informs (or registers elsewhere). */
  registration_enabled: boolean | number;
  /** Full refunds for cancellations until this many days before the start; none after. Null: no refunds. */
  refund_cutoff_days: number | null;
  /** The policy in the organiser's words, shown next to the cancel button. */
  refund_policy: string | null;
  transfers_allowed: boolean | number;
  /** The window for session proposals; null when the event takes none. */
  proposals_open_at: string | null;
  proposals_close_at: string | null;
  proposal_guidelines: string | null;
  contact_email: string | null;
  created_by: number | null;
  published_at: string | null;
  cancelled_at: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * A tag on an event or session: `principle:<n>`, `benchmark:<key>`, `discipline:<key>`,
 * `grades:<band>`. Plain keys until the framework module owns the taxonomy; its service will
 * resolve them to names.
 */
export interface EventTagTable {
  event_id: number;
  tag: string;
}

/**
 * Seats shared by one or more ticket types (the whole event, or one add-on workshop). `sold`
 * counts every seat claimed: confirmed and pending orders, and seats held for a waitlist offer.
 * It is only ever changed by a guarded update (`sold + n <= capacity`), so it can never pass capacity.
 */
export interface CapacityPoolTable {
  id: Generated<number>;
  event_id: number;
  name: string;
  capacity: number;
  sold: number;
}

export const TICKET_AUDIENCES = ['anyone', 'members', 'students', 'presenters'] as const;
export type TicketAudience = (typeof TICKET_AUDIENCES)[number];

export interface TicketTypeTable {
  id: Generated<number>;
  event_id: number;
  pool_id: number;
  name: string;
  description: string | null;
  /** Who may buy it: members (from the affiliation service), students (self-declared), presenters (accepted proposals). */
  audience: TicketAudience;
  price_cents: number;
  /** Whether the buyer's `event-discount` membership benefit applies to this price. */
  member_discount: boolean | number;
  /** A group ticket: one purchase seats this many people (each gets their own ticket). */
  seats_per_unit: number;
  /** An add-on (a pre-forum workshop): only bought with a main ticket of the same event. */
  is_add_on: boolean | number;
  max_per_order: number;
  sales_start_at: string | null;
  sales_end_at: string | null;
  position: number;
  retired_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PromoCodeTable {
  id: Generated<number>;
  event_id: number;
  /** Stored upper-case; codes are matched case-insensitively. */
  code: string;
  percent_off: number | null;
  amount_off_cents: number | null;
  /** Null: unlimited. `used` is raised by a guarded update, like seats. */
  max_uses: number | null;
  used: number;
  ticket_type_id: number | null;
  valid_from: string | null;
  valid_until: string | null;
  created_at: string;
}

export const ORDER_STATUSES = ['pending', 'confirmed', 'cancelled', 'expired'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const ORDER_PAYMENT_METHODS = ['free', 'invoice', 'card'] as const;
export type OrderPaymentMethod = (typeof ORDER_PAYMENT_METHODS)[number];
export const REFUND_STATES = ['none', 'due', 'issued'] as const;
export type RefundState = (typeof REFUND_STATES)[number];

/**
 * One registration: who bought, for whom (tickets), and how it is paid. Free and invoiced orders
 * are confirmed at once (an invoice is payable later; the seat is theirs); card orders are
 * `pending` until the payment arrives, and expire (releasing their seats) if it never does.
 */
export interface EventOrderTable {
  id: Generated<number>;
  event_id: number;
  /** Short public reference, e.g. FF26-7KQ2M9, printed on tickets and invoices. */
  reference: string;
  buyer_person_id: number | null;
  buyer_name: string;
  buyer_email: string;
  /** The school (or organisation) a group registration is for, when there is one. */
  organisation_id: number | null;
  status: OrderStatus;
  payment_method: OrderPaymentMethod;
  invoice_id: number | null;
  promo_code_id: number | null;
  subtotal_cents: number;
  discount_cents: number;
  total_cents: number;
  refund_cents: number;
  refund_state: RefundState;
  /** The form's one-time token (or the API's idempotency key): a double submit finds the first order. */
  submission_key: string;
  /** A card order's hold on its seats ends here. */
  hold_expires_at: string | null;
  confirmed_at: string | null;
  cancelled_at: string | null;
  created_at: string;
  updated_at: string;
}

export const TICKET_STATUSES = ['active', 'cancelled'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** One seat for one attendee. A transfer rewrites the attendee and issues a new code. */
export interface TicketTable {
  id: Generated<number>;
  order_id: number;
  event_id: number;
  ticket_type_id: number;
  pool_id: number;
  /** The main ticket an add-on belongs to. */
  parent_ticket_id: number | null;
  attendee_person_id: number | null;
  attendee_name: string;
  attendee_email: string;
  /** Random, unguessable: the QR code and the check-in search use it. */
  code: string;
  price_cents: number;
  status: TicketStatus;
  checked_in_at: string | null;
  checked_in_by: number | null;
  created_at: string;
  updated_at: string;
}

export const WAITLIST_STATUSES = ['waiting', 'offered', 'claimed', 'expired', 'left'] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];

/** A place in the queue for a sold-out ticket type. An offer holds its seats (counted in the pool) until it expires. */
export interface WaitlistEntryTable {
  id: Generated<number>;
  event_id: number;
  ticket_type_id: number;
  person_id: number | null;
  name: string;
  email: string;
  quantity: number;
  status: WaitlistStatus;
  offer_token: string | null;
  offered_at: string | null;
  offer_expires_at: string | null;
  claimed_order_id: number | null;
  created_at: string;
  updated_at: string;
}

export const SESSION_STATUSES = ['scheduled', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** A session on an event's agenda. */
export interface EventSessionTable {
  id: Generated<number>;
  event_id: number;
  uid: string;
  sequence: number;
  title: string;
  description: string;
  starts_at: string;
  ends_at: string;
  room: string | null;
  capacity: number | null;
  status: SessionStatus;
  /** The proposal it was accepted from, if any. */
  proposal_id: number | null;
  /** The new-session form's one-time key (unique), so a double submit makes one session; null otherwise. */
  submission_key: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionPresenterTable {
  id: Generated<number>;
  session_id: number;
  person_id: number | null;
  name: string;
  affiliation: string | null;
  position: number;
}

export interface SessionTagTable {
  session_id: number;
  tag: string;
}

/** A session someone starred into their personal agenda. */
export interface SessionStarTable {
  session_id: number;
  person_id: number;
  created_at: string;
}

export const PROPOSAL_STATUSES = ['submitted', 'accepted', 'declined', 'withdrawn'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const PROPOSAL_FORMATS = ['workshop', 'panel', 'presentation', 'roundtable', 'student_exhibition'] as const;
export type ProposalFormat = (typeof PROPOSAL_FORMATS)[number];

export interface SessionProposalTable {
  id: Generated<number>;
  event_id: number;
  submitter_person_id: number;
  title: string;
  abstract: string;
  format: ProposalFormat;
  /** Co-presenters as the submitter typed them ("Name, school" per line). */
  presenters: string;
  /** Tags, comma-separated (same keys as event_tags); text, since every tag ticked passes 600 characters (at most 40 tags, see tagList). */
  tags: string;
  duration_minutes: number;
  status: ProposalStatus;
  decision_message: string | null;
  decided_by: number | null;
  decided_at: string | null;
  session_id: number | null;
  submission_key: string;
  created_at: string;
  updated_at: string;
}

export interface ProposalReviewTable {
  id: Generated<number>;
  proposal_id: number;
  reviewer_person_id: number;
  /** 1–5. */
  score: number;
  comment: string;
  created_at: string;
  updated_at: string;
}

/** People an event's organisers asked to review its proposals. */
export interface EventReviewerTable {
  event_id: number;
  person_id: number;
  created_at: string;
}

/** A person's private calendar feed address (their registrations and starred sessions). */
export interface CalendarFeedTable {
  person_id: number;
  /** Random; the feed URL is the secret, so it can be reset (a new token) if it leaks. */
  token: string;
  created_at: string;
}

export type CoalitionEvent = Selectable<EventTable>;
export type CapacityPool = Selectable<CapacityPoolTable>;
export type TicketType = Selectable<TicketTypeTable>;
export type PromoCode = Selectable<PromoCodeTable>;
export type EventOrder = Selectable<EventOrderTable>;
export type Ticket = Selectable<TicketTable>;
export type WaitlistEntry = Selectable<WaitlistEntryTable>;
export type EventSession = Selectable<EventSessionTable>;
export type SessionPresenter = Selectable<SessionPresenterTable>;
export type SessionProposal = Selectable<SessionProposalTable>;
export type ProposalReview = Selectable<ProposalReviewTable>;
