import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderDocument } from '../ui/render.ts';
import type { ViewContext } from '../ui/view-context.ts';
import { viewContext } from './view.ts';

// One entry per browser and page (a new version replaces the old). Pages are tens of kilobytes
// (a compressed copy a tenth of that), so the store stays under about 40 MB, outside the capped heap.
const MAX_ENTRIES = 400;
/** Whatever the version misses (a person's or school's name edited elsewhere) shows within this. */
const MAX_AGE_MS = 60_000;
/** The CSRF plugin's cookie (its default name): the secret every form token on a page is made from. */
const CSRF_COOKIE = '_csrf';

interface Stored {
  version: string;
  html: Buffer;
  /** Compressed once when stored: most of a repeat view's cost is otherwise bytes on the wire. */
  gzip: Buffer;
  expiresAt: number;
}

// One store per app (tests run several apps in one process).
const caches = new WeakMap<FastifyInstance, Map<string, Stored>>();

/**
 * Sends a signed-in person's page, keeping the rendered HTML for repeat views of the same data.
 * `version` must change whenever anything the page shows changes (for a self-assessment cycle, its
 * `revision`, which every save raises). The key holds the person, their roles, the language, the
 * path and the browser's CSRF cookie, so a stored page is only sent again to the browser it was
 * rendered for, whose form tokens it carries, with what that person's current roles allow.
 * Authorisation stays with the caller and runs on every request, before this. A page with a
 * one-time notice, or for a browser without a valid CSRF cookie yet (its first page sets one), is
 * rendered and never stored.
 *
 * Why not `sendPublicPage`: that store is for signed-out visitors only, where a page with a form
 * is never stored. Here the forms are the point, so the store is per browser.
 */
export async function sendPrivatePage(request: FastifyRequest, reply: FastifyReply, version: string, page: (ctx: ViewContext) => VNode | Promise<VNode>): Promise<FastifyReply> {
  const p = request.principal;
  const csrf = request.cookies[CSRF_COOKIE];
  const cacheable = p?.kind === 'person' && !request.flash && !!csrf && reply.unsignCookie(csrf).valid;
  reply.type('text/html; charset=utf-8');
  if (!cacheable) return reply.send(renderDocument(await page(viewContext(request, reply))));

  let cache = caches.get(request.server);
  if (!cache) caches.set(request.server, (cache = new Map()));
  const key = `${p.personId}|${p.roles.map((r) => `${r.role}@${r.organisationId}`).join(',')}|${request.locale}|${request.url.split('?')[0]}|${csrf}`;
  const now = Date.now();
  let stored = cache.get(key);
  if (!stored || stored.version !== version || stored.expiresAt <= now) {
    const html = Buffer.from(renderDocument(await page(viewContext(request, reply))), 'utf8');
    stored = { version, html, gzip: gzipSync(html), expiresAt: now + MAX_AGE_MS };
    cache.delete(key);
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(key, stored);
  }
  reply.header('cache-control', 'private, no-store').header('vary', 'accept-encoding');
  if (request.encodings(['gzip', 'identity']) === 'gzip') return reply.header('content-encoding', 'gzip').send(stored.gzip);
  return reply.send(stored.html);
}
