import { z } from 'zod';
import { bool } from '../../db/dialect.ts';
import { badRequest, type FieldErrors } from '../../platform/errors.ts';
import type { Translate } from '../../platform/i18n/i18n.ts';
import { descriptorField, parseDescriptors } from './framework-editing.schemas.ts';
import type { FrameworkVersion } from '../../db/schema.ts';
import type { FrameworkSummary as Summary, Problem } from './framework-editing.service.ts';
import type { BenchmarkNode, FrameworkTree } from './framework-read.service.ts';

// The read-only framework API: parameters and what each answer carries. Slugs, keys and tags are
// lowercase words and digits (a tag is `principle:<key>` or `benchmark:<key>`): anything else is a
// 400 before any query runs, so a NUL byte or a stray quote never reaches the database.

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const FrameworkSlugParams = z.object({ slug: z.string().min(1).max(120).regex(SLUG).describe('The framework\'s slug, e.g. common-principles') });

export const FrameworkVersionQuery = z.object({
  version: z.coerce.number().int().positive().max(1_000_000).optional().describe('An older published (now retired) version by number; the current one when absent. Drafts are never served.'),
});

export const TagParams = z.object({
  tag: z
    .string()
    .min(1)
    .max(130)
    .regex(/^(principle|benchmark):[a-z0-9]+(?:-[a-z0-9]+)*$/)
    .describe('A taxonomy tag, e.g. benchmark:advisory'),
});

export const FrameworkListItem = z.object({
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  primary: z.boolean().describe('The primary framework\'s principles and benchmarks are the network\'s shared taxonomy'),
  current_version: z.number().int().describe('Number of the published version'),
});

export const FrameworkList = z.object({ data: z.array(FrameworkListItem) });

const Part = z.object({ key: z.string(), name: z.string(), description: z.string() });

export const VersionInfo = z.object({
  number: z.number().int(),
  status: z.enum(['published', 'retired']),
  published_at: z.string().nullable(),
  notes: z.string(),
});

export const FrameworkDocument = FrameworkListItem.extend({
  version: VersionInfo.describe('The version this tree is'),
  versions: z.array(VersionInfo).describe('Published and retired versions, newest first'),
  principles: z.array(Part),
  levels: z.array(Part).describe('The rubric\'s scale, lowest level first'),
  groups: z.array(
    Part.extend({
      benchmarks: z.array(
        Part.extend({
          principles: z.array(z.string()).describe('Keys of the principles this benchmark serves'),
          descriptors: z.array(z.object({ level: z.string().describe('A level key'), text: z.string() })).describe('What the benchmark looks like at each level'),
        }),
      ),
    }),
  ),
});

export const TaxonomyTerm = z.object({ tag: z.string(), kind: z.enum(['principle', 'benchmark']), key: z.string(), name: z.string() });

export const Taxonomy = z.object({ data: z.array(TaxonomyTerm) });

export const TaggedRecords = z.object({
  term: TaxonomyTerm,
  sessions: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      starts_at: z.string(),
      ends_at: z.string(),
      event: z.object({ slug: z.string(), title: z.string(), timezone: z.string() }),
    }),
  ),
  events: z.array(z.object({ slug: z.string(), title: z.string(), summary: z.string(), kind: z.string(), starts_at: z.string(), ends_at: z.string(), timezone: z.string() })),
});

// ---- The editing side (network admins). Bodies are plain JSON types, so the OpenAPI document
// shows them as sent; the handlers then run the editor's own schemas (FrameworkInput, PartInput,
// BenchmarkInput, PublishInput) over them, so a rule such as the key's pattern lives in one place.

/** An unknown field is refused under its own name rather than dropped: a typo would look saved. */
const unknownField = z.unknown().refine(() => false, { message: 'framework:api.unknownField' }).meta({ not: {} } as never);
const body = <T extends z.ZodRawShape>(shape: T) => z.object(shape).catchall(unknownField);
const id = () => z.number().int().positive().max(2_147_483_647);

export const FrameworkListQuery = z.object({
  include_unpublished: z.enum(['true', 'false']).optional().describe('Network admins only: also frameworks never published, with the number of any draft in progress'),
});

export const FrameworkCreateBody = body({
  slug: z.string().describe('Lowercase words and digits joined by hyphens; stays for good (it is in every link)'),
  name: z.string(),
  description: z.string().optional(),
  primary: z.boolean().optional().describe('Makes this the primary framework (its principles and benchmarks become the shared taxonomy); default false'),
}).meta({ description: 'A new framework, created with an empty draft version 1. Unknown fields are rejected.' });
export type FrameworkCreateBody = z.infer<typeof FrameworkCreateBody>;

export const FrameworkPatchBody = FrameworkCreateBody.omit({ slug: true }).partial().meta({ description: 'Only the fields sent change; the slug never does. Unknown fields are rejected.' });
export type FrameworkPatchBody = z.infer<typeof FrameworkPatchBody>;

export const EmptyBody = body({}).meta({ description: 'No fields: send {}' });

const partFields = {
  key: z.string().describe('Lowercase words or digits joined by hyphens, unique among its kind in the version; stable across versions (it is the tag key)'),
  name: z.string(),
  description: z.string().optional(),
};
export const PartBody = body(partFields);
export const PartPatchBody = body(partFields).partial();

const benchmarkFields = {
  ...partFields,
  group_id: id().describe('A group of the same draft'),
  principle_ids: z.array(id()).max(200).describe('Principles of the same draft this benchmark serves'),
};
export const BenchmarkBody = body(benchmarkFields);
export const BenchmarkPatchBody = body(benchmarkFields).partial();
export type PartPatchBody = z.infer<typeof BenchmarkPatchBody>;

export const MoveBody = body({ direction: z.enum(['up', 'down']).describe('One place up or down its list; nothing moves past either end') });

export const DescriptorsBody = body({
  descriptors: z
    .array(body({ level: z.string().describe('A level key of the same draft'), text: z.string().describe('Blank removes the descriptor') }))
    .max(50)
    .describe('The benchmark\'s whole rubric: a level left out has no descriptor afterwards'),
});
export type DescriptorsBody = z.infer<typeof DescriptorsBody>;

export const PublishBody = body({ notes: z.string().optional().describe('What changed in this version, shown with the version history') });

/** The kinds of part; benchmarks have their own routes for adding and changing (they carry links). */
const SIMPLE_KINDS = ['principles', 'groups', 'levels'] as const;
export type SimpleKind = (typeof SIMPLE_KINDS)[number];
export const SimpleKindParams = FrameworkSlugParams.extend({ kind: z.enum(SIMPLE_KINDS) });
const partId = () => z.coerce.number().int().positive().max(2_147_483_647);
export const SimplePartParams = SimpleKindParams.extend({ id: partId() });
export const PartParams = FrameworkSlugParams.extend({ kind: z.enum([...SIMPLE_KINDS, 'benchmarks']), id: partId() });
export const BenchmarkIdParams = FrameworkSlugParams.extend({ id: partId() });

// ---- What the editing endpoints answer.

export const FrameworkSummary = FrameworkListItem.extend({
  current_version: z.number().int().nullable().describe('Number of the published version; null when none has been published'),
  draft_version: z.number().int().nullable().describe('Number of the draft in progress, if any'),
});
export const FrameworkAdminList = z.object({ data: z.array(FrameworkSummary) });

export const EditablePart = z.object({ id: z.number().int(), key: z.string(), name: z.string(), description: z.string(), position: z.number().int().describe('1, 2, 3 … in display order') });

export const EditableBenchmark = EditablePart.extend({
  group_id: z.number().int(),
  principle_ids: z.array(z.number().int()),
  principles: z.array(z.string()).describe('Keys of the principles this benchmark serves'),
  descriptors: z.array(z.object({ level: z.string().describe('A level key'), text: z.string() })),
});

export const DraftProblem = z.object({
  code: z.string().describe('noPrinciples, noGroups, noBenchmarks, levelCount, noPrinciple, descriptors or ungrouped'),
  message: z.string(),
  benchmark: z.string().nullable().describe('The key of the benchmark concerned, if one is'),
});

export const DraftDocument = z.object({
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  primary: z.boolean(),
  current_version: z.number().int().nullable().describe('Number of the published version; null when none has been published'),
  version: z.object({ number: z.number().int(), status: z.literal('draft'), updated_at: z.string() }),
  principles: z.array(EditablePart),
  levels: z.array(EditablePart).describe('The rubric\'s scale, lowest level first'),
  groups: z.array(EditablePart.extend({ benchmarks: z.array(EditableBenchmark) })),
  problems: z.array(DraftProblem).describe('What the draft still lacks before it may be published; empty when it is complete'),
});
export type DraftDocument = z.infer<typeof DraftDocument>;

export const PublishIncomplete = z.object({
  error: z.object({ code: z.literal('framework_incomplete'), message: z.string() }),
  problems: z.array(DraftProblem),
  requestId: z.string(),
});

// ---- Shaping answers and reading bodies (pure: no database, no request).

/** A benchmark's descriptors in the rubric's order, by level key. */
export const descriptorsOf = (tree: FrameworkTree, b: BenchmarkNode) =>
  tree.levels.filter((l) => b.descriptors[l.key] !== undefined).map((l) => ({ level: l.key, text: b.descriptors[l.key]! }));

/** A row of the admins' list of frameworks. */
/** A published or retired version as the API shows it. */
export const versionInfo = (v: FrameworkVersion) => ({ number: v.number, status: v.status as 'published' | 'retired', published_at: v.published_at, notes: v.notes });

export const summaryJson = (s: Summary): z.infer<typeof FrameworkSummary> => ({
  slug: s.slug,
  name: s.name,
  description: s.description,
  primary: bool(s.is_primary),
  current_version: s.currentNumber,
  draft_version: s.draftNumber,
});

/** A principle, group or level with what it is edited by. */
export const editablePart = (p: { id: number; key: string; name: string; description: string; position: number }) => ({ id: p.id, key: p.key, name: p.name, description: p.description, position: p.position });

/** A benchmark with its group, the principles it serves (ids and keys, in the principles' order) and its descriptors. */
export function editableBenchmark(tree: FrameworkTree, b: BenchmarkNode): z.infer<typeof EditableBenchmark> {
  // In the principles' own order, whatever order the links were made in.
  const principles = tree.principles.filter((p) => b.principleKeys.includes(p.key));
  return { ...editablePart(b), group_id: b.group_id, principle_ids: principles.map((p) => p.id), principles: principles.map((p) => p.key), descriptors: descriptorsOf(tree, b) };
}

/** One reason a draft cannot be published yet, in the caller's language. */
export const problemJson = (t: Translate) => (p: Problem) => ({
  code: p.key.slice(p.key.lastIndexOf('.') + 1),
  message: t(p.key, p.params),
  benchmark: typeof p.params?.key === 'string' ? p.params.key : null,
});

/**
 * The service reads a benchmark's descriptors by level id (the editor page's fields); the API names
 * levels by key, as the published document does. An unknown or repeated level, or a bad text, is
 * refused under the body's own path (`descriptors.2.level`), before anything is saved.
 */
export function descriptorTexts(tree: FrameworkTree, entries: DescriptorsBody['descriptors']): Map<number, string> {
  const levelIds = new Map(tree.levels.map((l) => [l.key, l.id]));
  const errors: FieldErrors = {};
  const values: Record<string, string> = {};
  const entryOf = new Map<string, number>();
  entries.forEach((e, i) => {
    const id = levelIds.get(e.level);
    const field = id === undefined ? undefined : descriptorField(id);
    if (field === undefined) errors[`descriptors.${i}.level`] = ['framework:api.levelUnknown'];
    else if (entryOf.has(field)) errors[`descriptors.${i}.level`] = ['framework:api.levelRepeated'];
    else {
      values[field] = e.text;
      entryOf.set(field, i);
    }
  });
  const parsed = parseDescriptors(values);
  if (!parsed.ok) for (const [field, keys] of Object.entries(parsed.errors)) errors[`descriptors.${entryOf.get(field)}.text`] = keys;
  if (!parsed.ok || Object.keys(errors).length) throw badRequest(errors);
  return parsed.data;
}

