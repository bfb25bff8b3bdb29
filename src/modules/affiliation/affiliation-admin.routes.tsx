import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireNetworkAdmin } from '../../platform/auth/guards.ts';
import { notFound } from '../../platform/errors.ts';
import { sendCsv } from '../../platform/csv/csv-export.ts';
import { formFailure } from '../../platform/http/form-failure.ts';
import { viewContext } from '../../platform/http/view.ts';
import { emptyForm, type FormState } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { formInput } from '../../platform/validation.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { listCenters } from '../organisations/organisations.service.ts';
import { blankToUndefined } from '../organisations/organisations.schemas.ts';
import { redirectToSignIn } from '../organisations/organisation-access.ts';
import { affiliationHistory, exportAffiliations, getAffiliationView, listAffiliations } from './affiliation-read.service.ts';
import { AffiliationListQuery, foldRows, IdParams, PlanInput } from './affiliation.schemas.ts';
import { addDays } from './affiliation-status.ts';
import { createPlan, getPlan, listPlans, setPlanActive, updatePlan } from './plans.service.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { AdminAffiliationPage, AdminAffiliationsPage } from './views/admin-affiliation-pages.tsx';
import { PlanFormPage, planFormValues, PlansPage } from './views/plan-pages.tsx';

const hide = { schema: { hide: true } };

/** Parses the plan form (rows folded into arrays); the folded values re-render the form on failure. */
function parsePlanForm(body: unknown) {
  const values = foldRows(formInput(body));
  const result = PlanInput.safeParse(values);
  return result.success ? ({ ok: true, data: result.data } as const) : ({ ok: false, state: { values, errors: fieldErrors(result.error) } } as const);
}

/** /admin/plans and /admin/affiliations: plans, the list with CSV export, and each affiliation's detail. */
export async function registerAffiliationAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;
  // Every page here is for network admins; a signed-out browser is sent to sign in first.
  const admin = (request: FastifyRequest, reply: FastifyReply) => (request.principal ? (requireNetworkAdmin(request), null) : redirectToSignIn(request, reply));

  app.get('/admin/plans', hide, async (request, reply) => admin(request, reply) ?? sendPage(reply, <PlansPage ctx={viewContext(request, reply)} plans={await listPlans(db)} />));

  const formPage = (request: FastifyRequest, reply: FastifyReply, state: FormState, plan?: Awaited<ReturnType<typeof getPlan>>, status = 200) =>
    sendPage(reply, <PlanFormPage ctx={viewContext(request, reply)} state={state} plan={plan} />, status);

  app.get('/admin/plans/new', hide, async (request, reply) => admin(request, reply) ?? formPage(request, reply, emptyForm({ holder: 'school', term_kind: 'fixed', fixed_start_month: '7', fixed_start_day: '1', term_months: '12', grace_days: '30' })));

  app.post('/admin/plans/new', hide, async (request, reply) => {
    if (admin(request, reply)) return reply;
    const parsed = parsePlanForm(request.body);
    if (!parsed.ok) return formPage(request, reply, parsed.state, undefined, 400);
    try {
      await createPlan(db, actorFromRequest(request), parsed.data);
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return formPage(request, reply, { values: foldRows(formInput(request.body)), ...failure }, undefined, failure.status);
    }
    reply.setFlash({ type: 'success', message: 'affiliation-admin:flash.planSaved' });
    return reply.redirect('/admin/plans', 303);
  });

  async function planFrom(request: FastifyRequest) {
    const plan = await getPlan(db, IdParams.parse(request.params).id);
    if (!plan) throw notFound();
    return plan;
  }

  app.get('/admin/plans/:id/edit', hide, async (request, reply) => {
    if (admin(request, reply)) return reply;
    const plan = await planFrom(request);
    return formPage(request, reply, emptyForm(planFormValues(plan)), plan);
  });

  app.post('/admin/plans/:id/edit', hide, async (request, reply) => {
    if (admin(request, reply)) return reply;
    const plan = await planFrom(request);
    const parsed = parsePlanForm(request.body);
    if (!parsed.ok) return formPage(request, reply, parsed.state, plan, 400);
    await updatePlan(db, actorFromRequest(request), plan.id, parsed.data);
    reply.setFlash({ type: 'success', message: 'affiliation-admin:flash.planSaved' });
    return reply.redirect('/admin/plans', 303);
  });

  app.post('/admin/plans/:id/active', hide, async (request, reply) => {
    if (admin(request, reply)) return reply;
    const plan = await planFrom(request);
    await setPlanActive(db, actorFromRequest(request), plan.id, (request.body as Record<string, unknown>)?.active === 'true');
    reply.setFlash({ type: 'success', message: 'affiliation-admin:flash.planSaved' });
    return reply.redirect(`/admin/plans/${plan.id}/edit`, 303);
  });

  const listQuery = (request: FastifyRequest) => AffiliationListQuery.parse(blankToUndefined(request.query as Record<string, unknown>));

  app.get('/admin/affiliations', hide, async (request, reply) => {
    if (admin(request, reply)) return reply;
    const query = listQuery(request);
    const [result, plans, centers] = await Promise.all([listAffiliations(db, query), listPlans(db), listCenters(db)]);
    return sendPage(reply, <AdminAffiliationsPage ctx={viewContext(request, reply)} query={query} result={result} plans={plans} centers={centers} />);
  });

  app.get('/admin/affiliations.csv', hide, async (request, reply) => {
    if (admin(request, reply)) return reply;
    const rows = await exportAffiliations(db, listQuery(request));
    return sendCsv(reply, 'affiliations', {
      header: ['id', 'holder_kind', 'holder', 'email', 'state', 'center', 'plan', 'status', 'decision', 'paid_through', 'applied_at'],
      rows: rows.map((r) => [
        r.id,
        r.holder,
        r.organisation_name ?? r.person_name,
        r.person_email,
        r.state,
        r.center_name,
        r.plan_name,
        r.status,
        r.decision,
        r.paid_through ? addDays(r.paid_through as string, -1) : null,
        r.created_at,
      ]),
    });
  });

  app.get('/admin/affiliations/:id', hide, async (request, reply) => {
    if (admin(request, reply)) return reply;
    const { id } = IdParams.parse(request.params);
    const view = await getAffiliationView(db, id);
    if (!view) throw notFound();
    return sendPage(reply, <AdminAffiliationPage ctx={viewContext(request, reply)} view={view} history={await affiliationHistory(db, id)} />);
  });
}
