import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../platform/auth/policy.ts';
import { notFound } from '../../platform/errors.ts';
import { viewContext } from '../../platform/http/view.ts';
import { emptyForm, type FormState } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { fields, parseForm } from '../../platform/validation.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { getPersonById } from '../people/people.service.ts';
import { failedForm, redirectToSignIn, visibleEvent } from './agenda-http.ts';
import { DecisionInput, EventSlugParams, ProposalInput, ReviewerInput, ReviewInput, ReviewListQuery, SessionParams } from './agenda.schemas.ts';
import { canOrganise } from './events.policy.ts';
import type { EventWithOrganiser } from './events.service.ts';
import { loadTagVocabulary, vocabularyFor } from './event-tags.ts';
import * as proposals from './proposals.service.ts';
import { ProposalEditPage, ProposalsPage } from './views/proposal-pages.tsx';
import { ReviewListPage, ReviewProposalPage, type ReviewRole } from './views/proposal-review-pages.tsx';

const hide = { schema: { hide: true } };
const ReviewerParams = EventSlugParams.extend({ personId: fields.id() });

/** The call for session proposals (submit, edit, withdraw) and its review (scores, reviewers, decisions). */
export async function registerProposalRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;

  /** The signed-in submitter and the event, when the event takes proposals at all (else 404). */
  async function callOf(request: FastifyRequest, reply: FastifyReply): Promise<{ found: EventWithOrganiser; personId: number } | null> {
    const personId = request.principal?.personId;
    if (!personId) {
      redirectToSignIn(request, reply);
      return null;
    }
    const found = await visibleEvent(db, request);
    if (proposals.proposalWindow(found.event) === 'none') throw notFound();
    return { found, personId };
  }

  const callPage = async (request: FastifyRequest, reply: FastifyReply, c: { found: EventWithOrganiser; personId: number }, state: FormState, status = 200) => {
    const { event } = c.found;
    const mine = await proposals.myProposals(db, event.id, c.personId);
    return sendPage(reply, <ProposalsPage ctx={viewContext(request, reply)} vocab={await loadTagVocabulary(db)} event={event} window={proposals.proposalWindow(event)} state={state} mine={mine} />, status);
  };

  app.get('/events/:slug/proposals', hide, async (request, reply) => {
    const c = await callOf(request, reply);
    if (!c) return reply;
    return callPage(request, reply, c, emptyForm({ submission_key: randomUUID() }));
  });

  app.post('/events/:slug/proposals', hide, async (request, reply) => {
    const c = await callOf(request, reply);
    if (!c) return reply;
    const parsed = parseForm(ProposalInput, request.body);
    if (!parsed.ok) return callPage(request, reply, c, { values: parsed.values, errors: parsed.errors }, 400);
    try {
      await proposals.submitProposal(db, actorFromRequest(request), c.found.event, c.personId, parsed.data);
    } catch (err) {
      const failure = failedForm(err, request.body);
      if (!failure) throw err;
      return callPage(request, reply, c, failure.state, failure.status);
    }
    reply.setFlash({ type: 'success', message: 'agenda:proposals.submitted' });
    return reply.redirect(`/events/${c.found.event.slug}/proposals`, 303);
  });

  const editPage = async (request: FastifyRequest, reply: FastifyReply, c: { found: EventWithOrganiser; personId: number }, state: FormState | null, status = 200) => {
    const proposal = await proposals.getOwnProposal(db, c.found.event, c.personId, SessionParams.parse(request.params).id);
    const values = { ...proposal, tags: proposals.splitTags(proposal.tags) };
    return sendPage(reply, <ProposalEditPage ctx={viewContext(request, reply)} vocab={await loadTagVocabulary(db)} event={c.found.event} proposal={proposal} state={state ?? emptyForm(values)} />, status);
  };

  /** Edit and withdraw answer a closed call or a decided proposal with the call page and why. */
  async function orCallPage(request: FastifyRequest, reply: FastifyReply, c: { found: EventWithOrganiser; personId: number }, work: () => Promise<unknown>) {
    try {
      return await work();
    } catch (err) {
      const failure = failedForm(err, {});
      if (!failure) throw err;
      return callPage(request, reply, c, { ...emptyForm({ submission_key: randomUUID() }), formError: failure.state.formError }, failure.status);
    }
  }

  app.get('/events/:slug/proposals/:id/edit', hide, async (request, reply) => {
    const c = await callOf(request, reply);
    if (!c) return reply;
    return orCallPage(request, reply, c, () => editPage(request, reply, c, null));
  });

  app.post('/events/:slug/proposals/:id/edit', hide, async (request, reply) => {
    const c = await callOf(request, reply);
    if (!c) return reply;
    const { id } = SessionParams.parse(request.params);
    const parsed = parseForm(ProposalInput, request.body);
    if (!parsed.ok) return orCallPage(request, reply, c, () => editPage(request, reply, c, { values: parsed.values, errors: parsed.errors }, 400));
    return orCallPage(request, reply, c, async () => {
      await proposals.editProposal(db, actorFromRequest(request), c.found.event, c.personId, id, parsed.data);
      reply.setFlash({ type: 'success', message: 'agenda:proposals.saved' });
      return reply.redirect(`/events/${c.found.event.slug}/proposals`, 303);
    });
  });

  app.post('/events/:slug/proposals/:id/withdraw', hide, async (request, reply) => {
    const c = await callOf(request, reply);
    if (!c) return reply;
    const { id } = SessionParams.parse(request.params);
    return orCallPage(request, reply, c, async () => {
      await proposals.withdrawProposal(db, actorFromRequest(request), c.found.event, c.personId, id);
      reply.setFlash({ type: 'success', message: 'agenda:proposals.withdrawn' });
      return reply.redirect(`/events/${c.found.event.slug}/proposals`, 303);
    });
  });

  // Review: organisers, and the people they asked to review (who see only the review). Anyone else: 404.

  async function reviewAccess(request: FastifyRequest, reply: FastifyReply): Promise<{ found: EventWithOrganiser; role: ReviewRole; personId: number } | null> {
    const p = request.principal;
    if (!p?.personId) {
      redirectToSignIn(request, reply);
      return null;
    }
    const found = await visibleEvent(db, request);
    if (canOrganise(p, found.organiserRef)) return { found, role: 'organiser', personId: p.personId };
    if (await proposals.isReviewer(db, found.event.id, p.personId)) return { found, role: 'reviewer', personId: p.personId };
    throw notFound();
  }

  const listPage = async (request: FastifyRequest, reply: FastifyReply, a: { found: EventWithOrganiser; role: ReviewRole; personId: number }, reviewerState: FormState, status = 200) => {
    const { event } = a.found;
    const { sort } = ReviewListQuery.parse(request.query ?? {});
    const [rows, myReviews, reviewers] = await Promise.all([proposals.proposalsForReview(db, event.id, sort), proposals.reviewsBy(db, event.id, a.personId), a.role === 'organiser' ? proposals.reviewersOf(db, event.id) : []]);
    return sendPage(reply, <ReviewListPage ctx={viewContext(request, reply)} event={event} role={a.role} rows={rows} sort={sort} myReviews={myReviews} reviewers={reviewers} reviewerState={reviewerState} />, status);
  };

  app.get('/events/:slug/proposals/manage', hide, async (request, reply) => {
    const a = await reviewAccess(request, reply);
    if (!a) return reply;
    return listPage(request, reply, a, emptyForm());
  });

  app.post('/events/:slug/proposals/manage/reviewers', hide, async (request, reply) => {
    const a = await reviewAccess(request, reply);
    if (!a) return reply;
    authorize(request.principal, a.role === 'organiser');
    const parsed = parseForm(ReviewerInput, request.body);
    if (!parsed.ok) return listPage(request, reply, a, { values: parsed.values, errors: parsed.errors }, 400);
    try {
      await proposals.addReviewer(db, actorFromRequest(request), a.found.event, parsed.data.email);
    } catch (err) {
      const failure = failedForm(err, request.body);
      if (!failure) throw err;
      return listPage(request, reply, a, failure.state, failure.status);
    }
    reply.setFlash({ type: 'success', message: 'proposals-admin:reviewers.added' });
    return reply.redirect(`/events/${a.found.event.slug}/proposals/manage`, 303);
  });

  app.post('/events/:slug/proposals/manage/reviewers/:personId/remove', hide, async (request, reply) => {
    const a = await reviewAccess(request, reply);
    if (!a) return reply;
    authorize(request.principal, a.role === 'organiser');
    await proposals.removeReviewer(db, actorFromRequest(request), a.found.event, ReviewerParams.parse(request.params).personId);
    reply.setFlash({ type: 'success', message: 'proposals-admin:reviewers.removed' });
    return reply.redirect(`/events/${a.found.event.slug}/proposals/manage`, 303);
  });

  const proposalPage = async (request: FastifyRequest, reply: FastifyReply, a: { found: EventWithOrganiser; role: ReviewRole; personId: number }, states: { review?: FormState; decision?: FormState }, status = 200) => {
    const { event } = a.found;
    const proposal = await proposals.getProposal(db, event.id, SessionParams.parse(request.params).id);
    const organiser = a.role === 'organiser';
    const mine = (await proposals.reviewsBy(db, event.id, a.personId)).get(proposal.id);
    const detail = {
      proposal,
      // Reviewers judge the proposal, not the person: the submitter's name and co-presenters stay with the organisers.
      submitterName: organiser ? ((await getPersonById(db, proposal.submitter_person_id))?.name ?? null) : null,
      reviews: organiser ? await proposals.reviewsOf(db, proposal.id) : [],
      canScore: proposal.submitter_person_id !== a.personId,
    };
    const reviewState = states.review ?? emptyForm(mine ? { score: mine.score, comment: mine.comment } : {});
    return sendPage(reply, <ReviewProposalPage ctx={viewContext(request, reply)} vocab={await vocabularyFor(db, proposals.splitTags(proposal.tags))} event={event} role={a.role} detail={detail} reviewState={reviewState} decisionState={states.decision ?? emptyForm()} />, status);
  };

  app.get('/events/:slug/proposals/manage/:id', hide, async (request, reply) => {
    const a = await reviewAccess(request, reply);
    if (!a) return reply;
    return proposalPage(request, reply, a, {});
  });

  app.post('/events/:slug/proposals/manage/:id/review', hide, async (request, reply) => {
    const a = await reviewAccess(request, reply);
    if (!a) return reply;
    const { id } = SessionParams.parse(request.params);
    const parsed = parseForm(ReviewInput, request.body);
    if (!parsed.ok) return proposalPage(request, reply, a, { review: { values: parsed.values, errors: parsed.errors } }, 400);
    try {
      await proposals.saveReview(db, a.found.event.id, id, a.personId, parsed.data);
    } catch (err) {
      const failure = failedForm(err, request.body);
      if (!failure) throw err;
      return proposalPage(request, reply, a, { review: failure.state }, failure.status);
    }
    reply.setFlash({ type: 'success', message: 'agenda:review.saved' });
    return reply.redirect(`/events/${a.found.event.slug}/proposals/manage`, 303);
  });

  app.post('/events/:slug/proposals/manage/:id/decide', hide, async (request, reply) => {
    const a = await reviewAccess(request, reply);
    if (!a) return reply;
    authorize(request.principal, a.role === 'organiser');
    const { id } = SessionParams.parse(request.params);
    const parsed = parseForm(DecisionInput, request.body);
    if (!parsed.ok) return proposalPage(request, reply, a, { decision: { values: parsed.values, errors: parsed.errors } }, 400);
    try {
      const decided = await proposals.decideProposal(db, actorFromRequest(request), a.found.event, id, parsed.data);
      reply.setFlash({ type: 'success', message: decided.status === 'accepted' ? 'proposals-admin:decision.acceptedFlash' : 'proposals-admin:decision.declinedFlash' });
    } catch (err) {
      const failure = failedForm(err, request.body);
      if (!failure) throw err;
      return proposalPage(request, reply, a, { decision: failure.state }, failure.status);
    }
    return reply.redirect(`/events/${a.found.event.slug}/proposals/manage/${id}`, 303);
  });
}
