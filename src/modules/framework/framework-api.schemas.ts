import { z } from 'zod';

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
