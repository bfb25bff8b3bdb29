import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Organisation } from '../../db/schema.ts';
import { bool } from '../../db/dialect.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { formFailure } from '../../platform/http/form-failure.ts';
import { viewContext } from '../../platform/http/view.ts';
import { emptyForm, type FormState } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { formInput, parseForm } from '../../platform/validation.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { adminOnlyRefusal, organisationPolicy as policy, redirectToSignIn } from './organisation-access.ts';
import { adminOnlyChanges } from './organisation-rules.ts';
import { registerOrganisationsApi } from './organisations-api.routes.ts';
import { blankToUndefined, OrganisationInput, OrganisationListQuery, OrganisationSlugParams, OrganisationUpdate, ORGANISATION_FIELDS, PROFILE_FIELDS } from './organisations.schemas.ts';
import * as service from './organisations.service.ts';
import { AdminOrganisationsPage } from './views/admin-organisations-page.tsx';
import { DeleteOrganisationPage } from './views/delete-organisation-page.tsx';
import { EditOrganisationPage, NewOrganisationPage } from './views/organisation-form-pages.tsx';
import { OrganisationPage } from './views/organisation-page.tsx';

const hide = { schema: { hide: true } };

/** Organisation pages (private view, edit, delete, admin list and create) and /api/v1/organisations. */
export async function registerOrganisationsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;

  /** The organisation named in the URL, or 404. */
  async function organisationFrom(request: FastifyRequest): Promise<Organisation> {
    const { slug } = OrganisationSlugParams.parse(request.params);
    const organisation = await service.getOrganisationBySlug(db, slug);
    if (!organisation) throw notFound();
    return organisation;
  }

  app.get('/organisations/:slug', hide, async (request, reply) => {
    const p = request.principal;
    if (!p) return redirectToSignIn(request, reply);
    const organisation = await organisationFrom(request);
    // Private details of another organisation answer 404, so they do not confirm what exists.
    authorize(p, policy.canViewOrganisationPrivate(p, service.organisationRef(organisation)), 'hidden');
    const view = await service.getOrganisationPrivateView(db, organisation);
    const canOpen = (o: { id: number; kind: Organisation['kind']; center_id: number | null }) => policy.canViewOrganisationPrivate(p, { id: o.id, kind: o.kind, centerId: o.center_id });
    return sendPage(
      reply,
      <OrganisationPage
        ctx={viewContext(request, reply)}
        view={view}
        canManage={policy.canManageOrganisation(p, service.organisationRef(organisation))}
        canAdminister={policy.canAdministerNetwork(p)}
        canOpen={canOpen as never}
      />,
    );
  });

  const editPage = async (request: FastifyRequest, reply: FastifyReply, organisation: Organisation, state: FormState, status = 200) => {
    const admin = policy.canAdministerNetwork(request.principal);
    const centers = admin ? await service.listCenters(db) : [];
    return sendPage(reply, <EditOrganisationPage ctx={viewContext(request, reply)} organisation={organisation} state={state} admin={admin} centers={centers} />, status);
  };

  app.get('/organisations/:slug/edit', hide, async (request, reply) => {
    const p = request.principal;
    if (!p) return redirectToSignIn(request, reply);
    const organisation = await organisationFrom(request);
    authorize(p, policy.canManageOrganisation(p, service.organisationRef(organisation)));
    return editPage(request, reply, organisation, emptyForm(formValuesOf(organisation)));
  });

  app.post('/organisations/:slug/edit', hide, async (request, reply) => {
    const p = request.principal;
    if (!p) return redirectToSignIn(request, reply);
    const organisation = await organisationFrom(request);
    authorize(p, policy.canManageOrganisation(p, service.organisationRef(organisation)));
    const admin = policy.canAdministerNetwork(p);
    const parsed = parseForm(OrganisationUpdate, withClearedFields(request.body, admin ? ORGANISATION_FIELDS : PROFILE_FIELDS));
    if (!parsed.ok) return editPage(request, reply, organisation, { values: parsed.values, errors: parsed.errors }, 400);
    // The form never offers these to non-admins; a hand-made request that changes them is refused, not ignored.
    const attempted = admin ? [] : adminOnlyChanges(formValuesOf(organisation, false), parsed.data);
    if (attempted.length > 0) throw adminOnlyRefusal(attempted);
    try {
      const saved = await service.updateOrganisation(db, actorFromRequest(request), organisation.id, parsed.data);
      reply.setFlash({ type: 'success', message: 'organisations:flash.updated' });
      return reply.redirect(`/organisations/${saved.slug}`, 303);
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return editPage(request, reply, organisation, { values: formInput(request.body), ...failure }, failure.status);
    }
  });

  const newPage = async (request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) =>
    sendPage(reply, <NewOrganisationPage ctx={viewContext(request, reply)} state={state} centers={await service.listCenters(db)} />, status);

  app.get('/admin/organisations/new', hide, async (request, reply) => {
    const p = request.principal;
    if (!p) return redirectToSignIn(request, reply);
    authorize(p, policy.canAdministerNetwork(p));
    return newPage(request, reply, emptyForm({ kind: 'school' }));
  });

  app.post('/admin/organisations/new', hide, async (request, reply) => {
    const p = request.principal;
    if (!p) return redirectToSignIn(request, reply);
    authorize(p, policy.canAdministerNetwork(p));
    const parsed = parseForm(OrganisationInput, request.body);
    if (!parsed.ok) return newPage(request, reply, { values: parsed.values, errors: parsed.errors }, 400);
    try {
      const created = await service.createOrganisation(db, actorFromRequest(request), parsed.data);
      reply.setFlash({ type: 'success', message: 'organisations:flash.created' });
      return reply.redirect(`/organisations/${created.slug}`, 303);
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return newPage(request, reply, { values: formInput(request.body), ...failure }, failure.status);
    }
  });

  app.get('/admin/organisations', hide, async (request, reply) => {
    const p = request.principal;
    if (!p) return redirectToSignIn(request, reply);
    authorize(p, policy.canAdministerNetwork(p));
    const query = OrganisationListQuery.parse(blankToUndefined(request.query as Record<string, unknown>));
    const [result, centers] = await Promise.all([service.listOrganisations(db, query), service.listCenters(db)]);
    return sendPage(reply, <AdminOrganisationsPage ctx={viewContext(request, reply)} query={query} result={result} centers={centers} />);
  });

  const deletePage = async (request: FastifyRequest, reply: FastifyReply, organisation: Organisation, error?: string) =>
    sendPage(
      reply,
      <DeleteOrganisationPage ctx={viewContext(request, reply)} organisation={organisation} usage={await service.organisationUsage(db, organisation.id)} error={error} />,
      error ? 409 : 200,
    );

  app.get('/organisations/:slug/delete', hide, async (request, reply) => {
    const p = request.principal;
    if (!p) return redirectToSignIn(request, reply);
    const organisation = await organisationFrom(request);
    authorize(p, policy.canAdministerNetwork(p));
    return deletePage(request, reply, organisation);
  });

  app.post('/organisations/:slug/delete', hide, async (request, reply) => {
    const p = request.principal;
    if (!p) return redirectToSignIn(request, reply);
    const organisation = await organisationFrom(request);
    authorize(p, policy.canAdministerNetwork(p));
    try {
      await service.deleteOrganisation(db, actorFromRequest(request), organisation.id);
    } catch (err) {
      if (err instanceof AppError && err.status === 409) return deletePage(request, reply, organisation, err.messageKey);
      throw err;
    }
    reply.setFlash({ type: 'success', message: 'organisations:flash.deleted' });
    return reply.redirect('/admin/organisations', 303);
  });

  await registerOrganisationsApi(app);
}

/** A stored organisation as form values (text, as a form would send them), or as stored (for comparison). */
function formValuesOf(o: Organisation, asText = true): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of ORGANISATION_FIELDS) {
    const v = f === 'contact_public' ? bool(o.contact_public) : o[f];
    out[f] = asText && v !== null && typeof v !== 'boolean' ? String(v) : v;
  }
  return out;
}

/**
 * An edit form sends every field it shows; one left blank (or an unticked checkbox) means "clear
 * it", unlike the API, where an absent field means "leave it".
 */
function withClearedFields(body: unknown, shown: readonly string[]): Record<string, unknown> {
  const values = formInput(body);
  for (const f of shown) if (!(f in values)) values[f] = f === 'contact_public' ? false : null;
  return values;
}

