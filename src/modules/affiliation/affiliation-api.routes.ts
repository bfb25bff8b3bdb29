import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../platform/auth/policy.ts';
import { AppError, notFound, unauthenticated } from '../../platform/errors.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { getOrganisationById } from '../organisations/organisations.service.ts';
import { ApiError } from '../organisations/organisations.schemas.ts';
import { affiliationPolicy as policy } from './affiliation.policy.ts';
import { getAffiliationView, listAffiliations, type AffiliationView } from './affiliation-read.service.ts';
import { AffiliationListQuery, AffiliationOut, ApplyInput, BenefitOut, DecisionInput, IdParams, PlanOut, TermOut } from './affiliation.schemas.ts';
import { applyForAffiliation, decideApplication, renewAffiliation } from './affiliation.service.ts';
import { benefitsForOrganisation, benefitsForPerson } from './benefits.service.ts';
import { listPlans } from './plans.service.ts';

const tags = ['affiliation'];
const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 415: ApiError };
const bearer = [{ bearer: [] }];

async function requireSignedIn(request: FastifyRequest) {
  if (!request.principal) throw unauthenticated();
}

/** Writes need a principal and a JSON body (so a cross-site form cannot ride a browser session). */
async function requireJsonWriter(request: FastifyRequest) {
  await requireSignedIn(request);
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) throw new AppError(415, 'unsupported_media_type', 'errors:unsupportedMediaType');
}

const termOut = (t: AffiliationView['terms'][number]): z.infer<typeof TermOut> => ({ id: t.id, kind: t.kind, starts_on: t.starts_on, ends_on: t.ends_on, paid: t.paid_at !== null, invoice_id: t.invoice_id });

function affiliationOut(v: AffiliationView, withTerms: boolean): z.infer<typeof AffiliationOut> {
  const a = v.affiliation;
  return {
    id: a.id,
    status: a.status,
    plan: { id: v.plan.id, name: v.plan.name, holder: v.plan.holder },
    holder: { kind: v.plan.holder, id: (a.organisation_id ?? a.person_id)!, name: v.holderName },
    center_id: a.center_id,
    decision: a.decision,
    decision_message: a.decision_message,
    paid_through: v.paidThrough,
    created_at: a.created_at,
    ...(withTerms && { terms: v.terms.map(termOut) }),
  };
}

/** /api/v1/plans, /api/v1/affiliations and benefits. */
export async function registerAffiliationApi(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  /** The affiliation in the URL, when the caller may see it (404 otherwise). */
  async function visible(request: FastifyRequest, id: number) {
    const view = await getAffiliationView(db, id);
    if (!view || !policy.canViewAffiliation(request.principal, view.affiliation, view.organisation)) throw notFound();
    return view;
  }

  api.get('/api/v1/plans', { schema: { tags, summary: 'List membership plans', description: 'The plans open to new applicants, with dues and benefits.', security: [{}, ...bearer], response: { 200: z.object({ data: z.array(PlanOut) }) } } }, async () => ({
    data: (await listPlans(db, { activeOnly: true })).map((p) => ({ ...p, active: Boolean(p.active), dues: p.dues.map((d) => ({ min_enrolment: d.min_enrolment, max_enrolment: d.max_enrolment, amount_cents: d.amount_cents })), benefits: p.benefits.map((b) => ({ key: b.benefit, value: b.value, label: b.label })) })),
  }));

  api.get(
    '/api/v1/affiliations',
    { preValidation: requireSignedIn, schema: { tags, summary: 'List affiliations', description: 'Network admins only. Filters as on the admin list.', security: bearer, querystring: AffiliationListQuery, response: { 200: z.object({ data: z.array(AffiliationOut), page: z.number().int(), perPage: z.number().int(), total: z.number().int() }), ...errors } } },
    async (request) => {
      authorize(request.principal, policy.isNetworkAdmin(request.principal));
      const result = await listAffiliations(db, request.query);
      const views = (await Promise.all(result.items.map((r) => getAffiliationView(db, r.id)))).filter((v): v is AffiliationView => !!v);
      return { data: views.map((v) => affiliationOut(v, false)), page: result.page, perPage: result.perPage, total: result.total };
    },
  );

  api.get(
    '/api/v1/affiliations/:id',
    { preValidation: requireSignedIn, schema: { tags, summary: 'Get an affiliation', description: 'Its holder\'s managers, its deciders and network admins.', security: bearer, params: IdParams, response: { 200: AffiliationOut, ...errors } } },
    async (request) => affiliationOut(await visible(request, request.params.id), true),
  );

  api.post(
    '/api/v1/affiliations',
    { preValidation: requireJsonWriter, schema: { tags, summary: 'Apply for affiliation', description: 'As oneself (individual plan) or for an organisation one leads. 409 when the holder already has a live affiliation.', security: bearer, body: ApplyInput, response: { 201: AffiliationOut, ...errors } } },
    async (request, reply) => {
      const aff = await applyForAffiliation(db, actorFromRequest(request), request.principal!, request.body);
      return reply.code(201).header('location', `/api/v1/affiliations/${aff.id}`).send(affiliationOut((await getAffiliationView(db, aff.id))!, true));
    },
  );

  api.post(
    '/api/v1/affiliations/:id/decision',
    { preValidation: requireJsonWriter, schema: { tags, summary: 'Approve or decline an application', description: 'Network admins, or directors of the center the application names.', security: bearer, params: IdParams, body: DecisionInput, response: { 200: AffiliationOut, ...errors } } },
    async (request) => {
      const view = await getAffiliationView(db, request.params.id);
      if (!view || !policy.canDecideApplication(request.principal, view.affiliation)) throw notFound();
      await decideApplication(db, actorFromRequest(request), view.affiliation.id, request.body);
      return affiliationOut((await getAffiliationView(db, view.affiliation.id))!, true);
    },
  );

  api.post(
    '/api/v1/affiliations/:id/renewal',
    { preValidation: requireJsonWriter, schema: { tags, summary: 'Renew an affiliation', description: 'Opens the next term and its invoice. Idempotent: renewing again while that term is unpaid returns it (a term whose invoice was voided is replaced by a new one).', security: bearer, params: IdParams, response: { 200: AffiliationOut, ...errors } } },
    async (request) => {
      const view = await getAffiliationView(db, request.params.id);
      if (!view || !policy.canManageAffiliation(request.principal, view.affiliation, view.organisation)) throw notFound();
      await renewAffiliation(db, actorFromRequest(request), view.affiliation.id);
      return affiliationOut((await getAffiliationView(db, view.affiliation.id))!, true);
    },
  );

  api.get(
    '/api/v1/me/benefits',
    { preValidation: requireSignedIn, schema: { tags, summary: 'My benefits', description: "The signed-in person's benefits: their own membership's and those of organisations where they hold a role.", security: bearer, response: { 200: z.object({ data: z.array(BenefitOut) }), ...errors } } },
    async (request) => {
      const personId = request.principal!.personId;
      return { data: personId === null ? [] : await benefitsForPerson(db, personId) };
    },
  );

  api.get(
    '/api/v1/organisations/:id/benefits',
    { preValidation: requireSignedIn, schema: { tags, summary: "An organisation's benefits", description: "Its people, its center (for a school) and network admins.", security: bearer, params: IdParams, response: { 200: z.object({ data: z.array(BenefitOut) }), ...errors } } },
    async (request) => {
      const org = await getOrganisationById(db, request.params.id);
      if (!org || !policy.canSeeOrganisationBenefits(request.principal, org)) throw notFound();
      return { data: await benefitsForOrganisation(db, org.id) };
    },
  );
}
