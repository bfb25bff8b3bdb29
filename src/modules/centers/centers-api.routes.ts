import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { bool } from '../../db/dialect.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { AppError, badRequest, forbidden, unauthenticated } from '../../platform/errors.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { ApiError } from '../organisations/organisations.schemas.ts';
import { getCenterService } from './center-content.service.ts';
import * as space from './center-space.service.ts';
import { centersPolicy as policy, schoolIdsOf } from './centers.policy.ts';
import {
  CenterDetailResponse,
  CenterListResponse,
  CenterSlugParams,
  RequestListQuery,
  ServiceRequestInput,
  ServiceRequestListResponse,
  ServiceRequestResponse,
} from './centers.schemas.ts';
import * as requests from './service-requests.service.ts';

const tags = ['centers'];
const optionalAuth: { [scheme: string]: string[] }[] = [{}, { bearer: [] }];

async function rejectBadCredentials(request: FastifyRequest) {
  if (request.headers.authorization && !request.principal) throw unauthenticated();
}

const summary = (s: space.CenterSummary) => ({
  id: s.center.id,
  slug: s.center.slug,
  name: s.center.name,
  region: s.center.region,
  state: s.center.state,
  website: s.center.website,
  description: s.center.description,
  school_count: s.schoolCount,
  service_count: s.serviceCount,
});

const requestJson = (r: requests.ServiceRequestView) => ({
  id: r.id,
  status: r.status,
  service: { id: r.service_id, title: r.service_title },
  school: r.school,
  need: r.need,
  timing: r.timing,
  contact: r.contact,
  response: r.response,
  responded_at: r.responded_at,
  created_at: r.created_at,
});

/** /api/v1/centers: public center spaces, and service requests for center and school staff. */
export async function registerCentersApi(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  api.get(
    '/api/v1/centers',
    { preValidation: rejectBadCredentials, schema: { tags, summary: 'List affiliate centers', description: 'Every affiliate center with its public fields and how many schools and services it has.', security: optionalAuth, response: { 200: CenterListResponse, 401: ApiError } } },
    async () => ({ data: (await space.listCenterSummaries(db)).map(summary) }),
  );

  api.get(
    '/api/v1/centers/:slug',
    {
      preValidation: rejectBadCredentials,
      schema: { tags, summary: 'Get an affiliate center', description: 'A center\'s public space: about, staff (names and titles), the services it offers, and the schools it supports (first 100).', security: optionalAuth, params: CenterSlugParams, response: { 200: CenterDetailResponse, 401: ApiError, 404: ApiError } },
    },
    async (request) => {
      const center = await space.getCenterBySlug(db, request.params.slug);
      const view = await space.getCenterSpace(db, center);
      const open = bool(center.contact_public);
      return {
        ...summary({ center, schoolCount: view.schoolCount, serviceCount: view.services.length }),
        city: center.city,
        email: open ? center.email : null,
        phone: open ? center.phone : null,
        staff: view.staff.map((s) => ({ name: s.name, title: s.title, role: s.role })),
        services: view.services.map((s) => ({ id: s.id, kind: s.kind, title: s.title, description: s.description, how_to_request: s.how_to_request })),
        schools: view.schools.map((s) => ({ id: s.id, slug: s.slug, name: s.name })),
      };
    },
  );

  api.get(
    '/api/v1/centers/:slug/service-requests',
    {
      preValidation: rejectBadCredentials,
      schema: { tags, summary: 'List a center\'s service requests', description: 'The center\'s directors and coaches, and network admins. Newest first, 25 a page, optionally by status.', security: [{ bearer: [] }], params: CenterSlugParams, querystring: RequestListQuery, response: { 200: ServiceRequestListResponse, 401: ApiError, 404: ApiError } },
    },
    async (request) => {
      const p = request.principal;
      if (!p) throw unauthenticated();
      const center = await space.getCenterBySlug(db, request.params.slug);
      authorize(p, policy.canHandleRequests(p, center.id), 'hidden');
      const result = await requests.listServiceRequests(db, { centerId: center.id, status: request.query.status }, request.query.page);
      return { data: result.items.map(requestJson), page: result.page, perPage: result.perPage, total: result.total };
    },
  );

  api.post(
    '/api/v1/centers/:slug/service-requests',
    {
      preValidation: async (request) => {
        await rejectBadCredentials(request);
        if (!request.principal) throw unauthenticated();
        if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) throw new AppError(415, 'unsupported_media_type', 'errors:unsupportedMediaType');
      },
      schema: {
        tags,
        summary: 'Request a service from a center',
        description: 'Leaders and staff of a school supported by the center. `service_id` is required; `school_id` when the caller works at several of its schools. Sending the same `submission_key` again returns the first request (200) instead of creating another (201).',
        security: [{ bearer: [] }],
        params: CenterSlugParams,
        body: ServiceRequestInput,
        response: { 200: ServiceRequestResponse, 201: ServiceRequestResponse, 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 415: ApiError },
      },
    },
    async (request, reply) => {
      const p = request.principal!;
      const center = await space.getCenterBySlug(db, request.params.slug);
      if (!request.body.service_id) throw badRequest({ service_id: ['validation:required'] });
      const service = await getCenterService(db, center.id, request.body.service_id);
      if (service.retired_at) throw badRequest({ service_id: ['centers:requestForm.cannot.retired'] });
      const schools = await requests.schoolsOfCenterAmong(db, center.id, schoolIdsOf(p));
      if (schools.length === 0) throw forbidden();
      const school = request.body.school_id ? schools.find((s) => s.id === request.body.school_id) : schools.length === 1 ? schools[0] : undefined;
      if (!school) throw badRequest({ school_id: ['centers:requests.chooseSchool'] });
      const { request: saved, created } = await requests.createServiceRequest(db, actorFromRequest(request), {
        center,
        service,
        school,
        requesterPersonId: p.personId,
        input: { ...request.body, submission_key: request.body.submission_key ?? randomUUID() },
        baseUrl: app.deps.config.baseUrl,
      });
      const view = await requests.getServiceRequest(db, saved.id);
      return reply.code(created ? 201 : 200).send(requestJson(view));
    },
  );
}
