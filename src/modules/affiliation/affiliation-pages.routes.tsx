import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../platform/auth/policy.ts';
import { notFound } from '../../platform/errors.ts';
import { formFailure } from '../../platform/http/form-failure.ts';
import { viewContext } from '../../platform/http/view.ts';
import { emptyForm, type FormState } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { formInput, parseForm } from '../../platform/validation.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { invoicePath } from '../billing/billing.service.ts';
import { getOrganisationById, getOrganisationsByIds, listCenters } from '../organisations/organisations.service.ts';
import { redirectToSignIn } from '../organisations/organisation-access.ts';
import { affiliationPolicy as policy } from './affiliation.policy.ts';
import { affiliationsOfOrganisation, getAffiliationView, pendingApplications } from './affiliation-read.service.ts';
import { ApplyInput, CancelInput, DecisionInput, IdParams } from './affiliation.schemas.ts';
import { applyForAffiliation, cancelAffiliation, decideApplication, renewAffiliation } from './affiliation.service.ts';
import { benefitsForOrganisation } from './benefits.service.ts';
import { listPlans } from './plans.service.ts';
import { ApplicationPage, ApplicationsPage } from './views/applications-pages.tsx';
import { ApplyPage } from './views/apply-page.tsx';
import { OrganisationAffiliationPage } from './views/organisation-affiliation-page.tsx';
import { RenewPage } from './views/renew-page.tsx';

const hide = { schema: { hide: true } };

/** Applying, deciding, renewing and cancelling, and an organisation's membership page. */
export async function registerAffiliationPageRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;

  const applyPage = async (request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) => {
    const p = request.principal!;
    const manageable = await getOrganisationsByIds(db, p.roles.map((r) => r.organisationId));
    const organisations = manageable.filter((o) => policy.canApplyFor(p, o) && o.kind !== 'national_office');
    const [plans, centers] = await Promise.all([listPlans(db, { activeOnly: true }), listCenters(db)]);
    return sendPage(reply, <ApplyPage ctx={viewContext(request, reply)} state={state} plans={plans} organisations={organisations} centers={centers} />, status);
  };

  app.get('/affiliation/apply', hide, async (request, reply) => {
    if (!request.principal) return redirectToSignIn(request, reply);
    return applyPage(request, reply, emptyForm());
  });

  app.post('/affiliation/apply', hide, async (request, reply) => {
    if (!request.principal) return redirectToSignIn(request, reply);
    const parsed = parseForm(ApplyInput, request.body);
    if (!parsed.ok) return applyPage(request, reply, { values: parsed.values, errors: parsed.errors }, 400);
    try {
      const aff = await applyForAffiliation(db, actorFromRequest(request), request.principal, parsed.data);
      reply.setFlash({ type: 'success', message: 'affiliation:flash.applied' });
      return reply.redirect(aff.organisation_id !== null ? `/affiliation/organisations/${aff.organisation_id}` : '/account#membership', 303);
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return applyPage(request, reply, { values: formInput(request.body), ...failure }, failure.status);
    }
  });

  app.get('/affiliation/applications', hide, async (request, reply) => {
    const p = request.principal;
    if (!p) return redirectToSignIn(request, reply);
    authorize(p, policy.canSeeApplications(p), 'hidden');
    return sendPage(reply, <ApplicationsPage ctx={viewContext(request, reply)} applications={await pendingApplications(db, policy.decidableCenters(p))} />);
  });

  /** The application in the URL, when this person may decide it; 404 otherwise (it does not leak). */
  async function decidable(request: FastifyRequest) {
    const { id } = IdParams.parse(request.params);
    const view = await getAffiliationView(db, id);
    if (!view || !policy.canDecideApplication(request.principal, view.affiliation)) throw notFound();
    return view;
  }

  app.get('/affiliation/applications/:id', hide, async (request, reply) => {
    if (!request.principal) return redirectToSignIn(request, reply);
    const view = await decidable(request);
    return sendPage(reply, <ApplicationPage ctx={viewContext(request, reply)} view={view} state={emptyForm()} />);
  });

  app.post('/affiliation/applications/:id/decision', hide, async (request, reply) => {
    if (!request.principal) return redirectToSignIn(request, reply);
    const view = await decidable(request);
    const parsed = parseForm(DecisionInput, request.body);
    const again = (state: FormState, status: number) => sendPage(reply, <ApplicationPage ctx={viewContext(request, reply)} view={view} state={state} />, status);
    if (!parsed.ok) return again({ values: parsed.values, errors: parsed.errors }, 400);
    try {
      await decideApplication(db, actorFromRequest(request), view.affiliation.id, parsed.data);
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return again({ values: formInput(request.body), ...failure }, failure.status);
    }
    reply.setFlash({ type: 'success', message: parsed.data.decision === 'approve' ? 'affiliation:flash.approved' : 'affiliation:flash.declined' });
    return reply.redirect('/affiliation/applications', 303);
  });

  app.get('/affiliation/organisations/:id', hide, async (request, reply) => {
    const p = request.principal;
    if (!p) return redirectToSignIn(request, reply);
    const { id } = IdParams.parse(request.params);
    const org = await getOrganisationById(db, id);
    if (!org || !policy.canManageAffiliation(p, { organisation_id: org.id, person_id: null }, org)) throw notFound();
    const [affiliations, benefits] = await Promise.all([affiliationsOfOrganisation(db, org.id), benefitsForOrganisation(db, org.id)]);
    return sendPage(reply, <OrganisationAffiliationPage ctx={viewContext(request, reply)} organisation={org} affiliations={affiliations} benefits={benefits} />);
  });

  /** The affiliation in the URL, when this person manages it (the member, the org's leads, an admin); 404 otherwise. */
  async function managed(request: FastifyRequest) {
    const { id } = IdParams.parse(request.params);
    const view = await getAffiliationView(db, id);
    if (!view || !policy.canManageAffiliation(request.principal, view.affiliation, view.organisation)) throw notFound();
    return view;
  }

  app.get('/affiliation/:id/renew', hide, async (request, reply) => {
    if (!request.principal) return redirectToSignIn(request, reply);
    return sendPage(reply, <RenewPage ctx={viewContext(request, reply)} view={await managed(request)} />);
  });

  app.post('/affiliation/:id/renew', hide, async (request, reply) => {
    if (!request.principal) return redirectToSignIn(request, reply);
    const view = await managed(request);
    const result = await renewAffiliation(db, actorFromRequest(request), view.affiliation.id);
    reply.setFlash({ type: 'success', message: result.created ? 'affiliation:flash.renewed' : 'affiliation:flash.alreadyRenewed' });
    return reply.redirect(result.invoice ? invoicePath(result.invoice.number) : view.organisation ? `/affiliation/organisations/${view.organisation.id}` : '/account#membership', 303);
  });

  app.post('/affiliation/:id/cancel', hide, async (request, reply) => {
    if (!request.principal) return redirectToSignIn(request, reply);
    const view = await managed(request);
    const parsed = parseForm(CancelInput, request.body);
    if (!parsed.ok) {
      reply.setFlash({ type: 'error', message: 'affiliation:flash.reasonRequired' });
    } else {
      await cancelAffiliation(db, actorFromRequest(request), view.affiliation.id, parsed.data.reason);
      reply.setFlash({ type: 'success', message: 'affiliation:flash.cancelled' });
    }
    const back = policy.isNetworkAdmin(request.principal) ? `/admin/affiliations/${view.affiliation.id}` : view.organisation ? `/affiliation/organisations/${view.organisation.id}` : '/account#membership';
    return reply.redirect(back, 303);
  });
}
