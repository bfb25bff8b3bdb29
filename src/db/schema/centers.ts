import type { Generated, Selectable } from 'kysely';

/** Center spaces, services, requests and the directors' exchange (modules/centers). */
export interface CenterTables {
  center_services: CenterServiceTable;
  center_news: CenterNewsTable;
  service_requests: ServiceRequestTable;
  exchange_threads: ExchangeThreadTable;
  exchange_replies: ExchangeReplyTable;
  exchange_attachments: ExchangeAttachmentTable;
  exchange_mutes: ExchangeMuteTable;
}

export const CENTER_SERVICE_KINDS = ['coaching', 'technical_assistance', 'professional_development', 'other'] as const;
export type CenterServiceKind = (typeof CENTER_SERVICE_KINDS)[number];

/** A service a center offers its schools. Retired services stay (old requests name them) but are no longer offered. */
export interface CenterServiceTable {
  id: Generated<number>;
  center_id: number;
  kind: CenterServiceKind;
  title: string;
  description: string;
  how_to_request: string;
  /** Display order within the center, lowest first. */
  position: number;
  retired_at: string | null;
  created_at: string;
  updated_at: string;
}

export const NEWS_STATUSES = ['draft', 'published'] as const;
export type NewsStatus = (typeof NEWS_STATUSES)[number];

/** A center's own news item; only published ones are public. */
export interface CenterNewsTable {
  id: Generated<number>;
  center_id: number;
  /** Unique within the center. */
  slug: string;
  title: string;
  body: string;
  status: NewsStatus;
  published_at: string | null;
  author_person_id: number | null;
  created_at: string;
  updated_at: string;
}

export const SERVICE_REQUEST_STATUSES = ['open', 'in_progress', 'answered', 'closed'] as const;
export type ServiceRequestStatus = (typeof SERVICE_REQUEST_STATUSES)[number];

/** A school's request for one of its center's services, and the center's answer. */
export interface ServiceRequestTable {
  id: Generated<number>;
  center_id: number;
  service_id: number;
  school_id: number;
  requester_person_id: number | null;
  need: string;
  timing: string | null;
  contact: string;
  status: ServiceRequestStatus;
  response: string | null;
  responded_by: number | null;
  responded_at: string | null;
  /** The form's one-time token (or the API's idempotency key): a double submit finds the first request. */
  submission_key: string;
  created_at: string;
  updated_at: string;
}

/** A thread in the directors' exchange. */
export interface ExchangeThreadTable {
  id: Generated<number>;
  title: string;
  body: string;
  author_person_id: number | null;
  reply_count: Generated<number>;
  /** The thread's creation or its newest reply: threads list by this, newest first. */
  last_activity_at: string;
  created_at: string;
}

export interface ExchangeReplyTable {
  id: Generated<number>;
  thread_id: number;
  body: string;
  author_person_id: number | null;
  created_at: string;
}

/** A file shared in the exchange, on a thread (reply_id null) or a reply. */
export interface ExchangeAttachmentTable {
  id: Generated<number>;
  thread_id: number;
  reply_id: number | null;
  /** The storage key (random); the file name below is only ever shown, never used as a path. */
  storage_key: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  uploaded_by: number | null;
  created_at: string;
}

/** People who asked not to be emailed about new exchange posts. */
export interface ExchangeMuteTable {
  person_id: number;
  created_at: string;
}

export type CenterService = Selectable<CenterServiceTable>;
export type CenterNews = Selectable<CenterNewsTable>;
export type ServiceRequest = Selectable<ServiceRequestTable>;
export type ExchangeThread = Selectable<ExchangeThreadTable>;
export type ExchangeReply = Selectable<ExchangeReplyTable>;
export type ExchangeAttachment = Selectable<ExchangeAttachmentTable>;
