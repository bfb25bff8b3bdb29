import type { Generated, Selectable } from 'kysely';

/**
 * Frameworks of principles and benchmarks, versioned (modules/framework). A version is a whole
 * tree — principles, benchmark groups, benchmarks linked to principles, the rubric's levels and a
 * descriptor per benchmark and level. A published version never changes: revising a framework
 * copies its tree into a new draft, so an assessment made against version 2 keeps its meaning
 * when version 3 is published.
 */
export interface FrameworkTables {
  frameworks: FrameworkTable;
  framework_versions: FrameworkVersionTable;
  framework_principles: FrameworkPrincipleTable;
  framework_groups: FrameworkGroupTable;
  framework_benchmarks: FrameworkBenchmarkTable;
  framework_benchmark_principles: FrameworkBenchmarkPrincipleTable;
  framework_levels: FrameworkLevelTable;
  framework_descriptors: FrameworkDescriptorTable;
}

export interface FrameworkTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  /**
   * The tag namespace of the network's shared taxonomy: the primary framework's principles and
   * benchmarks are the `principle:<key>` and `benchmark:<key>` tags that events (and later the
   * library) carry. Other frameworks are shown and assessed against, not used as tags.
   */
  is_primary: boolean | number;
  /** The published version (null until the first is published). */
  current_version_id: number | null;
  created_at: string;
  updated_at: string;
}

export const FRAMEWORK_VERSION_STATUSES = ['draft', 'published', 'retired'] as const;
export type FrameworkVersionStatus = (typeof FRAMEWORK_VERSION_STATUSES)[number];

export interface FrameworkVersionTable {
  id: Generated<number>;
  framework_id: number;
  /** 1, 2, 3 … within the framework. */
  number: number;
  status: FrameworkVersionStatus;
  /** What changed in this revision, in the editors' words. */
  notes: string;
  published_at: string | null;
  published_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface FrameworkPrincipleTable {
  id: Generated<number>;
  version_id: number;
  /** Stable across versions ("1" … "10", "collective-trust"): the tag key. */
  key: string;
  position: number;
  name: string;
  description: string;
}

/** A group of benchmarks ("Classroom practices", "Organizational practices", a stage of development). */
export interface FrameworkGroupTable {
  id: Generated<number>;
  version_id: number;
  key: string;
  position: number;
  name: string;
  description: string;
}

export interface FrameworkBenchmarkTable {
  id: Generated<number>;
  version_id: number;
  group_id: number;
  /** Stable across versions: the tag key (`benchmark:<key>`). */
  key: string;
  position: number;
  name: string;
  description: string;
}

export interface FrameworkBenchmarkPrincipleTable {
  benchmark_id: number;
  principle_id: number;
}

/** One level of the version's rubric scale, lowest position first (e.g. early, developing, sustaining). */
export interface FrameworkLevelTable {
  id: Generated<number>;
  version_id: number;
  key: string;
  position: number;
  name: string;
  description: string;
}

/** What a benchmark looks like at a level. */
export interface FrameworkDescriptorTable {
  benchmark_id: number;
  level_id: number;
  text: string;
}

export type Framework = Selectable<FrameworkTable>;
export type FrameworkVersion = Selectable<FrameworkVersionTable>;
export type FrameworkPrinciple = Selectable<FrameworkPrincipleTable>;
export type FrameworkGroup = Selectable<FrameworkGroupTable>;
export type FrameworkBenchmark = Selectable<FrameworkBenchmarkTable>;
export type FrameworkLevel = Selectable<FrameworkLevelTable>;
export type FrameworkDescriptor = Selectable<FrameworkDescriptorTable>;
