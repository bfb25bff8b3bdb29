import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderDocument } from '../ui/render.ts';
import type { ViewContext } from '../ui/view-context.ts';
import { viewContext } from './view.ts';

const MAX_ENTRIES = 200;
// One store per app (tests run several apps in one process, each with its own BASE_URL).
const caches = new WeakMap<FastifyInstance, Map<string, string>>();

/**
 * Sends a page whose content depends only on its path and language for signed-out visitors (the
 * network's own pages), rendering it once per language and path and serving the stored HTML after
 * that. Anyone signed in, carrying a notice, or sent a page with a form (a CSRF token is personal)
 * gets a fresh render, never a stored one.
 */
export function sendPublicPage(request: FastifyRequest, reply: FastifyReply, page: (ctx: ViewContext) => VNode): FastifyReply {
  let cache = caches.get(request.server);
  if (!cache) caches.set(request.server, (cache = new Map()));
  const cacheable = !request.principal && !request.flash;
  const key = `${request.locale}|${request.url.split('?')[0]}`;
  const stored = cacheable ? cache.get(key) : undefined;
  if (stored !== undefined) return reply.type('text/html; charset=utf-8').send(stored);

  const ctx = viewContext(request, reply);
  let personal = false;
  const html = renderDocument(page({ ...ctx, csrf: () => ((personal = true), ctx.csrf()) }));
  if (cacheable && !personal) {
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(key, html);
  }
  return reply.type('text/html; charset=utf-8').send(html);
}
