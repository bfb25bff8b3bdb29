import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bool } from '../../db/dialect.ts';
import type { Framework } from '../../db/schema.ts';
import { requireNetworkAdmin } from '../../platform/auth/guards.ts';
import { formFailure } from '../../platform/http/form-failure.ts';
import { viewContext } from '../../platform/http/view.ts';
import { emptyForm, type FormState } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { formInput, parseForm } from '../../platform/validation.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { getFrameworkBySlug } from './framework-read.service.ts';
import { BenchmarkInput, BenchmarkParams, FrameworkDetailsInput, FrameworkInput, KindParams, MoveInput, PartInput, PartParams, parseDescriptors, PublishInput, SlugParams, type PartKind } from './framework-editing.schemas.ts';
import * as editing from './framework-editing.service.ts';
import { DescriptorsPage, descriptorValues, PublishProblemsPage } from './views/framework-admin-descriptors.tsx';
import { FrameworkEditorPage } from './views/framework-admin-framework.tsx';
import { FrameworkFormPage, FrameworkListPage } from './views/framework-admin-list.tsx';
import { DeletePartPage, DiscardDraftPage, PartFormPage } from './views/framework-admin-part.tsx';

const hide = { schema: { hide: true } };

/**
 * /admin/frameworks: network admins define frameworks, edit a draft version part by part, publish
 * it, start a revision and discard a draft. Signed-out browsers are sent to sign in (the error
 * handler turns the guard's 401 into that redirect); everyone else gets 403.
 */
export async function registerFrameworkAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;
  const ctx = viewContext;

  const frameworkOf = async (request: FastifyRequest): Promise<Framework> => {
    requireNetworkAdmin(request);
    return getFrameworkBySlug(db, SlugParams.parse(request.params).slug);
  };
  const done = (reply: FastifyReply, to: string, message: string) => {
    reply.setFlash({ type: 'success', message });
    return reply.redirect(to, 303);
  };
  const failed = (err: unknown, body: unknown): FormState & { status: number } => {
    const failure = formFailure(err);
    if (!failure) throw err;
    return { values: formInput(body), ...failure };
  };

  app.get('/admin/frameworks', hide, async (request, reply) => {
    requireNetworkAdmin(request);
    return sendPage(reply, <FrameworkListPage ctx={ctx(request, reply)} frameworks={await editing.listFrameworkSummaries(db)} />);
  });

  // --- A framework's details --------------------------------------------------------------------
  app.get('/admin/frameworks/new', hide, async (request, reply) => {
    requireNetworkAdmin(request);
    return sendPage(reply, <FrameworkFormPage ctx={ctx(request, reply)} state={emptyForm()} />);
  });

  app.post('/admin/frameworks/new', hide, async (request, reply) => {
    requireNetworkAdmin(request);
    const page = (state: FormState, status: number) => sendPage(reply, <FrameworkFormPage ctx={ctx(request, reply)} state={state} />, status);
    const parsed = parseForm(FrameworkInput, request.body);
    if (!parsed.ok) return page({ values: parsed.values, errors: parsed.errors }, 400);
    try {
      const framework = await editing.createFramework(db, actorFromRequest(request), parsed.data);
      return done(reply, `/admin/frameworks/${framework.slug}`, 'framework-admin:flash.created');
    } catch (err) {
      const state = failed(err, request.body);
      return page(state, state.status);
    }
  });

  app.get('/admin/frameworks/:slug/edit', hide, async (request, reply) => {
    const framework = await frameworkOf(request);
    const values = { name: framework.name, description: framework.description, is_primary: bool(framework.is_primary) };
    return sendPage(reply, <FrameworkFormPage ctx={ctx(request, reply)} state={emptyForm(values)} framework={framework} />);
  });

  app.post('/admin/frameworks/:slug/edit', hide, async (request, reply) => {
    const framework = await frameworkOf(request);
    const parsed = parseForm(FrameworkDetailsInput, request.body);
    if (!parsed.ok) return sendPage(reply, <FrameworkFormPage ctx={ctx(request, reply)} state={{ values: parsed.values, errors: parsed.errors }} framework={framework} />, 400);
    await editing.updateFrameworkDetails(db, actorFromRequest(request), framework, parsed.data);
    return done(reply, `/admin/frameworks/${framework.slug}`, 'framework-admin:flash.saved');
  });

  // --- The framework page: versions and the draft editor ----------------------------------------
  app.get('/admin/frameworks/:slug', hide, async (request, reply) => {
    const framework = await frameworkOf(request);
    return sendPage(reply, <FrameworkEditorPage ctx={ctx(request, reply)} framework={framework} view={await editing.getEditorView(db, framework)} />);
  });

  // --- Parts of the draft: principles, groups, benchmarks, levels -------------------------------
  /** The form page of a part, with the draft's groups and principles for a benchmark. */
  const partPage = async (request: FastifyRequest, reply: FastifyReply, framework: Framework, kind: PartKind, state: FormState, status = 200, partId?: number) => {
    const view = await editing.getEditorView(db, framework);
    const tree = view.draft;
    return sendPage(reply, <PartFormPage ctx={ctx(request, reply)} framework={framework} kind={kind} state={state} partId={partId} groups={tree?.groups} principles={tree?.principles} />, status);
  };
  const partSchema = (kind: PartKind) => (kind === 'benchmarks' ? BenchmarkInput : PartInput);

  app.get('/admin/frameworks/:slug/:kind/new', hide, async (request, reply) => {
    const framework = await frameworkOf(request);
    const { kind } = KindParams.parse(request.params);
    await editing.requireDraft(db, framework);
    return partPage(request, reply, framework, kind, emptyForm());
  });

  app.post('/admin/frameworks/:slug/:kind/new', hide, async (request, reply) => {
    const framework = await frameworkOf(request);
    const { kind } = KindParams.parse(request.params);
    const parsed = parseForm(partSchema(kind), request.body);
    if (!parsed.ok) return partPage(request, reply, framework, kind, { values: parsed.values, errors: parsed.errors }, 400);
    try {
      await editing.addPart(db, actorFromRequest(request), framework, kind, parsed.data);
    } catch (err) {
      const state = failed(err, request.body);
      return partPage(request, reply, framework, kind, state, state.status);
    }
    return done(reply, `/admin/frameworks/${framework.slug}#section-${kind}`, 'framework-admin:flash.saved');
  });

  app.get('/admin/frameworks/:slug/:kind/:id/edit', hide, async (request, reply) => {
    const framework = await frameworkOf(request);
    const { kind, id } = PartParams.parse(request.params);
    const { part, version } = await editing.findPartOf(db, framework, kind, id);
    if (version.status !== 'draft') throw editing.notDraftError();
    const values: Record<string, unknown> = { key: part.key, name: part.name, description: part.description };
    if (kind === 'benchmarks') {
      const links = await editing.benchmarkLinks(db, id);
      Object.assign(values, { group_id: String(links.group_id), principle_ids: links.principle_ids.map(String) });
    }
    return partPage(request, reply, framework, kind, emptyForm(values), 200, id);
  });

  app.post('/admin/frameworks/:slug/:kind/:id/edit', hide, async (request, reply) => {
    const framework = await frameworkOf(request);
    const { kind, id } = PartParams.parse(request.params);
    const parsed = parseForm(partSchema(kind), request.body);
    if (!parsed.ok) {
      await editing.findPartOf(db, framework, kind, id);
      return partPage(request, reply, framework, kind, { values: parsed.values, errors: parsed.errors }, 400, id);
    }
    try {
      await editing.updatePart(db, actorFromRequest(request), framework, kind, id, parsed.data);
    } catch (err) {
      const state = failed(err, request.body);
      // A published version's part is not re-rendered as an editable form: the refusal page says why.
      if (state.status === 409 && state.formError === 'framework-admin:errors.notDraft') throw err;
      return partPage(request, reply, framework, kind, state, state.status, id);
    }
    return done(reply, `/admin/frameworks/${framework.slug}#section-${kind}`, 'framework-admin:flash.saved');
  });

  app.post('/admin/frameworks/:slug/:kind/:id/move', hide, async (request, reply) => {
    const framework = await frameworkOf(request);
    const { kind, id } = PartParams.parse(request.params);
    const { direction } = MoveInput.parse(formInput(request.body));
    await editing.movePart(db, actorFromRequest(request), framework, kind, id, direction);
    return reply.redirect(`/admin/frameworks/${framework.slug}#section-${kind}`, 303);
  });

  app.get('/admin/frameworks/:slug/:kind/:id/delete', hide, async (request, reply) => {
    const framework = await frameworkOf(request);
    const { kind, id } = PartParams.parse(request.params);
    const { part, version } = await editing.findPartOf(db, framework, kind, id);
    if (version.status !== 'draft') throw editing.notDraftError();
    return sendPage(reply, <DeletePartPage ctx={ctx(request, reply)} framework={framework} kind={kind} part={part} />);
  });

  app.post('/admin/frameworks/:slug/:kind/:id/delete', hide, async (request, reply) => {
    const framework = await frameworkOf(request);
    const { kind, id } = PartParams.parse(request.params);
    await editing.deletePart(db, actorFromRequest(request), framework, kind, id);
    return done(reply, `/admin/frameworks/${framework.slug}#section-${kind}`, 'framework-admin:flash.deleted');
  });

  // --- Descriptors: a page per benchmark --------------------------------------------------------
  app.get('/admin/frameworks/:slug/benchmarks/:id/descriptors', hide, async (request, reply) => {
    const framework = await frameworkOf(request);
    const { tree, benchmark } = await editing.getDescriptorView(db, framework, BenchmarkParams.parse(request.params).id);
    return sendPage(reply, <DescriptorsPage ctx={ctx(request, reply)} framework={framework} tree={tree} benchmark={benchmark} state={emptyForm(descriptorValues(tree, benchmark))} />);
  });

  app.post('/admin/frameworks/:slug/benchmarks/:id/descriptors', hide, async (request, reply) => {
    const framework = await frameworkOf(request);
    const { id } = BenchmarkParams.parse(request.params);
    const values = formInput(request.body);
    const page = async (state: FormState, status: number) => {
      const { tree, benchmark } = await editing.getDescriptorView(db, framework, id);
      return sendPage(reply, <DescriptorsPage ctx={ctx(request, reply)} framework={framework} tree={tree} benchmark={benchmark} state={state} />, status);
    };
    const parsed = parseDescriptors(values);
    if (!parsed.ok) return page({ values, errors: parsed.errors }, 400);
    try {
      await editing.saveDescriptors(db, actorFromRequest(request), framework, id, parsed.data);
    } catch (err) {
      const state = failed(err, request.body);
      if (state.status === 409) throw err;
      return page(state, state.status);
    }
    return done(reply, `/admin/frameworks/${framework.slug}#section-benchmarks`, 'framework-admin:flash.saved');
  });

  // --- Publish, revise, discard -----------------------------------------------------------------
  app.post('/admin/frameworks/:slug/publish', hide, async (request, reply) => {
    const framework = await frameworkOf(request);
    const parsed = parseForm(PublishInput, request.body);
    if (!parsed.ok) return sendPage(reply, <PublishProblemsPage ctx={ctx(request, reply)} framework={framework} problems={[]} state={{ values: parsed.values, errors: parsed.errors }} />, 400);
    try {
      await editing.publishDraft(db, actorFromRequest(request), framework, parsed.data.notes);
    } catch (err) {
      if (!(err instanceof editing.DraftIncomplete)) throw err;
      return sendPage(reply, <PublishProblemsPage ctx={ctx(request, reply)} framework={framework} problems={err.problems} state={emptyForm(formInput(request.body))} />, 400);
    }
    return done(reply, `/admin/frameworks/${framework.slug}`, 'framework-admin:flash.published');
  });

  app.post('/admin/frameworks/:slug/revise', hide, async (request, reply) => {
    const framework = await frameworkOf(request);
    await editing.startRevision(db, actorFromRequest(request), framework);
    return done(reply, `/admin/frameworks/${framework.slug}`, 'framework-admin:flash.revisionStarted');
  });

  app.get('/admin/frameworks/:slug/discard', hide, async (request, reply) => {
    const framework = await frameworkOf(request);
    const draft = await editing.requireDraft(db, framework);
    return sendPage(reply, <DiscardDraftPage ctx={ctx(request, reply)} framework={framework} number={draft.number} />);
  });

  app.post('/admin/frameworks/:slug/discard', hide, async (request, reply) => {
    const framework = await frameworkOf(request);
    await editing.discardDraft(db, actorFromRequest(request), framework);
    return done(reply, `/admin/frameworks/${framework.slug}`, 'framework-admin:flash.discarded');
  });
}
