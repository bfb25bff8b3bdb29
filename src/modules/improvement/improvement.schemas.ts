import { z } from 'zod';
import { RATING_SOURCES } from '../../db/schema.ts';
import { fields } from '../../platform/validation.ts';

/** "2026-27": two consecutive years. */
export const SchoolYear = z
  .string()
  .regex(/^\d{4}-\d{2}$/, { message: 'improvement:errors.schoolYear' })
  .refine((s) => (Number(s.slice(0, 4)) + 1) % 100 === Number(s.slice(5)), { message: 'improvement:errors.schoolYear' });

/** A benchmark's key, as the framework writes it. */
export const BenchmarkKey = z.string().max(80).regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'validation:choice' });

/** The roll-up page's filters (query string). Blank means the default. */
export const RollupQuery = z.object({
  framework: fields.id().optional(),
  year: SchoolYear.optional(),
  source: z.enum(RATING_SOURCES, { message: 'validation:choice' }).optional(),
  /** 0: schools without a center. */
  center: z.coerce.number({ message: 'validation:choice' }).int({ message: 'validation:choice' }).min(0, { message: 'validation:choice' }).max(2_147_483_647, { message: 'validation:choice' }).optional(),
  /** The benchmark followed over cycles. */
  benchmark: BenchmarkKey.optional(),
});
export type RollupQuery = z.infer<typeof RollupQuery>;

export const CycleParams = z.object({ id: fields.id() });
