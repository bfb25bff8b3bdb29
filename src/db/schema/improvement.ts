import type { Generated, Selectable } from 'kysely';

/** School self-assessment (modules/assessment) and center coaching (modules/coaching). */
export interface ImprovementTables {
  assessment_cycles: AssessmentCycleTable;
  assessment_ratings: AssessmentRatingTable;
  assessment_evidence: AssessmentEvidenceTable;
  assessment_level_counts: AssessmentLevelCountTable;
  engagements: EngagementTable;
  engagement_members: EngagementMemberTable;
  engagement_focus: EngagementFocusTable;
  engagement_sessions: EngagementSessionTable;
  engagement_next_steps: EngagementNextStepTable;
}

export const CYCLE_STATUSES = ['draft', 'submitted', 'reviewed'] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];
export const CYCLE_VISIBILITIES = ['private', 'network_summary'] as const;
export type CycleVisibility = (typeof CYCLE_VISIBILITIES)[number];

/**
 * A school's self-assessment for one school year against one framework version (kept for good:
 * a later revision of the framework never changes what this cycle's ratings meant).
 */
export interface AssessmentCycleTable {
  id: Generated<number>;
  school_id: number;
  framework_id: number;
  version_id: number;
  /** "2026-27". One cycle per school, framework and year. */
  school_year: string;
  status: CycleStatus;
  /** Private to the school and its center by default; the school may share a summary network-wide. */
  visibility: CycleVisibility;
  opened_by: number | null;
  submitted_at: string | null;
  submitted_by: number | null;
  reviewed_at: string | null;
  reviewed_by: number | null;
  created_at: string;
  updated_at: string;
  /** Rises with every change to the cycle or its ratings and evidence (its page's version). */
  revision: Generated<number>;
}

/**
 * One benchmark's ratings in a cycle: the school's and, after submission, the coach's. `revision`
 * rises on every school save, so two team members editing the same benchmark get a conflict
 * message instead of overwriting each other.
 */
export interface AssessmentRatingTable {
  id: Generated<number>;
  cycle_id: number;
  benchmark_key: string;
  level_key: string | null;
  comment: string;
  revision: number;
  updated_by: number | null;
  updated_at: string;
  coach_level_key: string | null;
  coach_comment: string | null;
  coach_by: number | null;
  coach_at: string | null;
}

export const EVIDENCE_KINDS = ['text', 'link', 'file'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Evidence a school attaches to a benchmark: a note, a link, or an uploaded file (size-limited, type-sniffed). */
export interface AssessmentEvidenceTable {
  id: Generated<number>;
  cycle_id: number;
  benchmark_key: string;
  kind: EvidenceKind;
  text: string | null;
  url: string | null;
  storage_key: string | null;
  filename: string | null;
  content_type: string | null;
  size_bytes: number | null;
  added_by: number | null;
  created_at: string;
}

export const RATING_SOURCES = ['school', 'coach'] as const;
export type RatingSource = (typeof RATING_SOURCES)[number];

/**
 * How many schools rated a benchmark at a level, per framework, school year and center: the
 * network roll-ups read this instead of every rating. Added to when ratings are frozen (a school's
 * on submission, a coach's when the review is finished); `center_id` 0 means no center.
 */
export interface AssessmentLevelCountTable {
  framework_id: number;
  school_year: string;
  center_id: number;
  benchmark_key: string;
  source: RatingSource;
  level_key: string;
  schools: number;
}

export const ENGAGEMENT_STATUSES = ['active', 'paused', 'closed'] as const;
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];

/** A center's coaching engagement with one of its schools (a case). */
export interface EngagementTable {
  id: Generated<number>;
  center_id: number;
  school_id: number;
  title: string;
  goals: string;
  status: EngagementStatus;
  starts_on: string;
  ends_on: string | null;
  /** The school's service request it grew from, if any. */
  service_request_id: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export const ENGAGEMENT_ROLES = ['coach', 'school_contact'] as const;
export type EngagementRole = (typeof ENGAGEMENT_ROLES)[number];

export interface EngagementMemberTable {
  engagement_id: number;
  person_id: number;
  role: EngagementRole;
}

/** A benchmark the engagement focuses on (`benchmark:<key>` of the shared taxonomy). */
export interface EngagementFocusTable {
  engagement_id: number;
  tag: string;
}

export const SESSION_MODALITIES = ['on_site', 'virtual', 'phone'] as const;
export type SessionModality = (typeof SESSION_MODALITIES)[number];

/** A logged coaching session. Notes are the center's unless marked shareable with the school. */
export interface EngagementSessionTable {
  id: Generated<number>;
  engagement_id: number;
  held_on: string;
  minutes: number;
  modality: SessionModality;
  participants: string;
  notes: string;
  shareable: boolean | number;
  logged_by: number | null;
  created_at: string;
  updated_at: string;
}

/** A next step agreed in a session, with an owner and a due date; reminded by email when due. */
export interface EngagementNextStepTable {
  id: Generated<number>;
  engagement_id: number;
  session_id: number;
  description: string;
  owner_person_id: number | null;
  owner_name: string;
  due_on: string;
  done_at: string | null;
  reminded_at: string | null;
  created_at: string;
}

export type AssessmentCycle = Selectable<AssessmentCycleTable>;
export type AssessmentRating = Selectable<AssessmentRatingTable>;
export type AssessmentEvidence = Selectable<AssessmentEvidenceTable>;
export type AssessmentLevelCount = Selectable<AssessmentLevelCountTable>;
export type Engagement = Selectable<EngagementTable>;
export type EngagementSession = Selectable<EngagementSessionTable>;
export type EngagementNextStep = Selectable<EngagementNextStepTable>;
