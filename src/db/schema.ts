import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AffiliationTables } from './schema/affiliation.ts';
import type { BillingTables } from './schema/billing.ts';
import type { CenterTables } from './schema/centers.ts';
import type { DirectoryTables } from './schema/directory.ts';
import type { EventTables } from './schema/events.ts';
import type { FrameworkTables } from './schema/framework.ts';
import type { ImprovementTables } from './schema/improvement.ts';
import type { JobTables } from './schema/jobs.ts';

export * from './schema/affiliation.ts';
export * from './schema/billing.ts';
export * from './schema/centers.ts';
export * from './schema/directory.ts';
export * from './schema/events.ts';
export * from './schema/framework.ts';
export * from './schema/improvement.ts';
export * from './schema/jobs.ts';

/**
 * The database as Kysely sees it. Conventions that hold on both SQLite and PostgreSQL:
 * - timestamps are ISO-8601 UTC strings (`new Date().toISOString()`), which sort as text;
 * - booleans are `boolean` columns (0/1 on SQLite): read them through `Boolean()`;
 * - JSON is stored as text;
 * - calendar dates (terms, due dates) are YYYY-MM-DD text.
 * Each module's tables are declared in schema/<module>.ts.
 */
export interface Database extends JobTables, BillingTables, AffiliationTables, DirectoryTables, CenterTables, EventTables, FrameworkTables, ImprovementTables {
  organisations: OrganisationTable;
  people: PersonTable;
  roles: RoleTable;
  sessions: SessionTable;
  person_tokens: PersonTokenTable;
  api_tokens: ApiTokenTable;
  audit_events: AuditEventTable;
  settings: SettingTable;
  rate_limits: RateLimitTable;
}

export const ORGANISATION_KINDS = ['national_office', 'affiliate_center', 'school', 'partner', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ROLE_KINDS = [
  'network_admin',
  'center_director',
  'center_coach',
  'school_leader',
  'school_staff',
  'partner_staff',
] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];

export interface OrganisationTable {
  id: Generated<number>;
  slug: string;
  name: string;
  kind: OrganisationKind;
  description: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  region: string | null;
  latitude: number | null;
  longitude: number | null;
  grade_low: string | null;
  grade_high: string | null;
  enrolment: number | null;
  nces_id: string | null;
  center_id: number | null;
  contact_public: Generated<boolean | number>;
  /** The organisation's affiliation status, kept by the affiliation service for the directory. */
  affiliation_status: string | null;
  /** Principle numbers the school focuses on, comma-separated ("1,3,7"). */
  principles_focus: string | null;
  created_at: string;
  updated_at: string;
}

export interface PersonTable {
  id: Generated<number>;
  email: string;
  name: string;
  locale: string | null;
  password_hash: string | null;
  email_verified_at: string | null;
  disabled_at: string | null;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RoleTable {
  id: Generated<number>;
  person_id: number;
  organisation_id: number;
  role: RoleKind;
  title: string | null;
  created_at: string;
}

export interface SessionTable {
  /** sha256 of the cookie's token: a stolen database copy cannot be replayed as a cookie. */
  id: string;
  person_id: number;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  user_agent: string | null;
}

export const TOKEN_PURPOSES = ['verify_email', 'reset_password', 'sign_in_link', 'invitation'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

export interface PersonTokenTable {
  id: Generated<number>;
  person_id: number;
  purpose: TokenPurpose;
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface ApiTokenTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  /** The token acts as this role at this organisation, and no more. */
  role: RoleKind;
  organisation_id: number;
  created_by: number | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditEventTable {
  id: Generated<number>;
  occurred_at: string;
  actor_person_id: number | null;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: number;
  organisation_id: number | null;
  changes: string | null;
  request_id: string | null;
}

export interface RateLimitTable {
  key: string;
  hits: number;
  expires_ms: number;
}

export interface SettingTable {
  key: string;
  value: string;
}

export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type OrganisationUpdate = Updateable<OrganisationTable>;
export type Person = Selectable<PersonTable>;
export type Role = Selectable<RoleTable>;
export type AuditEvent = Selectable<AuditEventTable>;
