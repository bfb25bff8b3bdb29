// The keys events and sessions are tagged with. They are the network's shared vocabulary: the
// framework module (principles and benchmarks) will own the taxonomy and resolve these keys to its
// versioned records, so the keys are stable slugs, never database ids.

export const PRINCIPLE_TAGS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].map((n) => `principle:${n}`);

/** The fourteen Benchmarks: seven classroom practices, seven organisational practices. */
export const BENCHMARK_TAGS = [
  'intellectual-focus',
  'personalised-learning',
  'student-as-worker',
  'demonstration-of-mastery',
  'culture-of-inquiry',
  'literacy-across-subjects',
  'differentiated-instruction',
  'advisory',
  'shared-leadership',
  'family-and-community',
  'professional-collaboration',
  'equity-and-access',
  'tone-of-decency-and-trust',
  'time-and-resources',
].map((key) => `benchmark:${key}`);

export const DISCIPLINE_TAGS = ['english', 'mathematics', 'science', 'history', 'arts', 'world-languages', 'all-subjects'].map((key) => `discipline:${key}`);

export const GRADE_TAGS = ['elementary', 'middle', 'high'].map((key) => `grades:${key}`);

export const EVENT_TAG_GROUPS = { principle: PRINCIPLE_TAGS, benchmark: BENCHMARK_TAGS, discipline: DISCIPLINE_TAGS, grades: GRADE_TAGS } as const;

export const ALL_TAGS: readonly string[] = [...PRINCIPLE_TAGS, ...BENCHMARK_TAGS, ...DISCIPLINE_TAGS, ...GRADE_TAGS];

export const isKnownTag = (tag: string): boolean => ALL_TAGS.includes(tag);

/**
 * The message key naming a tag, in the `events` catalogue (`tags.principle.1`,
 * `tags.benchmark.advisory`, …), so every module shows a tag the same way.
 */
export function tagLabelKey(tag: string): string {
  const [group, key] = tag.split(':', 2) as [string, string];
  return `events:tags.${group}.${key}`;
}
