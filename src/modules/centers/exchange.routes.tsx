import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { authorize } from '../../platform/auth/policy.ts';
import { AppError } from '../../platform/errors.ts';
import { viewContext } from '../../platform/http/view.ts';
import { storageFor } from '../../platform/storage/file-storage.ts';
import { readMultipartForm } from '../../platform/storage/multipart-form.ts';
import { attachmentDisposition, storeCheckedUpload, UploadRejected, type CheckedUpload } from '../../platform/storage/upload-check.ts';
import { emptyForm, type FormState } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { redirectToSignIn } from './center-http.ts';
import { centersPolicy as policy } from './centers.policy.ts';
import { IdParams, PageQuery, ReplyInput, ThreadInput } from './centers.schemas.ts';
import * as exchange from './exchange.service.ts';
import { ExchangeIndexPage, NewThreadPage, ThreadPage } from './views/exchange-pages.tsx';

const hide = { schema: { hide: true } };

/** The directors' exchange: members-only threads with replies and attachments. Outsiders get 404. */
export async function registerExchangeRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;
  const { baseUrl, uploadMaxBytes } = app.deps.config;
  const storage = storageFor(app.deps.config);

  /** A reader of the exchange, or a redirect to sign in (signed out) or 404 (anyone else). */
  function reader(request: FastifyRequest, reply: FastifyReply): boolean {
    if (!request.principal) {
      redirectToSignIn(request, reply);
      return false;
    }
    authorize(request.principal, policy.canReadExchange(request.principal), 'hidden');
    return true;
  }
  const poster = (request: FastifyRequest, reply: FastifyReply): boolean => {
    if (!reader(request, reply)) return false;
    authorize(request.principal, policy.canPostInExchange(request.principal), 'hidden');
    return true;
  };

  /**
   * Reads an upload form: its fields, validated, and its file, stored only if it passes the checks.
   * Whatever fails (the file or the text), nothing stays stored, and the form comes back with why.
   */
  async function readPost<S extends z.ZodType>(request: FastifyRequest, schema: S): Promise<{ ok: true; data: z.output<S>; files: CheckedUpload[] } | { ok: false; state: FormState; uploadError?: string; status: number }> {
    const files: CheckedUpload[] = [];
    let rejected: UploadRejected | undefined;
    const fields = await readMultipartForm(request, async (part) => {
      try {
        files.push(await storeCheckedUpload(storage, part.file, part.filename, { maxBytes: uploadMaxBytes }));
      } catch (err) {
        if (!(err instanceof UploadRejected)) throw err;
        rejected = err;
      }
    });
    const parsed = schema.safeParse(fields);
    if (rejected || !parsed.success) {
      await Promise.all(files.map((f) => storage.delete(f.key)));
      const uploadError = rejected ? request.t(rejected.messageKey, rejected.options.params) : undefined;
      const state: FormState = { values: fields, errors: parsed.success ? {} : fieldErrors(parsed.error), formError: rejected?.messageKey, formErrorParams: rejected?.options.params };
      return { ok: false, state, uploadError, status: rejected?.status ?? 400 };
    }
    return { ok: true, data: parsed.data, files };
  }

  const author = (request: FastifyRequest) => ({ personId: request.principal!.personId!, name: request.principal!.name });

  app.get('/exchange', hide, async (request, reply) => {
    if (!reader(request, reply)) return reply;
    const { page } = PageQuery.parse(request.query);
    const p = request.principal!;
    const muted = policy.canPostInExchange(p) && p.personId !== null ? await exchange.isExchangeMuted(db, p.personId) : null;
    return sendPage(reply, <ExchangeIndexPage ctx={viewContext(request, reply)} result={await exchange.listThreads(db, page)} canPost={policy.canPostInExchange(p)} muted={muted} />);
  });

  app.post('/exchange/notifications', hide, async (request, reply) => {
    if (!poster(request, reply)) return reply;
    const muted = (request.body as Record<string, unknown>)?.muted === 'on';
    await exchange.setExchangeMuted(db, request.principal!.personId!, muted);
    reply.setFlash({ type: 'success', message: muted ? 'centers:flash.muted' : 'centers:flash.unmuted' });
    return reply.redirect('/exchange', 303);
  });

  const newPage = (request: FastifyRequest, reply: FastifyReply, state: FormState, uploadError?: string, status = 200) =>
    sendPage(reply, <NewThreadPage ctx={viewContext(request, reply)} state={state} maxBytes={uploadMaxBytes} uploadError={uploadError} />, status);

  app.get('/exchange/new', hide, async (request, reply) => {
    if (!poster(request, reply)) return reply;
    return newPage(request, reply, emptyForm());
  });

  app.post('/exchange/new', hide, async (request, reply) => {
    if (!poster(request, reply)) return reply;
    const read = await readPost(request, ThreadInput);
    if (!read.ok) return newPage(request, reply, read.state, read.uploadError, read.status);
    const thread = await exchange.createThread(db, actorFromRequest(request), author(request), read.data, read.files, baseUrl);
    reply.setFlash({ type: 'success', message: 'centers:flash.threadPosted' });
    return reply.redirect(`/exchange/${thread.id}`, 303);
  });

  const threadPage = async (request: FastifyRequest, reply: FastifyReply, state: FormState, uploadError?: string, status = 200) => {
    const view = await exchange.getThreadView(db, IdParams.parse(request.params).id);
    return sendPage(reply, <ThreadPage ctx={viewContext(request, reply)} view={view} canPost={policy.canPostInExchange(request.principal)} state={state} maxBytes={uploadMaxBytes} uploadError={uploadError} />, status);
  };

  app.get('/exchange/:id', hide, async (request, reply) => {
    if (!reader(request, reply)) return reply;
    return threadPage(request, reply, emptyForm());
  });

  app.post('/exchange/:id/replies', hide, async (request, reply) => {
    if (!poster(request, reply)) return reply;
    const { id } = IdParams.parse(request.params);
    const read = await readPost(request, ReplyInput);
    if (!read.ok) return threadPage(request, reply, read.state, read.uploadError, read.status);
    try {
      const saved = await exchange.createReply(db, actorFromRequest(request), author(request), id, read.data, read.files, baseUrl);
      reply.setFlash({ type: 'success', message: 'centers:flash.replyPosted' });
      return reply.redirect(`/exchange/${id}#reply-${saved.id}`, 303);
    } catch (err) {
      await Promise.all(read.files.map((f) => storage.delete(f.key)));
      throw err;
    }
  });

  app.get('/exchange/files/:id', hide, async (request, reply) => {
    if (!reader(request, reply)) return reply;
    const file = await exchange.getAttachment(db, IdParams.parse(request.params).id);
    const stream = await storage.get(file.storage_key);
    if (!stream) throw new AppError(404, 'not_found', 'errors:notFound');
    return reply
      .header('content-type', file.content_type)
      .header('content-disposition', attachmentDisposition(file.filename))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('content-length', String(file.size_bytes))
      .send(stream);
  });
}
