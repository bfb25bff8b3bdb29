import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AssessmentRating } from '../../db/schema.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { AppError, badRequest, unauthenticated } from '../../platform/errors.ts';
import { storageFor } from '../../platform/storage/file-storage.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { ApiError } from '../organisations/organisations.schemas.ts';
import { getOrganisationById } from '../organisations/organisations.service.ts';
import {
  ApiBenchmarkParams,
  ApiCycleParams,
  ApiEvidenceParams,
  ApiNewCycleInput,
  CoachConflictResponse,
  CycleDetail,
  CycleList,
  EmptyInput,
  IncompleteResponse,
  RatingConflictResponse,
  SavedCoachRating,
  SavedRating,
} from './assessment-api.schemas.ts';
import { assessmentPolicy as policy, centerIdsOf, schoolIdsOf } from './assessment.policy.ts';
import { CoachRatingInput, RatingInput, VisibilityInput } from './assessment.schemas.ts';
import * as service from './assessment.service.ts';

const tags = ['assessment'];
const security = [{ bearer: [] }];
const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 415: ApiError };

async function signedIn(request: FastifyRequest) {
  if (!request.principal) throw unauthenticated();
}

/** Writes need someone signed in (401 before the body is read) and, but for DELETE, a JSON body. */
async function jsonWriter(request: FastifyRequest) {
  await signedIn(request);
  if (request.method !== 'DELETE' && !/^application\/json\b/i.test(request.headers['content-type'] ?? '')) throw new AppError(415, 'unsupported_media_type', 'errors:unsupportedMediaType');
}

const schoolAnswer = (r: AssessmentRating | undefined) => ({ level_key: r?.level_key ?? null, comment: r?.comment ?? '', revision: r?.revision ?? 0, updated_at: r?.updated_at ?? '' });
const coachAnswer = (r: AssessmentRating | undefined) => ({ level_key: r?.coach_level_key ?? null, comment: r?.coach_comment ?? null, coach_at: r?.coach_at ?? null });

/**
 * /api/v1/assessment: a school's self-assessment for tools and for the cycle page's autosave. The
 * same policy and service as the pages: a cycle the caller may not see is 404, one they may see
 * but not change is 403, and what the cycle's status forbids is 409.
 */
export async function registerAssessmentApi(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const storage = storageFor(app.deps.config);

  async function visibleCycle(request: FastifyRequest, id: number) {
    const view = await service.getCycleView(db, id);
    authorize(request.principal, policy.canViewCycle(request.principal, service.refOfCycle(view.cycle, view.school)), 'hidden');
    return view;
  }

  const canOf = (request: FastifyRequest, view: service.CycleView) => {
    const ref = service.refOfCycle(view.cycle, view.school);
    const p = request.principal;
    return { work: policy.canWorkOnCycle(p, ref), submit: policy.canSubmitCycle(p, ref), review: policy.canReviewCycle(p, ref), share: policy.canChangeVisibility(p, ref) };
  };

  const summaryOf = (view: service.CycleView) => {
    const c = view.cycle;
    return {
      id: c.id,
      school: { id: view.school.id, name: view.school.name },
      framework: { id: view.tree.framework.id, name: view.tree.framework.name },
      school_year: c.school_year,
      status: c.status,
      visibility: c.visibility,
      submitted_at: c.submitted_at,
      reviewed_at: c.reviewed_at,
      updated_at: c.updated_at,
    };
  };

  const detailOf = (request: FastifyRequest, view: service.CycleView) => {
    const can = canOf(request, view);
    const showCoach = service.showsCoachTo(request.principal, view);
    return {
      ...summaryOf(view),
      framework_version: view.tree.version.number,
      levels: view.tree.levels.map((l) => ({ key: l.key, name: l.name })),
      benchmarks: view.tree.groups.flatMap((g) =>
        g.benchmarks.map((b) => {
          const r = view.ratings.get(b.key);
          return {
            key: b.key,
            name: b.name,
            group: g.name,
            school: schoolAnswer(r),
            coach: showCoach ? coachAnswer(r) : null,
            evidence: (view.evidence.get(b.key) ?? []).map((e) => ({
              id: e.id,
              kind: e.kind,
              text: e.text,
              url: e.url,
              filename: e.filename,
              content_type: e.content_type,
              size_bytes: e.size_bytes,
              download_path: e.kind === 'file' ? `/assessment/${view.cycle.id}/files/${e.id}` : null,
              created_at: e.created_at,
            })),
          };
        }),
      ),
      can,
    };
  };

  const levelName = (view: service.CycleView, key: string | null) => (key ? (view.tree.levels.find((l) => l.key === key)?.name ?? key) : null);

  /** A refused submission or review: the usual error, with the benchmarks still missing a rating. */
  /** A 409 carrying the answer someone else saved first, so the caller can show it before retrying. */
  const conflictWith = (request: FastifyRequest, reply: FastifyReply, err: service.RatingConflict | service.CoachRatingConflict, current: Record<string, unknown>) =>
    reply.code(409).send({ error: { code: 'conflict', message: request.t(err.messageKey) }, current, requestId: String(request.id) });
  const incomplete = (request: FastifyRequest, reply: FastifyReply, err: service.CycleIncomplete | service.ReviewIncomplete) =>
    reply.code(400).send({ error: { code: 'incomplete', message: request.t(err.messageKey, err.options.params) }, missing: err.missing.map((b) => ({ key: b.key, name: b.name })), requestId: String(request.id) });

  api.get(
    '/api/v1/assessment/cycles',
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: 'List self-assessment cycles',
        description: "Every cycle of the caller's schools (drafts included), then the submitted and reviewed cycles of their centers' schools.",
        security,
        response: { 200: CycleList, 401: ApiError },
      },
    },
    async (request) => {
      const p = request.principal;
      const lists = await service.listCyclesFor(db, schoolIdsOf(p), centerIdsOf(p));
      return {
        data: [...lists.own, ...lists.toReview].map((c) => ({
          id: c.id,
          school: { id: c.school_id, name: c.schoolName },
          framework: { id: c.framework_id, name: c.frameworkName },
          school_year: c.school_year,
          status: c.status,
          visibility: c.visibility,
          submitted_at: c.submitted_at,
          reviewed_at: c.reviewed_at,
          updated_at: c.updated_at,
        })),
      };
    },
  );

  api.post(
    '/api/v1/assessment/cycles',
    {
      preValidation: jsonWriter,
      schema: {
        tags,
        summary: 'Open a self-assessment cycle',
        description: "For the school's leaders and staff: a cycle for one school year against the framework's current published version, with every benchmark unrated. One per school, framework and year (409).",
        security,
        body: ApiNewCycleInput,
        response: { 201: CycleDetail, ...errors },
      },
    },
    async (request, reply) => {
      const school = await getOrganisationById(db, request.body.school_id);
      if (!school || school.kind !== 'school') throw badRequest({ school_id: ['validation:choice'] });
      authorize(request.principal, policy.canOpenCycle(request.principal, school.id));
      const frameworks = await service.listAssessableFrameworks(db);
      const framework = request.body.framework_id === undefined ? frameworks[0] : frameworks.find((f) => f.id === request.body.framework_id);
      if (!framework) throw badRequest({ framework_id: ['validation:choice'] });
      const cycle = await service.openCycle(db, actorFromRequest(request), { school, framework, schoolYear: request.body.school_year });
      const view = await service.getCycleView(db, cycle.id);
      return reply.code(201).header('location', `/api/v1/assessment/cycles/${cycle.id}`).send(detailOf(request, view));
    },
  );

  api.get(
    '/api/v1/assessment/cycles/:id',
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: 'Get a self-assessment cycle',
        description: "The cycle, its framework version's rubric, and per benchmark the school's rating (with the revision to send back when saving), the coach's rating (for reviewers, and for everyone once reviewed) and the evidence.",
        security,
        params: ApiCycleParams,
        response: { 200: CycleDetail, 400: ApiError, 401: ApiError, 404: ApiError },
      },
    },
    async (request) => detailOf(request, await visibleCycle(request, request.params.id)),
  );

  api.put(
    '/api/v1/assessment/cycles/:id/ratings/:key',
    {
      preValidation: jsonWriter,
      schema: {
        tags,
        summary: "Save the school's rating of a benchmark",
        description: 'For the school team while the cycle is a draft. `revision` is the one last read; if someone saved this benchmark since, the answer is 409 with their answer and nothing is overwritten. A level outside the rubric is 400; a cycle already submitted, 409.',
        security,
        params: ApiBenchmarkParams,
        body: RatingInput,
        response: { 200: SavedRating, 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: RatingConflictResponse.or(ApiError), 415: ApiError },
      },
    },
    async (request, reply) => {
      const view = await visibleCycle(request, request.params.id);
      authorize(request.principal, canOf(request, view).work);
      try {
        const saved = await service.saveRating(db, actorFromRequest(request), view, request.params.key, request.body);
        return { benchmark_key: saved.benchmark_key, ...schoolAnswer(saved) };
      } catch (err) {
        if (!(err instanceof service.RatingConflict)) throw err;
        return conflictWith(request, reply, err, { benchmark_key: err.current.benchmark_key, ...schoolAnswer(err.current), level_name: levelName(view, err.current.level_key) });
      }
    },
  );

  api.delete(
    '/api/v1/assessment/cycles/:id/evidence/:evidenceId',
    {
      preValidation: jsonWriter,
      schema: {
        tags,
        summary: 'Delete a piece of evidence',
        description: "For the school team while the cycle is a draft (409 afterwards); a file's stored copy goes too. Evidence of another cycle is 404.",
        security,
        params: ApiEvidenceParams,
        response: { 204: z.null().describe('Deleted'), 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError },
      },
    },
    async (request, reply) => {
      const view = await visibleCycle(request, request.params.id);
      authorize(request.principal, canOf(request, view).work);
      await service.deleteEvidence(db, actorFromRequest(request), view, request.params.evidenceId, storage);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/api/v1/assessment/cycles/:id/submit',
    {
      preValidation: jsonWriter,
      schema: {
        tags,
        summary: 'Submit a cycle to the center',
        description: "For the school's leaders. Every benchmark must be rated (400 lists those that are not); the center's directors and coaches are emailed. Body: `{}`.",
        security,
        params: ApiCycleParams,
        body: EmptyInput,
        response: { 200: CycleDetail, 400: IncompleteResponse.or(ApiError), 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 415: ApiError },
      },
    },
    async (request, reply) => {
      const view = await visibleCycle(request, request.params.id);
      authorize(request.principal, canOf(request, view).submit);
      try {
        await service.submitCycle(db, actorFromRequest(request), view, app.deps.config.baseUrl);
      } catch (err) {
        if (err instanceof service.CycleIncomplete) return incomplete(request, reply, err);
        throw err;
      }
      return detailOf(request, await service.getCycleView(db, view.cycle.id));
    },
  );

  api.put(
    '/api/v1/assessment/cycles/:id/coach-ratings/:key',
    {
      preValidation: jsonWriter,
      schema: {
        tags,
        summary: "Save the coach's rating of a benchmark",
        description: "For the school's center staff and network admins while the cycle is submitted (409 once reviewed). `coach_at` is the coach rating last read (null when none); if another coach saved since, the answer is 409 with their rating and nothing is overwritten.",
        security,
        params: ApiBenchmarkParams,
        body: CoachRatingInput,
        response: { 200: SavedCoachRating, 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: CoachConflictResponse.or(ApiError), 415: ApiError },
      },
    },
    async (request, reply) => {
      const view = await visibleCycle(request, request.params.id);
      authorize(request.principal, canOf(request, view).review);
      try {
        const saved = await service.saveCoachRating(db, actorFromRequest(request), view, request.params.key, request.body);
        return { benchmark_key: saved.benchmark_key, ...coachAnswer(saved) };
      } catch (err) {
        if (!(err instanceof service.CoachRatingConflict)) throw err;
        return conflictWith(request, reply, err, { benchmark_key: err.current.benchmark_key, ...coachAnswer(err.current), level_name: levelName(view, err.current.coach_level_key) });
      }
    },
  );

  api.post(
    '/api/v1/assessment/cycles/:id/review',
    {
      preValidation: jsonWriter,
      schema: {
        tags,
        summary: 'Finish the review',
        description: 'For the center staff and network admins. Every benchmark needs a coach rating (400 lists those without); both ratings are frozen afterwards. Body: `{}`.',
        security,
        params: ApiCycleParams,
        body: EmptyInput,
        response: { 200: CycleDetail, 400: IncompleteResponse.or(ApiError), 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 415: ApiError },
      },
    },
    async (request, reply) => {
      const view = await visibleCycle(request, request.params.id);
      authorize(request.principal, canOf(request, view).review);
      try {
        await service.finishReview(db, actorFromRequest(request), view);
      } catch (err) {
        if (err instanceof service.ReviewIncomplete) return incomplete(request, reply, err);
        throw err;
      }
      return detailOf(request, await service.getCycleView(db, view.cycle.id));
    },
  );

  api.put(
    '/api/v1/assessment/cycles/:id/visibility',
    {
      preValidation: jsonWriter,
      schema: {
        tags,
        summary: 'Choose who sees the summary',
        description: "For the school's leaders, at any status: `private` (the school and its center) or `network_summary` (levels per benchmark shared network-wide; never comments or evidence).",
        security,
        params: ApiCycleParams,
        body: VisibilityInput,
        response: { 200: CycleDetail, ...errors },
      },
    },
    async (request) => {
      const view = await visibleCycle(request, request.params.id);
      authorize(request.principal, canOf(request, view).share);
      await service.setVisibility(db, actorFromRequest(request), view, request.body.visibility);
      return detailOf(request, await service.getCycleView(db, view.cycle.id));
    },
  );

}
