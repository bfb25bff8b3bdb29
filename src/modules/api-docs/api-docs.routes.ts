import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { sendPublicPage } from '../../platform/http/public-page-cache.ts';
import { viewContext } from '../../platform/http/view.ts';
import { sendPage } from '../../platform/ui/render.ts';
import { buildApiReference, findSection, type ApiReference, type OpenApiDocument } from './api-reference.ts';
import { apiReferencePage } from './views/api-reference-page.tsx';
import { apiTagNotFoundPage, apiTagPage } from './views/api-tag-page.tsx';

/** Collects the OpenAPI 3.1 document from every route's Zod schemas. Register before the routes. */
export async function registerApiDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Coalition Hub API',
        version: '1',
        description: 'Organisations and people of the network. Authenticate with `Authorization: Bearer <token>`; admins create tokens at /admin/api-tokens.',
      },
      servers: [{ url: app.deps.config.baseUrl }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

/**
 * The readable API reference: an overview at /api/docs (and /api/docs/) and a page per tag at
 * /api/docs/<tag>, server-rendered from the same OpenAPI document, so they pass the accessibility
 * checks and the Content-Security-Policy that every other page meets. Register after every API route.
 */
export async function registerApiDocsUi(app: FastifyInstance): Promise<void> {
  // Routes cannot change once the app is ready, so the document is generated, and the pages'
  // model built from it, once: on the first visit (app.swagger() is only complete after ready()).
  let reference: ApiReference | undefined;
  const referenceOf = () => (reference ??= buildApiReference(app.swagger() as OpenApiDocument));
  const site = { baseUrl: app.deps.config.baseUrl, bodyLimit: app.initialConfig.bodyLimit ?? 1024 * 1024 };
  app.get('/api/docs', { schema: { hide: true } }, (request, reply) => sendPublicPage(request, reply, (ctx) => apiReferencePage(ctx, referenceOf(), site)));
  app.get<{ Params: { tag: string } }>('/api/docs/:tag', { schema: { hide: true } }, (request, reply) => {
    const section = findSection(referenceOf(), request.params.tag);
    // Not an AppError: under /api that would answer JSON, and this 404 is read by people.
    if (!section) return sendPage(reply, apiTagNotFoundPage(viewContext(request, reply), referenceOf()), 404);
    return sendPublicPage(request, reply, (ctx) => apiTagPage(ctx, referenceOf(), section));
  });
}
