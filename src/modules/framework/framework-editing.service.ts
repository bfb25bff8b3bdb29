import type { Kysely } from 'kysely';
import type { Database, Framework, FrameworkVersion } from '../../db/schema.ts';
import { bool, isUniqueViolation } from '../../db/dialect.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import * as read from './framework-read.repository.ts';
import { getFrameworkTree, type FrameworkTree } from './framework-read.service.ts';
import * as repo from './framework-editing.repository.ts';
import { MAX_LEVELS, MIN_LEVELS, type BenchmarkInput, type FrameworkDetailsInput, type FrameworkInput, type PartInput, type PartKind } from './framework-editing.schemas.ts';

type Db = Kysely<Database>;

// The framework editor. Only a draft version changes: every edit opens a transaction whose first
// write is `claimDraft` (an UPDATE … WHERE status = 'draft'), so an edit aimed at a published or
// retired version — however its ids were forged — changes nothing and answers 409, and on
// PostgreSQL an edit and a publish of the same version take turns on that row's lock.
//
// Deleting: a principle takes its links to benchmarks with it, a level its descriptors, a
// benchmark its links and descriptors (the confirmation page says so); a group that still holds
// benchmarks is refused, since deleting it would silently delete them.

export const TABLES: Record<PartKind, repo.PartTable> = {
  principles: 'framework_principles',
  groups: 'framework_groups',
  benchmarks: 'framework_benchmarks',
  levels: 'framework_levels',
};

/** The refusal of any edit aimed at a published or retired version. */
export const notDraftError = () => conflict('framework-admin:errors.notDraft');
const notDraft = notDraftError;
const keyTaken = () => badRequest({ key: ['framework-admin:errors.keyTaken'] });

/** One row of the frameworks list. */
export interface FrameworkSummary extends Framework {
  currentNumber: number | null;
  draftNumber: number | null;
}

/** Every framework with its published version's number and whether a draft is in progress. */
export async function listFrameworkSummaries(db: Db): Promise<FrameworkSummary[]> {
  const frameworks = await read.findFrameworks(db);
  return Promise.all(
    frameworks.map(async (f) => {
      const versions = await read.findVersionsOf(db, f.id);
      return {
        ...f,
        currentNumber: versions.find((v) => v.id === f.current_version_id)?.number ?? null,
        draftNumber: versions.find((v) => v.status === 'draft')?.number ?? null,
      };
    }),
  );
}

/** Creates a framework with an empty draft version 1; the primary flag moves to it when set. */
export async function createFramework(db: Db, actor: Actor, input: FrameworkInput): Promise<Framework> {
  try {
    return await db.transaction().execute(async (trx) => {
      if (await read.findFrameworkBySlug(trx, input.slug)) throw badRequest({ slug: ['framework-admin:errors.slugTaken'] });
      const framework = await repo.insertFramework(trx, input);
      if (input.is_primary) await repo.clearPrimaryExcept(trx, framework.id);
      await repo.insertDraftVersion(trx, framework.id, 1);
      await recordAudit(trx, actor, { action: 'framework.created', subjectType: 'framework', subjectId: framework.id, changes: { slug: input.slug, name: input.name, is_primary: input.is_primary } });
      return framework;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw badRequest({ slug: ['framework-admin:errors.slugTaken'] });
    throw err;
  }
}

/** Changes a framework's name, description or primary flag (not its versions). */
export async function updateFrameworkDetails(db: Db, actor: Actor, framework: Framework, input: FrameworkDetailsInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await repo.updateFramework(trx, framework.id, input);
    if (input.is_primary) await repo.clearPrimaryExcept(trx, framework.id);
    await recordAudit(trx, actor, {
      action: 'framework.updated',
      subjectType: 'framework',
      subjectId: framework.id,
      changes: { name: input.name, is_primary: [bool(framework.is_primary), input.is_primary] },
    });
  });
}

/** What the framework page shows: its versions and, when there is one, the draft's tree. */
export interface EditorView {
  versions: FrameworkVersion[];
  draft: FrameworkTree | null;
}

export async function getEditorView(db: Db, framework: Framework): Promise<EditorView> {
  const versions = await read.findVersionsOf(db, framework.id);
  const draft = versions.find((v) => v.status === 'draft');
  return { versions, draft: draft ? await getFrameworkTree(db, framework, draft.id) : null };
}

/** The framework's draft, or 409 when none is in progress. */
export async function requireDraft(db: Db, framework: Framework): Promise<FrameworkVersion> {
  const draft = await repo.findDraftOf(db, framework.id);
  if (!draft) throw conflict('framework-admin:errors.noDraft');
  return draft;
}

/** Runs an edit of a version inside a transaction, only while the version is a draft. */
async function editDraft<T>(db: Db, versionId: number, edit: (trx: Db) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(async (trx) => {
      if (!(await repo.claimDraft(trx, versionId))) throw notDraft();
      return edit(trx);
    });
  } catch (err) {
    // Two saves racing for the same new key: the unique index decides, and the loser hears why.
    if (isUniqueViolation(err)) throw keyTaken();
    throw err;
  }
}

/** A part of one of the framework's versions (404 for another framework's), with its version. */
export async function findPartOf(db: Db, framework: Framework, kind: PartKind, id: number) {
  const part = await repo.findPart(db, TABLES[kind], id);
  const version = part && (await read.findVersionById(db, part.version_id));
  if (!part || !version || version.framework_id !== framework.id) throw notFound();
  return { part, version };
}

/** The benchmark's group id and linked principle ids, for its edit form. */
export async function benchmarkLinks(db: Db, benchmarkId: number): Promise<{ group_id: number; principle_ids: number[] }> {
  const b = await repo.findBenchmark(db, benchmarkId);
  if (!b) throw notFound();
  const links = await db.selectFrom('framework_benchmark_principles').select('principle_id').where('benchmark_id', '=', benchmarkId).execute();
  return { group_id: b.group_id, principle_ids: links.map((l) => l.principle_id) };
}

/** A benchmark's group and principles must be of the benchmark's own version. */
async function checkBenchmarkRefs(trx: Db, versionId: number, input: BenchmarkInput): Promise<void> {
  const groups = await repo.findPartsOf(trx, 'framework_groups', versionId);
  const principles = new Set((await repo.findPartsOf(trx, 'framework_principles', versionId)).map((p) => p.id));
  const errors: Record<string, string[]> = {};
  if (!groups.some((g) => g.id === input.group_id)) errors.group_id = ['validation:choice'];
  if (input.principle_ids.some((id) => !principles.has(id))) errors.principle_ids = ['validation:choice'];
  if (Object.keys(errors).length) throw badRequest(errors);
}

const audit = (trx: Db, actor: Actor, framework: Framework, action: string, changes: Record<string, unknown>) =>
  recordAudit(trx, actor, { action: `framework.${action}`, subjectType: 'framework', subjectId: framework.id, changes });

const singular: Record<PartKind, string> = { principles: 'principle', groups: 'group', benchmarks: 'benchmark', levels: 'level' };

/** Adds a principle, group, benchmark or level at the end of its list in the draft. */
export async function addPart(db: Db, actor: Actor, framework: Framework, kind: PartKind, input: PartInput | BenchmarkInput): Promise<number> {
  const draft = await requireDraft(db, framework);
  const table = TABLES[kind];
  return editDraft(db, draft.id, async (trx) => {
    if (await repo.keyTaken(trx, table, draft.id, input.key)) throw keyTaken();
    if (kind === 'levels' && (await repo.countParts(trx, table, draft.id)) >= MAX_LEVELS) throw badRequest(undefined, 'framework-admin:errors.tooManyLevels');
    const values = { key: input.key, name: input.name, description: input.description };
    let id: number;
    if (kind === 'benchmarks') {
      const b = input as BenchmarkInput;
      await checkBenchmarkRefs(trx, draft.id, b);
      id = await repo.insertBenchmark(trx, draft.id, b.group_id, values);
      await repo.replaceLinks(trx, id, [...new Set(b.principle_ids)]);
    } else {
      id = await repo.insertPart(trx, table as Exclude<repo.PartTable, 'framework_benchmarks'>, draft.id, values);
    }
    await audit(trx, actor, framework, `${singular[kind]}_added`, { version: draft.number, key: input.key });
    return id;
  });
}

/** Saves a part of the draft (refused with 409 when the part belongs to a published or retired version). */
export async function updatePart(db: Db, actor: Actor, framework: Framework, kind: PartKind, id: number, input: PartInput | BenchmarkInput): Promise<void> {
  const { part, version } = await findPartOf(db, framework, kind, id);
  const table = TABLES[kind];
  await editDraft(db, version.id, async (trx) => {
    if (await repo.keyTaken(trx, table, version.id, input.key, id)) throw keyTaken();
    const values = { key: input.key, name: input.name, description: input.description };
    if (kind === 'benchmarks') {
      const b = input as BenchmarkInput;
      await checkBenchmarkRefs(trx, version.id, b);
      await repo.updatePart(trx, table, id, { ...values, group_id: b.group_id });
      await repo.replaceLinks(trx, id, [...new Set(b.principle_ids)]);
    } else {
      await repo.updatePart(trx, table, id, values);
    }
    await audit(trx, actor, framework, `${singular[kind]}_updated`, { version: version.number, key: [part.key, input.key], name: [part.name, input.name] });
  });
}

/** Moves a part one place up or down its list (positions are renumbered 1…n). */
export async function movePart(db: Db, actor: Actor, framework: Framework, kind: PartKind, id: number, direction: 'up' | 'down'): Promise<void> {
  const { part, version } = await findPartOf(db, framework, kind, id);
  const table = TABLES[kind];
  await editDraft(db, version.id, async (trx) => {
    const list = await repo.findPartsOf(trx, table, version.id);
    const i = list.findIndex((p) => p.id === id);
    const j = direction === 'up' ? i - 1 : i + 1;
    if (i < 0 || j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j]!, list[i]!];
    for (const [n, p] of list.entries()) if (p.position !== n + 1) await repo.setPosition(trx, table, p.id, n + 1);
    await audit(trx, actor, framework, `${singular[kind]}_moved`, { version: version.number, key: part.key, direction });
  });
}

/** Deletes a part of the draft with its links or descriptors; a group holding benchmarks is refused. */
export async function deletePart(db: Db, actor: Actor, framework: Framework, kind: PartKind, id: number): Promise<void> {
  const { part, version } = await findPartOf(db, framework, kind, id);
  await editDraft(db, version.id, async (trx) => {
    if (kind === 'groups' && (await repo.countBenchmarksInGroup(trx, id)) > 0) throw conflict('framework-admin:errors.groupInUse');
    await repo.deletePart(trx, TABLES[kind], id);
    await audit(trx, actor, framework, `${singular[kind]}_deleted`, { version: version.number, key: part.key });
  });
}

/** The descriptor page: a benchmark of the framework with its version's tree. */
export async function getDescriptorView(db: Db, framework: Framework, benchmarkId: number) {
  const { part, version } = await findPartOf(db, framework, 'benchmarks', benchmarkId);
  const tree = await getFrameworkTree(db, framework, version.id);
  const benchmark = tree.groups.flatMap((g) => g.benchmarks).find((b) => b.id === part.id)!;
  return { tree, benchmark };
}

/**
 * Saves a benchmark's descriptors, one per level of its version (blank removes one). A level of
 * another version is refused: a descriptor only means something on its own rubric.
 */
export async function saveDescriptors(db: Db, actor: Actor, framework: Framework, benchmarkId: number, texts: Map<number, string>): Promise<void> {
  const { part, version } = await findPartOf(db, framework, 'benchmarks', benchmarkId);
  await editDraft(db, version.id, async (trx) => {
    const levels = await repo.findPartsOf(trx, 'framework_levels', version.id);
    const ids = new Set(levels.map((l) => l.id));
    if ([...texts.keys()].some((id) => !ids.has(id))) throw badRequest(undefined, 'framework-admin:errors.levelNotInVersion');
    for (const level of levels) await repo.saveDescriptor(trx, benchmarkId, level.id, texts.get(level.id) ?? '');
    await audit(trx, actor, framework, 'descriptors_saved', { version: version.number, benchmark: part.key });
  });
}

/** One reason a draft cannot be published yet: a catalogue key and its values. */
export interface Problem {
  key: string;
  params?: Record<string, string | number>;
}

/** What a draft still lacks before it may be published (empty when it is complete). */
export function draftProblems(tree: FrameworkTree): Problem[] {
  const problems: Problem[] = [];
  const benchmarks = tree.groups.flatMap((g) => g.benchmarks);
  if (tree.principles.length === 0) problems.push({ key: 'framework-admin:publish.problems.noPrinciples' });
  if (tree.groups.length === 0) problems.push({ key: 'framework-admin:publish.problems.noGroups' });
  if (benchmarks.length === 0) problems.push({ key: 'framework-admin:publish.problems.noBenchmarks' });
  if (tree.levels.length < MIN_LEVELS || tree.levels.length > MAX_LEVELS) problems.push({ key: 'framework-admin:publish.problems.levelCount', params: { min: MIN_LEVELS, max: MAX_LEVELS, count: tree.levels.length } });
  for (const b of benchmarks) {
    if (b.principleKeys.length === 0) problems.push({ key: 'framework-admin:publish.problems.noPrinciple', params: { benchmark: b.name, key: b.key } });
    const missing = tree.levels.filter((l) => !b.descriptors[l.key]);
    if (missing.length) problems.push({ key: 'framework-admin:publish.problems.descriptors', params: { benchmark: b.name, key: b.key, levels: missing.map((l) => l.name).join(', ') } });
  }
  return problems;
}

/** The refusal of an incomplete draft, carrying the list of problems for the page. */
export class DraftIncomplete extends AppError {
  constructor(readonly problems: Problem[]) {
    super(400, 'framework_incomplete', 'framework-admin:publish.incomplete', { params: { count: problems.length } });
  }
}

/**
 * Publishes the draft in one transaction: it becomes published (when, by whom, with notes), the
 * version that was published is retired, and the framework points at the new one. The guarded
 * UPDATE … WHERE status = 'draft' means two publishes cannot both win. An incomplete draft is
 * refused with its problems, changing nothing.
 */
export async function publishDraft(db: Db, actor: Actor, framework: Framework, notes: string): Promise<FrameworkVersion> {
  const draft = await requireDraft(db, framework);
  return db.transaction().execute(async (trx) => {
    const tree = await getFrameworkTree(trx, framework, draft.id);
    const problems = draftProblems(tree);
    // A benchmark whose group is not of this version would be missing from the tree: count to catch it.
    const inTree = tree.groups.reduce((n, g) => n + g.benchmarks.length, 0);
    if (inTree !== (await repo.countParts(trx, 'framework_benchmarks', draft.id))) problems.push({ key: 'framework-admin:publish.problems.ungrouped' });
    if (problems.length) throw new DraftIncomplete(problems);
    if (!(await repo.markPublished(trx, draft.id, actor.personId, notes))) throw conflict('framework-admin:errors.alreadyPublished');
    await repo.retirePublishedExcept(trx, framework.id, draft.id);
    await repo.setCurrentVersion(trx, framework.id, draft.id);
    await audit(trx, actor, framework, 'published', { version: draft.number, notes });
    return { ...draft, status: 'published' as const, notes };
  });
}

/**
 * Starts a new draft, numbered after the highest version, as a copy of the published tree (new
 * ids, same keys) — or empty when nothing is published yet. One draft at a time: the framework row
 * is locked before looking for one, and the version-number index catches any race left.
 */
export async function startRevision(db: Db, actor: Actor, framework: Framework): Promise<FrameworkVersion> {
  try {
    return await db.transaction().execute(async (trx) => {
      if (!(await repo.lockFramework(trx, framework.id))) throw notFound();
      if (await repo.findDraftOf(trx, framework.id)) throw conflict('framework-admin:errors.draftExists');
      const current = (await repo.findFrameworkById(trx, framework.id))!.current_version_id;
      const draft = await repo.insertDraftVersion(trx, framework.id, await repo.nextVersionNumber(trx, framework.id));
      if (current !== null) await repo.copyTree(trx, await read.findVersionParts(trx, current), draft.id);
      await audit(trx, actor, framework, 'revision_started', { version: draft.number });
      return draft;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('framework-admin:errors.draftExists');
    throw err;
  }
}

/** Throws the draft and its tree away; published versions are untouched. */
export async function discardDraft(db: Db, actor: Actor, framework: Framework): Promise<void> {
  const draft = await requireDraft(db, framework);
  await editDraft(db, draft.id, async (trx) => {
    await repo.deleteVersionTree(trx, draft.id);
    await audit(trx, actor, framework, 'draft_discarded', { version: draft.number });
  });
}
