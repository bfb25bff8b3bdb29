import { z } from 'zod';
import { RATING_SOURCES } from '../../db/schema.ts';
import { BenchmarkKey, SchoolYear } from './improvement.schemas.ts';

// The JSON shapes of /api/v1/improvement and /api/v1/assessment/cycles/{id}/what-helps. The filters
// are the roll-up page's, named as the rest of the API names them (school_year).

const MAX_ID = 2_147_483_647;
const choice = { message: 'validation:choice' };
/** Digits only: unlike a coerced number, a blank, `1e3` or ` 7` is refused rather than read as 0, 1000 or 7. */
const digits = (min: number) => z.string().regex(/^\d{1,10}$/, choice).transform(Number).pipe(z.number().int().min(min, choice).max(MAX_ID, choice));
const stamp = z.string().describe('ISO 8601 UTC');

const framework = digits(1).optional().describe('A framework with a published version (default: the first)');
const source = z.enum(RATING_SOURCES, { message: 'validation:choice' }).optional().describe("Whose ratings: the schools' own (default) or their coaches'");
const center = digits(0)
  .optional()
  .describe("One of the caller's centers (admins: any center, or 0 for schools without one); default: the caller's whole scope");

export const LevelsQuery = z.object({ framework, school_year: SchoolYear.optional().describe('For example 2026-27 (default: the latest with ratings)'), source, center });
export const OverCyclesQuery = z.object({ framework, source, center, benchmark: BenchmarkKey.optional().describe('Only this benchmark (default: every benchmark)') });
export const FocusQuery = z.object({
  center,
  school_year: SchoolYear.optional().describe('For example 2026-27, which runs from 1 July 2026 to 30 June 2027 (default: as for `/levels`, the latest with ratings in the first published framework; the current school year when there are none)'),
});
export const WhatHelpsParams = z.object({ id: digits(1) });

const Named = z.object({ key: z.string(), name: z.string() });
const FrameworkRef = z.object({ id: z.number(), slug: z.string(), name: z.string() }).nullable().describe('null when no framework is published yet');
const AtLevel = z.object({ level_key: z.string(), schools: z.number(), percent: z.number().describe('Share of the benchmark’s schools, one decimal') });
const BenchmarkLevels = z.object({ key: z.string(), name: z.string(), total: z.number().describe('Schools that rated the benchmark'), levels: z.array(AtLevel) });

export const LevelsResponse = z.object({
  framework: FrameworkRef,
  school_year: z.string().nullable().describe('null when nothing has been rated'),
  source: z.enum(RATING_SOURCES),
  center: z.number().nullable(),
  levels: z.array(Named).describe('The rubric, lowest first'),
  benchmarks: z.array(BenchmarkLevels),
});

export const OverCyclesResponse = z.object({
  framework: FrameworkRef,
  source: z.enum(RATING_SOURCES),
  center: z.number().nullable(),
  years: z.array(z.string()).describe('Oldest first'),
  levels: z.array(Named),
  benchmarks: z.array(Named.extend({ by_year: z.array(BenchmarkLevels.omit({ key: true, name: true }).extend({ school_year: z.string() })) })),
});

export const FocusResponse = z.object({
  center: z.number().nullable(),
  school_year: z.string().describe('The school year counted'),
  data: z.array(z.object({ benchmark: Named, engagements: z.number().describe('Active engagements focused on it that run during the school year'), minutes: z.number().describe('Minutes of their sessions held in the school year') })),
});

const Coach = z.object({ id: z.number(), name: z.string() });
const HelpItem = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('coaching'),
    reason: z.string(),
    center: z.object({ id: z.number(), slug: z.string(), name: z.string(), own: z.boolean().describe("The school's own center"), schools: z.number().describe('Schools its active engagements on this benchmark reach') }),
    coaches: z.array(Coach),
  }),
  z.object({ kind: z.literal('session'), reason: z.string(), id: z.number(), title: z.string(), starts_at: stamp, event: z.object({ slug: z.string(), title: z.string() }) }),
  z.object({ kind: z.literal('event'), reason: z.string(), slug: z.string(), title: z.string(), starts_at: stamp }),
]);

export const WhatHelpsResponse = z.object({
  cycle: z.object({ id: z.number(), school: z.object({ id: z.number(), name: z.string() }), school_year: z.string() }),
  data: z
    .array(
      z.object({
        benchmark: Named,
        level: Named.describe("The school's rating"),
        coach_level: Named.nullable().describe("The coach's rating, only when lower than the school's and shown to the caller (reviewers while they review; everyone once the review is finished)"),
        is_lowest: z.boolean().describe('Rated at the lowest level the school gave any benchmark'),
        items: z.array(HelpItem).describe("Ranked: the school's own center's coaches, then upcoming sessions and events soonest first, then other centers"),
      }),
    )
    .describe('The lowest-rated benchmarks, lowest first'),
});
