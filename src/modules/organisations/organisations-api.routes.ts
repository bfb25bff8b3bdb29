import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Organisation } from '../../db/schema.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { AppError, notFound, unauthenticated } from '../../platform/errors.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { adminOnlyRefusal, organisationPolicy as policy } from './organisation-access.ts';
import { centerOfListRow, toOrganisationDetail, toPublicOrganisation } from './organisation-presenters.ts';
import { adminOnlyChanges } from './organisation-rules.ts';
import {
  ApiError,
  OrganisationDetail,
  OrganisationIdParams,
  OrganisationInput,
  OrganisationList,
  OrganisationListQuery,
  OrganisationUpdate,
} from './organisations.schemas.ts';
import * as service from './organisations.service.ts';

const tags = ['organisations'];
const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 415: ApiError };
/** Reads work without a token (public fields); a token or session adds what its role may see. */
const optionalAuth: { [scheme: string]: string[] }[] = [{}, { bearer: [] }];

/**
 * A credential that does not work is an error, not anonymity: an integration whose token was
 * revoked learns so at once instead of quietly getting less data.
 */
async function rejectBadCredentials(request: FastifyRequest) {
  if (request.headers.authorization && !request.principal) throw unauthenticated();
}

/**
 * Writes need someone signed in (401 otherwise, before the body is looked at) and a JSON body:
 * a cross-site HTML form can only send form encodings, so this also shuts out request forgery
 * against a browser session.
 */
async function requireJsonWriter(request: FastifyRequest) {
  await rejectBadCredentials(request);
  if (!request.principal) throw unauthenticated();
  const type = request.headers['content-type'] ?? '';
  if (request.method !== 'DELETE' && !/^application\/json\b/i.test(type)) throw new AppError(415, 'unsupported_media_type', 'errors:unsupportedMediaType');
}

/** /api/v1/organisations: list, read, create, change and delete organisations. */
export async function registerOrganisationsApi(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  const detail = async (request: FastifyRequest, o: Organisation) => {
    const center = o.center_id === null ? null : ((await service.getOrganisationById(db, o.center_id)) ?? null);
    return toOrganisationDetail(o, center, policy.canViewOrganisationPrivate(request.principal, service.organisationRef(o)));
  };

  api.get(
    '/api/v1/organisations',
    {
      preValidation: rejectBadCredentials,
      schema: {
        tags,
        summary: 'List organisations',
        description: 'Public fields of every organisation matching the filters, by name, a page at a time (at most 100 per page).',
        security: optionalAuth,
        querystring: OrganisationListQuery,
        response: { 200: OrganisationList, 400: ApiError, 401: ApiError },
      },
    },
    async (request) => {
      const result = await service.listOrganisations(db, request.query);
      return { data: result.items.map((r) => toPublicOrganisation(r, centerOfListRow(r))), page: result.page, perPage: result.perPage, total: result.total };
    },
  );

  api.get(
    '/api/v1/organisations/:id',
    {
      preValidation: rejectBadCredentials,
      schema: {
        tags,
        summary: 'Get an organisation',
        description: "Public fields for anyone; the private ones (address, contacts, enrolment, NCES ID) only for callers who may see the organisation's private data.",
        security: optionalAuth,
        params: OrganisationIdParams,
        response: { 200: OrganisationDetail, 400: ApiError, 401: ApiError, 404: ApiError },
      },
    },
    async (request) => {
      const o = await service.getOrganisationById(db, request.params.id);
      if (!o) throw notFound();
      return detail(request, o);
    },
  );

  api.post(
    '/api/v1/organisations',
    {
      preValidation: requireJsonWriter,
      schema: {
        tags,
        summary: 'Create an organisation',
        description: 'Network admins only. The slug is made from the name when not given (with -2, -3… if taken). Unknown fields are rejected.',
        body: OrganisationInput,
        response: { 201: OrganisationDetail, ...errors },
      },
    },
    async (request, reply) => {
      authorize(request.principal, policy.canAdministerNetwork(request.principal));
      const created = await service.createOrganisation(db, actorFromRequest(request), request.body);
      return reply.code(201).header('location', `/api/v1/organisations/${created.id}`).send(await detail(request, created));
    },
  );

  api.patch(
    '/api/v1/organisations/:id',
    {
      preValidation: requireJsonWriter,
      schema: {
        tags,
        summary: 'Change an organisation',
        description:
          "The organisation's leads and network admins. Only the fields sent change; null clears an optional field. Only network admins may change kind, slug, center_id and nces_id (403 otherwise; sending the stored value is allowed).",
        params: OrganisationIdParams,
        body: OrganisationUpdate,
        response: { 200: OrganisationDetail, ...errors },
      },
    },
    async (request) => {
      const p = request.principal;
      const o = await service.getOrganisationById(db, request.params.id);
      if (!o) throw notFound();
      authorize(p, policy.canManageOrganisation(p, service.organisationRef(o)));
      if (!policy.canAdministerNetwork(p)) {
        const attempted = adminOnlyChanges({ kind: o.kind, slug: o.slug, center_id: o.center_id, nces_id: o.nces_id }, request.body);
        if (attempted.length > 0) throw adminOnlyRefusal(attempted);
      }
      return detail(request, await service.updateOrganisation(db, actorFromRequest(request), o.id, request.body));
    },
  );

  api.delete(
    '/api/v1/organisations/:id',
    {
      preValidation: requireJsonWriter,
      schema: {
        tags,
        summary: 'Delete an organisation',
        description: 'Network admins only. Refused (409) while people hold roles there or organisations name it as their affiliate center.',
        params: OrganisationIdParams,
        response: { 204: z.null().describe('Deleted'), ...errors },
      },
    },
    async (request, reply) => {
      authorize(request.principal, policy.canAdministerNetwork(request.principal));
      await service.deleteOrganisation(db, actorFromRequest(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
