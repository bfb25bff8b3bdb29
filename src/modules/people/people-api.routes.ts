import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireNetworkAdmin, requirePrincipal } from '../../platform/auth/guards.ts';
import { authorize, canGrantRole, canManageOrganisation } from '../../platform/auth/policy.ts';
import { isNetworkAdmin } from '../../platform/auth/principal.ts';
import { AppError, badRequest, notFound } from '../../platform/errors.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { getOrganisationById, organisationRef } from '../organisations/organisations.service.ts';
import { createPerson, listPeople, updatePerson } from './people-management.service.ts';
import { personDetailJson, personJson, roleJson, visiblePersonJson } from './people-json.ts';
import * as s from './people.schemas.ts';
import { editablePerson, invitationDeps, visibleOrganisation, visiblePersonProfile } from './people-http.ts';
import { listOrganisationPeopleFor } from './people-visibility.service.ts';
import { visiblePerson } from './person-view.ts';
import { assertRoleFits, grantRole, revokeRole } from './roles.service.ts';
import { inviteToOrganisation } from './staff-invitations.service.ts';

const tags = ['people'];
const errors = { 400: s.ErrorResponse, 401: s.ErrorResponse, 403: s.ErrorResponse, 404: s.ErrorResponse };

/** /api/v1/people and the people of an organisation. Bearer tokens act as one role at one organisation. */
export async function registerPeopleApiRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  api.get(
    '/api/v1/people',
    {
      schema: {
        tags,
        summary: 'List people',
        description: 'Network admins may list everyone. Anyone else must filter by an organisation whose people they may see.',
        querystring: s.PeopleQuerySchema,
        response: { 200: s.PeoplePageResponse, ...errors },
      },
    },
    async (request) => {
      const p = requirePrincipal(request);
      const q = request.query;
      if (!isNetworkAdmin(p)) {
        if (q.organisation_id === undefined) throw new AppError(403, 'forbidden', 'people:errors.organisationFilterRequired');
        await visibleOrganisation(db, request, { id: q.organisation_id });
      }
      const page = await listPeople(db, { text: q.q, role: q.role, organisationId: q.organisation_id, page: q.page, perPage: q.per_page });
      return { items: page.items.map((item) => visiblePersonJson(visiblePerson(p, item))), page: page.page, per_page: page.perPage, total: page.total };
    },
  );

  api.get(
    '/api/v1/people/:id',
    {
      schema: {
        tags,
        summary: 'Get a person with their roles',
        description: 'Network admins and the person themself see the whole account and every role. Anyone else sees the name, the email address and the roles at organisations whose people they may see.',
        params: s.PersonParams,
        response: { 200: s.PersonDetailResponse, ...errors },
      },
    },
    async (request) => personDetailJson(await visiblePersonProfile(db, request, request.params.id)),
  );

  api.post(
    '/api/v1/people',
    { schema: { tags, summary: 'Add a person (network admins)', body: s.PersonCreateSchema, response: { 201: s.PersonResponse, ...errors, 409: s.ErrorResponse } } },
    async (request, reply) => {
      requireNetworkAdmin(request);
      const person = await createPerson(db, actorFromRequest(request), request.body);
      return reply.code(201).send(personJson(person));
    },
  );

  api.patch(
    '/api/v1/people/:id',
    {
      schema: {
        tags,
        summary: 'Change a person',
        description: 'People may change their own name; network admins also the email address and whether the account is disabled (which ends its sessions).',
        params: s.PersonParams,
        body: s.PersonPatchSchema,
        response: { 200: s.PersonResponse, ...errors, 409: s.ErrorResponse },
      },
    },
    async (request) => {
      const person = await editablePerson(db, request, request.params.id);
      if (!isNetworkAdmin(request.principal) && (request.body.email !== undefined || request.body.disabled !== undefined)) {
        throw new AppError(403, 'forbidden', 'people:errors.selfNameOnly');
      }
      return personJson(await updatePerson(db, actorFromRequest(request), person.id, request.body));
    },
  );

  api.get(
    '/api/v1/organisations/:id/people',
    { schema: { tags, summary: "List an organisation's people and their roles", params: s.OrganisationIdParams, response: { 200: s.OrganisationPeopleResponse, ...errors } } },
    async (request) => {
      const { organisation } = await visibleOrganisation(db, request, { id: request.params.id });
      const entries = await listOrganisationPeopleFor(db, request.principal, organisation.id);
      return { items: entries.map((e) => ({ role: roleJson(e.role), person: visiblePersonJson(e.person), invitation_pending: e.invitationPending })) };
    },
  );

  api.post(
    '/api/v1/people/:id/roles',
    { schema: { tags, summary: 'Give a person a role at an organisation', params: s.PersonParams, body: s.RoleGrantSchema, response: { 201: s.RoleResponse, ...errors, 409: s.ErrorResponse } } },
    async (request, reply) => {
      const profile = await visiblePersonProfile(db, request, request.params.id);
      const organisation = await getOrganisationById(db, request.body.organisation_id);
      if (!organisation) throw badRequest({ organisation_id: ['people:errors.unknownOrganisation'] });
      assertRoleFits(organisation.kind, request.body.role);
      authorize(request.principal, canGrantRole(request.principal, organisationRef(organisation), request.body.role));
      const role = await grantRole(db, actorFromRequest(request), { personId: profile.person.id, organisation, role: request.body.role, title: request.body.title });
      return reply.code(201).send(roleJson(role));
    },
  );

  api.delete(
    '/api/v1/people/:id/roles/:roleId',
    { schema: { tags, summary: 'Take a role away', params: s.PersonRoleParams, response: { 204: z.undefined().describe('Role removed'), ...errors, 409: s.ErrorResponse } } },
    async (request, reply) => {
      const profile = await visiblePersonProfile(db, request, request.params.id);
      const role = profile.roles.find((r) => r.id === request.params.roleId);
      if (!role) throw notFound();
      authorize(request.principal, canGrantRole(request.principal, organisationRef(role.organisation), role.role));
      await revokeRole(db, actorFromRequest(request), role.id);
      return reply.code(204).send();
    },
  );

  api.post(
    '/api/v1/organisations/:id/invitations',
    {
      schema: {
        tags,
        summary: 'Invite someone to an organisation',
        description:
          'Creates the person if the email is new, gives them the role and emails an invitation link (valid 7 days). The answer is the same whether or not the address already had an account.',
        params: s.OrganisationIdParams,
        body: s.InvitationSchema,
        response: { 201: s.InvitationResponse, ...errors, 409: s.ErrorResponse },
      },
    },
    async (request, reply) => {
      const { organisation, ref } = await visibleOrganisation(db, request, { id: request.params.id });
      const p = request.principal!;
      authorize(p, canManageOrganisation(p, ref));
      assertRoleFits(organisation.kind, request.body.role);
      authorize(p, canGrantRole(p, ref, request.body.role));
      const admin = isNetworkAdmin(p);
      const result = await inviteToOrganisation(invitationDeps(app), actorFromRequest(request), { ...request.body, organisation, inviterName: p.name, locale: request.locale, mayKnowAccountState: admin });
      if (result.mailError) request.log.error({ err: result.mailError }, 'invitation email could not be sent');
      const body = { person: visiblePersonJson(visiblePerson(p, result.person)), role: roleJson(result.role), invitation_sent: !result.mailError };
      return reply.code(201).send(body);
    },
  );
}
