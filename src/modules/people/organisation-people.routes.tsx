import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Organisation } from '../../db/schema.ts';
import { authorize, canGrantRole, canManageOrganisation, ROLES_BY_KIND, type OrganisationRef } from '../../platform/auth/policy.ts';
import { isNetworkAdmin } from '../../platform/auth/principal.ts';
import { notFound } from '../../platform/errors.ts';
import { viewContext } from '../../platform/http/view.ts';
import { emptyForm, type FormState } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { parseForm } from '../../platform/validation.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { getPersonById } from './people.service.ts';
import { InvitationSchema, OrganisationRoleParams, OrganisationSlugParams } from './people.schemas.ts';
import { formFailure } from '../../platform/http/form-failure.ts';
import { invitationDeps, visibleOrganisation } from './people-http.ts';
import { listOrganisationPeopleFor } from './people-visibility.service.ts';
import { assertRoleFits, getRole, revokeRole } from './roles.service.ts';
import { inviteToOrganisation, resendInvitation } from './staff-invitations.service.ts';
import { OrganisationPeoplePage } from './views/organisation-people-page.tsx';
import { RemoveRolePage } from './views/remove-role-page.tsx';

const hide = { hide: true } as const;

/** /organisations/:slug/people: the organisation's people, inviting someone, removing a role. */
export async function registerOrganisationPeopleRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;

  async function renderPage(request: FastifyRequest, reply: FastifyReply, organisation: Organisation, ref: OrganisationRef, form?: FormState, status = 200) {
    const p = request.principal;
    const entries = await listOrganisationPeopleFor(db, p, organisation.id);
    const grantable = ROLES_BY_KIND[organisation.kind].filter((r) => canGrantRole(p, ref, r));
    const removable = new Set(entries.filter((e) => canGrantRole(p, ref, e.role.role)).map((e) => e.role.id));
    const page = (
      <OrganisationPeoplePage
        ctx={viewContext(request, reply)}
        organisation={organisation}
        entries={entries}
        canManage={canManageOrganisation(p, ref)}
        grantable={grantable}
        removable={removable}
        form={form ?? emptyForm({ role: grantable.at(-1) })}
      />
    );
    return sendPage(reply, page, status);
  }

  /** The role being acted on: it must belong to this organisation, and the viewer must be able to remove it. */
  async function removableRole(request: FastifyRequest) {
    const params = OrganisationRoleParams.parse(request.params);
    const { organisation, ref } = await visibleOrganisation(db, request, params);
    const role = await getRole(db, params.roleId);
    if (!role || role.organisationId !== organisation.id) throw notFound();
    authorize(request.principal, canGrantRole(request.principal, ref, role.role));
    const person = await getPersonById(db, role.personId);
    if (!person) throw notFound();
    return { organisation, role, person, base: `/organisations/${organisation.slug}/people` };
  }

  app.get('/organisations/:slug/people', { schema: hide }, async (request, reply) => {
    const { organisation, ref } = await visibleOrganisation(db, request, OrganisationSlugParams.parse(request.params));
    return renderPage(request, reply, organisation, ref);
  });

  app.post('/organisations/:slug/people', { schema: hide }, async (request, reply) => {
    const { organisation, ref } = await visibleOrganisation(db, request, OrganisationSlugParams.parse(request.params));
    const p = request.principal!;
    authorize(p, canManageOrganisation(p, ref));
    const form = parseForm(InvitationSchema, request.body);
    if (!form.ok) return renderPage(request, reply, organisation, ref, form, 400);
    try {
      assertRoleFits(organisation.kind, form.data.role);
      authorize(p, canGrantRole(p, ref, form.data.role));
      const result = await inviteToOrganisation(invitationDeps(app), actorFromRequest(request), {
        ...form.data,
        organisation,
        inviterName: p.name,
        locale: request.locale,
        mayKnowAccountState: isNetworkAdmin(p),
      });
      if (result.mailError) request.log.error({ err: result.mailError }, 'invitation email could not be sent');
      reply.setFlash(result.mailError ? { type: 'warning', message: 'people:flash.invitedMailFailed' } : { type: 'success', message: 'people:flash.invited' });
      return reply.redirect(`/organisations/${organisation.slug}/people`, 303);
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return renderPage(request, reply, organisation, ref, { values: form.data, ...failure }, failure.status);
    }
  });

  app.get('/organisations/:slug/people/roles/:roleId/remove', { schema: hide }, async (request, reply) => {
    const { organisation, role, person, base } = await removableRole(request);
    const ctx = viewContext(request, reply);
    return sendPage(
      reply,
      <RemoveRolePage ctx={ctx} personName={person.name} roleLabel={ctx.t(`common:roles.${role.role}`)} organisationName={organisation.name} action={`${base}/roles/${role.id}/remove`} cancelHref={base} />,
    );
  });

  app.post('/organisations/:slug/people/roles/:roleId/remove', { schema: hide }, async (request, reply) => {
    const { organisation, role, person, base } = await removableRole(request);
    try {
      await revokeRole(db, actorFromRequest(request), role.id);
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      const ctx = viewContext(request, reply);
      const page = <RemoveRolePage ctx={ctx} personName={person.name} roleLabel={ctx.t(`common:roles.${role.role}`)} organisationName={organisation.name} action={`${base}/roles/${role.id}/remove`} cancelHref={base} error={failure.formError} />;
      return sendPage(reply, page, failure.status);
    }
    reply.setFlash({ type: 'success', message: 'people:flash.roleRemoved' });
    return reply.redirect(base, 303);
  });

  app.post('/organisations/:slug/people/roles/:roleId/resend', { schema: hide }, async (request, reply) => {
    const { role, base } = await removableRole(request);
    const p = request.principal!;
    const result = await resendInvitation(invitationDeps(app), actorFromRequest(request), role.id, { inviterName: p.name, locale: request.locale, mayKnowAccountState: isNetworkAdmin(p) });
    if (result.mailError) request.log.error({ err: result.mailError }, 'invitation email could not be sent');
    reply.setFlash(result.mailError ? { type: 'error', message: 'people:flash.resendFailed' } : { type: 'success', message: 'people:flash.resent' });
    return reply.redirect(base, 303);
  });
}
