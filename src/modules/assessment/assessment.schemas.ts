import { z } from 'zod';
import { CYCLE_VISIBILITIES } from '../../db/schema.ts';
import { fields } from '../../platform/validation.ts';

const id = () => z.coerce.number().int().positive().max(2_147_483_647);

/** "2026-27": a school year, the second year following the first. */
export const SchoolYear = z
  .string({ error: 'validation:required' })
  .regex(/^\d{4}-\d{2}$/, { message: 'assessment:errors.schoolYearFormat' })
  .refine((s) => (Number(s.slice(0, 4)) + 1) % 100 === Number(s.slice(5)), { message: 'assessment:errors.schoolYearFormat' })
  .refine((s) => Number(s.slice(0, 4)) >= 2000 && Number(s.slice(0, 4)) <= 2100, { message: 'assessment:errors.schoolYearFormat' });

/** Opening a cycle: the school (when someone works at several), the year, the framework (primary by default). */
export const NewCycleInput = z.object({
  school_id: id().optional(),
  framework_id: id().optional(),
  school_year: SchoolYear,
});
export type NewCycleInput = z.infer<typeof NewCycleInput>;

/** A school's rating of one benchmark; `revision` is the one the form was loaded with. */
export const RatingInput = z.object({
  level_key: z.string({ error: 'assessment:errors.chooseLevel' }).max(60),
  comment: fields.optionalText(4000),
  revision: z.coerce.number().int().min(0).max(2_147_483_647),
});
export type RatingInput = z.infer<typeof RatingInput>;

// A control character (a NUL above all) would pass the URL parser yet make PostgreSQL refuse the
// row: refused first, with its own message, and the address check skipped.
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

const httpUrl = z
  .string()
  .max(2000)
  .refine((s) => !CONTROL_CHARS.test(s), { message: 'assessment:errors.linkControlChars', abort: true })
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, { message: 'assessment:errors.linkUrl' });

/** Evidence typed in: a note, or a link (http or https only). */
export const EvidenceInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string({ error: 'validation:required' }).max(4000).refine((s) => !s.includes('\u0000'), { message: 'validation:invalid' }) }),
  z.object({ kind: z.literal('link'), url: httpUrl, text: fields.optionalText(300) }),
]);
export type EvidenceInput = z.infer<typeof EvidenceInput>;

/**
 * A coach's rating of one benchmark. `coach_at` is the time of the coach rating the form showed
 * (blank or null when there was none): a save over a rating the coach did not see is a conflict.
 */
export const CoachRatingInput = z.object({
  coach_level_key: z.string({ error: 'assessment:errors.chooseLevel' }).max(60),
  coach_comment: fields.optionalText(4000),
  coach_at: z.string().max(40).nullish().transform((v) => v || null),
});
export type CoachRatingInput = z.infer<typeof CoachRatingInput>;

/** Who may see the cycle's summary: the school and its center only, or a summary network-wide. */
export const VisibilityInput = z.object({
  visibility: z.enum(CYCLE_VISIBILITIES, { error: 'validation:choice' }),
});
export type VisibilityInput = z.infer<typeof VisibilityInput>;

export const CycleParams = z.object({ id: id() });
export const BenchmarkParams = z.object({ id: id(), key: z.string().min(1).max(80) });
export const EvidenceFileParams = z.object({ id: id(), evidenceId: id() });
