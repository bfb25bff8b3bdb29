import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { EngagementNextStep } from '../../db/schema.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { AppError, badRequest, forbidden, notFound, unauthenticated, type FieldErrors } from '../../platform/errors.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { getCenterBySlug } from '../centers/center-space.service.ts';
import { ApiError } from '../organisations/organisations.schemas.ts';
import {
  CaseloadJson,
  CenterSlugParams,
  EmptyBody,
  EngagementCreateBody,
  EngagementDetailJson,
  EngagementJson,
  EngagementListApiQuery,
  EngagementListJson,
  EngagementPatchBody,
  IdParams,
  NextStepJson,
  SessionCreateBody,
  SessionIdParams,
  SessionJson,
  SessionPatchBody,
  type NextStepBody,
} from './coaching-api.schemas.ts';
import { coachingPolicy as policy, schoolIdsOf } from './coaching.policy.ts';
import { EngagementInput, NextStepInput, SessionInput } from './coaching.schemas.ts';
import * as coaching from './coaching.service.ts';

// The same rules as the pages: the center's directors and coaches (and network admins) see and
// change everything; the engaged school's leaders and staff read the engagement and its shareable
// sessions only. What the caller may not see is 404; what they see but may not change is 403.

const tags = ['coaching'];
const security = [{ bearer: [] }];
const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 415: ApiError };

/** Reads need someone signed in; a token that does not work is refused rather than read as nobody. */
async function signedIn(request: FastifyRequest) {
  if (!request.principal) throw unauthenticated();
}

/**
 * Writes also need a JSON body: a cross-site HTML form can only send form encodings, so this shuts
 * out request forgery against a browser session. Bodiless actions take `{}`.
 */
async function requireJsonWriter(request: FastifyRequest) {
  await signedIn(request);
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) throw new AppError(415, 'unsupported_media_type', 'errors:unsupportedMediaType');
}

const engagementJson = (e: coaching.EngagementView): z.infer<typeof EngagementJson> => ({
  id: e.id,
  title: e.title,
  status: e.status,
  goals: e.goals,
  starts_on: e.starts_on,
  ends_on: e.ends_on,
  center: e.center,
  school: e.school,
  focus: e.focus,
  coaches: e.coaches,
  contacts: e.contacts,
  service_request_id: e.service_request_id,
  created_at: e.created_at,
  updated_at: e.updated_at,
});

const stepJson = (s: EngagementNextStep): z.infer<typeof NextStepJson> => ({
  id: s.id,
  engagement_id: s.engagement_id,
  session_id: s.session_id,
  description: s.description,
  owner_person_id: s.owner_person_id,
  owner_name: s.owner_name,
  due_on: s.due_on,
  done_at: s.done_at,
});

const sessionJson = (s: coaching.SessionView): z.infer<typeof SessionJson> => ({
  id: s.id,
  held_on: s.held_on,
  minutes: s.minutes,
  modality: s.modality,
  participants: s.participants,
  notes: s.notes,
  shareable: !!s.shareable,
  updated_at: s.updated_at,
  next_steps: s.steps.map(stepJson),
});

/**
 * The service names next-step fields as the HTML form does (`step2_owner`, `open17_due`); the API
 * answers with the body's own paths (`next_steps.1.owner`).
 */
function withApiPaths(err: unknown, newSteps: string, openIds: number[] = []): unknown {
  if (!(err instanceof AppError) || !err.fields) return err;
  const fields: FieldErrors = {};
  for (const [key, messages] of Object.entries(err.fields)) {
    const m = /^(step|open)(\d+)_(\w+)$/.exec(key);
    const path = !m ? key : m[1] === 'step' ? `${newSteps}.${Number(m[2]) - 1}.${m[3]}` : `next_steps.${openIds.indexOf(Number(m[2]))}.${m[3]}`;
    fields[path] = messages;
  }
  return new AppError(err.status, err.code, err.messageKey, { ...err.options, fields });
}

/** The page's conflict messages speak of the form and the version shown above it; the API has its own. */
const API_WORDING: Record<string, string> = {
  'coaching:errors.sessionChanged': 'coaching:errors.api.sessionChanged',
  'coaching:errors.stepChanged': 'coaching:errors.api.stepChanged',
};

function apiWording(err: unknown): unknown {
  if (!(err instanceof AppError) || !API_WORDING[err.messageKey]) return err;
  return new AppError(err.status, err.code, API_WORDING[err.messageKey]!, err.options);
}

/** Runs a form schema over an API value; its messages come back under `prefix`. */
function checked<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = fieldErrors(result.error);
  throw badRequest(prefix ? Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${prefix}.${k}`, v])) : fields);
}

const stepInputs = (steps: NextStepBody[] | undefined, prefix: string): NextStepInput[] => (steps ?? []).map((s, i) => checked(NextStepInput, s, `${prefix}.${i}`));

/** /api/v1 coaching: engagements, session logs, next steps and the caller's caseload. */
export async function registerCoachingApi(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  /** The center, once the caller manages its engagements (its list is not public: others get 404). */
  async function managedCenter(request: FastifyRequest, slug: string) {
    const center = await getCenterBySlug(db, slug);
    authorize(request.principal, policy.canManageEngagements(request.principal, center.id), 'hidden');
    return center;
  }

  /** The engagement, once the caller may see it (404 otherwise), and whether they manage it. */
  async function visibleEngagement(request: FastifyRequest, id: number) {
    const e = await coaching.getEngagementById(db, id);
    authorize(request.principal, policy.canViewEngagement(request.principal, { centerId: e.center_id, schoolId: e.school_id }), 'hidden');
    return { e, canManage: policy.canManageEngagements(request.principal, e.center_id) };
  }

  /** The engagement, for a change: the school, which sees it, gets 403. */
  async function managedEngagement(request: FastifyRequest, id: number) {
    const { e, canManage } = await visibleEngagement(request, id);
    authorize(request.principal, canManage, 'public');
    return e;
  }

  const detail = async (e: coaching.EngagementView, canManage: boolean): Promise<z.infer<typeof EngagementDetailJson>> => ({
    ...engagementJson(e),
    can_manage: canManage,
    sessions: (await coaching.engagementLog(db, e.id, { shareableOnly: !canManage })).map(sessionJson),
  });

  api.get(
    '/api/v1/centers/:slug/engagements',
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: "List a center's engagements",
        description: 'For the center\'s directors and coaches and network admins (404 for anyone else). Filters by status, school and coach; newest start first, at most 500.',
        security,
        params: CenterSlugParams,
        querystring: EngagementListApiQuery,
        response: { 200: EngagementListJson, 400: ApiError, 401: ApiError, 404: ApiError },
      },
    },
    async (request) => {
      const center = await managedCenter(request, request.params.slug);
      const q = request.query;
      return { data: (await coaching.findCenterEngagements(db, center.id, { status: q.status, schoolId: q.school, coachId: q.coach })).map(engagementJson) };
    },
  );

  api.post(
    '/api/v1/centers/:slug/engagements',
    {
      preValidation: requireJsonWriter,
      schema: {
        tags,
        summary: 'Open an engagement',
        description: "The center's directors and coaches. The school must be one of the center's, coaches its staff, contacts the school's leaders or staff, focus the framework's benchmark tags; a service_request_id must be the center's request from that school.",
        security,
        params: CenterSlugParams,
        body: EngagementCreateBody,
        response: { 201: EngagementJson, ...errors },
      },
    },
    async (request, reply) => {
      const center = await managedCenter(request, request.params.slug);
      const input = checked(EngagementInput, { ...request.body, ends_on: request.body.ends_on ?? undefined });
      const saved = await coaching.createEngagement(db, actorFromRequest(request), center, input);
      return reply.code(201).header('location', `/api/v1/engagements/${saved.id}`).send(engagementJson(await coaching.getEngagementById(db, saved.id)));
    },
  );

  api.get(
    '/api/v1/engagements/:id',
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: 'Get an engagement with its session log',
        description: "The center's staff see every session and next step; the engaged school's leaders and staff see only the sessions marked shareable (and their next steps). 404 for anyone else.",
        security,
        params: IdParams,
        response: { 200: EngagementDetailJson, 400: ApiError, 401: ApiError, 404: ApiError },
      },
    },
    async (request) => {
      const { e, canManage } = await visibleEngagement(request, request.params.id);
      return detail(e, canManage);
    },
  );

  api.patch(
    '/api/v1/engagements/:id',
    {
      preValidation: requireJsonWriter,
      schema: {
        tags,
        summary: 'Change an engagement',
        description: "The center's staff (403 for the engaged school). Only the fields sent change; lists (focus, coaches, contacts) are replaced whole; ends_on null clears the end. The school cannot change: start a new engagement.",
        security,
        params: IdParams,
        body: EngagementPatchBody,
        response: { 200: EngagementJson, ...errors },
      },
    },
    async (request) => {
      const e = await managedEngagement(request, request.params.id);
      const center = await getCenterBySlug(db, e.center.slug);
      await coaching.updateEngagement(db, actorFromRequest(request), center, e.id, request.body);
      return engagementJson(await coaching.getEngagementById(db, e.id));
    },
  );

  api.post(
    '/api/v1/engagements/:id/sessions',
    {
      preValidation: requireJsonWriter,
      schema: {
        tags,
        summary: 'Log a session',
        description: "The center's staff (403 for the engaged school). The date may not be later than tomorrow (UTC); minutes 1 to 1440. Each next step has an owner who is a member of the engagement (owner) or a name (owner_name), and a due date.",
        security,
        params: IdParams,
        body: SessionCreateBody,
        response: { 201: SessionJson, ...errors },
      },
    },
    async (request, reply) => {
      const e = await managedEngagement(request, request.params.id);
      const { next_steps, ...fields } = request.body;
      const input = checked(SessionInput, fields);
      const steps = stepInputs(next_steps, 'next_steps');
      const saved = await coaching.logSession(db, actorFromRequest(request), e, input, steps).catch((err) => {
        throw withApiPaths(err, 'next_steps');
      });
      return reply.code(201).send(sessionJson(await coaching.getSession(db, e, saved.id)));
    },
  );

  api.patch(
    '/api/v1/engagements/:id/sessions/:sessionId',
    {
      preValidation: requireJsonWriter,
      schema: {
        tags,
        summary: 'Change a logged session',
        description:
          "The center's staff (403 for the engaged school when the session is shared with it, 404 when not). Send the session's `updated_at` as last read: if someone saved it since, nothing changes and the answer is 409. Only the fields sent change; `next_steps` changes open next steps of this session by id (a step done meanwhile is 409); `add_next_steps` adds new ones. Setting shareable false hides the session from the school at once.",
        security,
        params: SessionIdParams,
        body: SessionPatchBody,
        response: { 200: SessionJson, ...errors },
      },
    },
    async (request) => {
      const { e, canManage } = await visibleEngagement(request, request.params.id);
      const session = await coaching.getSession(db, e, request.params.sessionId);
      if (!canManage) throw session.shareable ? forbidden() : notFound();
      const b = request.body;
      const input = checked(SessionInput, {
        held_on: b.held_on ?? session.held_on,
        minutes: b.minutes ?? session.minutes,
        modality: b.modality ?? session.modality,
        participants: b.participants ?? session.participants,
        notes: b.notes ?? session.notes,
        shareable: b.shareable ?? session.shareable,
      });
      const edits = (b.next_steps ?? []).map((patch, i) => {
        const old = session.steps.find((s) => s.id === patch.id);
        if (!old) throw new AppError(400, 'bad_request', 'errors:badRequest', { fields: { [`next_steps.${i}.id`]: ['validation:choice'] } });
        const { id, ...change } = patch;
        return { id, step: checked(NextStepInput, coaching.mergeNextStep(old, change), `next_steps.${i}`) };
      });
      const added = stepInputs(b.add_next_steps, 'add_next_steps');
      await coaching
        .editSession(db, actorFromRequest(request), e, session, { session: input, updatedAt: b.updated_at, steps: edits, added })
        .catch((err) => {
          throw withApiPaths(apiWording(err), 'add_next_steps', edits.map((x) => x.id));
        });
      return sessionJson(await coaching.getSession(db, e, session.id));
    },
  );

  api.post(
    '/api/v1/next-steps/:id/done',
    {
      preValidation: requireJsonWriter,
      schema: {
        tags,
        summary: 'Mark a next step done',
        description: "The center's staff (403 for the engaged school when the step's session is shared with it, 404 when not). Send `{}`. Marking a step already done changes nothing and answers the same.",
        security,
        params: IdParams,
        body: EmptyBody,
        response: { 200: NextStepJson, ...errors },
      },
    },
    async (request) => {
      const { step, session } = await coaching.getNextStep(db, request.params.id);
      const { e, canManage } = await visibleEngagement(request, step.engagement_id);
      if (!canManage) throw session.shareable ? forbidden() : notFound();
      await coaching.completeNextStep(db, actorFromRequest(request), e, step.id);
      return stepJson((await coaching.getNextStep(db, step.id)).step);
    },
  );

  api.get(
    '/api/v1/me/caseload',
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: "The caller's caseload",
        description: "For a person who directs or coaches at a center: the active engagements they coach and their open next steps. For a school's leaders and staff: their schools' engagements with the shareable sessions. An API token, which acts as a role and not as a person, has no engagements of its own: only its school's.",
        security,
        response: { 200: CaseloadJson, 401: ApiError },
      },
    },
    async (request) => {
      const p = request.principal!;
      const schoolIds = schoolIdsOf(p);
      const [caseload, school] = await Promise.all([
        p.personId !== null ? coaching.coachCaseload(db, { roles: p.roles, personId: p.personId }) : null,
        schoolIds.length ? coaching.schoolEngagements(db, schoolIds) : [],
      ]);
      return {
        engagements: (caseload?.engagements ?? []).map(engagementJson),
        next_steps: (caseload?.steps ?? []).map(stepJson),
        school_engagements: school.map((x) => ({ engagement: engagementJson(x.engagement), sessions: x.sessions.map(sessionJson) })),
      };
    },
  );
}
