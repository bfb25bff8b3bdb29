import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { badRequest } from '../../platform/errors.ts';
import type { Translate } from '../../platform/i18n/i18n.ts';
import { taxonomyTerms } from '../framework/taxonomy.service.ts';

// The keys events, sessions and proposals are tagged with. Principles and benchmarks are the
// network's shared taxonomy: the primary framework's published version says which exist and what
// they are called, so a benchmark an admin publishes can tag a session at once. Disciplines and
// grade bands are the events module's own, translated in its catalogue. Keys are stable slugs,
// never database ids, so a tag survives a new framework version.
//
// The framework module imports this module's tagged.service; this file only calls
// `taxonomyTerms` inside functions, never at load, so that import cycle never evaluates anything early.

export const DISCIPLINE_TAGS = ['english', 'mathematics', 'science', 'history', 'arts', 'world-languages', 'all-subjects'].map((key) => `discipline:${key}`);

export const GRADE_TAGS = ['elementary', 'middle', 'high'].map((key) => `grades:${key}`);

export const TAG_GROUPS = ['principle', 'benchmark', 'discipline', 'grades'] as const;
export type TagGroup = (typeof TAG_GROUPS)[number];

/** What a tag looks like (group, then a framework-style key): anything else is junk, whatever the taxonomy says. */
export const TAG_FORMAT = /^(principle|benchmark|discipline|grades):[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const isWellFormedTag = (tag: string): boolean => tag.length <= 80 && TAG_FORMAT.test(tag);

/** The tags on offer right now, by group, and the taxonomy's name of each principle and benchmark tag. */
export interface TagVocabulary {
  groups: Record<TagGroup, string[]>;
  names: ReadonlyMap<string, string>;
}

/** The vocabulary as of now: two small queries, so load it once per request, never per tag. */
export async function loadTagVocabulary(db: Kysely<Database>): Promise<TagVocabulary> {
  const terms = await taxonomyTerms(db);
  return {
    groups: {
      principle: terms.filter((t) => t.kind === 'principle').map((t) => t.tag),
      benchmark: terms.filter((t) => t.kind === 'benchmark').map((t) => t.tag),
      discipline: DISCIPLINE_TAGS,
      grades: GRADE_TAGS,
    },
    names: new Map(terms.map((t) => [t.tag, t.name])),
  };
}

/**
 * The vocabulary a page showing only `tags` needs: without a principle or benchmark among them
 * (most pages of sessions tagged by discipline, untagged events) no query is made.
 */
export async function vocabularyFor(db: Kysely<Database>, tags: readonly string[]): Promise<TagVocabulary> {
  if (tags.some((t) => t.startsWith('principle:') || t.startsWith('benchmark:'))) return loadTagVocabulary(db);
  return { groups: { principle: [], benchmark: [], discipline: DISCIPLINE_TAGS, grades: GRADE_TAGS }, names: new Map() };
}

/** A discipline or grade tag, or a principle or benchmark of the current taxonomy. */
export const isKnownTag = (vocab: TagVocabulary, tag: string): boolean => vocab.names.has(tag) || DISCIPLINE_TAGS.includes(tag) || GRADE_TAGS.includes(tag);

/**
 * Refuses (400 on `field`, shown beside the form's tag choices) any tag that is neither known nor
 * already on the record: a tag whose benchmark left the framework may stay where it was put, but
 * cannot be added anew.
 */
export async function assertKnownTags(db: Kysely<Database>, tags: readonly string[], opts: { kept?: readonly string[]; field?: string } = {}): Promise<void> {
  // Disciplines and grades need no query: most sessions carry no other tag.
  const open = tags.filter((t) => !DISCIPLINE_TAGS.includes(t) && !GRADE_TAGS.includes(t) && !opts.kept?.includes(t));
  if (open.length === 0) return;
  const vocab = await loadTagVocabulary(db);
  if (open.some((t) => !isKnownTag(vocab, t))) throw badRequest({ [opts.field ?? 'tags']: ['events:tags.unknown'] });
}

export const tagGroupOf = (tag: string): TagGroup | undefined => TAG_GROUPS.find((g) => tag.startsWith(`${g}:`));

/**
 * How a tag reads: the taxonomy's name for a principle or benchmark, the catalogue's for a
 * discipline or grade band. A tag whose term has left the framework (or a key nobody knows) still
 * reads as words — "Principle 4", "Time and resources" — so old records keep rendering.
 */
export function tagLabel(t: Translate, vocab: TagVocabulary, tag: string): string {
  const name = vocab.names.get(tag);
  if (name) return name;
  const group = tagGroupOf(tag);
  const key = tag.slice(tag.indexOf(':') + 1);
  if ((group === 'discipline' || group === 'grades') && (group === 'discipline' ? DISCIPLINE_TAGS : GRADE_TAGS).includes(tag)) return t(`events:tags.${group}.${key}`);
  if (group === 'principle' && /^\d+$/.test(key)) return t('events:tags.principleNumber', { number: key });
  const words = key.replace(/-+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : tag;
}

/** Every tag of the vocabulary by group, plus `extra` tags (already on a record) in theirs, so a form can keep them. */
export function tagChoices(vocab: TagVocabulary, extra: readonly string[] = []): [TagGroup, string[]][] {
  return TAG_GROUPS.map((g) => {
    const offered = vocab.groups[g];
    const kept = extra.filter((tag) => isWellFormedTag(tag) && tagGroupOf(tag) === g && !offered.includes(tag));
    return [g, [...offered, ...new Set(kept)]];
  });
}
