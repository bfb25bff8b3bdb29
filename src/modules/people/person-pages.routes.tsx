import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, canEditPerson, canGrantRole } from '../../platform/auth/policy.ts';
import { isNetworkAdmin } from '../../platform/auth/principal.ts';
import { notFound } from '../../platform/errors.ts';
import { viewContext } from '../../platform/http/view.ts';
import { emptyForm, type FormState } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { parseForm } from '../../platform/validation.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { getOrganisationBySlug, organisationRef } from '../organisations/organisations.service.ts';
import { updatePerson } from './people-management.service.ts';
import type { VisiblePersonProfile } from './people-visibility.service.ts';
import type { PersonView } from './person-view.ts';
import { PersonAdminEditSchema, PersonParams, PersonRoleParams, PersonSelfEditSchema, RoleGrantFormSchema } from './people.schemas.ts';
import { formFailure } from '../../platform/http/form-failure.ts';
import { editablePerson, invitationDeps, visiblePersonProfile } from './people-http.ts';
import { assertRoleFits, grantRole, revokeRole } from './roles.service.ts';
import { resendInvitation } from './staff-invitations.service.ts';
import { PersonEditPage } from './views/person-edit-page.tsx';
import { PersonPage } from './views/person-page.tsx';
import { RemoveRolePage } from './views/remove-role-page.tsx';

const hide = { hide: true } as const;

/** /people/:id (profile and roles), /people/:id/edit, and giving or removing a role from there. */
export async function registerPersonPagesRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;

  const visibleProfile = (request: FastifyRequest) => visiblePersonProfile(db, request, PersonParams.parse(request.params).id);
  const personToEdit = (request: FastifyRequest) => editablePerson(db, request, PersonParams.parse(request.params).id);

  function renderProfile(request: FastifyRequest, reply: FastifyReply, profile: VisiblePersonProfile, grantForm?: FormState, status = 200) {
    const p = request.principal;
    const removable = new Set(profile.roles.filter((r) => canGrantRole(p, organisationRef(r.organisation), r.role)).map((r) => r.id));
    const form = grantForm ?? (isNetworkAdmin(p) ? emptyForm({ invite: true }) : undefined);
    return sendPage(reply, <PersonPage ctx={viewContext(request, reply)} profile={profile} canEdit={canEditPerson(p, profile.person.id)} removable={removable} grantForm={form} />, status);
  }

  function renderEdit(request: FastifyRequest, reply: FastifyReply, person: PersonView, form: FormState, status = 200) {
    const page = <PersonEditPage ctx={viewContext(request, reply)} personId={person.id} personName={person.name} asAdmin={isNetworkAdmin(request.principal)} form={form} />;
    return sendPage(reply, page, status);
  }

  app.get('/people/:id', { schema: hide }, async (request, reply) => renderProfile(request, reply, await visibleProfile(request)));

  app.get('/people/:id/edit', { schema: hide }, async (request, reply) => {
    const person = await personToEdit(request);
    const { name, email, disabled } = person;
    return renderEdit(request, reply, person, emptyForm({ name, email, disabled }));
  });

  app.post('/people/:id/edit', { schema: hide }, async (request, reply) => {
    const person = await personToEdit(request);
    const p = request.principal;
    // Someone editing themselves may change their name only; the other fields are not even read.
    const form = isNetworkAdmin(p) ? parseForm(PersonAdminEditSchema, request.body) : parseForm(PersonSelfEditSchema, request.body);
    if (!form.ok) return renderEdit(request, reply, person, form, 400);
    try {
      await updatePerson(db, actorFromRequest(request), person.id, form.data);
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return renderEdit(request, reply, person, { values: form.data, ...failure }, failure.status);
    }
    reply.setFlash({ type: 'success', message: 'people:flash.saved' });
    return reply.redirect(`/people/${person.id}`, 303);
  });

  app.post('/people/:id/roles', { schema: hide }, async (request, reply) => {
    const profile = await visibleProfile(request);
    const p = request.principal;
    const form = parseForm(RoleGrantFormSchema, request.body);
    if (!form.ok) return renderProfile(request, reply, profile, form, 400);
    const organisation = await getOrganisationBySlug(db, form.data.organisation);
    if (!organisation) {
      return renderProfile(request, reply, profile, { values: form.data, errors: { organisation: ['people:errors.unknownOrganisation'] } }, 400);
    }
    let mailError: unknown = null;
    try {
      assertRoleFits(organisation.kind, form.data.role);
      authorize(p, canGrantRole(p, organisationRef(organisation), form.data.role));
      const role = await grantRole(db, actorFromRequest(request), { personId: profile.person.id, organisation, role: form.data.role, title: form.data.title });
      if (form.data.invite) mailError = (await resendInvitation(invitationDeps(app), actorFromRequest(request), role.id, { inviterName: p!.name, locale: request.locale, mayKnowAccountState: isNetworkAdmin(p) })).mailError;
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return renderProfile(request, reply, profile, { values: form.data, ...failure }, failure.status);
    }
    if (mailError) request.log.error({ err: mailError }, 'invitation email could not be sent');
    reply.setFlash(mailError ? { type: 'warning', message: 'people:flash.grantedMailFailed' } : { type: 'success', message: form.data.invite ? 'people:flash.grantedInvited' : 'people:flash.granted' });
    return reply.redirect(`/people/${profile.person.id}`, 303);
  });

  async function removableRole(request: FastifyRequest) {
    const profile = await visibleProfile(request);
    const { roleId } = PersonRoleParams.parse(request.params);
    const role = profile.roles.find((r) => r.id === roleId);
    if (!role) throw notFound();
    authorize(request.principal, canGrantRole(request.principal, organisationRef(role.organisation), role.role));
    return { profile, role, base: `/people/${profile.person.id}` };
  }

  function renderRemove(request: FastifyRequest, reply: FastifyReply, target: Awaited<ReturnType<typeof removableRole>>, error?: string, status = 200) {
    const ctx = viewContext(request, reply);
    const { profile, role, base } = target;
    const page = (
      <RemoveRolePage ctx={ctx} personName={profile.person.name} roleLabel={ctx.t(`common:roles.${role.role}`)} organisationName={role.organisation.name} action={`${base}/roles/${role.id}/remove`} cancelHref={base} error={error} />
    );
    return sendPage(reply, page, status);
  }

  app.get('/people/:id/roles/:roleId/remove', { schema: hide }, async (request, reply) => renderRemove(request, reply, await removableRole(request)));

  app.post('/people/:id/roles/:roleId/remove', { schema: hide }, async (request, reply) => {
    const target = await removableRole(request);
    try {
      await revokeRole(db, actorFromRequest(request), target.role.id);
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return renderRemove(request, reply, target, failure.formError, failure.status);
    }
    reply.setFlash({ type: 'success', message: 'people:flash.roleRemoved' });
    return reply.redirect(target.base, 303);
  });
}
