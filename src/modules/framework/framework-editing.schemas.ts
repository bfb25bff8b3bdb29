import { z } from 'zod';
import { fields } from '../../platform/validation.ts';

// Inputs of the framework editor (network admins). One schema per form; the editor's routes parse
// them with `parseForm`, so a bad value comes back beside its field with what was typed kept.

/** A key: a lowercase slug ("collective-trust") or digits ("3"). Stable across versions: it is the tag key. */
export const KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const key = () =>
  z
    .string({ error: (i) => (i.input == null ? 'validation:required' : 'validation:invalid') })
    .trim()
    .min(1)
    .max(80)
    .regex(KEY_PATTERN, { message: 'framework-admin:errors.key' });

/** The rubric's scale: at least two levels to rate against, at most seven. */
export const MIN_LEVELS = 2;
export const MAX_LEVELS = 7;

/** Slugs the admin routes use themselves. */
const RESERVED_SLUGS = new Set(['new']);

export const FrameworkInput = z.object({
  slug: key().refine((s) => !RESERVED_SLUGS.has(s), { message: 'framework-admin:errors.slugReserved' }),
  name: fields.line(200),
  description: fields.optionalText(5000).transform((s) => s ?? ''),
  is_primary: fields.checkbox(),
});
export type FrameworkInput = z.infer<typeof FrameworkInput>;

/** Editing a framework's details: the slug stays (it is in every link). */
export const FrameworkDetailsInput = FrameworkInput.omit({ slug: true });
export type FrameworkDetailsInput = z.infer<typeof FrameworkDetailsInput>;

/** A principle, a group or a rubric level. */
export const PartInput = z.object({
  key: key(),
  name: fields.line(200),
  description: fields.optionalText(5000).transform((s) => s ?? ''),
});
export type PartInput = z.infer<typeof PartInput>;

/** A repeated form field (checkboxes) arrives as a string when one is ticked, an array for several. */
const idList = () => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(fields.id()));

export const BenchmarkInput = PartInput.extend({
  group_id: fields.id(),
  principle_ids: idList(),
});
export type BenchmarkInput = z.infer<typeof BenchmarkInput>;

export const MoveInput = z.object({ direction: z.enum(['up', 'down']) });

export const PublishInput = z.object({ notes: fields.optionalText(5000).transform((s) => s ?? '') });
export type PublishInput = z.infer<typeof PublishInput>;

/** The four kinds of part edited by the same pages; the URL names them. */
export const PART_KINDS = ['principles', 'groups', 'benchmarks', 'levels'] as const;
export type PartKind = (typeof PART_KINDS)[number];

export const SlugParams = z.object({ slug: z.string().max(120).regex(/^[a-z0-9-]+$/) });
export const KindParams = SlugParams.extend({ kind: z.enum(PART_KINDS) });
export const PartParams = KindParams.extend({ id: fields.id() });
export const BenchmarkParams = SlugParams.extend({ id: fields.id() });

/** A descriptor field's name on the per-benchmark page: one textarea per level. */
export const descriptorField = (levelId: number): string => `level_${levelId}`;

/** Reads the descriptor fields of a form: level id → text (blank means no descriptor yet). */
export function parseDescriptors(values: Record<string, unknown>): { ok: true; data: Map<number, string> } | { ok: false; errors: Record<string, string[]> } {
  const data = new Map<number, string>();
  const errors: Record<string, string[]> = {};
  const text = fields.optionalText(5000);
  for (const [name, raw] of Object.entries(values)) {
    const m = /^level_(\d{1,10})$/.exec(name);
    if (!m) continue;
    const r = text.safeParse(typeof raw === 'string' ? raw : undefined);
    if (!r.success || typeof raw !== 'string') errors[name] = ['validation:invalid'];
    else data.set(Number(m[1]), r.data ?? '');
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, data };
}
