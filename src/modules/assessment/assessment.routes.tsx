import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { authorize } from '../../platform/auth/policy.ts';
import { isNetworkAdmin } from '../../platform/auth/principal.ts';
import { AppError, badRequest } from '../../platform/errors.ts';
import { storageFor } from '../../platform/storage/file-storage.ts';
import { readMultipartForm, registerMultipartForms } from '../../platform/storage/multipart-form.ts';
import { attachmentDisposition, storeCheckedUpload, UploadRejected, type CheckedUpload } from '../../platform/storage/upload-check.ts';
import { formFailure } from '../../platform/http/form-failure.ts';
import { sendPrivatePage } from '../../platform/http/private-page-cache.ts';
import { viewContext } from '../../platform/http/view.ts';
import { emptyForm, type FormState } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { formInput, parseForm } from '../../platform/validation.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { getOrganisationsByIds } from '../organisations/organisations.service.ts';
import { assessmentPolicy as policy, centerIdsOf, schoolIdsOf } from './assessment.policy.ts';
import { BenchmarkParams, EvidenceFileParams, CoachRatingInput, CycleParams, EvidenceInput, NewCycleInput, RatingInput, VisibilityInput } from './assessment.schemas.ts';
import { registerAssessmentApi } from './assessment-api.routes.ts';
import * as service from './assessment.service.ts';
import { CycleListPage, NewCyclePage } from './views/cycle-list-pages.tsx';
import { CyclePage, type CyclePageProps, type FocusedForm } from './views/cycle-page.tsx';

const hide = { schema: { hide: true } };

/**
 * School self-assessment: /assessment (cycles), /assessment/new, /assessment/:id (rate, evidence,
 * submit, review, sharing), and its JSON API under /api/v1/assessment. The pages are in their own
 * plugin scope: evidence files are multipart, accepted there only.
 */
export async function registerAssessmentRoutes(app: FastifyInstance): Promise<void> {
  await app.register(async (scope) => {
    await registerMultipartForms(scope, app.deps.config.uploadMaxBytes);
    await registerAssessmentPages(scope);
  });
  await registerAssessmentApi(app);
}

async function registerAssessmentPages(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;
  const { baseUrl, uploadMaxBytes } = app.deps.config;
  const storage = storageFor(app.deps.config);

  /** Signed-out browsers go to sign in and come back; returns false when it redirected. */
  function signedIn(request: FastifyRequest, reply: FastifyReply): boolean {
    if (request.principal) return true;
    void reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);
    return false;
  }

  /** The cycle in the URL, if the signed-in person may see it (404 otherwise: a cycle is private). */
  async function visibleCycle(request: FastifyRequest): Promise<service.CycleView> {
    const view = await service.getCycleView(db, CycleParams.parse(request.params).id);
    authorize(request.principal, policy.canViewCycle(request.principal, service.refOfCycle(view.cycle, view.school)), 'hidden');
    return view;
  }

  const canOf = (request: FastifyRequest, view: Pick<service.CycleView, 'cycle' | 'school'>) => {
    const ref = service.refOfCycle(view.cycle, view.school);
    return {
      work: policy.canWorkOnCycle(request.principal, ref),
      submit: policy.canSubmitCycle(request.principal, ref),
      review: policy.canReviewCycle(request.principal, ref),
      share: policy.canChangeVisibility(request.principal, ref),
    };
  };

  const cyclePage = (request: FastifyRequest, reply: FastifyReply, view: service.CycleView, extra: Partial<CyclePageProps> = {}, status = 200) =>
    sendPage(reply, <CyclePage ctx={viewContext(request, reply)} view={view} can={canOf(request, view)} showCoach={service.showsCoachTo(request.principal, view)} maxBytes={uploadMaxBytes} {...extra} />, status);

  /**
   * Runs one benchmark form's save: bad input and refusals come back on the same page beside that
   * benchmark (400/409, what was typed kept); success returns to the benchmark.
   */
  async function benchmarkForm<S extends z.ZodType>(request: FastifyRequest, reply: FastifyReply, form: FocusedForm['form'], schema: S, allowed: (view: service.CycleView) => boolean, save: (view: service.CycleView, key: string, data: z.output<S>) => Promise<unknown>, flash: string) {
    if (!signedIn(request, reply)) return reply;
    const view = await visibleCycle(request);
    authorize(request.principal, allowed(view), 'public');
    const { key } = BenchmarkParams.parse(request.params);
    service.benchmarkOf(view, key);
    const parsed = parseForm(schema, request.body);
    const again = async (state: FormState, status: number, conflict?: FocusedForm['conflict']) =>
      cyclePage(request, reply, await service.getCycleView(db, view.cycle.id), { focus: { key, form, state, conflict } }, status);
    if (!parsed.ok) return again({ values: parsed.values, errors: parsed.errors }, 400);
    try {
      await save(view, key, parsed.data);
    } catch (err) {
      // A conflict shows the other answer and arms the form with its token: saving again is then a
      // deliberate overwrite. Any other refusal keeps the token the form was loaded with.
      if (err instanceof service.RatingConflict) return again({ values: { ...formInput(request.body), revision: err.current.revision }, errors: {} }, 409, err.current);
      if (err instanceof service.CoachRatingConflict) return again({ values: { ...formInput(request.body), coach_at: err.current.coach_at }, errors: {} }, 409, err.current);
      const failure = formFailure(err);
      if (!failure) throw err;
      // An edit after submission: the forms are gone from the page, so the refusal heads it.
      if (failure.status === 409) return cyclePage(request, reply, await service.getCycleView(db, view.cycle.id), { pageError: failure.formError }, 409);
      return again({ values: formInput(request.body), ...failure }, failure.status);
    }
    reply.setFlash({ type: 'success', message: flash });
    return reply.redirect(`/assessment/${view.cycle.id}#benchmark-${key}`, 303);
  }

  app.get('/assessment', hide, async (request, reply) => {
    if (!signedIn(request, reply)) return reply;
    const p = request.principal;
    const lists = await service.listCyclesFor(db, schoolIdsOf(p), centerIdsOf(p));
    return sendPage(reply, <CycleListPage ctx={viewContext(request, reply)} {...lists} canOpen={lists.schools.length > 0} canSeeRollups={isNetworkAdmin(p) || centerIdsOf(p).length > 0} />);
  });

  const schoolsOf = async (request: FastifyRequest) => (await getOrganisationsByIds(db, schoolIdsOf(request.principal))).filter((o) => o.kind === 'school').sort((a, b) => a.name.localeCompare(b.name));
  const newPage = async (request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) => {
    const [schools, frameworks] = await Promise.all([schoolsOf(request), service.listAssessableFrameworks(db)]);
    return sendPage(reply, <NewCyclePage ctx={viewContext(request, reply)} schools={schools} frameworks={frameworks} state={state} />, status);
  };

  app.get('/assessment/new', hide, async (request, reply) => {
    if (!signedIn(request, reply)) return reply;
    authorize(request.principal, (await schoolsOf(request)).length > 0, 'public');
    const frameworks = await service.listAssessableFrameworks(db);
    return newPage(request, reply, emptyForm({ framework_id: frameworks[0]?.id }));
  });

  app.post('/assessment/new', hide, async (request, reply) => {
    if (!signedIn(request, reply)) return reply;
    const schools = await schoolsOf(request);
    authorize(request.principal, schools.length > 0, 'public');
    const parsed = parseForm(NewCycleInput, request.body);
    if (!parsed.ok) return newPage(request, reply, { values: parsed.values, errors: parsed.errors }, 400);
    const school = parsed.data.school_id === undefined && schools.length === 1 ? schools[0] : schools.find((s) => s.id === parsed.data.school_id);
    const frameworks = await service.listAssessableFrameworks(db);
    const framework = parsed.data.framework_id === undefined ? frameworks[0] : frameworks.find((f) => f.id === parsed.data.framework_id);
    const errors = { ...(!school && { school_id: ['validation:choice'] }), ...(!framework && { framework_id: ['validation:choice'] }) };
    if (!school || !framework) return newPage(request, reply, { values: formInput(request.body), errors }, 400);
    authorize(request.principal, policy.canOpenCycle(request.principal, school.id), 'public');
    try {
      const cycle = await service.openCycle(db, actorFromRequest(request), { school, framework, schoolYear: parsed.data.school_year });
      reply.setFlash({ type: 'success', message: 'assessment:flash.opened' });
      return reply.redirect(`/assessment/${cycle.id}`, 303);
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return newPage(request, reply, { values: formInput(request.body), ...failure }, failure.status);
    }
  });

  // The page a team works on all day: repeat views of an unchanged cycle come from the private
  // page store (authorisation still runs on every request, on the cycle's head row).
  app.get('/assessment/:id', hide, async (request, reply) => {
    if (!signedIn(request, reply)) return reply;
    const head = await service.readCycleHead(db, app.deps.database.changes, CycleParams.parse(request.params).id);
    authorize(request.principal, policy.canViewCycle(request.principal, service.refOfCycle(head.cycle, head.school)), 'hidden');
    const can = canOf(request, head);
    const showCoach = service.showsCoachTo(request.principal, head);
    return sendPrivatePage(request, reply, String(head.cycle.revision), async (ctx) => <CyclePage ctx={ctx} view={await service.cycleViewOf(db, head)} can={can} showCoach={showCoach} maxBytes={uploadMaxBytes} />);
  });

  app.post('/assessment/:id/ratings/:key', hide, (request, reply) =>
    benchmarkForm(request, reply, 'rating', RatingInput, (v) => canOf(request, v).work, (v, key, data) => service.saveRating(db, actorFromRequest(request), v, key, data), 'assessment:flash.ratingSaved'),
  );

  app.post('/assessment/:id/evidence/:key', hide, (request, reply) =>
    benchmarkForm(request, reply, 'evidence', EvidenceInput, (v) => canOf(request, v).work, (v, key, data) => service.addEvidence(db, actorFromRequest(request), v, key, data), 'assessment:flash.evidenceAdded'),
  );

  app.post('/assessment/:id/coach/:key', hide, (request, reply) =>
    benchmarkForm(request, reply, 'coach', CoachRatingInput, (v) => canOf(request, v).review, (v, key, data) => service.saveCoachRating(db, actorFromRequest(request), v, key, data), 'assessment:flash.coachSaved'),
  );

  // Evidence files: size-limited and type-sniffed by the shared upload check, stored under random
  // keys; a refused file, or a cycle submitted meanwhile, leaves nothing stored.
  app.post('/assessment/:id/files/:key', hide, async (request, reply) => {
    if (!signedIn(request, reply)) return reply;
    const view = await visibleCycle(request);
    authorize(request.principal, canOf(request, view).work, 'public');
    const { key } = BenchmarkParams.parse(request.params);
    service.benchmarkOf(view, key);
    const files: CheckedUpload[] = [];
    let rejected: UploadRejected | undefined;
    try {
      await readMultipartForm(request, async (part) => {
        try {
          files.push(await storeCheckedUpload(storage, part.file, part.filename, { maxBytes: uploadMaxBytes }));
        } catch (err) {
          if (!(err instanceof UploadRejected)) throw err;
          rejected = err;
        }
      });
    } catch (err) {
      // A form over the part limits (a second file, too many fields) is refused after the first
      // file was stored: nothing of it may stay on disk.
      await Promise.all(files.map((f) => storage.delete(f.key)));
      throw err;
    }
    const file = files[0];
    const refusal = rejected ?? (file ? undefined : badRequest(undefined, 'assessment:errors.noFile'));
    if (refusal || !file || files.length > 1) {
      await Promise.all(files.map((f) => storage.delete(f.key)));
      const state: FormState = { values: {}, errors: {}, formError: refusal?.messageKey ?? 'assessment:errors.noFile', formErrorParams: refusal?.options.params };
      return cyclePage(request, reply, view, { focus: { key, form: 'evidence', state } }, refusal?.status ?? 400);
    }
    try {
      await service.addEvidence(db, actorFromRequest(request), view, key, { kind: 'file', storageKey: file.key, filename: file.filename, contentType: file.contentType, sizeBytes: file.sizeBytes });
    } catch (err) {
      await storage.delete(file.key);
      if (err instanceof AppError && err.status === 409) return cyclePage(request, reply, await service.getCycleView(db, view.cycle.id), { pageError: err.messageKey }, 409);
      throw err;
    }
    reply.setFlash({ type: 'success', message: 'assessment:flash.evidenceAdded' });
    return reply.redirect(`/assessment/${view.cycle.id}#benchmark-${key}`, 303);
  });

  app.get('/assessment/:id/files/:evidenceId', hide, async (request, reply) => {
    if (!signedIn(request, reply)) return reply;
    const view = await visibleCycle(request);
    const evidence = await service.getEvidence(db, view.cycle.id, EvidenceFileParams.parse(request.params).evidenceId);
    const stream = evidence.kind === 'file' && evidence.storage_key ? await storage.get(evidence.storage_key) : null;
    if (!stream) throw new AppError(404, 'not_found', 'errors:notFound');
    return reply
      .header('content-type', evidence.content_type ?? 'application/octet-stream')
      .header('content-disposition', attachmentDisposition(evidence.filename ?? 'evidence'))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('content-length', String(evidence.size_bytes ?? 0))
      .send(stream);
  });

  app.post('/assessment/:id/evidence-items/:evidenceId/delete', hide, async (request, reply) => {
    if (!signedIn(request, reply)) return reply;
    const view = await visibleCycle(request);
    authorize(request.principal, canOf(request, view).work, 'public');
    const { evidenceId } = EvidenceFileParams.parse(request.params);
    let removed: Awaited<ReturnType<typeof service.deleteEvidence>>;
    try {
      removed = await service.deleteEvidence(db, actorFromRequest(request), view, evidenceId, storage);
    } catch (err) {
      // Submitted meanwhile: the delete buttons are gone from the page, so the refusal heads it.
      if (err instanceof AppError && err.status === 409) return cyclePage(request, reply, await service.getCycleView(db, view.cycle.id), { pageError: err.messageKey }, 409);
      throw err;
    }
    reply.setFlash({ type: 'success', message: 'assessment:flash.evidenceDeleted' });
    return reply.redirect(`/assessment/${view.cycle.id}#b-${removed.benchmark_key}-evidence`, 303);
  });

  app.post('/assessment/:id/visibility', hide, async (request, reply) => {
    if (!signedIn(request, reply)) return reply;
    const view = await visibleCycle(request);
    authorize(request.principal, canOf(request, view).share, 'public');
    const parsed = parseForm(VisibilityInput, request.body);
    if (!parsed.ok) return cyclePage(request, reply, view, { visibilityState: { values: parsed.values, errors: parsed.errors } }, 400);
    await service.setVisibility(db, actorFromRequest(request), view, parsed.data.visibility);
    reply.setFlash({ type: 'success', message: parsed.data.visibility === 'network_summary' ? 'assessment:flash.shared' : 'assessment:flash.private' });
    return reply.redirect(`/assessment/${view.cycle.id}#sharing-heading`, 303);
  });

  app.post('/assessment/:id/submit', hide, async (request, reply) => {
    if (!signedIn(request, reply)) return reply;
    const view = await visibleCycle(request);
    authorize(request.principal, canOf(request, view).submit, 'public');
    try {
      await service.submitCycle(db, actorFromRequest(request), view, baseUrl);
    } catch (err) {
      if (err instanceof service.CycleIncomplete) return cyclePage(request, reply, view, { missing: err.missing }, 400);
      if (err instanceof AppError && err.status === 409) return cyclePage(request, reply, await service.getCycleView(db, view.cycle.id), { pageError: err.messageKey }, 409);
      throw err;
    }
    reply.setFlash({ type: 'success', message: 'assessment:flash.submitted' });
    return reply.redirect(`/assessment/${view.cycle.id}`, 303);
  });

  app.post('/assessment/:id/review', hide, async (request, reply) => {
    if (!signedIn(request, reply)) return reply;
    const view = await visibleCycle(request);
    authorize(request.principal, canOf(request, view).review, 'public');
    try {
      await service.finishReview(db, actorFromRequest(request), view);
    } catch (err) {
      if (err instanceof service.ReviewIncomplete) return cyclePage(request, reply, await service.getCycleView(db, view.cycle.id), { reviewMissing: err.missing }, 400);
      if (err instanceof AppError && err.status === 409) return cyclePage(request, reply, view, { pageError: err.messageKey }, 409);
      throw err;
    }
    reply.setFlash({ type: 'success', message: 'assessment:flash.reviewed' });
    return reply.redirect(`/assessment/${view.cycle.id}`, 303);
  });
}
