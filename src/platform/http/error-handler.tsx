import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AppError, type FieldErrors } from '../errors.ts';
import { isDatabaseBusy } from '../../db/dialect.ts';
import { fieldErrors, messageKey } from '../validation.ts';
import { ErrorPage } from '../ui/error-page.tsx';
import { sendPage } from '../ui/render.ts';
import { viewContext } from './view.ts';

const isApi = (request: FastifyRequest) => request.url.startsWith('/api/');

/**
 * The one place errors become responses: JSON under /api, a page elsewhere. Anything that is not an
 * AppError (or a well-understood framework error) is a fault: logged with the request id, shown as
 * a bare 500 that reveals nothing.
 */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = toAppError(error);
    if (!known) {
      request.log.error({ err: error }, 'unhandled error');
      return respond(request, reply, new AppError(500, 'internal_error', 'errors:internal'));
    }
    if (known.options.report) request.log.error({ err: error }, known.code);
    if (known.status === 503) reply.header('retry-after', '30');
    return respond(request, reply, known);
  });

  app.setNotFoundHandler((request, reply) => respond(request, reply, new AppError(404, 'not_found', 'errors:notFound')));
}

function toAppError(error: FastifyError): AppError | null {
  if (error instanceof AppError) return error;
  if (isDatabaseBusy(error)) return new AppError(503, 'database_busy', 'errors:databaseBusy', { report: true });
  if (error instanceof ZodError) return new AppError(400, 'bad_request', 'errors:badRequest', { fields: fieldErrors(error) });
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields: FieldErrors = {};
    for (const v of error.validation) {
      const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.') || '_body';
      (fields[path] ??= []).push(messageKey({ code: v.keyword, message: v.message ?? '', ...(v.params as object) }));
    }
    return new AppError(400, 'bad_request', 'errors:badRequest', { fields });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(413, 'payload_too_large', 'errors:payloadTooLarge');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(415, 'unsupported_media_type', 'errors:unsupportedMediaType');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError(400, 'malformed_json', 'errors:malformedJson');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError(400, 'bad_request', 'errors:badRequest');
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return new AppError(403, 'csrf_failed', 'errors:csrf');
  }
  if (error.statusCode === 429) return new AppError(429, 'too_many_requests', 'errors:tooManyRequests');
  if (error instanceof SyntaxError && error.statusCode === 400) return new AppError(400, 'malformed_json', 'errors:malformedJson');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return new AppError(error.statusCode, 'bad_request', 'errors:badRequest');
  return null;
}

function respond(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const t = request.t;
  // A page that needs a signed-in person sends them to sign in and back again.
  if (error.status === 401 && request.method === 'GET' && !isApi(request)) {
    return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
  }
  if (isApi(request) || !t) {
    const fields = error.fields
      ? Object.fromEntries(Object.entries(error.fields).map(([k, keys]) => [k, keys.map((key) => (t ? t(key) : key))]))
      : undefined;
    return reply.status(error.status).send({
      error: { code: error.code, message: t ? t(error.messageKey) : error.code, ...(fields && { fields }) },
      requestId: request.id,
    });
  }
  return sendPage(reply, <ErrorPage ctx={viewContext(request, reply)} status={error.status} messageKey={error.messageKey} requestId={String(request.id)} />, error.status);
}
