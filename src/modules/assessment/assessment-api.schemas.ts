import { z } from 'zod';
import { CYCLE_STATUSES, CYCLE_VISIBILITIES, EVIDENCE_KINDS } from '../../db/schema.ts';
import { SchoolYear } from './assessment.schemas.ts';

// The JSON shapes of /api/v1/assessment. Inputs reuse the page forms' schemas (assessment.schemas.ts);
// these are what the API answers, and the few inputs only the API has.

const id = () => z.coerce.number().int().positive().max(2_147_483_647);
const stamp = z.string().describe('ISO 8601 UTC');

export const ApiCycleParams = z.object({ id: id() });
export const ApiBenchmarkParams = z.object({ id: id(), key: z.string().min(1).max(80) });
export const ApiEvidenceParams = z.object({ id: id(), evidenceId: id() });

/** Opening a cycle: unlike the page, the school is always named. */
export const ApiNewCycleInput = z.object({
  school_id: id(),
  framework_id: id().optional().describe("Defaults to the network's primary framework"),
  school_year: SchoolYear.describe('For example 2026-27'),
});

/** submit and review take no fields; the body is `{}` (a JSON body keeps cross-site forms out). */
export const EmptyInput = z.object({}).strict();

export const CycleListItem = z.object({
  id: z.number(),
  school: z.object({ id: z.number(), name: z.string() }),
  framework: z.object({ id: z.number(), name: z.string() }),
  school_year: z.string(),
  status: z.enum(CYCLE_STATUSES),
  visibility: z.enum(CYCLE_VISIBILITIES),
  submitted_at: stamp.nullable(),
  reviewed_at: stamp.nullable(),
  updated_at: stamp.describe("Changes with every write to the cycle (ratings, evidence, status, sharing)"),
});

export const CycleList = z.object({
  data: z.array(CycleListItem).describe("The caller's schools' cycles, then those submitted to the caller's centers"),
});

const SchoolAnswer = z.object({
  level_key: z.string().nullable(),
  comment: z.string(),
  revision: z.number().describe('Send it back with the next save of this benchmark'),
  updated_at: stamp,
});

const CoachAnswer = z.object({
  level_key: z.string().nullable(),
  comment: z.string().nullable(),
  coach_at: stamp.nullable().describe('Send it back with the next coach save of this benchmark (null when none)'),
});

const EvidenceItem = z.object({
  id: z.number(),
  kind: z.enum(EVIDENCE_KINDS),
  text: z.string().nullable(),
  url: z.string().nullable(),
  filename: z.string().nullable(),
  content_type: z.string().nullable(),
  size_bytes: z.number().nullable(),
  download_path: z.string().nullable().describe('For files: where a signed-in browser downloads it'),
  created_at: stamp,
});

export const CycleDetail = CycleListItem.extend({
  framework_version: z.number(),
  levels: z.array(z.object({ key: z.string(), name: z.string() })).describe('The rubric, lowest level first'),
  benchmarks: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      group: z.string(),
      school: SchoolAnswer,
      coach: CoachAnswer.nullable().describe('Shown to reviewers, and to everyone once the review is finished'),
      evidence: z.array(EvidenceItem),
    }),
  ),
  can: z.object({ work: z.boolean(), submit: z.boolean(), review: z.boolean(), share: z.boolean() }).describe('What the caller may do now'),
});

export const SavedRating = z.object({ benchmark_key: z.string(), ...SchoolAnswer.shape });
export const SavedCoachRating = z.object({ benchmark_key: z.string(), ...CoachAnswer.shape });

const apiErrorBody = { code: z.string(), message: z.string() };

export const RatingConflictResponse = z.object({
  error: z.object(apiErrorBody),
  current: SavedRating.extend({ level_name: z.string().nullable() }).describe('The answer saved meanwhile; nothing was overwritten'),
  requestId: z.string(),
});

export const CoachConflictResponse = z.object({
  error: z.object(apiErrorBody),
  current: SavedCoachRating.extend({ level_name: z.string().nullable() }).describe("The other coach's rating; nothing was overwritten"),
  requestId: z.string(),
});

export const IncompleteResponse = z.object({
  error: z.object(apiErrorBody),
  missing: z.array(z.object({ key: z.string(), name: z.string() })).describe('Benchmarks still without a rating'),
  requestId: z.string(),
});
