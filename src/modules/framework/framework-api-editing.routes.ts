import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Framework } from '../../db/schema.ts';
import { bool } from '../../db/dialect.ts';
import { requireNetworkAdmin } from '../../platform/auth/guards.ts';
import { AppError, badRequest } from '../../platform/errors.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { ApiError } from '../organisations/organisations.schemas.ts';
import { BenchmarkBody, BenchmarkIdParams, BenchmarkPatchBody, DescriptorsBody, descriptorTexts, DraftDocument, EditableBenchmark, editableBenchmark, EditablePart, editablePart, EmptyBody, FrameworkCreateBody, FrameworkPatchBody, FrameworkSlugParams, FrameworkSummary, MoveBody, PartBody, PartParams, PartPatchBody, problemJson, PublishBody, PublishIncomplete, SimpleKindParams, SimplePartParams, summaryJson, type SimpleKind, VersionInfo, versionInfo } from './framework-api.schemas.ts';
import { BenchmarkInput, FrameworkDetailsInput, FrameworkInput, PartInput, PublishInput, type PartKind } from './framework-editing.schemas.ts';
import * as editing from './framework-editing.service.ts';
import { benchmarksOf, getFrameworkBySlug, getFrameworkTree, listVersions, type FrameworkTree } from './framework-read.service.ts';

const tags = ['framework'];
/** A network admin's session or token. */
const adminSecurity = [{ bearer: [] }];
const adminErrors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 415: ApiError };

/**
 * Editing is for network admins only: 401 signed out (or with a credential that does not work),
 * 403 for anyone else, before any framework is looked up, so nobody else learns which exist.
 */
async function requireAdmin(request: FastifyRequest) {
  requireNetworkAdmin(request);
}

/**
 * Writes also need a JSON body (DELETE has none): a cross-site HTML form can only send form
 * encodings, so this shuts out request forgery against an admin's browser session.
 */
async function requireAdminWriter(request: FastifyRequest) {
  requireNetworkAdmin(request);
  if (request.method !== 'DELETE' && !/^application\/json\b/i.test(request.headers['content-type'] ?? '')) throw new AppError(415, 'unsupported_media_type', 'errors:unsupportedMediaType');
}

/** Runs one of the editor's schemas over an API value: its messages come back under the body's own field names. */
function checked<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(fieldErrors(result.error));
  return result.data;
}


/**
 * The editing side of /api/v1/frameworks, for network admins: everything the /admin/frameworks
 * editor does, through the same service and under the same rules. Only the draft changes (an edit
 * aimed at a published or retired version is a 409); a framework has at most one draft; publishing
 * retires the version published until then.
 */
export async function registerFrameworkEditingApi(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const write = { preValidation: requireAdminWriter };
  const schema = (summary: string, description: string) => ({ tags, summary, description, security: adminSecurity });

  /** The draft in progress with ids for editing, and what it still lacks (404 when there is none). */
  async function draftDocument(request: FastifyRequest, framework: Framework): Promise<DraftDocument> {
    const { versions, draft } = await editing.getEditorView(db, framework);
    if (!draft) throw new AppError(404, 'not_found', 'framework-admin:errors.noDraft');
    return {
      slug: framework.slug,
      name: framework.name,
      description: framework.description,
      primary: bool(framework.is_primary),
      current_version: versions.find((v) => v.id === framework.current_version_id)?.number ?? null,
      version: { number: draft.version.number, status: 'draft', updated_at: draft.version.updated_at },
      principles: draft.principles.map(editablePart),
      levels: draft.levels.map(editablePart),
      groups: draft.groups.map((g) => ({ ...editablePart(g), benchmarks: g.benchmarks.map((b) => editableBenchmark(draft, b)) })),
      problems: editing.draftProblems(draft).map(problemJson(request.t)),
    };
  }

  /** A part as it stands after a change, read from its version's tree. */
  async function treeOf(framework: Framework, kind: PartKind, id: number): Promise<FrameworkTree> {
    const { version } = await editing.findPartOf(db, framework, kind, id);
    return getFrameworkTree(db, framework, version.id);
  }
  const partOfTree = async (framework: Framework, kind: SimpleKind, id: number) => editablePart((await treeOf(framework, kind, id))[kind].find((p) => p.id === id)!);
  const benchmarkOfTree = async (framework: Framework, id: number) => {
    const tree = await treeOf(framework, 'benchmarks', id);
    return editableBenchmark(tree, benchmarksOf(tree).find((b) => b.id === id)!);
  };

  const summaryOf = async (frameworkId: number) => summaryJson((await editing.listFrameworkSummaries(db)).find((s) => s.id === frameworkId)!);

  // --- Frameworks -------------------------------------------------------------------------------
  api.post(
    '/api/v1/frameworks',
    {
      ...write,
      schema: {
        ...schema('Create a framework', 'Network admins only. Creates the framework with an empty draft version 1 and answers with that draft. A slug already in use is a 400 on `slug`.'),
        body: FrameworkCreateBody,
        response: { 201: DraftDocument, ...adminErrors },
      },
    },
    async (request, reply) => {
      const { slug, name, description, primary } = request.body;
      const input = checked(FrameworkInput, { slug, name, description, is_primary: primary ?? false });
      const framework = await editing.createFramework(db, actorFromRequest(request), input);
      return reply.code(201).header('location', `/api/v1/frameworks/${framework.slug}/draft`).send(await draftDocument(request, framework));
    },
  );

  api.patch(
    '/api/v1/frameworks/:slug',
    {
      ...write,
      schema: {
        ...schema('Change a framework', "Network admins only. The framework's name, description or primary flag (making one primary takes the flag from the others); its versions are untouched."),
        params: FrameworkSlugParams,
        body: FrameworkPatchBody,
        response: { 200: FrameworkSummary, ...adminErrors },
      },
    },
    async (request) => {
      const framework = await getFrameworkBySlug(db, request.params.slug);
      const { name = framework.name, description = framework.description, primary = bool(framework.is_primary) } = request.body;
      await editing.updateFrameworkDetails(db, actorFromRequest(request), framework, checked(FrameworkDetailsInput, { name, description, is_primary: primary }));
      return summaryOf(framework.id);
    },
  );

  // --- The draft: read, start, discard, publish ---------------------------------------------------
  api.get(
    '/api/v1/frameworks/:slug/draft',
    {
      preValidation: requireAdmin,
      schema: {
        ...schema('Get the draft', 'Network admins only. The draft in progress with the ids its parts are edited by, and what it still lacks before it may be published. 404 when no draft is in progress.'),
        params: FrameworkSlugParams,
        response: { 200: DraftDocument, 401: ApiError, 403: ApiError, 404: ApiError, 400: ApiError },
      },
    },
    async (request) => draftDocument(request, await getFrameworkBySlug(db, request.params.slug)),
  );

  api.post(
    '/api/v1/frameworks/:slug/draft',
    {
      ...write,
      schema: {
        ...schema('Start a revision', 'Network admins only. Opens a new draft, numbered after the highest version, as a copy of the published tree (new ids, same keys), or empty when nothing is published yet. One draft at a time: 409 while one is in progress.'),
        params: FrameworkSlugParams,
        body: EmptyBody,
        response: { 201: DraftDocument, ...adminErrors },
      },
    },
    async (request, reply) => {
      const framework = await getFrameworkBySlug(db, request.params.slug);
      await editing.startRevision(db, actorFromRequest(request), framework);
      return reply.code(201).header('location', `/api/v1/frameworks/${framework.slug}/draft`).send(await draftDocument(request, framework));
    },
  );

  api.delete(
    '/api/v1/frameworks/:slug/draft',
    {
      ...write,
      schema: {
        ...schema('Discard the draft', 'Network admins only. Throws the draft and its tree away; published and retired versions are untouched. 409 when no draft is in progress.'),
        params: FrameworkSlugParams,
        response: { 204: z.null().describe('Discarded'), ...adminErrors },
      },
    },
    async (request, reply) => {
      await editing.discardDraft(db, actorFromRequest(request), await getFrameworkBySlug(db, request.params.slug));
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/api/v1/frameworks/:slug/draft/publish',
    {
      ...write,
      schema: {
        ...schema(
          'Publish the draft',
          'Network admins only. The draft becomes the published version (it never changes again), the version published until now is retired, and the public document shows the new one. An incomplete draft is a 400 listing its problems, and nothing changes; with no draft in progress (published a moment ago, say) it is a 409.',
        ),
        params: FrameworkSlugParams,
        body: PublishBody,
        response: { 200: VersionInfo, ...adminErrors, 400: PublishIncomplete.or(ApiError) },
      },
    },
    async (request, reply) => {
      const framework = await getFrameworkBySlug(db, request.params.slug);
      const { notes } = checked(PublishInput, request.body);
      try {
        const published = await editing.publishDraft(db, actorFromRequest(request), framework, notes);
        return versionInfo((await listVersions(db, framework.id)).find((v) => v.id === published.id)!);
      } catch (err) {
        if (!(err instanceof editing.DraftIncomplete)) throw err;
        const error = { code: 'framework_incomplete' as const, message: request.t(err.messageKey, err.options.params) };
        return reply.code(400).send({ error, problems: err.problems.map(problemJson(request.t)), requestId: String(request.id) });
      }
    },
  );

  // --- Parts of the draft -------------------------------------------------------------------------
  // Benchmarks have their own routes for adding and changing (they carry a group and principles);
  // the static segment wins over `:kind`, which names principles, groups or levels.
  api.post(
    '/api/v1/frameworks/:slug/draft/benchmarks',
    {
      ...write,
      schema: {
        ...schema('Add a benchmark', "Network admins only. Adds a benchmark at the end of the draft's list, in a group of the draft, serving principles of the draft (400 on `group_id` or `principle_ids` otherwise). A key already used by another benchmark of the draft is a 400 on `key`."),
        params: FrameworkSlugParams,
        body: BenchmarkBody,
        response: { 201: EditableBenchmark, ...adminErrors },
      },
    },
    async (request, reply) => {
      const framework = await getFrameworkBySlug(db, request.params.slug);
      const id = await editing.addPart(db, actorFromRequest(request), framework, 'benchmarks', checked(BenchmarkInput, request.body));
      return reply.code(201).send(await benchmarkOfTree(framework, id));
    },
  );

  api.patch(
    '/api/v1/frameworks/:slug/draft/benchmarks/:id',
    {
      ...write,
      schema: {
        ...schema('Change a benchmark', 'Network admins only. Only the fields sent change; `principle_ids` replaces the links. A benchmark of a published or retired version is a 409: start a revision and edit its copy.'),
        params: BenchmarkIdParams,
        body: BenchmarkPatchBody,
        response: { 200: EditableBenchmark, ...adminErrors },
      },
    },
    async (request) => {
      const { slug, id } = request.params;
      const framework = await getFrameworkBySlug(db, slug);
      const { part } = await editing.findPartOf(db, framework, 'benchmarks', id);
      const current = { key: part.key, name: part.name, description: part.description, ...(await editing.benchmarkLinks(db, id)) };
      await editing.updatePart(db, actorFromRequest(request), framework, 'benchmarks', id, checked(BenchmarkInput, { ...current, ...request.body }));
      return benchmarkOfTree(framework, id);
    },
  );

  api.put(
    '/api/v1/frameworks/:slug/draft/benchmarks/:id/descriptors',
    {
      ...write,
      schema: {
        ...schema(
          "Set a benchmark's descriptors",
          "Network admins only. The benchmark's whole rubric, a descriptor per level key of its draft: a level left out, or sent blank, has no descriptor afterwards. An unknown or repeated level is a 400 on its entry, and nothing is saved.",
        ),
        params: BenchmarkIdParams,
        body: DescriptorsBody,
        response: { 200: EditableBenchmark, ...adminErrors },
      },
    },
    async (request) => {
      const { slug, id } = request.params;
      const framework = await getFrameworkBySlug(db, slug);
      const { tree } = await editing.getDescriptorView(db, framework, id);
      await editing.saveDescriptors(db, actorFromRequest(request), framework, id, descriptorTexts(tree, request.body.descriptors));
      return benchmarkOfTree(framework, id);
    },
  );

  api.post(
    '/api/v1/frameworks/:slug/draft/:kind',
    {
      ...write,
      schema: {
        ...schema('Add a principle, group or level', "Network admins only. Adds it at the end of its list in the draft. A key already used by another of its kind in the draft is a 400 on `key`; a rubric has at most 7 levels."),
        params: SimpleKindParams,
        body: PartBody,
        response: { 201: EditablePart, ...adminErrors },
      },
    },
    async (request, reply) => {
      const { slug, kind } = request.params;
      const framework = await getFrameworkBySlug(db, slug);
      const id = await editing.addPart(db, actorFromRequest(request), framework, kind, checked(PartInput, request.body));
      return reply.code(201).send(await partOfTree(framework, kind, id));
    },
  );

  api.patch(
    '/api/v1/frameworks/:slug/draft/:kind/:id',
    {
      ...write,
      schema: {
        ...schema('Change a principle, group or level', 'Network admins only. Only the fields sent change. A part of a published or retired version is a 409: start a revision and edit its copy.'),
        params: SimplePartParams,
        body: PartPatchBody,
        response: { 200: EditablePart, ...adminErrors },
      },
    },
    async (request) => {
      const { slug, kind, id } = request.params;
      const framework = await getFrameworkBySlug(db, slug);
      const { part } = await editing.findPartOf(db, framework, kind, id);
      const input = checked(PartInput, { key: part.key, name: part.name, description: part.description, ...request.body });
      await editing.updatePart(db, actorFromRequest(request), framework, kind, id, input);
      return partOfTree(framework, kind, id);
    },
  );

  api.delete(
    '/api/v1/frameworks/:slug/draft/:kind/:id',
    {
      ...write,
      schema: {
        ...schema(
          'Delete a part of the draft',
          "Network admins only. A principle takes its links to benchmarks with it, a level its descriptors, a benchmark its links and descriptors; a group that still holds benchmarks is a 409. A part of a published or retired version is a 409.",
        ),
        params: PartParams,
        response: { 204: z.null().describe('Deleted'), ...adminErrors },
      },
    },
    async (request, reply) => {
      const { slug, kind, id } = request.params;
      await editing.deletePart(db, actorFromRequest(request), await getFrameworkBySlug(db, slug), kind, id);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/api/v1/frameworks/:slug/draft/:kind/:id/move',
    {
      ...write,
      schema: {
        ...schema('Move a part of the draft', 'Network admins only. One place up or down its list (nothing moves past either end). A part of a published or retired version is a 409.'),
        params: PartParams,
        body: MoveBody,
        response: { 204: z.null().describe('Moved'), ...adminErrors },
      },
    },
    async (request, reply) => {
      const { slug, kind, id } = request.params;
      await editing.movePart(db, actorFromRequest(request), await getFrameworkBySlug(db, slug), kind, id, request.body.direction);
      return reply.code(204).send(null);
    },
  );
}
